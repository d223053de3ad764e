"""The canned queries that were reshaped for speed give the rows of their plain formulation."""

from __future__ import annotations

from pathlib import Path

from graph_fixtures import build_store, collab, ent, extraction, hub_world
from kg.api import canned_query
from kg.store import open_store

PLAIN_ENTITIES_BY_REGION = """
PREFIX kgo:  <https://w3id.org/kg-innovation/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?type ?entity ?region (COUNT(DISTINCT ?r) AS ?reports)
WHERE {
  GRAPH ?r { ?e kgo:mentionedIn ?r ; kgo:entityType ?type ; rdfs:label ?entity . }
  OPTIONAL {
    { GRAPH ?r { ?e kgo:locatedIn ?reg . ?reg rdfs:label ?region } }
    UNION
    { GRAPH <https://w3id.org/kg-innovation/gazetteer/regions> { ?e kgo:partOf ?reg . ?reg rdfs:label ?region } }
  }
}
GROUP BY ?type ?entity ?region
"""


def _rows(store, sparql):  # type: ignore[no-untyped-def]
    return store.query_values(sparql)[1]


def test_entities_by_region_matches_the_plain_query(tmp_path: Path) -> None:
    # 甲公司 is located in 张掖市 in two reports and has no region in a third: two rows for it;
    # two regions named 朝阳区 (different codes, different parents): one row each
    extra = [
        extraction("c.txt", [ent("甲公司", "ENTERPRISE"), ent("朝阳区", "REGION", code="110105")], [collab("甲公司", "乙公司")]),
        extraction("d.txt", [ent("朝阳区", "REGION", code="220104"), ent("乙公司", "ENTERPRISE")], []),
    ]
    location = build_store(tmp_path / "s", [*hub_world(), *extra])
    with open_store(location, read_only=True) as st:
        fast = _rows(st, canned_query("entities_by_region"))
        plain = _rows(st, PLAIN_ENTITIES_BY_REGION)
    assert sorted(fast, key=str) == sorted(plain, key=str)
    jia = [r for r in fast if r[1] == "甲公司"]
    assert len(jia) == 2 and {r[2] for r in jia} == {"张掖市", None}
    assert {r for r in fast if r[1] == "朝阳区"} == {("REGION", "朝阳区", "北京市", "1"), ("REGION", "朝阳区", "长春市", "1")}
    # ordered by type, most reports first, name, then region (unbound first)
    keys = [(t, -int(n), e, reg or "") for t, e, reg, n in fast]
    assert keys == sorted(keys)


PLAIN_REPORTS = """
PREFIX kgo:  <https://w3id.org/kg-innovation/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?report ?title ?year ?region (COUNT(DISTINCT ?e) AS ?entities)
WHERE {
  ?r a kgo:Report ; kgo:docId ?report .
  OPTIONAL { ?r rdfs:label ?title }
  OPTIONAL { ?r kgo:year ?year }
  OPTIONAL { ?r kgo:subjectRegion/rdfs:label ?region }
  OPTIONAL { ?e kgo:mentionedIn ?r }
}
GROUP BY ?report ?title ?year ?region
ORDER BY ?report
"""


def test_reports_matches_the_plain_query(tmp_path: Path) -> None:
    # a report without a subject region keeps its row (region unbound)
    extra = [extraction("z.txt", [ent("甲公司", "ENTERPRISE")], [])]
    location = build_store(tmp_path / "s", [*hub_world(), *extra])
    with open_store(location, read_only=True) as st:
        fast = _rows(st, canned_query("reports"))
        plain = _rows(st, PLAIN_REPORTS)
    assert fast == plain
    assert [r[0] for r in fast] == ["r1.txt", "r2.txt", "z.txt"]
    # r1: its 7 entities (甘肃省, the parent of its two cities, is in the regions graph, not r1's)
    assert fast[0][3] == "张掖市" and fast[2][3] is None and fast[0][4] == "7"
