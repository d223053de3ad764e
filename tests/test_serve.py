"""`kg serve`: the SPARQL 1.1 Protocol endpoint, the pages, limits and a clean start/stop.

The server runs as a real `kg serve` process on a free port of 127.0.0.1, started and stopped
inside the tests; its store holds the sample reports (a realistic run) plus hand-made
extractions with known collaborations and a hostile entity name.
"""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.query import Result

from kg.api import KnowledgeGraph, canned_query, canned_query_names, ontology_triples
from kg.model import Collaboration, Entity, Extraction, Report
from kg.rdf.iri import entity_iri
from kg.rdf.mapping import report_graph
from kg.serve.results import NotAcceptable, choose_format
from kg.store import open_store

REPO = Path(__file__).resolve().parents[1]
SAMPLE_DIR = REPO / "data" / "reports"
KGID = "https://w3id.org/kg-innovation/id/"
EVIL = '<script>alert("kg")</script>星火科技有限公司'
EVIDENCE_1 = "兰州大学与甘肃省农业科学院签订合作协议，共同开展旱作农业技术攻关。"
EVIDENCE_2 = "依托高台县科技局建设高台县农业科技园区。"
EVIDENCE_3 = '<b>星火</b>公司与兰州大学共建"联合实验室"。'
HEAVY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"


# -- the test store ---------------------------------------------------------------------------
def handmade_extractions() -> list[Extraction]:
    r1 = Report(doc_id="handmade_gaotai.txt", text="", title="高台县2023年科技工作总结", year=2023, sha256="h1")
    r2 = Report(doc_id="handmade_evil.txt", text="", title="测试报告<i>标题</i>", year=2022, sha256="h2")
    e1 = [
        Entity(name="高台县", type="REGION", code="620724", parents=["张掖市", "甘肃省"]),
        Entity(name="高台县科技局", type="GOVERNMENT", located_in="高台县"),
        Entity(name="兰州大学", type="UNIVERSITY", aliases=["兰大"]),
        Entity(name="甘肃省农业科学院", type="RESEARCH_INSTITUTE"),
        Entity(name="高台县农业科技园区", type="PLATFORM", located_in="高台县"),
    ]
    c1 = [
        Collaboration(a="兰州大学", b="甘肃省农业科学院", kind="COOPERATES", evidence=EVIDENCE_1, trigger="合作"),
        Collaboration(a="高台县科技局", b="高台县农业科技园区", kind="HOSTS", evidence=EVIDENCE_2, trigger="依托"),
    ]
    e2 = [Entity(name=EVIL, type="ENTERPRISE"), Entity(name="兰州大学", type="UNIVERSITY")]
    c2 = [Collaboration(a=EVIL, b="兰州大学", kind="CO_BUILDS", evidence=EVIDENCE_3, trigger="共建")]
    return [
        Extraction(report=r1, entities=e1, collaborations=c1, subject_region="高台县"),
        Extraction(report=r2, entities=e2, collaborations=c2),
    ]


def make_store(folder: Path) -> str:
    """Sample reports through `build`, then hand-made graphs through report_graph + replace_graph."""
    location = str(folder)
    summary = KnowledgeGraph(location).build([SAMPLE_DIR])
    assert not summary.failed
    with open_store(location) as store:
        store.replace_graph(URIRef("https://w3id.org/kg-innovation/ontology"), ontology_triples())
        for ex in handmade_extractions():
            graph, triples = report_graph(ex)
            store.replace_graph(graph, triples)
    return location


# -- a real server process --------------------------------------------------------------------
def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def descendants(pid: int) -> set[int]:
    """All live descendants of ``pid`` (from /proc)."""
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", encoding="utf-8", errors="replace") as fh:
                    stat = fh.read()
            except OSError:
                continue
            fields = stat.rsplit(")", 1)[1].split()
            if fields[0] != "Z":
                parents[int(entry)] = int(fields[1])
    out: set[int] = set()
    frontier = {pid}
    while frontier:
        children = {p for p, pp in parents.items() if pp in frontier}
        out |= children
        frontier = children
    return out


def alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="utf-8", errors="replace") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


class Server:
    """`kg serve` in a subprocess on a free port; ``stop()`` checks nothing is left behind."""

    def __init__(self, store: str, *args: str, host: str = "127.0.0.1") -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "kg", "serve", "--store", store, "--host", host, "--port", str(self.port), "--quiet", *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        deadline = time.monotonic() + 60
        while True:
            if self.proc.poll() is not None:
                raise AssertionError(f"kg serve exited early: {self.proc.stderr.read()}")
            try:
                with urllib.request.urlopen(self.base + "/health", timeout=2) as resp:
                    if resp.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                self.proc.kill()
                raise AssertionError("kg serve did not come up within 60 s")
            time.sleep(0.2)
        self.children = descendants(self.proc.pid)

    def stop(self) -> str:
        children = descendants(self.proc.pid) | self.children
        self.proc.send_signal(signal.SIGTERM)
        try:
            _, err = self.proc.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.communicate()
            raise AssertionError("kg serve did not stop on SIGTERM within 20 s") from None
        deadline = time.monotonic() + 10
        while any(alive(c) for c in children) and time.monotonic() < deadline:
            time.sleep(0.1)
        left = [c for c in children if alive(c)]
        for c in left:
            os.kill(c, signal.SIGKILL)
        assert not left, f"processes left behind by kg serve: {left}"
        return err


def http(url: str, data: bytes | None = None, headers: dict[str, str] | None = None, method: str | None = None) -> tuple[int, dict[str, str], bytes]:
    req = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(req, timeout=60) as resp:
            return resp.status, {k.lower(): v for k, v in resp.headers.items()}, resp.read()
    except urllib.error.HTTPError as exc:
        return exc.code, {k.lower(): v for k, v in exc.headers.items()}, exc.read()


def get_query(base: str, query: str, accept: str | None = None, **params: str) -> tuple[int, dict[str, str], bytes]:
    qs = urllib.parse.urlencode({"query": query, **params})
    return http(f"{base}/sparql?{qs}", headers={"Accept": accept} if accept else {})


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> str:
    return make_store(tmp_path_factory.mktemp("serve") / "store")


@pytest.fixture(scope="module")
def server(store: str):  # type: ignore[no-untyped-def]
    srv = Server(store, "--timeout", "1.5", "--max-rows", "2000", "--workers", "2")
    yield srv
    srv.stop()


def plain(term):  # type: ignore[no-untyped-def]
    """The value `kg query -f json` prints for a term (kg.cli.output.plain)."""
    from kg.cli.output import plain as cli_plain

    return cli_plain(term)


# -- content negotiation (no server) ------------------------------------------------------------
def test_choose_format_follows_accept_and_explicit_names() -> None:
    assert choose_format("select", None).name == "json"
    assert choose_format("select", "text/csv;q=0.5, application/sparql-results+xml").name == "xml"
    assert choose_format("select", "text/html, */*;q=0.1").name == "json"
    assert choose_format("graph", "application/sparql-results+json, text/turtle;q=0.9").name == "turtle"
    assert choose_format("graph", "application/n-triples").name == "ntriples"
    assert choose_format("select", "text/*").name == "csv"
    assert choose_format("ask", None, "xml").name == "xml"
    with pytest.raises(NotAcceptable):
        choose_format("graph", "application/sparql-results+json")
    with pytest.raises(NotAcceptable):
        choose_format("select", None, "turtle")


# -- protocol ---------------------------------------------------------------------------------
def test_sparqlstore_answers_canned_queries_like_kg_query(server: Server, store: str) -> None:
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    names = canned_query_names()
    assert {"collaborations", "reports"} <= set(names)
    remote = SPARQLStore(query_endpoint=server.base + "/sparql")
    try:
        for name in names:
            cli = subprocess.run(
                [sys.executable, "-m", "kg", "query", "--name", name, "--format", "json", "--store", store],
                capture_output=True,
                text=True,
                timeout=120,
            )
            assert cli.returncode == 0, cli.stderr
            expected = json.loads(cli.stdout)
            result = remote.query(canned_query(name))
            variables = [str(v) for v in result.vars]
            got = [{v: plain(row[v]) for v in variables} for row in result]
            key = lambda r: json.dumps(r, sort_keys=True, ensure_ascii=False)  # noqa: E731
            assert sorted(map(key, got)) == sorted(map(key, expected)), name
            if name in ("collaborations", "entities_by_region", "platforms_hosts", "reports"):
                assert got, f"canned query {name} returned no rows from the test store"
    finally:
        remote.close()


def test_collaborations_over_http_include_the_handmade_evidence(server: Server) -> None:
    status, headers, body = get_query(server.base, canned_query("collaborations"), "application/sparql-results+json")
    assert status == 200 and headers["content-type"].startswith("application/sparql-results+json")
    rows = json.loads(body)["results"]["bindings"]
    evidence = {r["evidence"]["value"] for r in rows}
    assert {EVIDENCE_1, EVIDENCE_2, EVIDENCE_3} <= evidence
    hosts = [r for r in rows if r["kind"]["value"] == "HOSTS" and r["evidence"]["value"] == EVIDENCE_2]
    assert hosts and hosts[0]["a"]["value"] == "高台县科技局" and hosts[0]["a"]["xml:lang"] == "zh"



def test_order_by_over_http_is_sparqls_order(server: Server) -> None:
    """The endpoint sorts a final ORDER BY in Python (kg.store.ordering) in SPARQL's order: years as
    numbers, descending, a report without a year last; ties by label, by code point."""
    q = (
        "PREFIX kgo: <https://w3id.org/kg-innovation/ontology#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
        "SELECT ?label ?year WHERE { ?e a kgo:Report ; rdfs:label ?label OPTIONAL { ?e kgo:year ?year } } "
        "ORDER BY DESC(?year) ?label"
    )
    status, _headers, body = get_query(server.base, q, "application/sparql-results+json")
    assert status == 200
    rows = [(int(r["year"]["value"]) if "year" in r else None, r["label"]["value"]) for r in json.loads(body)["results"]["bindings"]]
    assert len(rows) >= 7 and any(y is None for y, _ in rows) and len({y for y, _ in rows if y}) >= 2
    with_year = [(y, label) for y, label in rows if y is not None]
    assert rows[: len(with_year)] == sorted(with_year, key=lambda r: (-r[0], r[1]))
    assert all(y is None for y, _ in rows[len(with_year) :])

SELECT_Q = (
    'PREFIX kgo: <https://w3id.org/kg-innovation/ontology#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> '
    'SELECT ?e ?label ?year WHERE { ?e a kgo:Report ; rdfs:label ?label OPTIONAL { ?e kgo:year ?year } } ORDER BY ?e'
)


@pytest.mark.parametrize(
    "accept,fmt,media",
    [
        ("application/sparql-results+json", "json", "application/sparql-results+json"),
        ("application/sparql-results+xml", "xml", "application/sparql-results+xml"),
        ("text/csv", "csv", "text/csv"),
        ("text/tab-separated-values", "tsv", "text/tab-separated-values"),
    ],
)
def test_select_result_formats_parse(server: Server, accept: str, fmt: str, media: str) -> None:
    status, headers, body = get_query(server.base, SELECT_Q, accept)
    assert status == 200, body
    assert headers["content-type"].startswith(media)
    result = Result.parse(io.BytesIO(body), format=fmt)
    rows = list(result)
    labels = {str(r[1]) for r in rows}
    assert "高台县2023年科技工作总结" in labels and "测试报告<i>标题</i>" in labels
    assert len(rows) >= 7  # five sample reports and two hand-made ones
    if fmt == "csv":
        header = next(csv.reader(io.StringIO(body.decode("utf-8"))))
        assert header == ["e", "label", "year"]
    # the same result through ?format= and through a POST with application/sparql-query
    status2, _, body2 = get_query(server.base, SELECT_Q, None, format=fmt)
    status3, _, body3 = http(server.base + "/sparql", SELECT_Q.encode(), {"Content-Type": "application/sparql-query", "Accept": accept})
    assert status2 == status3 == 200 and body2 == body == body3


@pytest.mark.parametrize("accept,fmt", [("text/turtle", "turtle"), ("application/n-triples", "nt"), ("application/rdf+xml", "xml")])
def test_construct_formats_parse(server: Server, accept: str, fmt: str) -> None:
    q = "PREFIX kgo: <https://w3id.org/kg-innovation/ontology#> CONSTRUCT { ?c ?p ?o } WHERE { ?c a kgo:Collaboration ; ?p ?o }"
    data = urllib.parse.urlencode({"query": q}).encode()
    status, headers, body = http(server.base + "/sparql", data, {"Content-Type": "application/x-www-form-urlencoded", "Accept": accept})
    assert status == 200, body
    assert headers["content-type"].startswith(accept)
    g = Graph().parse(data=body, format=fmt)
    assert Literal(EVIDENCE_3) in set(g.objects())
    assert len(g) >= 3 * 8


def test_ask_and_describe(server: Server) -> None:
    status, _, body = get_query(server.base, "ASK { ?s ?p ?o }", "application/sparql-results+xml")
    assert status == 200 and Result.parse(io.BytesIO(body), format="xml").askAnswer is True
    status, _, body = get_query(server.base, 'ASK { ?s ?p "no such value anywhere" }')
    assert status == 200 and json.loads(body) == {"head": {}, "boolean": False}
    iri = entity_iri("UNIVERSITY", "兰州大学")
    status, headers, body = get_query(server.base, f"DESCRIBE <{iri}>", "text/turtle")
    assert status == 200 and headers["content-type"].startswith("text/turtle")
    assert (iri, None, None) in Graph().parse(data=body, format="turtle")


def test_updates_are_refused_with_403_and_change_nothing(server: Server, store: str) -> None:
    before = len(KnowledgeGraph(store).query("SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }").rows)
    update = 'INSERT DATA { <urn:x> <urn:y> "z" }'
    attempts = [
        http(server.base + "/sparql", update.encode(), {"Content-Type": "application/sparql-update"}),
        http(server.base + "/sparql", urllib.parse.urlencode({"update": update}).encode(), {"Content-Type": "application/x-www-form-urlencoded"}),
        http(server.base + "/sparql", update.encode(), {"Content-Type": "application/sparql-query"}),
        get_query(server.base, update),
        get_query(server.base, "DROP ALL"),
    ]
    for status, _, body in attempts:
        assert status == 403, body
        assert b"read-only" in body
    after = len(KnowledgeGraph(store).query("SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }").rows)
    assert after == before
    # no other route takes a body
    for path in ("/", "/graph", "/id/university/x", "/api/search"):
        assert http(server.base + path, b"x=1", {"Content-Type": "application/x-www-form-urlencoded"})[0] == 405


def test_malformed_queries_get_400_with_the_parser_message(server: Server) -> None:
    status, _, body = get_query(server.base, "SELEC ?s WHERE { ?s ?p ?o }")
    assert status == 400
    text = body.decode()
    assert text.startswith("SPARQL syntax error:") and "1:" in text
    assert get_query(server.base, "")[0] == 400
    assert http(server.base + "/sparql", b"{}", {"Content-Type": "application/json"}, method="POST")[0] == 415
    assert get_query(server.base, SELECT_Q, None, format="turtle")[0] == 406


def test_entity_page_shows_facts_collaborations_evidence_and_escapes(server: Server) -> None:
    iri = str(entity_iri("ENTERPRISE", EVIL))
    status, headers, body = http(server.base + "/id/" + iri[len(KGID):], headers={"Accept": "text/html"})
    assert status == 200 and headers["content-type"].startswith("text/html")
    html = body.decode()
    assert "<script>alert" not in html and "&lt;script&gt;alert(&#34;kg&#34;)&lt;/script&gt;星火科技有限公司" in html
    assert "&lt;b&gt;星火&lt;/b&gt;" in html  # the evidence sentence, escaped
    assert "兰州大学" in html and "handmade_evil.txt" in html and "测试报告&lt;i&gt;标题&lt;/i&gt;" in html
    assert "script-src 'self'" in headers["content-security-policy"]

    uni = str(entity_iri("UNIVERSITY", "兰州大学"))
    status, _, body = http(server.base + "/id/" + uni[len(KGID):])
    html = body.decode()
    assert status == 200 and EVIDENCE_1 in html and "甘肃省农业科学院" in html and "兰大" in html
    host = str(entity_iri("GOVERNMENT", "高台县科技局"))
    html = http(server.base + "/id/" + host[len(KGID):])[2].decode()
    assert "hosts" in html and EVIDENCE_2 in html and "高台县农业科技园区" in html


def test_entity_turtle_by_accept_header(server: Server) -> None:
    iri = entity_iri("UNIVERSITY", "兰州大学")
    status, headers, body = http(server.base + "/id/" + str(iri)[len(KGID):], headers={"Accept": "text/turtle"})
    assert status == 200 and headers["content-type"].startswith("text/turtle")
    g = Graph().parse(data=body, format="turtle")
    assert (iri, URIRef("http://www.w3.org/2000/01/rdf-schema#label"), Literal("兰州大学", lang="zh")) in g
    assert any(p == URIRef("https://w3id.org/kg-innovation/ontology#participant") for _, p, _ in g.triples((None, None, iri)))
    assert http(server.base + "/id/university/0000000000000000dead")[0] == 404
    assert http(server.base + "/id/university/0000000000000000dead", headers={"Accept": "text/turtle"})[0] == 404


def test_graph_api_search_and_neighbourhood(server: Server) -> None:
    hits = json.loads(http(server.base + "/api/search?" + urllib.parse.urlencode({"q": "兰州"}))[2])
    uni = str(entity_iri("UNIVERSITY", "兰州大学"))
    assert any(h["iri"] == uni and h["label"] == "兰州大学" for h in hits)
    # a search text that is SPARQL is a literal, not code
    injected = json.loads(http(server.base + "/api/search?" + urllib.parse.urlencode({"q": '") } UNION { ?e ?p ?o } #'}))[2])
    assert injected == []
    data = json.loads(http(server.base + "/api/neighbourhood?" + urllib.parse.urlencode({"iri": uni}))[2])
    labels = {n["label"] for n in data["nodes"]}
    assert {"兰州大学", "甘肃省农业科学院", EVIL} <= labels
    assert {e["evidence"] for e in data["edges"]} >= {EVIDENCE_1, EVIDENCE_3}
    assert all(e["report"] for e in data["edges"])


def test_pages_and_assets_are_local(server: Server) -> None:
    for path in ("/", "/graph"):
        status, _, body = http(server.base + path)
        html = body.decode()
        assert status == 200
        assert "http://" not in html.replace(server.base, "") and "https://" not in html or "w3id.org" in html
        for ref in ("src=\"http", "href=\"http", "src=\"//", "href=\"//"):
            assert ref not in html
    index = http(server.base + "/")[2].decode()
    for name in canned_query_names():
        assert f'data-name="{name}"' in index
    assert http(server.base + "/vendor/vis/vis-network.min.js")[0] == 200
    assert http(server.base + "/static/query.js")[0] == 200


def test_whole_graph_view_from_kg_viz(server: Server) -> None:
    pytest.importorskip("kg.viz")
    status, headers, body = http(server.base + "/view?" + urllib.parse.urlencode({"focus": "兰州大学"}))
    assert status == 200, body
    page = body.decode()
    for name in ("兰州大学", "甘肃省农业科学院", "星火科技有限公司"):  # as text or in the JSON data (maybe \\u-escaped)
        assert name in page or json.dumps(name)[1:-1] in page, name
    assert "<script>alert" not in page
    csp = headers["content-security-policy"]
    assert "connect-src 'none'" in csp and "default-src 'none'" in csp
    assert http(server.base + "/view?" + urllib.parse.urlencode({"focus": "没有这个实体"}))[0] == 404


# -- limits: timeout and row cap (a server of their own) -------------------------------------
def test_timeout_and_row_cap(store: str) -> None:
    srv = Server(store, "--timeout", "1", "--max-rows", "5", "--workers", "1")
    try:
        started = time.monotonic()
        status, headers, body = get_query(srv.base, HEAVY)
        elapsed = time.monotonic() - started
        assert status == 503 and b"timed out" in body, body
        assert elapsed < 10
        # the killed worker was replaced: the next query is answered
        status, headers, body = get_query(srv.base, "SELECT ?s WHERE { ?s ?p ?o }", "application/sparql-results+json")
        assert status == 200
        assert len(json.loads(body)["results"]["bindings"]) == 5
        assert headers["x-sparql-maxrows"] == "5"
        status, headers, body = get_query(srv.base, "CONSTRUCT WHERE { ?s ?p ?o }", "application/n-triples")
        assert status == 200 and len(Graph().parse(data=body, format="nt")) == 5
        status, headers, body = get_query(srv.base, "SELECT ?s WHERE { ?s a <urn:none> }")
        assert status == 200 and "x-sparql-maxrows" not in headers
    finally:
        srv.stop()


def test_public_host_warns_and_store_rebuild_is_seen_without_restart(tmp_path: Path) -> None:
    location = str(tmp_path / "store")
    with open_store(location) as st:
        graph, triples = report_graph(handmade_extractions()[0])
        st.replace_graph(graph, triples)
    srv = Server(location, "--workers", "1", host="0.0.0.0")
    try:
        count = 'PREFIX kgo: <https://w3id.org/kg-innovation/ontology#> SELECT (COUNT(?r) AS ?n) WHERE { ?r a kgo:Report }'
        assert json.loads(get_query(srv.base, count)[2])["results"]["bindings"][0]["n"]["value"] == "1"
        # a writer can take the store while the server runs; the server sees the new graph
        with open_store(location) as st:
            graph, triples = report_graph(handmade_extractions()[1])
            st.replace_graph(graph, triples)
        assert json.loads(get_query(srv.base, count)[2])["results"]["bindings"][0]["n"]["value"] == "2"
    finally:
        err = srv.stop()
    assert "warning" in err and "0.0.0.0" in err and "visible" in err


def test_serve_refuses_a_missing_store(tmp_path: Path) -> None:
    res = subprocess.run(
        [sys.executable, "-m", "kg", "serve", "--store", str(tmp_path / "nothing"), "--port", str(free_port())],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert res.returncode == 1 and "no store" in res.stderr


def test_service_clause_is_refused(server) -> None:  # noqa: ANN001  (fixture defined above)
    """A federated query would make the server fetch a URL of the caller's choice."""
    import urllib.error
    import urllib.parse
    import urllib.request

    q = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"
    url = f"{server.base}/sparql?" + urllib.parse.urlencode({"query": q})
    try:
        urllib.request.urlopen(url, timeout=10)
        raise AssertionError("SERVICE query was answered")
    except urllib.error.HTTPError as exc:
        assert exc.code == 403
        assert "SERVICE" in exc.read().decode()
    # the word inside a string literal is harmless
    q2 = 'SELECT ?x WHERE { BIND("SERVICE" AS ?x) }'
    with urllib.request.urlopen(f"{server.base}/sparql?" + urllib.parse.urlencode({"query": q2}), timeout=10) as r:
        assert r.status == 200
