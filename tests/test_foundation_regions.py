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
