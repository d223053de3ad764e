"""The Doc attributes through which the pipeline's components talk to each other.

Candidate entity spans accumulate in ``doc.spans[CANDIDATES]`` (labels are ANNOTATION.md types;
overlaps allowed, since nested names are separate entities); a selector component writes the
chosen mentions to ``doc.spans[ENTITIES]``. Relation components write
``doc._.kg_relations``: tuples ``(span_a, span_b, kind, sentence_span, trigger)``.
``doc._.kg_meta`` carries report-level facts (subject region, year) that components may read.
"""

from __future__ import annotations

from spacy.tokens import Doc

CANDIDATES = "kg_candidates"  # every proposal, overlapping, labelled; kb_id_ = proposing component
ENTITIES = "kg_entities"  # the selected mentions (nested allowed) that become entities


def register_extensions() -> None:
    for name, default in (("kg_relations", None), ("kg_meta", None)):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)


register_extensions()
