"""Baseline candidate finder: organisation names by their suffix (a placeholder grammar).

This first rule family proposes a span wherever a type-bearing suffix (有限公司, 大学, 重点实验室 …)
ends a run of name characters. Boundaries are crude; later components refine them.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, SpanGroup

from kg.nlp.doc_ext import CANDIDATES

_SUFFIXES: dict[str, str] = {
    "有限公司": "ENTERPRISE",
    "集团": "ENTERPRISE",
    "大学": "UNIVERSITY",
    "学院": "UNIVERSITY",
    "研究所": "RESEARCH_INSTITUTE",
    "科学院": "RESEARCH_INSTITUTE",
    "重点实验室": "PLATFORM",
    "工程技术研究中心": "PLATFORM",
    "孵化器": "PLATFORM",
    "众创空间": "PLATFORM",
    "科技局": "GOVERNMENT",
    "科技厅": "GOVERNMENT",
}
_NAME_CHARS = r"[\u4e00-\u9fff（）()]"
_PATTERN = re.compile(
    rf"{_NAME_CHARS}{{2,20}}?(?:{'|'.join(sorted(map(re.escape, _SUFFIXES), key=len, reverse=True))})"
)


class SuffixCandidates:
    def __init__(self, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        group = doc.spans.get(CANDIDATES) or SpanGroup(doc, name=CANDIDATES)
        for m in _PATTERN.finditer(doc.text):
            label = next(t for s, t in _SUFFIXES.items() if m.group().endswith(s))
            span = doc.char_span(m.start(), m.end(), label=label, kb_id=self.name, alignment_mode="expand")
            if span is not None:
                group.append(span)
        doc.spans[CANDIDATES] = group
        return doc


@Language.factory("kg_candidates")
def make_suffix_candidates(nlp: Language, name: str) -> SuffixCandidates:
    return SuffixCandidates(name)
