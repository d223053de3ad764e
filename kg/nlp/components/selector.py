"""Choose which candidate spans become entity mentions (baseline: drop spans inside a longer one
of the same label)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, SpanGroup

from kg.nlp.doc_ext import CANDIDATES, ENTITIES


class EntitySelector:
    def __init__(self, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        cands = sorted(doc.spans.get(CANDIDATES, []), key=lambda s: (s.start_char, -s.end_char))
        chosen = []
        for span in cands:
            if any(c.label_ == span.label_ and c.start_char <= span.start_char and span.end_char <= c.end_char for c in chosen):
                continue
            chosen.append(span)
        doc.spans[ENTITIES] = SpanGroup(doc, name=ENTITIES, spans=chosen)
        return doc


@Language.factory("kg_entity_selector")
def make_entity_selector(nlp: Language, name: str) -> EntitySelector:
    return EntitySelector(name)
