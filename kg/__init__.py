"""kg — the innovation knowledge graph: Chinese S&T work reports → RDF → SPARQL, hubs and views.

    import kg
    g = kg.open(".kg")          # a store folder (or an endpoint URL)
    g.build(["data/reports"])   # same as `kg build`
    g.rows("SELECT ...")        # SPARQL results as dicts
    kg.extract("report.txt")    # extraction only, no store
"""

from kg.api import KnowledgeGraph, canned_query, canned_query_names
from kg.api import extract_file as extract
from kg.api import open  # noqa: A004

__version__ = "0.1.0"
__all__ = ["KnowledgeGraph", "canned_query", "canned_query_names", "extract", "open", "__version__"]
