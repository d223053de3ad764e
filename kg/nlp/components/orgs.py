"""Organisation-name grammar: names found by their type-bearing suffix (有限公司, 大学, 研究所,
重点实验室, 孵化器, 高新区, 管委会 …) with a left boundary found by ``left_start`` (punctuation,
quantifiers, verbs and prepositions, list conjunctions after a complete name).

Type decisions beyond the suffix table: an 产业(技术)研究院 is a PLATFORM (new-type R&D institution),
a 研究院/研究中心 of an academy (…科学院…) is a RESEARCH_INSTITUTE; a 研究院 otherwise a PLATFORM.
A name whose head (the part before the suffix) is only generic words (省级, 科技, 企业 …) is a
designation, not a name (省级重点实验室); universities, academies and zones may consist of a region
plus the suffix (江苏大学, 广东省科学院, 张掖高新区). Institutes of the academies written with a
bare 所 (中科院地理所) have their own pattern. A short bracketed region after a name belongs to it
(材智汇(丹徒)众创空间 is found with the brackets inside).
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from kg import gazetteers as gz
from kg.nlp.components._base import CJK, NAME_CHAR_RE, add_candidates, automaton, is_generic, left_start, region_hits, region_start_set, text_of

# precompiled patterns of the literal re.<fn>(...) calls below (one compile, no re cache lookups)
_RX_0 = re.compile("产业(?:技术)?研究院$|产业发展研究院$")
_RX_1 = re.compile("科学院|科学研究院|科研院|^中国")
_RX_2 = re.compile("科学院|科学研究院|研究所")
_RX_3 = re.compile("[，。；、,;]")


MAX_HEAD = {"ENTERPRISE": 22, "UNIVERSITY": 22, "RESEARCH_INSTITUTE": 22, "PLATFORM": 26, "GOVERNMENT": 20}
# a suffix directly followed by one of these is not the end of a name
_FOLLOW_BAD = {
    "大学": "生城路堂",
    "学院": "路派士",
    "研究院": "所长",
    "科学院": "士长",
    "工程院": "士长",
    "研究所": "长",
    "医院": "长",
    "集团": "化军",
    "公司": "化制",
    "新区": "域",
    "新城": "区镇",
    "开发区": "域",
    "实验室": "主",
    "创新中心": "主",
    "基地": "建",
    "产业园": "区",
    "科技园": "区",
    "工业园": "区",
}
_ACADEMY_SUB = re.compile(
    f"(?:中国科学院|中科院|中国农业科学院|中国农科院|中国林科院|中国社科院|中国医学科学院)[{CJK}]{{2,10}}?所(?![{CJK}]?长)"
)
_CONJ_IN_NAME = re.compile("[和与及]")
# institutions named by a region and their field alone (某市产业技术研究院, 某市智能制造中试基地)
_REGION_NAMED = {"研究院", "中试基地", "中试平台", "联合研究院"}
_SHORT_BEFORE = re.compile(r"[（(](?:以下)?简称[:：]?[“\"][^”\"（）()，,。]{2,12}[”\"][)）]")
_DESIGNATION_LEAD = re.compile(
    "(?:新区|园区|开发区|高新区|经开区|区内|县内|市内|省内|本地|当地|域内|辖区)?"
    "(?:龙头|骨干|重点|领军|链主|科技型|高新技术|专精特新)?企业"
)
_UNIV_IN = re.compile("大学|学院")
_SUBUNIT_ONLY = {"科学技术处", "科技处", "科研处"}
_DESIGNATION_BEFORE = re.compile("(?:国家级|省级|市级|县级|部级|省部级)")
_DESIGNATION_END = re.compile("(?:国家级|省级|市级|县级|部级|省部级)$")
_ZONE_AFTER = re.compile("新区|园区|新片区|片区|开发区|高新区|经开区")
_LEVEL_BEFORE = re.compile("(?:国家级|省部级|省级|市级|县级|区级|州级)$")
# a stretch before a level word that is a sentence part, not a field (全市省级…, 企业的省级…)
_LEVEL_HEAD_BAD = re.compile("[的了等]|^(?:新增|新建|累计|现有|共有|拥有|全市|全县|全省|全区|其中|以上|此外)")
# names with these suffixes are written after their place (某县某某种植专业合作社); without a
# region in front the words are a generic group (农民专业合作社, 涉农企业和合作社)
_NEEDS_REGION = {"合作社", "专业合作社"}
_BRACKET_REGION = re.compile(r"[（(]([\u4e00-\u9fff]{2,4})[)）]")


@lru_cache(maxsize=1)
def _suffix_ac():
    sfx = sorted(gz.org_suffixes())
    return automaton(sfx), sfx


@lru_cache(maxsize=1)
def _suffix_facts() -> list[tuple[str, str, str, int, str]]:
    """Per suffix (by automaton index): the suffix, its type and class, the longest head before it
    and the characters after it that continue into another word (looked up once, not per hit)."""
    table = gz.org_suffixes()
    out = []
    for suffix in _suffix_ac()[1]:
        typ, cls = table[suffix]
        out.append((suffix, typ, cls, MAX_HEAD.get(typ, 20), _FOLLOW_BAD.get(suffix, "")))
    return out


def is_generic_head(head: str) -> bool:
    return not head or is_generic(head)


def strip_regions(doc: Doc, start: int, end: int) -> int:
    """Offset after the region names (and relative 省/市/县) that open the name at ``start``."""
    return skip_regions(region_start_map(doc), start, end)


def region_start_map(doc: Doc) -> dict[int, int]:
    """start offset -> furthest end of the region-form matches starting there (cached)."""
    hits = doc.user_data.get("kg_region_starts_map")
    if hits is None:
        hits = {}
        for s, e, _f in region_hits(doc):
            hits[s] = max(hits.get(s, s), e)
        doc.user_data["kg_region_starts_map"] = hits
    return hits


def skip_regions(region_ends: dict[int, int], start: int, end: int) -> int:
    """``strip_regions`` with the doc's ``region_start_map`` at hand."""
    pos = start
    while pos < end and pos in region_ends and region_ends[pos] <= end:
        pos = region_ends[pos]
    return pos


def decide_type(name: str, suffix: str, typ: str) -> str:
    if suffix == "研究院":
        if _RX_0.search(name):
            return "PLATFORM"
        if _RX_1.search(name[:-3]) and not (name.startswith("中国") and _UNIV_NAME.search(name, 0, len(name) - 3)):
            return "RESEARCH_INSTITUTE"
        return "PLATFORM"
    if suffix == "研究中心":
        if _RX_2.search(name[:-4]):
            return "RESEARCH_INSTITUTE"
        return "PLATFORM"
    return typ


# a university's name inside a longer name (not 科学院, an academy)
_UNIV_NAME = re.compile("大学|(?<!科)学院")
# what makes a university's 研究院/研究所 a platform of its own rather than one of its units: a place
# (某大学某地研究院), an industry or joint institute
_UNIV_INST_PLATFORM = re.compile("产业|联合|[—－-]|国家|省|市|县")


def university_unit(doc: Doc, text: str, start: int, s: int) -> bool:
    """某大学粉末冶金研究院, 某大学茶叶研究所: a university's own institute named by its field only
    is a unit of the university (ANNOTATION: university sub-units are UNIVERSITY)."""
    um = None
    for um in _UNIV_NAME.finditer(text, start, s):
        pass
    if um is None or s - um.end() < 2 or _UNIV_INST_PLATFORM.search(text, um.end(), s):
        return False
    rstarts = region_start_set(doc)
    return not any(p in rstarts for p in range(um.end(), s))


_COUNT_AFTER = re.compile(r"[\d一二两三四五六七八九十]+[个家所座]")


class OrgGrammar:
    def __init__(self, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        n = len(text)
        known_ends: dict[int, int] = dict(doc.user_data.get("kg_person_ends", {}))  # 导师X与Y公司
        zone_ends: set[int] = set()
        zone_ends_sorted: list[int] = []  # the same, sorted
        rstarts = region_start_set(doc)
        region_map = region_start_map(doc)
        found: list[tuple[int, int, str]] = []
        ac = _suffix_ac()[0]
        facts = _suffix_facts()
        # a known event or programme name followed by a region: the region opens a new name
        # (科技活动周某市经开区)
        named_ends = {
            k[1]
            for k in doc.user_data.get("kg_cand_tuples", {})
            if k[3] == "kg_gazetteer" and k[2] in ("EVENT", "PROGRAM") and k[1] in rstarts
        }
        for si, s, e in ac.find_matches_as_indexes(text):
            suffix, typ, cls, max_head, follow_bad = facts[si]
            if e < n and text[e] in follow_bad:
                continue
            if cls == "zone" and _ZONE_AFTER.match(text, e):
                continue  # 某某科技城新区: the zone's name runs on
            if typ in ("UNIVERSITY", "RESEARCH_INSTITUTE"):
                cls = "zone"
            # a quoted name: the quotes are its boundaries (the closing one is looked at first)
            q = text.rfind("“", max(0, s - 40), s) if e < n and text[e] == "”" else -1
            if q != -1 and "”" not in text[q:s] and not _RX_3.search(text[q:s]):
                start = q + 1
            else:
                start = left_start(doc, s, max_head, known_ends)
            bm = _SHORT_BEFORE.search(text, max(0, start - 24), start) if start > 0 and text[start - 1] in ")）" else None
            if bm is not None and bm.end() == start and not any(k in known_ends for k in range(start + 1, s)):
                # 甲(以下简称“乙”)丙分院: the name runs on across the short-form definition
                st2 = left_start(doc, bm.start(), max_head, known_ends)
                if bm.start() - st2 >= 2:
                    start = st2
            if named_ends:
                for p in range(s - 1, start, -1):
                    if p in named_ends:
                        start = p
                        break
            if typ == "ENTERPRISE":
                dm = _DESIGNATION_LEAD.match(text, start, s)
                if dm and s - dm.end() >= 2:
                    start = dm.end()  # 新区企业某某股份有限公司: a designation before the name
            if s - start >= max_head and start > 0 and NAME_CHAR_RE.match(text[start - 1]):
                # the scan ran out of room: trust only a region that opens a name inside the window
                inner = [p for p in range(start, s) if p in rstarts]
                if not inner:
                    continue
                start = inner[0]
            if cls == "zone" and typ == "PLATFORM":
                # a zone inside a zone: 西咸新区泾河新城 gives two names (the last zone end before
                # s - 1, if it lies after start)
                k = bisect.bisect_left(zone_ends_sorted, s - 1)
                if k and zone_ends_sorted[k - 1] > start:
                    start = zone_ends_sorted[k - 1]
            if typ == "ENTERPRISE" or suffix in ("大学", "分校"):
                # A和B公司, A与B大学: two names (company and university names rarely hold a
                # conjunction; 学院 sub-units do: 智能医学与生物技术学院)
                cm = None
                for cm in _CONJ_IN_NAME.finditer(text, start, s):
                    pass
                if (
                    cm
                    and cm.start() - strip_regions(doc, start, cm.start()) >= 2  # 苏州同和…公司: one name
                    and (s - cm.end()) >= (2 if typ == "ENTERPRISE" else 1)
                ):
                    if not (typ == "UNIVERSITY" and _UNIV_IN.search(text, start, cm.start())):
                        start = cm.end()
            if suffix in _SUBUNIT_ONLY and not _UNIV_IN.search(text, start, s):
                continue  # 科技处 of a university; elsewhere an office of a body
            if suffix.endswith("示范区") and (_DESIGNATION_BEFORE.match(text, start) or _DESIGNATION_END.search(text, max(0, start - 3), start)):
                continue  # 国家级…示范区: a class of zones, not a name
            if typ == "PLATFORM" and cls != "zone" and is_generic_head(text[start:s]):
                # 某某材料省级(企业)重点实验室: the field before a level word names the platform
                lm = _LEVEL_BEFORE.search(text, max(0, start - 3), start)
                if lm is not None:
                    st2 = left_start(doc, lm.start(), max_head, known_ends)
                    h2 = text[strip_regions(doc, st2, lm.start()) : lm.start()]
                    if len(h2) >= 2 and not is_generic_head(h2) and not _LEVEL_HEAD_BAD.search(h2):
                        start = st2
            if typ == "UNIVERSITY" and start < s:
                # 泰国清迈大学: a foreign university's name does not hold its country (the country
                # is a region of its own); 中国 is never a region, so 中国科学技术大学 stays whole
                for cs in range(start, min(s - 2, start + 6)):
                    if cs in rstarts and cs + 2 <= s:
                        u = None
                        for ln in (2, 3, 4):
                            u = gz.regions().lookup(text[cs : cs + ln])
                            if u is not None and u.level == 0 and text[cs : cs + ln] != "中国" and s - (cs + ln) >= 2:
                                start = cs + ln
                                break
                        break
            name = text[start:e]
            if start >= s and cls != "gov":
                # bare suffix: only a zone/university right after a region counts
                continue
            head_start = skip_regions(region_map, start, s)
            head = text[head_start:s]
            has_region = head_start > start
            if suffix in _NEEDS_REGION and not has_region:
                continue
            if has_region and head.startswith("级"):
                continue  # 某省级重点实验室: a level, not a name
            if is_generic_head(head):
                named_by_region = (
                    has_region
                    and typ == "PLATFORM"
                    and suffix in _REGION_NAMED
                    and len(head) >= 4
                    and "级" not in head
                    and text[start] not in "省市县区州"
                )
                if not (cls == "zone" and has_region) and not (cls == "gov" and (has_region or s > start)) and not named_by_region:
                    continue
            if len(name) < 3:
                continue
            if typ == "PLATFORM" and cls != "zone" and _COUNT_AFTER.match(text, e):
                continue  # 建成茶叶科技小院2个: a count makes it a category, not a name
            if suffix == "研究院" or suffix == "研究中心":  # the only suffixes decide_type looks at
                typ = decide_type(name, suffix, typ)
            if suffix in ("研究院", "研究所") and university_unit(doc, text, start, s):
                typ = "UNIVERSITY"
            end = e
            bm = _BRACKET_REGION.match(text, e)
            if bm and gz.regions().lookup(bm.group(1)) is not None:
                end = bm.end()
            found.append((start, end, typ))
            known_ends[e] = start
            if cls == "zone" and typ == "PLATFORM" and e not in zone_ends:
                zone_ends.add(e)
                bisect.insort(zone_ends_sorted, e)
        for m in _ACADEMY_SUB.finditer(text):
            found.append((m.start(), m.end(), "RESEARCH_INSTITUTE"))
        zones = doc.user_data.setdefault("kg_zone_ends", {})
        add_candidates(doc, found, self.name)
        for start, end, typ in found:
            if typ == "PLATFORM" and end in zone_ends:
                zones[end] = start
        return doc


@Language.factory("kg_org_grammar")
def make_org_grammar(nlp: Language, name: str) -> OrgGrammar:
    return OrgGrammar(name)
