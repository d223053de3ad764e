"""Report-level resolution: mentions → one Entity per real thing, relations → Collaborations.

* Mentions of one thing are grouped by a type-specific key: regions by administrative code (镇江 =
  镇江市), government bodies by their canonical form with relative prefixes tied to the report's
  subject region (省科技厅 in a report on 青海省 = 青海省科学技术厅), abbreviations by their full
  form (中科院 = 中国科学院), programmes, events and policies by a core form without quotes,
  ordinals, cue words and a leading region (“强科技”行动 = 强科技行动 = 强科技), and a quoted
  programme name with the form that wraps it (孵化载体“扩容强体”行动 ⊃ 扩容强体).
* The longest surface form is the entity's ``name``; the others are ``aliases``.
* ``canonical`` is the cross-report identity (full form, region-qualified body); REGION entities
  carry ``code`` and ``parents``; ``located_in`` comes from a region prefix of the name.
* Relation endpoints (mention offsets) are mapped to the final entity names.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections import Counter
from functools import lru_cache

from kg import gazetteers as gz
from kg.model import Collaboration, Entity, Extraction, Report
from kg.nlp.components._base import PRIORITY, is_anonymised
from kg.nlp.components.selector import SHORT_FORM as _SHORT_FORM

Mention = tuple[int, int, str, str]  # start, end, label, component
Relation = tuple[tuple[int, int], tuple[int, int], str, tuple[int, int], str]

_QUOTES = "\"'“”‘’「」『』《》〈〉【】"
_CUE_TAIL = re.compile("(?:行动计划|专项行动|行动方案|系列活动|支持计划|引进计划|培养计划|培育计划|行动|工程|计划|机制|战略|活动)$")
_ORDINAL = re.compile("^(?:第[0-9一二三四五六七八九十百]+届|20[0-9x]{2}年?)")
_BODY_SYNONYMS = (
    ("科学技术厅", "科技厅"),
    ("科学技术局", "科技局"),
    ("发展和改革委员会", "发展改革委"),
    ("发改委", "发展改革委"),
    ("工业和信息化厅", "工信厅"),
    ("工业和信息化局", "工信局"),
    ("人民政府", "政府"),
    ("科学技术协会", "科协"),
    ("管理委员会", "管委会"),
)
_RELATIVE_LEVEL = (("自治区", 1), ("省", 1), ("自治州", 2), ("市", 2), ("州", 2), ("县", 3), ("区", 3))


# an event's own head word at the end of its name (a fair, a conference, a contest)
_EVENT_WORD_END = re.compile("(?:博览会|交易会|洽谈会|洽会|博会|交会|大会|论坛|峰会|大赛|挑战赛|竞赛|展览会|文化节|活动周|对接周)$")
_ORG_LABELS = frozenset({"ENTERPRISE", "UNIVERSITY", "RESEARCH_INSTITUTE", "PLATFORM"})
_DROP = {ord(c): None for c in _QUOTES + " \t\n\r\u3000\xa0"}


_INNER_SHORT = re.compile(r"[（(](?:以下)?简称[:：]?[“\"]?[^”\"（）()，,。]{2,12}[”\"]?[)）]")


def surface(raw: str) -> str:
    """A name as written, without a short-form definition inside it: 甲(以下简称“乙”)丙 → 甲丙."""
    if "简称" not in raw:
        return raw
    return _INNER_SHORT.sub("", raw)


@lru_cache(maxsize=4096)
def norm(name: str) -> str:
    return unicodedata.normalize("NFKC", surface(name)).translate(_DROP)


# long zone suffixes and their usual short forms (张掖高新技术产业开发区 = 张掖高新区)
_ZONE_SHORT = (
    ("国家农业高新技术产业示范区", "农高区"),
    ("农业高新技术产业示范区", "农高区"),
    ("高新技术产业开发区", "高新区"),
    ("高新技术开发区", "高新区"),
    ("经济技术开发区", "经开区"),
)
_ZONE_WORD = re.compile("^(?:新区|高新区|经开区|开发区|农高区)")
_ZONE_ONLY = re.compile("^(?:国家级|国家|省级)?(?:高新区|经开区|开发区|农高区|新区|园区|科技城|科学城)$")


@lru_cache(maxsize=4096)
def _abbr_expanded(name: str) -> str:
    """A leading abbreviation replaced by its full form: 中科院沈阳分院 → 中国科学院沈阳分院."""
    abbr = gz.abbreviations()
    for k in range(min(len(name) - 2, 6), 1, -1):
        full = abbr.get(name[:k])
        if full is not None:
            return full[0] + name[k:]
    return name


@lru_cache(maxsize=4096)
def _region_prefix(name: str) -> tuple[str, gz.RegionUnit | None]:
    """Longest region form that opens ``name`` (and the unit it names)."""
    table = gz.regions()
    for k in range(min(len(name) - 1, 12), 1, -1):
        unit = table.lookup(name[:k])
        if unit is not None:
            return name[:k], unit
    return "", None


def detect_subject_region(report: Report, mentions: list[Mention]) -> str | None:
    """The report's own region: stated by the reader, else the most salient region mention
    (title and opening weigh more; county before city before province on ties)."""
    if report.region:
        return report.region
    table = gz.regions()
    text = report.text
    score: Counter[str] = Counter()
    head = min(len(text), 300)
    nl = text.find("\n", 0, 120)
    title_end = nl if nl > 0 else min(len(text), 60)
    for s, e, label, _c in mentions:
        name = text[s:e]
        unit = None
        if label == "REGION":
            unit = table.lookup(name)
        elif label == "GOVERNMENT":
            _p, unit = _region_prefix(name)
        if unit is None or unit.level == 0:
            continue
        w = 10 if s < title_end else 3 if s < head else 1
        score[unit.code] += w
    if report.title:
        for form, units in ():
            pass
    if not score:
        return None
    best = max(score.items(), key=lambda kv: (kv[1], table.by_code.get(kv[0], gz.RegionUnit("", "", "", 0, "")).level))
    if best[1] < 2:
        return None
    unit = table.by_code.get(best[0])
    return unit.name if unit else None


def _canonical_gov(name: str, subject: gz.RegionUnit | None) -> str:
    return _canonical_gov_cached(name, subject.code if subject is not None else "")


@lru_cache(maxsize=4096)
def _canonical_gov_cached(name: str, subject_code: str) -> str:
    subject = gz.regions().by_code.get(subject_code) if subject_code else None
    body = name
    for long, short in _BODY_SYNONYMS:
        body = body.replace(long, short)
    prefix, unit = _region_prefix(body)
    if unit is not None:
        return unit.name + body[len(prefix) :]
    if subject is None:
        return body
    chain = [subject] + gz.regions().chain(subject.code)
    for rel, level in _RELATIVE_LEVEL:
        if body.startswith(rel):
            for u in chain:
                # a county-level city calls itself 市 (市科技局 of 某某市 under a prefecture)
                if u.level == level or (u is subject and rel == "市" and u.name.endswith("市")):
                    return u.name + body[len(rel) :]
            return body
    # a bare body (科技厅, 教育局): the subject region at the level the body implies
    level = 1 if body.endswith("厅") else 3 if subject.level >= 3 else subject.level
    for u in chain:
        if u.level == level:
            return u.name + body
    return body


@lru_cache(maxsize=4096)
def _core(name: str, label: str) -> str:
    s = norm(name)
    s = _ORDINAL.sub("", s)
    if label == "PLATFORM":
        for long, short in _ZONE_SHORT:
            if s.endswith(long):
                s = s[: -len(long)] + short
                break
    if label in ("POLICY", "PLATFORM"):
        prefix, unit = _region_prefix(s)
        if unit is not None and len(s) > len(prefix) + 2:
            rest = s[len(prefix) :]
            if label == "PLATFORM":
                zm = _ZONE_WORD.match(rest)
                if zm and len(rest) - zm.end() >= 4:
                    rest = rest[zm.end() :]  # 某某新区甲乙研究院 = 甲乙研究院
            if not (label == "PLATFORM" and _ZONE_ONLY.match(rest)):
                s = rest  # 张掖高新区 keeps its region: the region is the name
    if label in ("PROGRAM", "PLATFORM"):
        t = _LEVEL_PREFIX.sub("", s)
        if len(t) >= 4:
            s = t
    if label in ("PROGRAM", "EVENT"):
        t = _CUE_TAIL.sub("", s)
        if len(t) >= 2:
            s = t
    return s


_LEVELS = (
    (re.compile("国家|全国|中国"), "national"),
    (re.compile("省级|^省|省部共建|自治区"), "provincial"),
    (re.compile("市级|^市"), "municipal"),
    (re.compile("县级|^县"), "county"),
)
_LEVEL_PREFIX = re.compile("^(?:国家级|国家|全国|省级|市级|县级)")


@lru_cache(maxsize=4096)
def _level(name: str) -> str | None:
    for rx, level in _LEVELS:
        if rx.search(name):
            return level
    return None


class _UF:
    def __init__(self, n: int) -> None:
        self.p = list(range(n))

    def find(self, i: int) -> int:
        while self.p[i] != i:
            self.p[i] = self.p[self.p[i]]
            i = self.p[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.p[max(ra, rb)] = min(ra, rb)


def resolve_report(report: Report, mentions: list[Mention], relations: list[Relation]) -> Extraction:
    text = report.text
    table = gz.regions()
    abbr = gz.abbreviations()
    mentions = sorted({m for m in mentions if not is_anonymised(text[m[0] : m[1]])})
    subject_name = detect_subject_region(report, mentions)
    subject = table.lookup(subject_name) if subject_name else None

    raw_names = [text[s:e] for s, e, _l, _c in mentions]
    normed = [norm(name) for name in raw_names]
    # one type per surface form: the highest-priority family (then the most frequent label) wins
    by_form: dict[str, dict[str, int]] = {}
    for form, (_s, _e, label, comp) in zip(normed, mentions):
        c = by_form.setdefault(form, {})
        c[label] = c.get(label, 0) + 1 + PRIORITY.get(comp, 0) * 10
    form_type = {f: max(c, key=c.__getitem__) for f, c in by_form.items()}

    n = len(mentions)
    uf = _UF(n)
    keys: dict[tuple[str, str], int] = {}
    labels: list[str] = []
    for i, (name, form) in enumerate(zip(raw_names, normed)):
        label = form_type[form]
        labels.append(label)
        if label == "REGION":
            unit = table.lookup(name)
            key = unit.code if unit else form
        elif label == "GOVERNMENT":
            key = _canonical_gov(form, subject)
        elif label in ("PROGRAM", "EVENT", "POLICY", "PLATFORM"):
            key = _core(name, label)
        elif name in abbr and abbr[name][1] == label:
            key = abbr[name][0]
        elif label in ("RESEARCH_INSTITUTE", "UNIVERSITY"):
            key = _abbr_expanded(form)
        else:
            key = form
        k = (label, key)
        if k in keys:
            uf.union(keys[k], i)
        else:
            keys[k] = i
    # a quoted programme/event name inside the form that wraps it is the same thing
    for i, (s, e, _l, comp) in enumerate(mentions):
        if comp != "kg_quoted" or labels[i] not in ("PROGRAM", "EVENT"):
            continue
        for j in range(max(0, i - 3), min(n, i + 3)):
            s2, e2, _l2, comp2 = mentions[j]
            if j != i and comp2 == "kg_quoted" and labels[j] == labels[i] and s2 <= s and e <= e2 and (e2 - s2) > (e - s):
                if labels[i] == "EVENT" and _EVENT_WORD_END.search(text, s, e):
                    continue  # 某博览会科技成果展: a sub-event of a whole event, not another form of it
                if s - s2 <= 6:
                    uf.union(i, j)

    # a former or full name in brackets right after a name: 甲学院(乙大学丙学院) are one thing
    by_start = {}
    for i, (s, e, _l, _c) in enumerate(mentions):
        by_start.setdefault(s, []).append(i)
    for i, (s, e, _l, _c) in enumerate(mentions):
        if e < len(text) and text[e] in "(（":
            for j in by_start.get(e + 1, []):
                e2 = mentions[j][1]
                if e2 < len(text) and text[e2] in ")）" and labels[j] == labels[i] and labels[i] != "REGION":
                    uf.union(i, j)

    # X(以下简称“Y”): Y is X
    for i, (s, e, _l, _c) in enumerate(mentions):
        m = _SHORT_FORM.match(text, e, e + 20)
        if m:
            for j in by_start.get(m.start(1), []):
                if mentions[j][1] == m.end(1) and (
                    labels[j] == labels[i]
                    or (
                        labels[i] in _ORG_LABELS
                        and labels[j] in _ORG_LABELS
                        and norm(text[mentions[j][0] : mentions[j][1]]) not in abbr
                        and not any(m2[1] == e and m2[0] < s for m2 in mentions[max(0, i - 4) : i])  # the longest name defines
                    )
                ):
                    # the short form is the full name's (某科学院某创新研究院(以下简称“某研究院”): the
                    # short form's own suffix says PLATFORM, the definition says which thing it is)
                    if labels[j] != labels[i]:
                        for k in range(n):
                            if labels[k] == labels[j] and norm(text[mentions[k][0] : mentions[k][1]]) == norm(text[mentions[j][0] : mentions[j][1]]):
                                labels[k] = labels[i]
                                uf.union(i, k)
                    uf.union(i, j)

    _merge_short_company_names(normed, labels, uf)
    _merge_platform_tails(normed, labels, uf)

    groups: dict[int, list[int]] = {}
    for i in range(n):
        groups.setdefault(uf.find(i), []).append(i)

    entities: list[Entity] = []
    span_to_name: dict[tuple[int, int], str] = {}
    for root in sorted(groups):
        idx = groups[root]
        label = labels[idx[0]]
        forms: dict[str, str] = {}  # every distinct surface form (quote variants included)
        for i in idx:
            raw = surface(raw_names[i])
            forms.setdefault(raw, raw)
        order = list(forms)
        if len(order) == 1:  # most entities: one surface form
            name = order[0]
        else:
            name = max(order, key=lambda f: (len(norm(f)), len(f), -order.index(f)))
        aliases = [f for f in order if f != name]
        if len(idx) == 1:
            source = mentions[idx[0]][3]
        else:  # the most frequent proposing component, the first seen on a tie (Counter.most_common)
            comps: dict[str, int] = {}
            for i in idx:
                c = mentions[i][3]
                comps[c] = comps.get(c, 0) + 1
            source = max(comps, key=comps.__getitem__)
        ent = Entity(
            name=name,
            type=label,
            aliases=aliases,
            spans=[(mentions[i][0], mentions[i][1]) for i in idx],
            source=source,
        )
        nname = norm(name)
        if label == "REGION":
            unit = table.lookup(nname)
            if unit is not None:
                ent.code = unit.code if not unit.code.startswith("C") else None
                ent.parents = [u.name for u in table.chain(unit.code)]
                ent.canonical = table.by_code.get(unit.code, unit).name
                ent.level = {0: "national", 1: "provincial", 2: "municipal", 3: "county"}.get(unit.level)
        elif label == "GOVERNMENT":
            ent.canonical = _canonical_gov(nname, subject)
        elif nname in abbr:
            ent.canonical = abbr[nname][0]
        else:
            for a in aliases:
                if norm(a) in abbr:
                    ent.canonical = nname
        if ent.canonical is None:
            ent.canonical = nname
        if label != "REGION":
            prefix, unit = _region_prefix(norm(ent.canonical))
            if unit is not None:
                ent.located_in = table.by_code.get(unit.code, unit).name
            elif label == "GOVERNMENT" and subject is not None:
                ent.located_in = subject.name
            ent.level = _level(nname)
        entities.append(ent)
        for i in idx:
            span_to_name[(mentions[i][0], mentions[i][1])] = name

    collaborations = _collaborations(text, relations, span_to_name)
    return Extraction(
        report=report,
        entities=entities,
        collaborations=collaborations,
        subject_region=subject_name,
    )


_COMPANY_SUFFIX = re.compile("(?:集团股份有限公司|股份有限公司|有限责任公司|集团有限公司|有限公司|集团公司|股份公司|公司|集团)$")


def _merge_short_company_names(normed: list[str], labels: list[str], uf: _UF) -> None:
    """A short company name (北辰乳业) that is the distinctive part of exactly one full company name
    in the report (某省北辰乳业有限公司) is that company. ``normed``: each mention's normalised form."""
    full: dict[str, int] = {}
    short: dict[str, int] = {}
    for i, name in enumerate(normed):
        if labels[i] != "ENTERPRISE":
            continue
        (full if _COMPANY_SUFFIX.search(name) else short).setdefault(name, i)
    if not full or not short:
        return
    for sname, i in short.items():
        if len(sname) < 3:
            continue
        hosts = [j for fname, j in full.items() if sname in fname and fname != sname]
        if len({uf.find(j) for j in hosts}) == 1:
            uf.union(hosts[0], i)


def _merge_platform_tails(normed: list[str], labels: list[str], uf: _UF) -> None:
    """A platform name that is the tail of exactly one longer platform name in the report (某大学—
    某地陶瓷先进材料联合研究院 … 陶瓷先进材料联合研究院; 某科学院玉林产业技术研究院 … 玉林产业技术研究院)
    is that platform written without its host or place. ``normed``: each mention's normalised form.

    The names are sorted by their reversed text, so the names that end with a given one follow it
    in that order (a bisection and a short walk, instead of comparing every pair)."""
    names: dict[str, int] = {}
    for i, name in enumerate(normed):
        if labels[i] == "PLATFORM":
            names.setdefault(name, i)
    if len(names) < 2:
        return
    by_reversed = sorted((name[::-1], i) for name, i in names.items())
    reversed_names = [r for r, _i in by_reversed]
    for short, i in names.items():
        if len(short) < 5:
            continue
        tail = short[::-1]
        longer = []
        for k in range(bisect_left(reversed_names, tail), len(reversed_names)):
            if not reversed_names[k].startswith(tail):
                break
            if len(reversed_names[k]) >= len(short) + 2:
                longer.append(by_reversed[k][1])
        # one group among them (all have one root, so which of them is joined does not matter)
        if len({uf.find(j) for j in longer}) == 1:
            uf.union(longer[0], i)


# When one pair is stated with several kinds, the most specific wins: hosting says more than
# co-building, which says more than cooperating.
_KIND_RANK = {"HOSTS": 0, "CO_BUILDS": 1, "COOPERATES": 2}


def _collaborations(
    text: str, relations: list[Relation], span_to_name: dict[tuple[int, int], str]
) -> list[Collaboration]:
    """One Collaboration per unordered pair of entities (HOSTS keeps its direction)."""
    best: dict[frozenset[str], Collaboration] = {}
    for a, b, kind, sent, trigger in relations:
        na, nb = span_to_name.get(a), span_to_name.get(b)
        if not na or not nb or na == nb:
            continue
        key = frozenset((na, nb))
        current = best.get(key)
        if current is not None and _KIND_RANK.get(current.kind, 9) <= _KIND_RANK.get(kind, 9):
            continue
        best[key] = Collaboration(a=na, b=nb, kind=kind, evidence=text[sent[0] : sent[1]], span=sent, trigger=trigger)
    return list(best.values())
