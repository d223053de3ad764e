"""Government and party bodies: a body name (科技局, 发展改革委, 人民政府, 办公厅 …) after a chain of
region names (重庆市九龙坡区人民政府) or after a relative prefix (省科技厅, 市委, 县政府, 自治区科技厅),
and a few bodies that stand alone (教育厅, 科技厅). Generic groups are not bodies: 各级政府,
地方政府, 市县政府, 科技部门. National bodies (国务院, 科技部 …) come from the gazetteer."""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from kg import gazetteers as gz
from kg.nlp.components._base import CJK, add_candidate, automaton, region_end_index, text_of

_RELATIVE = ("自治区", "自治州", "省", "市", "县", "区", "州", "旗", "盟", "镇", "乡")
_GENERIC_BEFORE = re.compile("(?:各|全|本|该|地方|基层|有关|相关|上级|省市|市县|县区|省市县|市区|乡镇|各级|两级|三级|等)$")
# bodies that may stand without any prefix when they follow a boundary
_BARE_OK = re.compile("(?:厅|局|委)$")
_BARE_LEFT = set("、，,。；;：:（(“《 \n\t和与及由向在经")
_FOLLOW_BAD = set("门员会")


@lru_cache(maxsize=1)
def _body_ac():
    bodies = sorted(set(gz.gov_bodies()) | {"委"})
    return automaton(bodies), bodies


class GovernmentGrammar:
    def __init__(self, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        n = len(text)
        ends = region_end_index(doc)
        last_end = -1
        ac, bodies = _body_ac()
        for bi, s, e in ac.find_matches_as_indexes(text):
            body = bodies[bi]
            if e < n and text[e] in _FOLLOW_BAD and body in ("委", "科协", "政协"):
                continue
            pos = s
            while pos in ends:
                rs = ends[pos]
                if pos - rs == 2 and text[rs] in "和与及":
                    break  # 县政府和县委: 和县 is not the region here
                pos = rs
            has_region = pos < s
            if not has_region:
                for rel in _RELATIVE:
                    if text.startswith(rel, s - len(rel)) and s - len(rel) >= 0:
                        pos = s - len(rel)
                        break
            if pos < s and _GENERIC_BEFORE.search(text[max(0, pos - 3) : pos]):
                continue
            if not has_region and pos < s and pos > 0 and text[pos - 1] in "省市县区州乡镇":
                continue  # 市县政府, 省市科技部门: several levels at once
            if pos == s:
                # no prefix: only some bodies, and only after a boundary
                if body == "委" or body.endswith("政府") or not _BARE_OK.search(body) or len(body) < 3:
                    continue
                if s > 0 and text[s - 1] not in _BARE_LEFT and "\u4e00" <= text[s - 1] <= "\u9fff":
                    continue
            if body == "委" and not has_region and pos == s:
                continue
            # party committee: 委 directly after a prefix, not 委员/委会
            if body == "委" and e < n and text[e] in "员会托屈婉":
                continue
            # a department after a body: 省委办公厅 and 省政府办公厅 are matched as one body
            if pos < last_end:
                continue
            add_candidate(doc, pos, e, "GOVERNMENT", self.name)
            last_end = e
        return doc


@Language.factory("kg_government")
def make_government_grammar(nlp: Language, name: str) -> GovernmentGrammar:
    return GovernmentGrammar(name)
