"""Gazetteer ruler: nationally known names (programmes, events, national bodies, academies, large
enterprises), university names and common abbreviations (中科院, 西交大, 北大 …), matched with one
Aho-Corasick automaton (leftmost-longest) plus boundary checks so that short entries do not fire
inside longer words (科技部 in 科技部门, 北大 in 东北大学)."""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from kg import gazetteers as gz
from kg.nlp.components._base import CJK, add_candidates, automaton, region_start_set, text_of

_CJK_RE = re.compile(f"[{CJK}]")
_MINISTRY_UNIT = re.compile(f"[{CJK}]{{2,6}}?(?:中心|司|办公室)")
_NOT_UNIT = re.compile("研究|实验|工程|技术|创新|重点|孵化|检测|示范")
_BRACKET = re.compile(r"[（(]([\u4e00-\u9fff]{2,4})[)）]")
# a short entry followed by one of these continues into an ordinary word
_RIGHT_BAD = {"部": "门长署", "院": "校所士长", "贷": "款", "委": "员", "学": "生"}  # 江苏大学生创业大赛
_ORG_TYPES = ("UNIVERSITY", "RESEARCH_INSTITUTE", "ENTERPRISE")
_LEFT_OK = set("、，,。；;：:（(“”《》 \n\t和与及在赴到至从对向为于是等同跟由被把将省市县区州")


@lru_cache(maxsize=1)
def _table() -> tuple[object, list[str], list[str]]:
    entries: dict[str, str] = {}
    for name in gz.universities():
        entries[name] = "UNIVERSITY"
    for abbr, (_full, typ) in gz.abbreviations().items():
        entries.setdefault(abbr, typ)
    for name, typ in gz.named_things().items():
        entries[name] = typ
    names = sorted(entries)
    return automaton(names), names, [entries[n] for n in names]


@lru_cache(maxsize=1)
def _ENTRIES_TYPE() -> dict[str, str]:  # noqa: N802
    _ac, names, types = _table()
    return dict(zip(names, types))


@lru_cache(maxsize=1)
def _inner_prefixes() -> list[tuple[tuple[int, str], ...]]:
    """For each entry (by automaton index), the (length, type) of the shorter entries of another
    type that open it — 2 to len-2 characters long (国务院 in 国务院政府特殊津贴); mostly none."""
    _ac, names, types = _table()
    entry_type = _ENTRIES_TYPE()
    out = []
    for name, typ in zip(names, types):
        found = []
        for k in range(2, len(name) - 1):
            t = entry_type.get(name[:k])
            if t is not None and t != typ:
                found.append((k, t))
        out.append(tuple(found))
    return out


class GazetteerRuler:
    def __init__(self, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        ac, names, types = _table()
        inner = _inner_prefixes()
        text = text_of(doc)
        n = len(text)
        found: list[tuple[int, int, str]] = []
        # starts of known organisation names: a list conjunction right before one ends the name
        # before it (甲公司与乙学院: 乙学院 a known university), see kg.nlp.components._base.left_start
        org_starts = doc.user_data.setdefault("kg_gaz_org_starts", set())
        for i, s, e in ac.find_matches_as_indexes(text):
            name = names[i]
            typ = types[i]
            last = name[-1]
            if e < n and last in _RIGHT_BAD and text[e] in _RIGHT_BAD[last]:
                # 中国科学院长春…: the next character opens a region name, not 院长
                if not (len(name) >= 4 and e in region_start_set(doc)):
                    continue
            if len(name) <= 3 and s > 0 and typ in _ORG_TYPES and _CJK_RE.match(text[s - 1]) and text[s - 1] not in _LEFT_OK:
                continue  # short entries must not be the tail of a longer word (东北大学 ⊃ 北大)
            if len(name) == 2 and e < n and _CJK_RE.match(text[e]) and typ == "UNIVERSITY" and text[e] in "学荒":
                continue
            if typ == "GOVERNMENT" and name.endswith("部"):
                sm = _MINISTRY_UNIT.match(text, e)
                if sm and not _NOT_UNIT.search(sm.group()):
                    found.append((s, sm.end(), "GOVERNMENT"))  # 科技部火炬中心
            if typ == "EVENT":
                bm = _BRACKET.match(text, e)
                if bm and gz.regions().lookup(bm.group(1)) is not None:
                    e = bm.end()  # 中国创新挑战赛(镇江)
            found.append((s, e, typ))
            if e - s >= 4 and typ in _ORG_TYPES:
                org_starts.add(s)
            # a known name opening a longer known name of another type (国务院 in 国务院政府特殊津贴)
            for k, t in inner[i]:
                found.append((s, s + k, t))
        add_candidates(doc, found, self.name)
        return doc


@Language.factory("kg_gazetteer")
def make_gazetteer_ruler(nlp: Language, name: str) -> GazetteerRuler:
    return GazetteerRuler(name)
