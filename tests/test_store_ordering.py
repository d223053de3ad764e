"""A query's final ORDER BY applied in Python (kg.store.ordering) gives Oxigraph's own order."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Literal, URIRef

from kg.store import open_store
from kg.store.ordering import OrderedSolutions, split_order_by

EX = "http://example.org/"
XSD = "http://www.w3.org/2001/XMLSchema#"
W = URIRef(EX + "w")
# SPARQL defines the order within each kind of value; one predicate per kind
KINDS = {
    "number": [Literal(10), Literal(9), Literal(-2), Literal("2.5", datatype=URIRef(XSD + "decimal")), Literal(1.5e0), Literal(0)],
    "string": [Literal("乙"), Literal("甲"), Literal("b"), Literal("B"), Literal(""), Literal("甲乙"), Literal("10"), Literal("9")],
    "lang": [Literal("x", lang="zh"), Literal("x", lang="en"), Literal("a", lang="zh"), Literal("b", lang="en")],
    "date": [Literal("2024-01-02", datatype=URIRef(XSD + "date")), Literal("2023-12-31", datatype=URIRef(XSD + "date")), Literal("2024-01-10", datatype=URIRef(XSD + "date"))],
    "boolean": [Literal(True), Literal(False), Literal(True)],
    "iri": [URIRef(EX + "z"), URIRef(EX + "a"), URIRef(EX + "a/b"), URIRef(EX + "A")],
}


@pytest.fixture()
def store(tmp_path: Path):  # type: ignore[no-untyped-def]
    triples = []
    for kind, values in KINDS.items():
        for i, value in enumerate(values):
            s = URIRef(f"{EX}{kind}/{i:02d}")
            triples.append((s, URIRef(EX + kind), value))
            triples.append((s, W, Literal(i % 2)))  # a second key, with ties
        triples.append((URIRef(f"{EX}{kind}/none"), W, Literal(1)))  # the kind's value unbound here
    with open_store(str(tmp_path / "s")) as st:
        st.replace_graph(URIRef(EX + "g"), triples)
        yield st


def _rows(solutions) -> list[tuple]:  # type: ignore[no-untyped-def]
    return [tuple(None if t is None else str(t) for t in sol) for sol in solutions]


@pytest.mark.parametrize("kind", sorted(KINDS))
@pytest.mark.parametrize("order", ["?v", "DESC(?v)", "?w ?v", "DESC(?w) ?v", "?w DESC(?v)", "ASC(?v) ?s"])
def test_python_order_is_oxigraphs_order(store, kind: str, order: str) -> None:  # type: ignore[no-untyped-def]
    sparql = (
        f"SELECT ?s ?v ?w WHERE {{ ?s <{W}> ?w FILTER(STRSTARTS(STR(?s), '{EX}{kind}/')) "
        f"OPTIONAL {{ ?s <{EX}{kind}> ?v }} }} ORDER BY {order}"
    )
    result = store._execute(sparql, None)
    assert isinstance(result, OrderedSolutions)  # the rewrite applies
    ours = _rows(result)
    engine = _rows(store._run(sparql, None))  # Oxigraph's own ORDER BY: the query as written
    assert sorted(ours, key=repr) == sorted(engine, key=repr) and len(ours) == len(KINDS[kind]) + 1
    # the same order of the sort keys (rows that tie on every key may come in either order)
    keys = [k for k, _desc in split_order_by(sparql)[1]]  # type: ignore[index]
    pos = {"s": 0, "v": 1, "w": 2}
    assert [tuple(r[pos[k]] for k in keys) for r in ours] == [tuple(r[pos[k]] for k in keys) for r in engine]


def test_mixed_values_unbound_then_iris_then_literals_numbers_by_value(store) -> None:  # type: ignore[no-untyped-def]
    union = " UNION ".join(f"{{ ?s <{EX}{kind}> ?v }}" for kind in KINDS)
    rows = store.query(f"SELECT ?s ?v WHERE {{ ?s <{W}> ?w OPTIONAL {{ {union} }} }} ORDER BY ?v").rows
    values = [r["v"] for r in rows]
    ranks = [0 if v is None else 1 if isinstance(v, URIRef) else 2 for v in values]
    assert ranks == sorted(ranks) and ranks.count(0) == len(KINDS)
    numbers = [v.toPython() for v in values if isinstance(v, Literal) and str(v.datatype) in (XSD + "integer", XSD + "decimal", XSD + "double")]
    assert [float(n) for n in numbers] == [-2.0, 0.0, 1.5, 2.5, 9.0, 10.0]


def test_an_order_by_the_rewrite_cannot_apply_runs_in_the_engine(store) -> None:  # type: ignore[no-untyped-def]
    base = f"SELECT ?s WHERE {{ ?s <{W}> ?w }}"
    for sparql in (
        base + " ORDER BY ?w",  # ?w is not projected
        base + " ORDER BY DESC(?s) LIMIT 3",  # LIMIT needs the order inside the engine
        base + " ORDER BY STR(?s)",  # an expression
    ):
        result = store._execute(sparql, None)
        assert not isinstance(result, OrderedSolutions)
        assert _rows(result) == _rows(store._run(sparql, None))
    rows = store.query(base + " ORDER BY DESC(?s) LIMIT 3").rows
    assert [str(r["s"]) for r in rows] == [EX + "string/none", EX + "string/07", EX + "string/06"]


def test_split_order_by() -> None:
    body, keys = split_order_by("SELECT ?a ?b { ?a ?p ?b } GROUP BY ?a ?b\norder by DESC( ?b ) ?a \n")  # type: ignore[misc]
    assert body == "SELECT ?a ?b { ?a ?p ?b } GROUP BY ?a ?b" and keys == [("b", True), ("a", False)]
    assert split_order_by("SELECT * { ?s ?p ?o } ORDER BY ?s # the end") is None
    assert split_order_by("SELECT * { ?s ?p ?o } ORDER BY ?s OFFSET 2") is None
    assert split_order_by("SELECT * { ?s ?p ?o }") is None


def test_a_syntax_error_is_reported_for_the_query_as_written(store) -> None:  # type: ignore[no-untyped-def]
    from kg.store.base import QuerySyntaxError

    with pytest.raises(QuerySyntaxError):
        store.query("SELECT ?s WHERE { ?s ?p } ORDER BY ?s")
