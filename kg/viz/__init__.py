"""Interactive, self-contained HTML views of the graph.

    from kg.viz import render
    with open_store(".kg", read_only=True) as store:
        result = render(store, "graph.html", focus="南京大学", depth=2)
"""

from kg.viz.render import MAX_NODES, RenderResult, build_html, render, render_graph, select_view

__all__ = ["MAX_NODES", "RenderResult", "build_html", "render", "render_graph", "select_view"]
