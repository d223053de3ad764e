"""Issue 5, query safety: `kg query` is read-only, stops runaway queries, binds text as literals."""

from __future__ import annotations

import json
import subprocess
import time
from pathlib import Path

import pytest

from conftest import run_kg
from kg.store.oxigraph_store import looks_like_update

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"

REAL_UPDATES = [
    "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
    "insert data { graph <urn:g> { <urn:a> <urn:b> 'x' } }",
    "DELETE WHERE { ?s ?p ?o }",
    "PREFIX ex: <urn:ex:>\nDELETE { ?s ?p ?o } INSERT { ?s ?p 'y' } WHERE { ?s ?p ?o }",
    "WITH <urn:g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
    "LOAD <http://example.org/data.ttl>",
    "LOAD SILENT <file:///etc/passwd> INTO GRAPH <urn:g>",
    "CLEAR ALL",
    "clear default",
    "DROP ALL",
    "DROP SILENT GRAPH <https://w3id.org/kg-innovation/ontology>",
    "CREATE GRAPH <urn:g>",
    "COPY DEFAULT TO <urn:g>",
    "MOVE <urn:a> TO <urn:b>",
    "ADD <urn:a> TO <urn:b>",
    # an update hidden after an otherwise valid query
    "SELECT * WHERE { ?s ?p ?o } LIMIT 1 ; DROP ALL",
    "SELECT * WHERE { ?s ?p ?o }\n;\nINSERT DATA { <urn:a> <urn:b> <urn:c> }",
    "# just a comment\nSELECT * WHERE { ?s ?p \"x\" } ; CLEAR ALL",
    "ASK { ?s ?p ?o } DELETE DATA { <urn:a> <urn:b> <urn:c> }",
]

NOT_UPDATES = [
    'SELECT ?s WHERE { ?s ?p "INSERT DATA { <urn:a> <urn:b> <urn:c> }" }',
    "SELECT ?s WHERE { ?s ?p 'DROP ALL' }",
    'SELECT ?s WHERE { ?s ?p """multi\nline CLEAR ALL\nDELETE""" }',
    "SELECT ?s WHERE { ?s <http://example.org/DELETE> ?o }",
    "SELECT ?s WHERE { ?s ?p <urn:x:drop:all> }",
    "# DROP ALL, CLEAR ALL, LOAD <x>\nSELECT ?s WHERE { ?s ?p ?o } LIMIT 1",
    "SELECT ?insert ?delete ?load WHERE { ?insert ?delete ?load } LIMIT 1",
    "SELECT $drop WHERE { $drop ?p ?o } LIMIT 1",
    "PREFIX insert: <urn:i:>\nPREFIX clear: <urn:c:>\nSELECT ?s WHERE { ?s insert:data clear:all }",
    "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\nSELECT ?s WHERE { ?s rdfs:label ?l FILTER(CONTAINS(STR(?l), \"DELETE\")) }",
    "SELECT (\"WITH\" AS ?w) WHERE {}",
]


@pytest.fixture(scope="module")
def store(sample_store: Path):  # type: ignore[no-untyped-def]
    """The sample store; after all tests of this module, its export must be unchanged."""
    before = export(sample_store)
    yield sample_store
    assert export(sample_store) == before, "a query changed the store"


def export(store: Path) -> list[str]:
    return sorted(run_kg("export", "--format", "nquads", store=store).stdout.splitlines())


@pytest.mark.parametrize("sparql", REAL_UPDATES)
def test_updates_refused_by_detector(sparql: str) -> None:
    assert looks_like_update(sparql) is not None


@pytest.mark.parametrize("sparql", NOT_UPDATES)
def test_keywords_in_strings_iris_comments_names_not_refused(sparql: str) -> None:
    assert looks_like_update(sparql) is None


@pytest.mark.parametrize("sparql", [REAL_UPDATES[i] for i in (0, 3, 5, 9, 10, 15, 17)])
def test_kg_query_refuses_updates(store: Path, sparql: str) -> None:
    result = run_kg("query", sparql, store=store)
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith("kg: kg query is read-only: ") and "refused" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr


@pytest.mark.parametrize("sparql", [NOT_UPDATES[i] for i in (0, 2, 3, 5, 6, 8)])
def test_kg_query_runs_queries_with_keywords_inside(store: Path, sparql: str) -> None:
    result = run_kg("query", sparql, "--format", "json", store=store)
    assert result.returncode == 0, result.stderr
    json.loads(result.stdout)


def test_syntax_error_is_one_line(store: Path) -> None:
    result = run_kg("query", "SELECT ?delete WHERE { ?delete ?p ", store=store)
    assert result.returncode == 2
    assert result.stderr.startswith("kg: SPARQL syntax error") and "read-only" not in result.stderr


def test_timeout_stops_runaway_query(store: Path) -> None:
    runaway = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"
    t0 = time.monotonic()
    result = run_kg("query", runaway, "--timeout", "1.5", store=store, timeout=60)
    elapsed = time.monotonic() - t0
    assert result.returncode == 1
    assert result.stderr.strip() == "kg: query stopped after 1.5 s (--timeout); narrow it (LIMIT, fewer joins) or raise --timeout"
    assert elapsed < 15
    # the killed query left no lock behind: the store is immediately usable, even for writing
    assert run_kg("query", COUNT, "--timeout", "30", store=store).returncode == 0


def test_timeout_zero_runs_in_process_and_results_match(store: Path) -> None:
    a = run_kg("query", "--name", "reports", "--format", "json", "--timeout", "0", store=store)
    b = run_kg("query", "--name", "reports", "--format", "json", store=store)
    assert a.returncode == b.returncode == 0, a.stderr + b.stderr
    assert json.loads(a.stdout) == json.loads(b.stdout) and json.loads(a.stdout)


def test_errors_inside_timed_child_keep_their_wording(store: Path, tmp_path: Path) -> None:
    result = run_kg("query", COUNT, store=tmp_path / "none")
    assert result.returncode == 1 and result.stderr.startswith("kg: no store at")


HOSTILE_VALUES = [
    '" } ; DROP ALL ; #',
    "x' } INSERT DATA { <urn:a> <urn:b> <urn:c> } #",
    "> <urn:x> . } #",
    "\\\" \n }",
    "高台县\" . ?s ?p ?o . FILTER(true) #",
]


@pytest.mark.parametrize("value", HOSTILE_VALUES)
def test_bound_text_is_a_literal(store: Path, value: str) -> None:
    sparql = "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\nSELECT ?e ?name WHERE { ?e rdfs:label ?name }"
    result = run_kg("query", sparql, "--bind", f"name={value}", "--format", "json", store=store)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == []  # matched as a literal: no label equals it, nothing injected


def test_bound_label_finds_the_entity(store: Path) -> None:
    listing = run_kg(
        "query",
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\nPREFIX kgo: <https://w3id.org/kg-innovation/ontology#>\n"
        "SELECT ?e ?name WHERE { ?e kgo:entityType ?t ; rdfs:label ?name } ORDER BY ?name LIMIT 1",
        "--format", "json", store=store,
    )
    row = json.loads(listing.stdout)[0]
    sparql = "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\nSELECT ?e ?name WHERE { ?e rdfs:label ?name }"
    result = run_kg("query", sparql, "--bind", f"name={row['name']}", "--format", "json", store=store)
    assert result.returncode == 0, result.stderr
    assert row in json.loads(result.stdout)
