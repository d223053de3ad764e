"""Short enterprise names without a company suffix (美邦药业, 特变电工, 云控).

* Enumerations that a designation closes: A、B、C等4家高新技术企业 / A、B等龙头企业 /
  A等多家投资机构 — every item is an enterprise name unless it is generic, a region or already a
  name of another kind.
* A distinctive head of 2–4 characters plus an industry word that companies use as a short name
  (药业, 制药, 电工, 机电, 化工, 农科, 实业, 控股, 生物, 装备, 乳业, 重工 …) standing after a boundary.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from kg import gazetteers as gz
from kg.nlp.components._base import CJK, add_candidates, is_generic, left_start, soft_boundary_re, text_of

# precompiled patterns of the literal re.<fn>(...) calls below (one compile, no re cache lookups)
_RX_0 = re.compile("^[万亿千百元]|产业|行业|领域|化$|配件$|材料$|设备$|汽车$|能源$|制造$|服务$|产品$|技术$|项目$")
_RX_1 = re.compile("[0-9xX*某]")


_LIST_END = re.compile(
    f"等(?:[0-9一二三四五六七八九十多数几百]+[家个])?[{CJK}]{{0,8}}?(?:企业|公司|投资机构)"
)
_SEP = re.compile("[、和及与]")
_HARD = re.compile(f"[^{CJK}、]")
# industry words of short names, all of two characters (see the suffix scan in __call__)
_INDUSTRY_WORDS = ("药业", "制药", "电工", "农科", "实业", "控股", "乳业", "重工", "生物", "医药", "食品", "电子", "科技")
assert all(len(w) == 2 for w in _INDUSTRY_WORDS)
_STRONG = re.compile(
    f"([{CJK}]{{2,4}}?)({'|'.join(_INDUSTRY_WORDS)})"
    f"(?![{CJK}]?(?:企业|产业|技术|领域|行业|园|基地|研究|工程|学院|大学|有限|股份|集团|公司|专业|协会|学会|中心|院|所|站))"
)
_STRONG_SUFFIX = re.compile("|".join(_INDUSTRY_WORDS))
_WEAK_SUFFIX = {"食品", "电子", "科技", "生物", "医药"}
_ORG_TAIL = re.compile("(?:公司|集团|大学|学院|研究院|研究所|中心|实验室|局|厅|委|政府|园|区|县|市|省)$")


def _bad_item(item: str) -> bool:
    if not (2 <= len(item) <= 8) or _RX_1.search(item):
        return True
    if is_generic(item) or _ORG_TAIL.search(item):
        return True
    if gz.regions().lookup(item) is not None:
        return True
    if soft_boundary_re().search(item):
        return True
    if _RX_0.search(item):
        return True
    return False


_DESIGNATION = re.compile("(?:高新技术企业|科技型企业|龙头企业|上市公司|企业|公司)")


class EnterpriseShortNames:
    def __init__(self, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        listed: set[tuple[int, int]] = set()
        found: list[tuple[int, int, str]] = []
        for m in _LIST_END.finditer(text):
            end = m.start()
            lo = max(0, end - 80)
            hm = None
            for hm in _HARD.finditer(text, lo, end):
                pass
            start = hm.end() if hm else lo
            seg = text[start:end]
            pos = start
            items = []
            for part in _SEP.split(seg):
                items.append((pos, pos + len(part)))
                pos += len(part) + 1
            if not items:
                continue
            # the first item starts after the last boundary word before it
            s0, e0 = items[0]
            items[0] = (left_start(doc, e0, e0 - s0) if e0 > s0 else s0, e0)
            if len(items) == 1 and items[0][1] - items[0][0] > 6:
                continue
            for s, e in items:
                if not _bad_item(text[s:e]):
                    found.append((s, e, "ENTERPRISE"))
                    listed.add((s, e))
        for sm in _STRONG_SUFFIX.finditer(text):
            if sm.group() in _WEAK_SUFFIX:
                # the name _STRONG would find ends in this same word (its group 2 ends where sm
                # does and every word has two characters), and a weak word is never taken
                continue
            m = None
            for p0 in range(max(0, sm.start() - 4), sm.start() - 1):
                m = _STRONG.match(text, p0, sm.end() + 12)
                if m is not None and m.end(2) == sm.end():
                    break
                m = None
            if m is None:
                continue
            s, e = m.span()
            if m.group(2) in _WEAK_SUFFIX:
                continue
            st = left_start(doc, m.end(1), 4)
            if st != s and not (m.end(1) - st >= 2):
                continue
            s = st
            dm = _DESIGNATION.match(text, s, m.end(1))
            if dm:
                s = dm.end()
            head = text[s : m.end(1)]
            if len(head) < 2 or is_generic(head) or any(w in head for w in ("发展", "现代", "新型", "生物", "高端", "智能", "绿色")):
                continue
            if (s, e) in listed or _bad_item(text[s:e]):
                continue
            found.append((s, e, "ENTERPRISE"))
        add_candidates(doc, found, self.name)
        return doc


@Language.factory("kg_enterprise_names")
def make_enterprise_short_names(nlp: Language, name: str) -> EnterpriseShortNames:
    return EnterpriseShortNames(name)
