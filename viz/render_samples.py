#!/usr/bin/env python3
"""Rebuild the sample store from data/reports and re-render the committed views + screenshots.

    python viz/render_samples.py            # → viz/sample_graph.html, viz/sample_hubs.html,
                                            #   viz/sample_graph.png, viz/sample_hubs.png
    python viz/render_samples.py --no-screenshot

The store is built in a temporary folder with the current extractor (`kg build`), so the views
follow the extractor as it improves. Screenshots need headless Chromium (apt-get install chromium
fonts-wqy-microhei) and websocket-client; without them the HTML is still written.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
VIZ = REPO / "viz"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reports", default=str(REPO / "data" / "reports"))
    ap.add_argument("--no-screenshot", action="store_true")
    ap.add_argument("--hubs", type=int, default=5, help="how many top hubs the hubs view centres on")
    args = ap.parse_args()
    sys.path.insert(0, str(REPO))

    from kg.analysis import rank_hubs, to_networkx
    from kg.store import open_store
    from kg.viz import render_graph
    from kg.viz.render import select_view

    with tempfile.TemporaryDirectory(prefix="kg-sample-") as tmp:
        store = Path(tmp) / "store"
        env = {**os.environ, "KG_STORE": str(store)}
        subprocess.run([sys.executable, "-m", "kg", "build", args.reports], env=env, check=True, stdout=subprocess.DEVNULL)
        with open_store(str(store), read_only=True) as st:
            g = to_networkx(st)
            ranking = rank_hubs(g, top=args.hubs, store=st)

    whole = render_graph(g, VIZ / "sample_graph.html", title="kg — sample reports: whole graph")
    print(f"whole graph: {whole.nodes} entities, {whole.edges} ties → {whole.path}")

    # the hubs' neighbourhood: the top hubs and everything one step from them
    hubs = [h.iri for h in ranking.hubs]
    if hubs:
        import networkx as nx

        keep = set(hubs)
        for h in hubs:  # partners, and the partners' own ties and places (two steps)
            keep |= set(nx.single_source_shortest_path_length(g, h, cutoff=2))
        sub = g.subgraph(keep).copy()
        names = "、".join(h.name for h in ranking.hubs)
        title = f"kg — sample reports: top {len(hubs)} partnership hubs and their neighbourhood, depth 2 ({names})"
    else:  # no collaborations extracted yet: fall back to the best-connected entities
        sub, *_ = select_view(g, max_nodes=max(10, min(60, g.number_of_nodes())))
        title = "kg — sample reports: no partnership hubs yet (no academia–industry ties extracted); best-connected entities"
    hub_view = render_graph(sub, VIZ / "sample_hubs.html", title=title)
    print(f"hubs view: {hub_view.nodes} entities, {hub_view.edges} ties → {hub_view.path}")
    for h in ranking.hubs:
        print(f"  {h.rank}. {h.name} ({h.type}) score {h.score}: {h.partners} partners, {h.platforms} platforms")

    if args.no_screenshot:
        return 0
    try:
        from kg.viz.browser import Chromium, find_chromium
    except ImportError as exc:  # pragma: no cover
        print(f"no screenshots: {exc}")
        return 0
    if not find_chromium():
        print("no screenshots: chromium not installed")
        return 0
    with Chromium(width=1400, height=900) as browser:
        for name in ("sample_graph", "sample_hubs"):
            page = browser.open(VIZ / f"{name}.html", offline=True)
            page.wait_for("window.kgReady === true", timeout=90)
            page.eval("network.fit({animation: false})")
            page.pump(0.5)
            shot = page.screenshot(VIZ / f"{name}.png")
            print(f"screenshot → {shot}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
