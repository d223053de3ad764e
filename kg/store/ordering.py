"""A query's final ORDER BY, applied in Python instead of by Oxigraph.

Why: Oxigraph (0.5) compares solutions by decoding their terms again on every comparison, which
costs more than evaluating the query itself. On the 10,000-report benchmark store the canned
``platforms_hosts`` query takes 10.0 s with its ORDER BY and 3.4 s without it, ``collaborations``
3.4 s and 2.4 s; sorting the same 26,000–39,000 solutions here takes tens of milliseconds.

Only a query whose text *ends* with ``ORDER BY`` over plain variables (``?v``, ``ASC(?v)``,
``DESC(?v)``) is rewritten — no LIMIT or OFFSET after it (those need the order inside the engine),
no expressions — and only when every sorted variable is projected. Anything else runs unchanged.

The order is SPARQL 1.1's (section 15.1): unbound first, then blank nodes, IRIs and literals;
numbers compare as numbers, strings by code point (as Oxigraph does), descending keys reverse all
of that. Solutions that tie on every key keep the engine's order (Python's sort is stable), which
SPARQL leaves unspecified.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any, Callable, Iterator, Sequence

import pyoxigraph as ox

_XSD = "http://www.w3.org/2001/XMLSchema#"
_NUMERIC = {
    _XSD + t
    for t in (
        "integer decimal float double int long short byte nonNegativeInteger positiveInteger "
        "nonPositiveInteger negativeInteger unsignedInt unsignedLong unsignedShort unsignedByte"
    ).split()
}
_STRING = {None, _XSD + "string", "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"}

# "… } [GROUP BY ?x ?y] ORDER BY ?a DESC(?b) ASC( ?c )" at the very end of the query text
_KEY = r"(?:(?:ASC|DESC)\s*\(\s*\?\w+\s*\)|\?\w+)"
_TAIL = re.compile(rf"(\}}(?:\s*GROUP\s+BY(?:\s+\?\w+)+)?)\s*ORDER\s+BY\s+((?:{_KEY}\s*)+)$", re.IGNORECASE)
_KEY_RE = re.compile(r"(ASC|DESC)?\s*\(?\s*\?(\w+)", re.IGNORECASE)


def split_order_by(sparql: str) -> tuple[str, list[tuple[str, bool]]] | None:
    """(the query without its final ORDER BY, [(variable, descending), …]), or None when the
    query does not end with an ORDER BY this module can apply."""
    m = _TAIL.search(sparql.rstrip())
    if m is None:
        return None
    keys = [(name, (word or "").upper() == "DESC") for word, name in _KEY_RE.findall(m.group(2))]
    return sparql[: m.end(1)], keys


def _literal_key(term: ox.Literal) -> tuple:
    dt = term.datatype.value if term.datatype is not None else None
    if term.language:
        return (2, term.value, term.language)
    if dt in _STRING:
        return (2, term.value, "")
    if dt in _NUMERIC:
        try:
            return (0, Decimal(term.value.strip()), term.value)
        except InvalidOperation:  # NaN/INF of a double, or an ill-typed literal
            try:
                return (0, float(term.value), term.value)
            except ValueError:
                pass
    if dt == _XSD + "boolean" and term.value in ("true", "false", "1", "0"):
        return (1, term.value in ("true", "1"), term.value)
    return (3, dt or "", term.value)


def term_key(term: Any) -> tuple:
    """Sort key of one solution value in SPARQL's ascending order."""
    if term is None:
        return (0,)
    if isinstance(term, ox.BlankNode):
        return (1, term.value)
    if isinstance(term, ox.NamedNode):
        return (2, term.value)
    if isinstance(term, ox.Literal):
        return (3, _literal_key(term))
    return (4, str(term))  # quoted triples (RDF-star)


class OrderedSolutions:
    """The solutions of a SELECT, sorted; iterates like ``pyoxigraph.QuerySolutions``."""

    def __init__(self, variables: Sequence[ox.Variable], solutions: list[Any]) -> None:
        self.variables = list(variables)
        self._solutions = solutions

    def __iter__(self) -> Iterator[Any]:
        return iter(self._solutions)

    def __len__(self) -> int:
        return len(self._solutions)


def sort_solutions(result: Any, keys: list[tuple[str, bool]]) -> OrderedSolutions | None:
    """``result`` (QuerySolutions of the query without its ORDER BY) sorted by ``keys``, or None
    if a sorted variable is not projected (the caller then runs the original query)."""
    names = [v.value for v in result.variables]
    if any(name not in names for name, _desc in keys):
        return None
    solutions = list(result)
    for name, desc in reversed(keys):  # stable sorts, last key first
        i = names.index(name)
        solutions.sort(key=lambda sol, i=i: term_key(sol[i]), reverse=desc)
    return OrderedSolutions(result.variables, solutions)


def run_ordered(run: Callable[[str], Any], sparql: str) -> Any:
    """``run(sparql)``, with the query's final ORDER BY applied here where this module can (see the
    module docstring); otherwise, or if the query without it fails, ``run(sparql)`` as written,
    so errors are those of the query the user wrote."""
    split = split_order_by(sparql)
    if split is not None:
        body, keys = split
        try:
            result = run(body)
            if isinstance(result, ox.QuerySolutions):
                ordered = sort_solutions(result, keys)  # evaluates the query (errors surface here)
                if ordered is not None:
                    return ordered
        except Exception:  # noqa: BLE001  (the query as written reports its own error below)
            pass
    return run(sparql)
