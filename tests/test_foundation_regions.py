"""Issues 2/3: regions carry their administrative code and parent chain in the graph."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import run_kg

REPORT = (
    "高台县2025年科技创新工作综述\n"
    "2025年，高台县科技局组织企业与高校开展产学研对接，高台县高新技术企业达到41家。\n"
)

CHAIN = """
PREFIX kgo: <https://w3id.org/kg-innovation/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT DISTINCT ?code ?parent ?parent_code ?grand ?grand_code WHERE {
  ?r rdfs:label ?name ; kgo:adminCode ?code ; kgo:partOf ?p .
  ?p rdfs:label ?parent ; kgo:adminCode ?parent_code ; kgo:partOf ?g .
  ?g rdfs:label ?grand ; kgo:adminCode ?grand_code .
}
"""


def test_county_chain_and_code_in_graph(tmp_path: Path, store_dir: Path) -> None:
    report = tmp_path / "gaotai.txt"
    report.write_text(REPORT, encoding="utf-8")
    assert run_kg("build", str(report), store=store_dir).returncode == 0
    out = run_kg("query", "--format", "json", "--bind", "name=高台县", CHAIN.replace("SELECT DISTINCT ?code", "SELECT DISTINCT ?name ?code"), store=store_dir)
    assert out.returncode == 0, out.stderr
    rows = json.loads(out.stdout)
    assert rows == [
        {"name": "高台县", "code": "620724", "parent": "张掖市", "parent_code": "620700", "grand": "甘肃省", "grand_code": "620000"}
    ]


def test_government_body_located_in_its_region(tmp_path: Path, store_dir: Path) -> None:
    report = tmp_path / "gaotai.txt"
    report.write_text(REPORT, encoding="utf-8")
    assert run_kg("build", str(report), store=store_dir).returncode == 0
    q = (
        "PREFIX kgo: <https://w3id.org/kg-innovation/ontology#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
        "SELECT DISTINCT ?body ?region WHERE { ?b kgo:entityType 'GOVERNMENT' ; rdfs:label ?body ; kgo:locatedIn/rdfs:label ?region }"
    )
    rows = json.loads(run_kg("query", "--format", "json", q, store=store_dir).stdout)
    assert {"body": "高台县科技局", "region": "高台县"} in rows


REGIONS_GRAPH = "https://w3id.org/kg-innovation/gazetteer/regions"


def test_hierarchy_stated_once_in_the_regions_graph(tmp_path: Path) -> None:
    """The parent chain lives in the regions graph, not in each report graph; a parent the report
    never names is not "mentioned" in it; the graph is written once per gazetteer version."""
    from kg.api import KnowledgeGraph
    from kg.build import write_regions_graph
    from kg.store import open_store

    for i in range(2):
        (tmp_path / f"r{i}.txt").write_text(REPORT.replace("2025年，", f"202{i}年，"), encoding="utf-8")
    store_dir = tmp_path / "store"
    assert not KnowledgeGraph(str(store_dir)).build([tmp_path]).failed
    with open_store(str(store_dir), read_only=True) as st:
        _, where = st.query_values("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?a <https://w3id.org/kg-innovation/ontology#partOf> ?b } }")
        assert where == [(REGIONS_GRAPH,)]
        _, rows = st.query_values(
            "PREFIX kgo: <https://w3id.org/kg-innovation/ontology#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
            "SELECT ?name (COUNT(DISTINCT ?r) AS ?n) WHERE { ?e rdfs:label ?name . OPTIONAL { ?e kgo:mentionedIn ?r } "
            "VALUES ?name { '高台县'@zh '张掖市'@zh '甘肃省'@zh } } GROUP BY ?name ORDER BY ?name"
        )
        assert dict(rows) == {"张掖市": "0", "甘肃省": "0", "高台县": "2"}
        # each region of the gazetteer once, with its code; a county's parent is its prefecture
        _, counts = st.query_values(
            f"SELECT (COUNT(?r) AS ?n) (COUNT(DISTINCT ?r) AS ?d) WHERE {{ GRAPH <{REGIONS_GRAPH}> {{ ?r <https://w3id.org/kg-innovation/ontology#adminCode> ?c }} }}"
        )
        assert int(counts[0][0]) == int(counts[0][1]) > 3000
        # entities_by_region gives 高台县's parent from the regions graph
        from kg.api import canned_query

        _, by_region = st.query_values(canned_query("entities_by_region"))
        assert ("REGION", "高台县", "张掖市", "2") in by_region
        assert not any(row[1] in ("张掖市", "甘肃省") for row in by_region)
        quads = len(st)
    with open_store(str(store_dir)) as st:
        assert write_regions_graph(st) is False  # same version: not written again
        old = f'<{REGIONS_GRAPH}> <https://w3id.org/kg-innovation/ontology#gazetteerVersion> "old" .\n'
        st.replace_graph_ntriples(REGIONS_GRAPH, old)
        assert write_regions_graph(st) is True  # another version: replaced, not added to
        assert len(st) == quads
