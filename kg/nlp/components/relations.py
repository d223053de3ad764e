"""Collaboration relations between selected entity mentions (placeholder: finds none yet)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


class RelationFinder:
    def __init__(self, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        doc._.kg_relations = []
        return doc


@Language.factory("kg_relations")
def make_relation_finder(nlp: Language, name: str) -> RelationFinder:
    return RelationFinder(name)
