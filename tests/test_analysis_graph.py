"""kg.analysis.to_networkx reads the store with per-property scans joined in Python; these tests
hold it to what the plain one-query-per-fact reading says (the reference below, the reader as it
was before it was made fast), on hand-made stores with the awkward cases in them."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from graph_fixtures import build_store, collab, ent, extraction, hub_world
from kg.analysis import to_networkx
from kg.analysis.graph import COLLAB_KINDS, PREFIX, _evidence_list
from kg.store import open_store

KGO = "https://w3id.org/kg-innovation/ontology#"
KIND = {f"{KGO}Cooperates": "COOPERATES", f"{KGO}Hosts": "HOSTS", f"{KGO}CoBuilds": "CO_BUILDS"}


def reference_graph(store: Any) -> nx.MultiGraph:
    """The straightforward reading: one SPARQL query per fact, rdflib terms, joins in the engine."""

    def rows(q: str) -> list[dict[str, Any]]:
        return store.query(PREFIX + q).rows

    def s(t: Any) -> str:
        return "" if t is None else str(t)

    g = nx.MultiGraph()
    reports: dict[str, tuple[str, str]] = {}
    for r in rows("SELECT DISTINCT ?r ?doc ?title WHERE { ?r a kgo:Report ; kgo:docId ?doc OPTIONAL { ?r rdfs:label ?title } }"):
        reports[s(r["r"])] = (s(r["doc"]), s(r["title"]))
    types = {s(r["e"]): s(r["type"]) for r in rows("SELECT DISTINCT ?e ?type WHERE { ?e kgo:entityType ?type }")}
    labels: dict[str, list[str]] = defaultdict(list)
    for r in rows("SELECT DISTINCT ?e ?label WHERE { ?e rdfs:label ?label FILTER(isIRI(?e)) }"):
        if s(r["e"]) in types:
            labels[s(r["e"])].append(s(r["label"]))
    classes: dict[str, str] = {}
    for r in rows("SELECT DISTINCT ?e ?c WHERE { ?e a ?c }"):
        e, c = s(r["e"]), s(r["c"]).rsplit("#", 1)[-1]
        if e in types and (e not in classes or (classes[e] == "Platform" and c != "Platform") or (c != "Platform" and c < classes[e])):
            classes[e] = c
    aliases: dict[str, set[str]] = defaultdict(set)
    for r in rows("SELECT DISTINCT ?e ?a WHERE { ?e kgo:alias ?a }"):
        aliases[s(r["e"])].add(s(r["a"]))
    codes: dict[str, str] = {}
    for r in rows("SELECT DISTINCT ?e ?code WHERE { ?e kgo:adminCode ?code }"):
        codes[s(r["e"])] = min(codes.get(s(r["e"]), s(r["code"])), s(r["code"]))
    mentioned: dict[str, set[str]] = defaultdict(set)
    for r in rows("SELECT DISTINCT ?e ?r WHERE { ?e kgo:mentionedIn ?r }"):
        if s(r["r"]) in reports:
            mentioned[s(r["e"])].add(reports[s(r["r"])][0])
    for e, t in types.items():
        names = sorted(labels.get(e, []), key=lambda x: (len(x), x))
        label = names[0] if names else e.rsplit("/", 1)[-1]
        g.add_node(e, label=label, type=t, cls=classes.get(e, ""), aliases=sorted((aliases.get(e, set()) | set(names[1:])) - {label}),
                   admin_code=codes.get(e, ""), region="", region_iri="", reports=sorted(mentioned.get(e, set())))  # fmt: skip
    ties: dict[tuple[str, str, str], set[tuple[str, str, str]]] = defaultdict(set)
    direction: dict[tuple[str, str, str], tuple[str, str]] = {}
    for r in rows(
        "SELECT DISTINCT ?c ?s ?t ?kind ?ev ?r WHERE { ?c a kgo:Collaboration ; kgo:source ?s ; kgo:target ?t ; "
        "kgo:kind ?kind . OPTIONAL { ?c kgo:evidence ?ev } OPTIONAL { ?c prov:wasDerivedFrom ?r } }"
    ):
        kind, a, b = KIND.get(s(r["kind"])), s(r["s"]), s(r["t"])
        if kind is None or a == b or a not in g or b not in g:
            continue
        key = (*sorted((a, b)), kind)
        ties[key].add((s(r["ev"]), *reports.get(s(r["r"]), ("", ""))))  # type: ignore[index]
        if kind == "HOSTS":
            direction.setdefault(key, (a, b))  # type: ignore[arg-type]
    for (u, v, kind), items in sorted(ties.items()):
        ev = _evidence_list(items)
        attrs: dict[str, Any] = {"kind": kind, "weight": max(1, len(ev)), "evidence": ev}
        if kind == "HOSTS":
            attrs["source"], attrs["target"] = direction[(u, v, kind)]
        g.add_edge(u, v, key=kind, **attrs)
    for kind, pattern in {"PARTICIPATES_IN": "?a kgo:participatesIn ?b", "LOCATED_IN": "?a kgo:locatedIn ?b"}.items():
        docs: dict[tuple[str, str], set[str]] = defaultdict(set)
        for r in rows(f"SELECT DISTINCT ?a ?b ?r WHERE {{ GRAPH ?r {{ {pattern} }} }}"):
            a, b = s(r["a"]), s(r["b"])
            if a != b and a in g and b in g:
                docs[(a, b)].add(reports.get(s(r["r"]), ("", ""))[0])
        for (a, b), ds in sorted(docs.items()):
            if kind != "PARTICIPATES_IN":
                node = g.nodes[a]
                if not node["region_iri"] or b < node["region_iri"]:
                    node["region_iri"], node["region"] = b, g.nodes[b]["label"]
                    if node["type"] != "REGION":
                        node["admin_code"] = g.nodes[b]["admin_code"]
            ds.discard("")
            g.add_edge(a, b, key=kind, kind=kind, weight=max(1, len(ds)), evidence=[], reports=sorted(ds), source=a, target=b)
    # the hierarchy is stated once, in the regions graph: a region's region is its parent; its
    # PART_OF edge goes to its nearest ancestor that is a node (the one with most ancestors itself)
    regions = "GRAPH <https://w3id.org/kg-innovation/gazetteer/regions>"
    for r in rows(f"SELECT ?a ?b ?l WHERE {{ {regions} {{ ?a kgo:partOf ?b . ?b rdfs:label ?l }} }}"):
        a, b = s(r["a"]), s(r["b"])
        if a in g and (not g.nodes[a]["region_iri"] or b < g.nodes[a]["region_iri"]):
            g.nodes[a]["region_iri"], g.nodes[a]["region"] = b, s(r["l"])
    nearest: dict[str, tuple[int, str]] = {}
    for r in rows(f"SELECT ?a ?anc (COUNT(?up) AS ?depth) WHERE {{ {regions} {{ ?a kgo:partOf+ ?anc OPTIONAL {{ ?anc kgo:partOf+ ?up }} }} }} GROUP BY ?a ?anc"):
        a, anc, depth = s(r["a"]), s(r["anc"]), int(r["depth"])
        if a in g and anc in g and a != anc and depth >= nearest.get(a, (-1, ""))[0]:
            nearest[a] = (depth, anc)
    for a, (_, b) in nearest.items():
        ds = set(g.nodes[a]["reports"])
        g.add_edge(a, b, key="PART_OF", kind="PART_OF", weight=max(1, len(ds)), evidence=[], reports=sorted(ds), source=a, target=b)
    return g


def as_data(g: nx.MultiGraph) -> tuple[list[Any], list[Any]]:
    nodes = sorted((n, sorted(d.items())) for n, d in g.nodes(data=True))
    edges = sorted((min(u, v), max(u, v), k, sorted((a, str(x)) for a, x in d.items())) for u, v, k, d in g.edges(keys=True, data=True))
    return nodes, edges


def awkward_world() -> list[Any]:
    """An alias, a platform sub-class (KeyLaboratory), a HOSTS tie, a CO_BUILDS tie written in the
    other order, entities stated in two reports."""
    lz = ent("兰州市", "REGION", code="620100", parents=["甘肃省"])
    a = ent("甲公司", "ENTERPRISE", located_in="兰州市")
    lab = ent("旱作农业重点实验室", "PLATFORM", located_in="兰州市")
    uni = ent("兰州大学", "UNIVERSITY")
    uni.aliases = ["兰大"]
    r1 = extraction("a.txt", [lz, a, lab, uni], [collab("兰州大学", "旱作农业重点实验室", "HOSTS"), collab("兰州大学", "甲公司")], subject_region="兰州市")
    r2 = extraction("b.txt", [lz, a, uni], [collab("甲公司", "兰州大学", "CO_BUILDS", evidence="甲公司与兰州大学共建。")], subject_region="兰州市")
    return [r1, r2]


@pytest.fixture(scope="module", params=["hubs", "awkward"])
def world_store(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    world = hub_world() if request.param == "hubs" else awkward_world()
    return build_store(tmp_path_factory.mktemp(request.param) / "store", world)


def test_fast_reader_matches_the_plain_queries(world_store: str) -> None:
    with open_store(world_store, read_only=True) as st:
        fast, ref = to_networkx(st), reference_graph(st)
    assert fast.number_of_edges() > 0 and any(d["reports"] for _, d in fast.nodes(data=True))
    assert as_data(fast) == as_data(ref)


def test_collaborations_only_without_mentions(world_store: str) -> None:
    with open_store(world_store, read_only=True) as st:
        full = to_networkx(st)
        light = to_networkx(st, kinds=COLLAB_KINDS, mentions=False)
    assert light.graph["edge_kinds"] == COLLAB_KINDS
    assert {k for *_, k in light.edges(keys=True)} <= set(COLLAB_KINDS)
    assert sorted(light.edges(keys=True, data=True)) == sorted(e for e in full.edges(keys=True, data=True) if e[2] in COLLAB_KINDS)
    # the same nodes with the same attributes (regions included), only the report lists left out
    for n, d in full.nodes(data=True):
        assert light.nodes[n] == {**d, "reports": []}
    assert any(d["region"] for _, d in light.nodes(data=True))


def test_store_without_reports_gives_an_empty_graph(tmp_path: Path) -> None:
    with open_store(str(tmp_path / "empty")) as st:
        g = to_networkx(st)
    assert g.number_of_nodes() == 0 and g.number_of_edges() == 0
