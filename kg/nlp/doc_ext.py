"""The Doc attributes through which the pipeline's components talk to each other.

Candidate entity spans accumulate in ``doc.spans[CANDIDATES]`` (labels are ANNOTATION.md types;
overlaps allowed, since nested names are separate entities); a selector component writes the
chosen mentions to ``doc.spans[ENTITIES]``. Relation components write
``doc._.kg_relations``: tuples ``(span_a, span_b, kind, sentence_span, trigger)``.
``doc._.kg_meta`` carries report-level facts (subject region, year) that components may read.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

CANDIDATES = "kg_candidates"  # every proposal, overlapping, labelled; kb_id_ = proposing component
ENTITIES = "kg_entities"  # the selected mentions (nested allowed) that become entities


_ENTITY_SPANS = "kg_entity_spans"  # doc.user_data key: (the ENTITIES group, its Spans as a list)


def set_entities(doc: Doc, spans: list[Span]) -> None:
    """Write the chosen mentions to ``doc.spans[ENTITIES]`` and keep the Span objects too.

    A SpanGroup stores bare offsets and makes a new Span on every read (~1 µs each, ~50 per
    report): the relation finder and kg.nlp.extract both read every mention, so they take the
    selector's own Spans from ``entity_spans`` instead."""
    doc.spans[ENTITIES] = spans
    doc.user_data[_ENTITY_SPANS] = (doc.spans[ENTITIES], list(spans))


def entity_spans(doc: Doc) -> list[Span]:
    """The Spans of ``doc.spans[ENTITIES]`` (empty without it), as the selector made them when the
    group is still the one it wrote, unchanged in length (a component that edits the group in
    place should assign a new group, as spaCy's own components do); else read from the group."""
    group = doc.spans.get(ENTITIES)
    if group is None:
        return []
    kept = doc.user_data.get(_ENTITY_SPANS)
    if kept is not None and kept[0] is group and len(kept[1]) == len(group):
        return kept[1]
    return list(group)


def register_extensions() -> None:
    for name, default in (("kg_relations", None), ("kg_meta", None)):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)


register_extensions()
