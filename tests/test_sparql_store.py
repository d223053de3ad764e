"""The "sparql" backend against a real Oxigraph server on 127.0.0.1 (skipped when the `oxigraph`
binary from the PyPI package of that name is not installed)."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from rdflib import Literal, URIRef

from conftest import SAMPLE_DIR, run_kg
from kg.api import KnowledgeGraph
from kg.store import open_store
from kg.store.base import ReadOnlyError
from kg.store.sparql_store import SparqlStore, bind_values

OXIGRAPH = shutil.which("oxigraph", path=str(Path(sys.executable).parent)) or shutil.which("oxigraph")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    if OXIGRAPH is None:
        pytest.skip("the oxigraph server binary is not installed (pip install oxigraph)")
    port = _free_port()
    proc = subprocess.Popen(
        [OXIGRAPH, "serve", "--location", str(tmp_path_factory.mktemp("oxsrv")), "--bind", f"127.0.0.1:{port}", "--union-default-graph"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(url + "/query?query=ASK%7B%7D", timeout=1).read()
                break
            except OSError:
                time.sleep(0.1)
        else:
            pytest.fail("oxigraph server did not start")
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_url_routes_to_the_sparql_backend() -> None:
    store = open_store("http://127.0.0.1:9/ds")
    assert isinstance(store, SparqlStore)
    assert store.query_url == "http://127.0.0.1:9/ds/query" and store.update_url == "http://127.0.0.1:9/ds/update"
    assert SparqlStore("https://h/ds/sparql").update_url == "https://h/ds/update"


def test_bindings_become_escaped_terms_never_text() -> None:
    q = 'SELECT ?e WHERE { ?e <http://www.w3.org/2000/01/rdf-schema#label> ?n . FILTER(?n != "{") }'
    bound = bind_values(q, {"n": Literal('x" } ; DROP ALL ; #\n', lang="zh")})
    assert 'VALUES (?n) { ("x\\" } ; DROP ALL ; #\\n"@zh) }' in bound
    assert bound.index("VALUES") > bound.index("WHERE {")
    construct = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
    assert bind_values(construct, {"s": URIRef("http://x/a")}).startswith("CONSTRUCT { ?s ?p ?o } WHERE { VALUES (?s)")


def test_build_query_stats_remove_against_a_server(endpoint: str, tmp_path: Path) -> None:
    reports = tmp_path / "reports"
    reports.mkdir()
    for p in sorted(SAMPLE_DIR.glob("*.txt"))[2:]:
        shutil.copy(p, reports / p.name)
    res = run_kg("build", str(reports), "--store", endpoint)
    assert res.returncode == 0, res.stderr
    g = KnowledgeGraph(endpoint)
    stats = g.stats()
    assert stats["reports"] == 3 and stats["entities"] > 0 and stats["quads"] > 100

    # the server holds what a local build of the same files holds
    local = tmp_path / "local"
    assert run_kg("build", str(reports), store=local).returncode == 0
    remote_lines = {ln for ln in g.export("nquads").decode().splitlines() if "/id/report/" in ln.rsplit(" ", 2)[-2]}
    local_lines = {ln for ln in KnowledgeGraph(str(local)).export("nquads").decode().splitlines() if "/id/report/" in ln.rsplit(" ", 2)[-2]}
    assert remote_lines == local_lines

    # canned query and a bound query through the CLI
    res = run_kg("query", "--name", "reports", "--format", "csv", "--store", endpoint)
    assert res.returncode == 0 and len(res.stdout.strip().splitlines()) == 4
    label = g.rows("PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> SELECT ?n WHERE { ?r a <https://w3id.org/kg-innovation/ontology#Report> ; rdfs:label ?n } LIMIT 1")[0]["n"]
    res = run_kg(
        "query", "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> SELECT ?r WHERE { ?r rdfs:label ?t }",
        "--bind", f"t={label}", "--format", "csv", "--store", endpoint,
    )  # fmt: skip
    assert res.returncode == 0 and "/id/report/" in res.stdout
    hostile = g.query("SELECT ?r WHERE { ?r ?p ?t }", {"t": Literal('" } } ; DROP ALL ; #')})
    assert hostile.rows == [] and KnowledgeGraph(endpoint).stats()["reports"] == 3

    # updates are refused on the query path; a rebuild skips unchanged files; remove drops one graph
    with pytest.raises(ReadOnlyError):
        g.query("DROP ALL")
    again = g.build([reports])
    assert again.count("unchanged") == 3
    doc = sorted(p.name for p in reports.iterdir())[0]
    assert g.remove(doc) and not g.remove(doc)
    assert g.stats()["reports"] == 2

    # hubs, where that command exists
    res = run_kg("hubs", "--store", endpoint)
    if "No such command" not in res.stderr:
        assert res.returncode == 0, res.stderr


def test_graph_reading_through_the_endpoint(endpoint: str) -> None:
    """query_values from the JSON results, and to_networkx's scans and GROUP_CONCATs through a
    server: the same graph as the plain one-query-per-fact reading over the same endpoint."""
    from graph_fixtures import hub_world
    from kg.analysis import to_networkx
    from kg.rdf.mapping import report_graph
    from test_analysis_graph import as_data, reference_graph

    from kg.build import write_regions_graph

    store = open_store(endpoint)
    write_regions_graph(store)
    for ex in hub_world():
        graph, triples = report_graph(ex)
        store.replace_graph(graph, triples)
    q = "SELECT ?e ?t ?x WHERE { ?e <https://w3id.org/kg-innovation/ontology#entityType> ?t OPTIONAL { ?e <http://example.org/none> ?x } }"
    variables, rows = store.query_values(q)
    res = store.query(q)
    assert variables == res.variables == ["e", "t", "x"]
    assert sorted(rows, key=str) == sorted((tuple(None if r[v] is None else str(r[v]) for v in variables) for r in res.rows), key=str)
    assert rows and all(x is None for *_, x in rows)
    g = to_networkx(store)
    assert any(d["label"] == "甘肃农业大学" for _, d in g.nodes(data=True)) and g.number_of_edges() > 0
    assert as_data(g) == as_data(reference_graph(store))
