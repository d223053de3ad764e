"""Store.query_values: the plain-string row path used for bulk reads, same values as query()."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Literal, URIRef

from kg.store import StoreError, open_store
from kg.store.base import QuerySyntaxError, ReadOnlyError, Store

EX = "http://example.org/"
TRIPLES = [
    (URIRef(EX + "a"), URIRef(EX + "name"), Literal("甲公司", lang="zh")),
    (URIRef(EX + "a"), URIRef(EX + "n"), Literal(3)),
    (URIRef(EX + "a"), URIRef(EX + "note"), Literal('quote " tab\t and\nnewline')),
    (URIRef(EX + "b"), URIRef(EX + "name"), Literal("")),
]
Q = f"SELECT ?s ?name ?extra WHERE {{ ?s <{EX}name> ?name OPTIONAL {{ ?s <{EX}n> ?extra }} }} ORDER BY ?s"


@pytest.fixture()
def store(tmp_path: Path):  # type: ignore[no-untyped-def]
    with open_store(str(tmp_path / "s")) as st:
        st.replace_graph(URIRef(EX + "g"), TRIPLES)
        yield st


def test_values_are_the_lexical_forms_in_variable_order(store: Store) -> None:
    variables, rows = store.query_values(Q)
    assert variables == ["s", "name", "extra"]
    # language tag and datatype dropped, the empty literal kept apart from an unbound variable
    assert rows == [(EX + "a", "甲公司", "3"), (EX + "b", "", None)]
    res = store.query(Q)
    assert rows == [tuple(None if r[v] is None else str(r[v]) for v in res.variables) for r in res.rows]
    _, escaped = store.query_values(f"SELECT ?v WHERE {{ ?s <{EX}note> ?v }}")
    assert escaped == [('quote " tab\t and\nnewline',)]


def test_bindings_and_aggregates(store: Store) -> None:
    _, rows = store.query_values(f"SELECT ?s WHERE {{ ?s <{EX}name> ?name }}", {"name": Literal("甲公司", lang="zh")})
    assert rows == [(EX + "a",)]
    # a bound variable the SELECT does not project (the VALUES fallback)
    _, rows = store.query_values(f"SELECT ?n WHERE {{ ?s <{EX}n> ?n }}", {"s": URIRef(EX + "a")})
    assert rows == [("3",)]
    _, rows = store.query_values(f'SELECT (GROUP_CONCAT(STR(?s); separator=" ") AS ?all) WHERE {{ ?s <{EX}name> ?x }}')
    assert sorted(rows[0][0].split(" ")) == [EX + "a", EX + "b"]


def test_refusals_match_query(store: Store) -> None:
    with pytest.raises(StoreError):
        store.query_values("ASK { ?s ?p ?o }")
    with pytest.raises(QuerySyntaxError):
        store.query_values("SELECT WHERE {")
    with pytest.raises(ReadOnlyError):
        store.query_values("DROP ALL")
    assert len(store) == len(TRIPLES)


def test_default_implementation_goes_through_query(store: Store) -> None:
    """A backend that does not override query_values gets the same rows through query()."""
    assert Store.query_values(store, Q) == store.query_values(Q)


def test_query_rows_share_converted_terms(store: Store) -> None:
    """query() converts each distinct pyoxigraph term once per result (the memo), and the rows
    still hold the right rdflib terms."""
    rows = store.query(f"SELECT ?s ?p WHERE {{ ?s ?p ?o }} ORDER BY ?p").rows
    a_rows = [r for r in rows if r["s"] == URIRef(EX + "a")]
    assert len(a_rows) == 3 and all(isinstance(r["s"], URIRef) for r in rows)
    assert a_rows[0]["s"] is a_rows[1]["s"]
    lit = store.query(f"SELECT ?o WHERE {{ <{EX}a> <{EX}name> ?o }}").rows[0]["o"]
    assert lit == Literal("甲公司", lang="zh") and lit.language == "zh"
