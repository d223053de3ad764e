"""The HTML view in real headless Chromium, with the network off (DevTools protocol).

Skipped cleanly when no chromium binary (or websocket-client) is installed.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from graph_fixtures import build_store
from kg.analysis import to_networkx
from kg.store import open_store
from kg.viz import render_graph
from kg.viz.browser import Chromium, find_chromium
from test_viz import XSS_IMG, XSS_SCRIPT, xss_world

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(find_chromium() is None, reason="chromium is not installed"),
]
pytest.importorskip("websocket", reason="websocket-client is not installed")

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"


@pytest.fixture(scope="module")
def graph(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    store = build_store(tmp_path_factory.mktemp("browser") / "store", xss_world())
    with open_store(store, read_only=True) as st:
        return to_networkx(st)


@pytest.fixture(scope="module")
def browser():  # type: ignore[no-untyped-def]
    with Chromium(width=1400, height=900) as b:
        yield b


def test_page_offline_counts_xss_screenshot(graph, browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "graph.html"
    result = render_graph(graph, out)
    page = browser.open(out, offline=True)
    page.wait_for("window.kgReady === true", timeout=60)
    # the vis DataSets hold the whole graph
    assert page.eval("nodes.length") == graph.number_of_nodes() == result.nodes
    assert page.eval("edges.length") == graph.number_of_edges() == result.edges
    assert page.eval("network.body.data.nodes.length") == graph.number_of_nodes()
    # physics is off once stabilised
    assert page.eval("network.physics.options.enabled") is False
    # tooltips are DOM elements whose text is the raw name
    tip_text = page.eval(
        "(function(){var n = nodes.get({filter: function(x){return x.kgInfo.name.indexOf('onerror') >= 0;}})[0];"
        " return [n.title instanceof Element, n.title.textContent, n.title.querySelectorAll('img,script').length];})()"
    )
    assert tip_text[0] is True and XSS_IMG in tip_text[1] and tip_text[2] == 0
    # hover the payload node: the tooltip shows the name as text and creates no <img>
    pos = page.eval(
        "(function(){var id = nodes.get({filter: function(x){return x.kgInfo.name.indexOf('onerror') >= 0;}})[0].id;"
        " network.focus(id, {scale: 1.5, animation: false}); var p = network.getPositions([id])[id];"
        " var d = network.canvasToDOM(p); var r = document.getElementById('mynetwork').getBoundingClientRect();"
        " return [d.x + r.left, d.y + r.top];})()"
    )
    for kind in ("mouseMoved", "mouseMoved"):
        page.send("Input.dispatchMouseEvent", {"type": kind, "x": pos[0], "y": pos[1]})
        page.pump(0.4)
    page.wait_for("document.querySelector('div.vis-tooltip') && document.querySelector('div.vis-tooltip').style.visibility === 'visible'", timeout=10)
    tooltip = page.eval("document.querySelector('div.vis-tooltip').textContent")
    assert XSS_IMG in tooltip and "evil.txt" in tooltip
    assert page.eval("document.querySelectorAll('img').length") == 0
    page.pump(0.5)
    # the payloads did not run
    assert page.eval("typeof window.__kgXss") == "undefined"
    assert page.dialogs == []
    # no request left the page: only the file itself was loaded (data: URLs are inline)
    others = [u for u in page.requests if u != page.url and not u.startswith("data:")]
    assert others == [], others
    assert page.exceptions == []
    # search and type filter work
    assert len(page.eval("kgSearch('甘肃农业')")) == 1
    page.eval("(function(){var b = document.querySelector('input.kg-type[value=ENTERPRISE]'); b.click();})()")
    assert page.eval("nodes.get({filter: function(n){return n.kgType === 'ENTERPRISE' && !n.hidden;}}).length") == 0
    page.eval("(function(){var b = document.querySelector('input.kg-type[value=ENTERPRISE]'); b.click(); kgSearch('');})()")
    page.send("Input.dispatchMouseEvent", {"type": "mouseMoved", "x": 5, "y": 890})
    page.eval("network.fit({animation: false})")
    page.pump(0.3)
    shot = page.screenshot(ARTIFACTS / "viz_graph.png")
    assert shot.stat().st_size > 10_000


def test_precomputed_layout_page_renders_offline(browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import networkx as nx

    g = nx.MultiGraph()
    for u in range(8):
        g.add_node(f"u{u}", label=f"大学{u}", type="UNIVERSITY", cls="", aliases=[], admin_code="", region="", region_iri="", reports=[])
        for e in range(60):
            n = f"e{u}_{e}"
            g.add_node(n, label=f"企业{u}_{e}", type="ENTERPRISE", cls="", aliases=[], admin_code="", region="", region_iri="", reports=[])
            g.add_edge(f"u{u}", n, key="COOPERATES", kind="COOPERATES", weight=1, evidence=[])
    out = tmp_path / "big.html"
    result = render_graph(g, out)
    assert result.precomputed_layout and result.nodes == 488
    page = browser.open(out, offline=True)
    page.wait_for("window.kgReady === true", timeout=30)
    assert page.eval("nodes.length") == 488 and page.eval("edges.length") == 480
    assert [u for u in page.requests if u != page.url and not u.startswith("data:")] == []
    page.screenshot(ARTIFACTS / "viz_precomputed.png")
