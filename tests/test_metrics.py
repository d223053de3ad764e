"""Network measures: reproducible Louvain, components, degree, PageRank, approximate betweenness."""

from __future__ import annotations

import json
import math
from pathlib import Path

import networkx as nx
import pytest
from typer.testing import CliRunner

from graph_fixtures import build_store, collab, ent, extraction, hub_world
from kg.analysis import compute_metrics, metrics, to_networkx
from kg.analysis.metrics import louvain, pagerank
from kg.cli import app
from kg.store import open_store


def _two_cliques() -> list:
    a = [ent(f"甲{i}公司", "ENTERPRISE") for i in range(5)]
    b = [ent(f"乙{i}大学", "UNIVERSITY") for i in range(5)]
    cs = [collab(x.name, y.name) for i, x in enumerate(a) for y in a[i + 1 :]]
    cs += [collab(x.name, y.name) for i, x in enumerate(b) for y in b[i + 1 :]]
    cs.append(collab("甲0公司", "乙0大学", evidence="桥梁句。"))
    return [extraction("cliques.txt", a + b + [ent("孤立计划", "PROGRAM")], cs)]


@pytest.fixture(scope="module")
def clique_store(tmp_path_factory: pytest.TempPathFactory) -> str:
    return build_store(tmp_path_factory.mktemp("m") / "store", _two_cliques())


def test_components_communities_degree(clique_store: str) -> None:
    with open_store(clique_store, read_only=True) as st:
        m = metrics(st, top=None)
    assert (m.nodes, m.edges) == (11, 21)
    assert m.components == 2 and m.largest_component == 10
    assert m.communities == 3 and m.community_sizes == [5, 5, 1]
    assert m.betweenness_method == "exact"
    by_name = m.all_nodes
    bridge = next(x for x in by_name.values() if x.name == "甲0公司")
    assert bridge.degree == 5 and bridge.weighted_degree == 5.0
    # a bridge end lies on the paths between its 4 clique mates and the 5 of the other clique:
    # 20 pairs, normalised by C(n-1, 2) = C(10, 2) = 45 (the isolated programme counts in n)
    assert math.isclose(bridge.betweenness, 20 / 45, abs_tol=1e-6)
    comm = {x.name: x.community for x in by_name.values()}
    assert len({comm[f"甲{i}公司"] for i in range(5)}) == 1 and len({comm[f"乙{i}大学"] for i in range(5)}) == 1
    assert comm["甲1公司"] != comm["乙1大学"]
    assert sum(x.pagerank for x in by_name.values()) == pytest.approx(1.0, abs=1e-4)


def test_louvain_identical_across_runs(tmp_path: Path) -> None:
    # a graph with real ambiguity, built twice in different insertion orders
    g1 = nx.les_miserables_graph()
    edges = list(g1.edges(data=True))
    g2 = nx.Graph()
    g2.add_edges_from(reversed(edges))
    runs = [louvain(g1), louvain(g1), louvain(g2)]
    assert runs[0] == runs[1] == runs[2]
    with open_store(build_store(tmp_path / "s", hub_world()), read_only=True) as st:
        mg = to_networkx(st)
    a = compute_metrics(mg, top=None).to_dict()
    b = compute_metrics(mg, top=None).to_dict()
    assert a == b


def test_pagerank_fallback_matches_networkx_python() -> None:
    g = nx.les_miserables_graph()
    ours = pagerank(g)
    ref = nx.algorithms.link_analysis.pagerank_alg._pagerank_python(g, weight="weight", tol=1e-12, max_iter=1000)
    assert max(abs(ours[n] - ref[n]) for n in g) < 1e-6


def test_approximate_betweenness_is_stated(clique_store: str) -> None:
    with open_store(clique_store, read_only=True) as st:
        mg = to_networkx(st)
    m = compute_metrics(mg, top=3, exact_limit=5)
    assert m.betweenness_method.startswith("approximate (k=") and "seed=42" in m.betweenness_method
    assert all(len(v) <= 3 for v in m.per_type.values())


def test_cli_metrics(clique_store: str) -> None:
    runner = CliRunner()
    res = runner.invoke(app, ["metrics", "--top", "2", "--format", "json", "--store", clique_store])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert data["components"] == 2 and set(data["per_type"]) == {"ENTERPRISE", "UNIVERSITY", "PROGRAM"}
    assert data["per_type"]["ENTERPRISE"][0]["name"] == "甲0公司"
    res = runner.invoke(app, ["metrics", "--kinds", "NOPE", "--store", clique_store])
    assert res.exit_code == 2
    res = runner.invoke(app, ["metrics", "--store", clique_store])
    assert res.exit_code == 0 and "Louvain" in res.stdout
