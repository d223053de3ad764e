"""Conversion between rdflib terms (kg's in-memory model) and pyoxigraph terms (the engine)."""

from __future__ import annotations

from typing import Any, Callable

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node


def to_ox(term: Any) -> Any:
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Node):
        raise TypeError(f"unsupported RDF term {term!r}")
    return ox.Literal(str(term)) if not isinstance(term, (int, float, bool)) else _python_literal(term)


def _python_literal(value: int | float | bool) -> ox.Literal:
    lit = Literal(value)
    return ox.Literal(str(lit), datatype=ox.NamedNode(str(lit.datatype)))


def from_ox(term: Any) -> Any:
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        dt = term.datatype.value if term.datatype else None
        if dt in (None, "http://www.w3.org/2001/XMLSchema#string"):
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(dt))
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    return Literal(str(term))


def memo_from_ox() -> Callable[[Any], Any]:
    """``from_ox`` remembering its answers, for converting one query result: a result repeats the
    same IRIs, types and labels over and over, and building an rdflib term (IRI validation,
    language-tag check, literal casting) costs several times more than a dict lookup. rdflib
    terms are immutable, so sharing one object between rows is safe."""
    memo: dict[Any, Any] = {}

    def convert(term: Any) -> Any:
        if term is None:
            return None
        try:
            return memo[term]
        except KeyError:
            value = memo[term] = from_ox(term)
            return value

    return convert
