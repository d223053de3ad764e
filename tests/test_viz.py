"""The HTML view without a browser: self-contained, escaped, view selection, aggregation."""

from __future__ import annotations

import json
import re
from pathlib import Path

import networkx as nx
import pytest
from typer.testing import CliRunner

from graph_fixtures import build_store, collab, ent, extraction, hub_world
from kg.analysis import to_networkx
from kg.cli import app
from kg.store import open_store
from kg.viz import render, render_graph, select_view

XSS_IMG = "<img src=x onerror=alert(1)>有限公司"
XSS_SCRIPT = "<script>window.__kgXss=1</script>研究院"


def xss_world() -> list:
    return hub_world() + [
        extraction(
            "evil.txt",
            [ent(XSS_IMG, "ENTERPRISE"), ent(XSS_SCRIPT, "RESEARCH_INSTITUTE"), ent("甘肃农业大学", "UNIVERSITY")],
            [
                collab(XSS_IMG, "甘肃农业大学", evidence=f"{XSS_IMG}与甘肃农业大学合作</script><script>window.__kgXss=2</script>。"),
                collab(XSS_SCRIPT, XSS_IMG, evidence="<b onmouseover=alert(3)>共建</b>"),
            ],
            title="<script>alert('title')</script>",
        )
    ]


@pytest.fixture(scope="module")
def xss_store(tmp_path_factory: pytest.TempPathFactory) -> str:
    return build_store(tmp_path_factory.mktemp("viz") / "store", xss_world())


def _script_free(page: str) -> str:
    """The page's markup outside <script> elements."""
    return re.sub(r"<script\b[^>]*>[\s\S]*?</script>", "", page)


def test_page_is_self_contained_and_escaped(xss_store: str, tmp_path: Path) -> None:
    out = tmp_path / "g.html"
    with open_store(xss_store, read_only=True) as st:
        result = render(st, out)
    page = out.read_text(encoding="utf-8")
    # nothing to fetch: no src/href attributes at all, no CDN
    assert not re.search(r"<(?:link|script|img|iframe)\b[^>]*\b(?:src|href)\s*=", page, re.I)
    assert "cdn.jsdelivr" not in page and "cdnjs" not in page and "bootstrap" not in page.lower()
    # the payloads never appear as markup: not in the HTML, and escaped inside the data
    assert "<img src=x" not in page
    assert "window.__kgXss" not in _script_free(page)
    assert "<script>window.__kgXss" not in page and "</script><script>window.__kgXss=2" not in page
    assert "\\u003cimg src=x onerror=alert(1)\\u003e" in page
    # every node and edge of the graph is on the page
    assert (result.nodes, result.edges) == (result.total_nodes, result.total_edges)
    assert not result.aggregated


def test_vis_data_matches_graph(xss_store: str, tmp_path: Path) -> None:
    with open_store(xss_store, read_only=True) as st:
        g = to_networkx(st)
    out = tmp_path / "g.html"
    render_graph(g, out)
    page = out.read_text(encoding="utf-8")
    m = re.search(r"nodes = new vis\.DataSet\((\[.*?\])\);\s*edges = new vis\.DataSet\((\[.*?\])\);", page, re.S)
    assert m
    nodes, edges = json.loads(m.group(1)), json.loads(m.group(2))
    assert len(nodes) == g.number_of_nodes() and len(edges) == g.number_of_edges()
    assert all("title" not in n for n in nodes)  # tooltips are DOM elements built by the page
    by_label = {n["kgInfo"]["name"]: n for n in nodes}
    assert XSS_IMG in by_label  # the name itself survives, as text
    gau = by_label["甘肃农业大学"]
    assert gau["shape"] == "diamond" and gau["kgType"] == "UNIVERSITY" and gau["kgInfo"]["region"] == "兰州市"
    assert any(ev["r"] == "r1.txt" for ev in gau["kgInfo"]["evidence"])
    hosts = [e for e in edges if e["kgKind"] == "HOSTS"]
    assert hosts and hosts[0]["arrows"] == "to" and by_label["旱作农业重点实验室"]["id"] == hosts[0]["to"]
    assert {e["kgKind"] for e in edges} >= {"COOPERATES", "HOSTS", "CO_BUILDS", "LOCATED_IN"}
    # size by degree
    assert by_label["甘肃农业大学"]["size"] > by_label["乙公司"]["size"]


def test_focus_depth_types_min_weight(xss_store: str) -> None:
    with open_store(xss_store, read_only=True) as st:
        g = to_networkx(st)
    labels = lambda v: {d["label"] for _, d in v.nodes(data=True)}  # noqa: E731
    v, notes, agg, focus = select_view(g, focus="甲公司", depth=1)
    assert labels(v) == {"甲公司", "甘肃农业大学", "兰州大学", "张掖研究所", "张掖市"}
    assert notes and "甲公司" in notes[-1] and not agg
    v2, *_ = select_view(g, focus="甲公司", depth=2)
    assert labels(v) < labels(v2)
    v3, *_ = select_view(g, types=["UNIVERSITY", "ENTERPRISE"])
    assert {d["type"] for _, d in v3.nodes(data=True)} == {"UNIVERSITY", "ENTERPRISE"}
    v4, *_ = select_view(g, min_weight=2)
    assert all(d["weight"] >= 2 for *_, d in v4.edges(data=True))
    with pytest.raises(ValueError):
        select_view(g, focus="不存在的单位")


def test_large_graph_shows_hub_neighbourhoods_and_says_so(tmp_path: Path) -> None:
    g = nx.MultiGraph()
    # 60 universities, each with its own 50 enterprises: 3,060 nodes
    for u in range(60):
        uni = f"u{u}"
        g.add_node(uni, label=f"大学{u}", type="UNIVERSITY", cls="University", aliases=[], admin_code="", region="", region_iri="", reports=[])
        for e in range(50 if u else 80):
            ent_id = f"e{u}_{e}"
            g.add_node(ent_id, label=f"企业{u}_{e}", type="ENTERPRISE", cls="Enterprise", aliases=[], admin_code="", region="", region_iri="", reports=[])
            g.add_edge(uni, ent_id, key="COOPERATES", kind="COOPERATES", weight=1, evidence=[{"sentence": f"s{u}_{e}", "report": "r", "title": ""}])
    out = tmp_path / "big.html"
    result = render_graph(g, out, max_nodes=2000)
    assert result.aggregated and result.nodes <= 2000 and result.total_nodes == g.number_of_nodes()
    assert result.precomputed_layout
    page = out.read_text(encoding="utf-8")
    assert "the top" in page and "partnership hubs" in page and "too large" in page
    # the biggest hub (大学0, 80 partners) and its whole neighbourhood are in the view
    v, *_ = select_view(g, max_nodes=2000)
    assert "u0" in v and all(f"e0_{i}" in v for i in range(80))
    assert '"physics": {"enabled": false' in page


def test_cli_viz(xss_store: str, tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "cli.html"
    res = runner.invoke(app, ["viz", "-o", str(out), "--focus", "甘肃农业大学", "--depth", "1", "--store", xss_store])
    assert res.exit_code == 0, res.output
    assert out.exists() and "neighbourhood of 甘肃农业大学" in res.stdout
    res = runner.invoke(app, ["viz", "-o", str(out), "--types", "NOPE", "--store", xss_store])
    assert res.exit_code == 2
    res = runner.invoke(app, ["viz", "-o", str(out), "--focus", "不存在", "--store", xss_store])
    assert res.exit_code == 2
