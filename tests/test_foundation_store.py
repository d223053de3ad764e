"""Issue 2: the store path — rebuild, remove, canned queries, validation, read-only queries."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import run_kg
from kg.model import Collaboration, Entity, Extraction, Report
from kg.rdf import report_graph
from kg.store import open_store

REPORT_A = (
    "临川市2024年科技工作总结\n"
    "2024年，临川理工大学与赣东新材料科技有限公司签订产学研合作协议，双方将开展联合技术攻关。\n"
)
REPORT_B = (
    "抚河县2024年科技工作要点\n"
    "临川理工大学在抚河县设立科技成果转化基地，服务当地企业。\n"
)


def _hand_made(doc_id: str, with_collab: bool) -> Extraction:
    """Extractions written by hand, so store behaviour is tested independently of the extractor."""
    uni = Entity(name="临川理工大学", type="UNIVERSITY", spans=[(10, 16)])
    ents = [uni]
    collabs = []
    if with_collab:
        ents.append(Entity(name="赣东新材料科技有限公司", type="ENTERPRISE", spans=[(17, 28)]))
        collabs.append(
            Collaboration(a="临川理工大学", b="赣东新材料科技有限公司", kind="COOPERATES", evidence="临川理工大学与赣东新材料科技有限公司签订合作协议。")
        )
    return Extraction(report=Report(doc_id=doc_id, text="", sha256="0" * 64), entities=ents, collaborations=collabs)


def test_remove_keeps_entities_other_reports_mention(tmp_path: Path) -> None:
    with open_store(str(tmp_path / "s")) as store:
        for x in (_hand_made("a.txt", True), _hand_made("b.txt", False)):
            store.replace_graph(*report_graph(x))
        labels = "PREFIX kgo: <https://w3id.org/kg-innovation/ontology#> SELECT ?l WHERE { ?e kgo:entityType ?t ; <http://www.w3.org/2000/01/rdf-schema#label> ?l }"
        assert {str(r["l"]) for r in store.query(labels).rows} == {"临川理工大学", "赣东新材料科技有限公司"}
        collabs = "PREFIX kgo: <https://w3id.org/kg-innovation/ontology#> SELECT ?c WHERE { ?c a kgo:Collaboration }"
        assert len(store.query(collabs).rows) == 1
        from kg.rdf import report_iri

        assert store.remove_graph(report_iri("a.txt"))
        assert store.query(collabs).rows == []
        assert {str(r["l"]) for r in store.query(labels).rows} == {"临川理工大学"}


def test_build_rebuild_remove_through_cli(tmp_path: Path, store_dir: Path) -> None:
    (tmp_path / "in").mkdir()
    a, b = tmp_path / "in" / "a.txt", tmp_path / "in" / "b.txt"
    a.write_text(REPORT_A, encoding="utf-8")
    b.write_text(REPORT_B, encoding="utf-8")
    assert run_kg("build", str(tmp_path / "in"), store=store_dir).returncode == 0
    first = json.loads(run_kg("stats", "--json", store=store_dir).stdout)
    assert first["reports"] == 2
    # rebuilding (forced re-extraction) replaces the graphs: the count does not change
    assert run_kg("build", "--force", str(a), str(b), store=store_dir).returncode == 0
    again = json.loads(run_kg("stats", "--json", store=store_dir).stdout)
    assert again["quads"] == first["quads"]
    # a report that changed on disk is re-extracted without --force
    a.write_text(REPORT_A + "临川理工大学获批建设省级重点实验室。\n", encoding="utf-8")
    out = run_kg("build", str(a), store=store_dir)
    assert "reports loaded" in out.stdout
    # removing a report drops its collaborations; the university mentioned in b stays
    assert first["collaborations"] >= 1, "the extractor should find the agreement in report a"
    assert run_kg("remove", "a.txt", store=store_dir).returncode == 0
    after = json.loads(run_kg("stats", "--json", store=store_dir).stdout)
    assert after["reports"] == 1 and after["collaborations"] == 0
    q = run_kg("query", "--format", "json", "--bind", "l=临川理工大学",
               "SELECT ?e ?l WHERE { ?e <http://www.w3.org/2000/01/rdf-schema#label> ?l }", store=store_dir)
    assert q.returncode == 0, q.stderr
    assert len(json.loads(q.stdout)) == 1
    assert run_kg("remove", "nope.txt", store=store_dir).returncode == 1


def test_canned_collaborations_query_returns_evidence(tmp_path: Path) -> None:
    store_path = tmp_path / "s"
    with open_store(str(store_path)) as store:
        store.replace_graph(*report_graph(_hand_made("a.txt", True)))
        from kg.api import ONTOLOGY_GRAPH, ontology_triples

        store.replace_graph(ONTOLOGY_GRAPH, ontology_triples())
    out = run_kg("query", "--name", "collaborations", "--format", "json", store=store_path)
    assert out.returncode == 0, out.stderr
    rows = json.loads(out.stdout)
    assert rows == [
        {
            "a": "临川理工大学",
            "a_type": "UNIVERSITY",
            "b": "赣东新材料科技有限公司",
            "b_type": "ENTERPRISE",
            "kind": "COOPERATES",
            "evidence": "临川理工大学与赣东新材料科技有限公司签订合作协议。",
            "report": "a.txt",
        }
    ]


def test_sample_store_validates(sample_store: Path) -> None:
    out = run_kg("validate", store=sample_store)
    assert out.returncode == 0, out.stdout + out.stderr
    assert out.stdout.startswith("conforms")


def test_validate_reports_a_broken_graph(tmp_path: Path) -> None:
    x = _hand_made("a.txt", True)
    x.collaborations[0].evidence = ""
    graph, triples = report_graph(x)
    from kg.rdf.namespaces import KGO

    triples = [t for t in triples if t[1] != KGO.evidence]  # a collaboration without evidence
    with open_store(str(tmp_path / "s")) as store:
        store.replace_graph(graph, triples)
    out = run_kg("validate", store=tmp_path / "s")
    assert out.returncode == 1
    assert "does not conform" in out.stderr


def test_malformed_query_is_one_line_exit_2(sample_store: Path) -> None:
    out = run_kg("query", "SELECT ?x WHERE { ?x ?y }", store=sample_store)
    assert out.returncode == 2
    assert out.stderr.count("\n") == 1 and "syntax" in out.stderr.lower()
    assert "Traceback" not in out.stderr


def test_update_is_refused(sample_store: Path) -> None:
    before = json.loads(run_kg("stats", "--json", store=sample_store).stdout)["quads"]
    for update in (
        "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
        "PREFIX x: <urn:x> DELETE WHERE { ?s ?p ?o }",
        "DROP ALL",
    ):
        out = run_kg("query", update, store=sample_store)
        assert out.returncode == 2
        assert "read-only" in out.stderr
    assert json.loads(run_kg("stats", "--json", store=sample_store).stdout)["quads"] == before


def test_export_parses_back(sample_store: Path, tmp_path: Path) -> None:
    from rdflib import Dataset, Graph

    for fmt, parse_as in (("turtle", "turtle"), ("nquads", "nquads"), ("jsonld", "json-ld")):
        out = tmp_path / f"export.{fmt}"
        assert run_kg("export", "--format", fmt, "-o", str(out), store=sample_store).returncode == 0
        g = Dataset() if fmt != "turtle" else Graph()
        g.parse(out, format=parse_as)
        assert len(g) > 0 or sum(1 for _ in g.quads()) > 0


def test_query_without_store_is_one_line(tmp_path: Path) -> None:
    out = run_kg("stats", store=tmp_path / "missing")
    assert out.returncode == 1
    assert "kg build" in out.stderr and out.stderr.count("\n") == 1


def test_graphml_and_csv_exports(tmp_path: Path) -> None:
    import csv
    import io

    import networkx as nx

    store_path = tmp_path / "s"
    with open_store(str(store_path)) as store:
        store.replace_graph(*report_graph(_hand_made("a.txt", True)))
    out = tmp_path / "g.graphml"
    assert run_kg("export", "--format", "graphml", "-o", str(out), store=store_path).returncode == 0
    g = nx.read_graphml(out)
    labels = {d["label"] for _, d in g.nodes(data=True)}
    assert {"临川理工大学", "赣东新材料科技有限公司"} <= labels
    res = run_kg("export", "--format", "csv", store=store_path)
    assert res.returncode == 0 and res.stdout.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(res.stdout.lstrip("\ufeff"))))
    coop = [r for r in rows if r["kind"] == "COOPERATES"]
    assert len(coop) == 1 and coop[0]["evidence"].startswith("临川理工大学与") and coop[0]["report"] == "a.txt"
