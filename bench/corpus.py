"""A large, reproducible corpus of synthetic S&T work reports made from real material.

Two steps:

1. ``python bench/corpus.py --make-templates`` reads the bundled sample reports (data/reports),
   splits them into headings and sentences and swaps the names in each sentence for typed slots
   ({REGION}, {ENTERPRISE}, {UNIVERSITY}, {PLATFORM}, …) using the gazetteers (region names,
   programmes, universities) and the organisation-name suffix grammar. The result is committed as
   ``bench/templates.json`` so the corpus does not change when the extractor changes.
2. ``generate(n, out_dir, seed)`` writes ``n`` reports of about 3,000 characters each: a title and
   source line, then headings and paragraphs drawn from the templates, with the slots filled by
   names drawn from the gazetteers (counties from regions.tsv, programmes and events from
   named_things.tsv, universities.txt, government bodies) or built by the suffix grammar
   (region + 字号 + 科技有限公司 / 重点实验室 / 研究所 …). Organisations are drawn from a fixed pool
   with Zipf-like weights, so some recur across many reports (hubs) as in real data.

Report ``i`` depends only on (seed, i): the 1,000-report corpus is the prefix of the 10,000 one.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GAZ = ROOT / "data" / "gazetteers"
REPORTS = ROOT / "data" / "reports"
TEMPLATES = Path(__file__).resolve().parent / "templates.json"
SEED = 20240601
TARGET_CHARS = 3000

SLOT_TYPES = (
    "REGION", "ENTERPRISE", "UNIVERSITY", "RESEARCH_INSTITUTE", "PLATFORM",
    "PROGRAM", "EVENT", "GOVERNMENT", "PERSON",
)  # fmt: skip
CJK = "\u4e00-\u9fff"


# -- gazetteers -----------------------------------------------------------------------------------
def _lines(name: str) -> list[str]:
    path = GAZ / name
    if not path.is_file():
        return []
    return [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip() and not ln.startswith("#")]


@lru_cache(maxsize=1)
def gazetteers() -> dict[str, list]:
    """What the corpus draws names from; every list falls back to a small built-in one."""
    regions = []  # (code, name, short, level, parent_code)
    for ln in _lines("regions.tsv"):
        f = ln.split("\t")
        if len(f) >= 6 and f[5] == "current" and f[1] and f[0].isdigit():
            regions.append((f[0], f[1], f[2] or f[1], int(f[3] or 0), f[4]))
    if not regions:
        regions = [("620724", "高台县", "高台", 3, "620700"), ("620700", "张掖市", "张掖", 2, "620000"),
                   ("620000", "甘肃省", "甘肃", 1, "")]  # fmt: skip
    named = {"PROGRAM": [], "EVENT": [], "GOVERNMENT": [], "RESEARCH_INSTITUTE": [], "ENTERPRISE": []}
    for ln in _lines("named_things.tsv"):
        f = ln.split("\t")
        if len(f) >= 2 and f[1] in named and len(f[0]) >= 2:
            named[f[1]].append(f[0])
    suffixes: dict[str, list[str]] = {}
    for ln in _lines("suffixes.tsv"):
        f = ln.split("\t")
        if len(f) >= 2:
            suffixes.setdefault(f[1], []).append(f[0])
    defaults = {
        "ENTERPRISE": ["科技有限公司", "股份有限公司", "有限责任公司", "集团有限公司"],
        "UNIVERSITY": ["大学", "学院", "职业技术学院"],
        "RESEARCH_INSTITUTE": ["研究所", "科学研究院", "农业科学院"],
        "PLATFORM": ["重点实验室", "工程技术研究中心", "科技企业孵化器", "众创空间", "院士专家工作站"],
    }
    for k, v in defaults.items():
        suffixes.setdefault(k, v)
    gov = _lines("gov_bodies.txt") or ["科技局", "科学技术局", "发展和改革局", "工业和信息化局"]
    return {
        "regions": regions,
        "counties": [r for r in regions if r[3] == 3 and len(r[1]) >= 3] or regions,
        "by_code": {r[0]: r for r in regions},
        "programs": named["PROGRAM"] or ["科技特派员", "揭榜挂帅", "三区人才"],
        "events": named["EVENT"] or ["科技活动周", "创新创业大赛"],
        "national_bodies": named["GOVERNMENT"],
        "universities": _lines("universities.txt") or ["兰州大学", "西北师范大学", "甘肃农业大学"],
        "suffixes": suffixes,
        "gov": [g.split()[0] for g in gov],
        "surnames": (_lines("surnames.txt") or ["王 李 张 刘 陈"])[0].split(),
    }


# -- templates from the sample reports ------------------------------------------------------------
_SENT_END = re.compile(r"(?<=[。！？；])")
_BOUNDARY = re.compile(
    r"(与|和|及|同|在|由|向|为|对|从|于|是|有|的|了|等|赴|到|经|被|将|把|以|依托|联合|携手|支持|推动|组织|"
    r"获批|建成|建设|建立|打造|组建|筹建|成立|引进|落户|共建|签订|签署|举办|召开|承办|申报|培育|认定|成功|入选|加快|推进|全力)"
)


@lru_cache(maxsize=1)
def _slot_patterns():  # -> (patterns, exact names)
    g = gazetteers()
    pats: list[tuple[re.Pattern, str]] = []
    exact: dict[str, str] = {}
    for name in g["universities"]:
        exact[name] = "UNIVERSITY"
    for name in g["programs"]:
        exact[name] = "PROGRAM"
    for name in g["events"]:
        exact[name] = "EVENT"
    for r in g["regions"]:
        if len(r[1]) >= 3:
            exact.setdefault(r[1], "REGION")
    names = sorted(exact, key=len, reverse=True)
    # exact names first (longest first), then the suffix grammar
    pats.append((re.compile("|".join(re.escape(n) for n in names)), "@exact"))
    suffix_type = [(s, t) for t, ss in g["suffixes"].items() for s in ss if t in SLOT_TYPES]
    suffix_type.sort(key=lambda st: len(st[0]), reverse=True)
    for s, t in suffix_type:
        pats.append((re.compile(rf"[{CJK}]{{2,10}}{re.escape(s)}"), t))
    return pats, exact  # type: ignore[return-value]


def slot_sentence(sentence: str) -> str:
    """Swap the names in one sentence for typed slots."""
    pats, exact = _slot_patterns()
    out = sentence
    # exact names
    out = pats[0][0].sub(lambda m: "{" + exact[m.group(0)] + "}", out)
    for pat, typ in pats[1:]:
        if not pat.search(out):
            continue

        def repl(m: re.Match, typ: str = typ, n_suffix: int = len(pat.pattern) - pat.pattern.index("}") - 1) -> str:
            text = m.group(0)
            # the name starts after the last boundary word before the suffix
            cut = 0
            for b in _BOUNDARY.finditer(text, 0, len(text) - n_suffix):
                cut = b.end()
            head, name = text[:cut], text[cut:]
            if len(name) < 4:
                return text
            return head + "{" + typ + "}"

        out = pat.sub(repl, out)
    return out


def make_templates() -> dict[str, list[str]]:
    headings: list[str] = []
    sentences: list[str] = []
    for path in sorted(REPORTS.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if not line or "xx" in line.lower() or "隐藏" in line or "下载" in line:
                continue
            if len(line) <= 30 and not line.endswith("。"):
                if re.match(r"^[一二三四五六七八九十]+、|^（[一二三四五六七八九十]+）|^这一年", line):
                    headings.append(re.sub(r"^[一二三四五六七八九十]+、|^（[一二三四五六七八九十]+）", "", line))
                continue
            for s in _SENT_END.split(line):
                s = s.strip()
                if 12 <= len(s) <= 220:
                    sentences.append(slot_sentence(s))
    seen: set[str] = set()
    uniq = [s for s in sentences if not (s in seen or seen.add(s))]
    return {
        "headings": sorted(set(headings)),
        "sentences": uniq,
        "source": "data/reports/*.txt (sentence split, names swapped for typed slots by bench/corpus.py)",
    }


@lru_cache(maxsize=1)
def templates() -> dict[str, list[str]]:
    if TEMPLATES.is_file():
        return json.loads(TEMPLATES.read_text(encoding="utf-8"))
    return make_templates()


# -- names ----------------------------------------------------------------------------------------
_ZIHAO = "华宏兴盛恒泰瑞丰鑫源达通远博创新科德信诚金银天地祥和嘉禾绿洲沃土祁连丝路陇原黄河雪峰"
_TRADE = ["生物", "农业", "食品", "电子", "新材料", "智能", "能源", "医药", "机械", "化工", "信息", "种业", "光伏", "数字"]


class Names:
    """A fixed pool of organisations (per seed) drawn with Zipf-like weights."""

    def __init__(self, seed: int, pool: int = 6000) -> None:
        g = gazetteers()
        rng = random.Random(seed)
        self.g = g
        self.pool: dict[str, list[tuple[str, str]]] = {}  # type -> [(name, county code)]
        for typ in ("ENTERPRISE", "PLATFORM", "RESEARCH_INSTITUTE", "UNIVERSITY"):
            items = []
            for _ in range(pool if typ in ("ENTERPRISE", "PLATFORM") else pool // 6):
                county = rng.choice(g["counties"])
                items.append((self._make(rng, typ, county), county[0]))
            self.pool[typ] = list(dict.fromkeys(items))
        self.weights = {t: [1.0 / (i + 1) ** 0.9 for i in range(len(v))] for t, v in self.pool.items()}

    def _make(self, rng: random.Random, typ: str, county: tuple) -> str:
        short = county[2] if len(county[2]) >= 2 else county[1]
        zihao = "".join(rng.sample(_ZIHAO, 2))
        if typ == "ENTERPRISE":
            suf = rng.choice([s for s in self.g["suffixes"]["ENTERPRISE"] if len(s) >= 4] or ["有限公司"])
            return f"{short}{zihao}{rng.choice(_TRADE)}科技{suf}" if "科技" not in suf else f"{short}{zihao}{suf}"
        if typ == "PLATFORM":
            suf = rng.choice([s for s in self.g["suffixes"]["PLATFORM"] if len(s) >= 3])
            return f"{short}{rng.choice(_TRADE)}{suf}" if rng.random() < 0.5 else f"{short}{zihao}{rng.choice(_TRADE)}{suf}"
        if typ == "RESEARCH_INSTITUTE":
            suf = rng.choice(["研究所", "科学研究院", "农业科学院", "技术研究院"])
            return f"{county[1][:-1] if len(county[1]) > 2 else county[1]}{rng.choice(_TRADE)}{suf}"
        if rng.random() < 0.6:
            return rng.choice(self.g["universities"])
        prov = self.g["by_code"].get(county[0][:2] + "0000", county)
        return f"{prov[2]}{rng.choice(_TRADE)}{rng.choice(['职业技术学院', '学院', '大学'])}"

    def pick(self, rng: random.Random, typ: str, region: tuple) -> str:
        g = self.g
        if typ in self.pool:
            return rng.choices(self.pool[typ], weights=self.weights[typ])[0][0]
        if typ == "REGION":
            r = rng.random()
            if r < 0.6:
                return region[1]
            parent = g["by_code"].get(region[4])
            if r < 0.8 and parent:
                return parent[1]
            return rng.choice(g["counties"])[1]
        if typ == "PROGRAM":
            return rng.choice(g["programs"])
        if typ == "EVENT":
            return rng.choice(g["events"])
        if typ == "GOVERNMENT":
            if g["national_bodies"] and rng.random() < 0.15:
                return rng.choice(g["national_bodies"])
            return f"{region[1]}{rng.choice(g['gov'][:12])}"
        if typ == "PERSON":
            return rng.choice(g["surnames"]) + "".join(rng.sample("建国伟华明军海燕丽强平志红文博", 2))
        return rng.choice(g["programs"])


_SLOT = re.compile(r"\{([A-Z_]+)\}")


def report_text(i: int, seed: int = SEED, names: Names | None = None, target: int = TARGET_CHARS) -> tuple[str, str]:
    """(file name, text) of report ``i``."""
    names = names or _names(seed)
    t = templates()
    rng = random.Random(seed * 1_000_003 + i)
    region = rng.choice(names.g["counties"])
    year = 2019 + rng.randrange(7)
    body: list[str] = [
        f"{year}年{region[1]}科技创新工作{rng.choice(['综述', '总结', '要点', '情况汇报'])}",
        f"来源：{region[1]}科技局 发布时间：{year + 1}-0{rng.randrange(1, 10)}-{rng.randrange(10, 29)}",
        "",
    ]
    size = sum(len(x) for x in body)
    numerals = "一二三四五六七八九十"
    slotted = [s for s in t["sentences"] if "{" in s] or t["sentences"]
    section = 0
    while size < target:
        if section < len(numerals) and (section == 0 or rng.random() < 0.3):
            heading = f"{numerals[section]}、{rng.choice(t['headings']) if t['headings'] else '强化科技创新'}"
            body.append(heading)
            size += len(heading)
            section += 1
        # sentences that name things are drawn more often than their share of the sample (~1 in 5)
        para = "".join(
            _SLOT.sub(lambda m: names.pick(rng, m.group(1), region), rng.choice(slotted if rng.random() < 0.6 else t["sentences"]))
            for _ in range(rng.randrange(2, 6))
        )
        body.append(para)
        size += len(para)
    return f"r{i:06d}_{region[0]}.txt", "\n".join(body) + "\n"


@lru_cache(maxsize=4)
def _names(seed: int) -> Names:
    return Names(seed)


def generate(n: int, out_dir: str | Path, seed: int = SEED) -> Path:
    """Write reports 0..n-1 to ``out_dir`` (files already there with the right name are kept)."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    marker = out / ".corpus.json"
    meta = {"n": n, "seed": seed, "templates": len(templates()["sentences"])}
    if marker.is_file() and json.loads(marker.read_text()) == meta:
        return out
    for old in out.glob("*.txt"):
        old.unlink()
    names = _names(seed)
    for i in range(n):
        fname, text = report_text(i, seed, names)
        (out / fname).write_text(text, encoding="utf-8")
    marker.write_text(json.dumps(meta))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--make-templates", action="store_true", help="re-derive bench/templates.json from data/reports")
    ap.add_argument("-n", type=int, default=0, help="write N reports")
    ap.add_argument("--out", default="bench-corpus")
    ap.add_argument("--seed", type=int, default=SEED)
    a = ap.parse_args(argv)
    if a.make_templates:
        tpl = make_templates()
        TEMPLATES.write_text(json.dumps(tpl, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        slotted = sum(1 for s in tpl["sentences"] if "{" in s)
        print(f"{TEMPLATES}: {len(tpl['headings'])} headings, {len(tpl['sentences'])} sentences ({slotted} with slots)")
    if a.n:
        print(generate(a.n, a.out, a.seed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
