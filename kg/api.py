"""The Python API: everything the CLI does is one call on a ``KnowledgeGraph``.

    import kg
    g = kg.open(".kg")
    g.build(["data/reports"])
    rows = g.query("SELECT ...")

The CLI (kg.cli) is a thin layer that formats what these methods return.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable

from rdflib import URIRef

from kg.model import Extraction
from kg.rdf.iri import report_iri
from kg.rdf.mapping import EXTRACTOR_VERSION, report_graph
from kg.read import ReadError, iter_report_paths, read_report
from kg.resources import ontology_dir, queries_dir
from kg.store import QueryResult, Store, open_store

ONTOLOGY_GRAPH = URIRef("https://w3id.org/kg-innovation/ontology")


@dataclass
class BuildOutcome:
    """What happened to one input file during a build."""

    path: str
    doc_id: str = ""
    status: str = "loaded"  # loaded | unchanged | failed
    entities: int = 0
    collaborations: int = 0
    triples: int = 0
    error: str = ""


@dataclass
class BuildSummary:
    outcomes: list[BuildOutcome] = field(default_factory=list)

    @property
    def failed(self) -> list[BuildOutcome]:
        return [o for o in self.outcomes if o.status == "failed"]

    def count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)


ProgressCallback = Callable[[BuildOutcome], None]


def canned_query_names() -> list[str]:
    return sorted(p.stem for p in queries_dir().glob("*.rq"))


def canned_query(name: str) -> str:
    path = queries_dir() / f"{name}.rq"
    if not path.is_file():
        raise KeyError(f"no canned query {name!r} (available: {', '.join(canned_query_names())})")
    return path.read_text(encoding="utf-8")


def ontology_triples() -> list[tuple[Any, Any, Any]]:
    """The ontology and the indicator concept scheme, loaded into the store's ontology graph."""
    from rdflib import Graph

    g = Graph()
    for ttl in sorted(ontology_dir().glob("*.ttl")):
        if not ttl.name.startswith("shapes"):
            g.parse(ttl, format="turtle")
    return list(g)


class KnowledgeGraph:
    """A handle on one store (a folder or an endpoint) with the operations users need."""

    def __init__(self, location: str | None = None) -> None:
        self.location = location

    # -- store access -------------------------------------------------------------------------
    def _open(self, read_only: bool) -> Store:
        return open_store(self.location, read_only=read_only)

    # -- writing ------------------------------------------------------------------------------
    def build(
        self,
        paths: Iterable[str | os.PathLike[str]],
        *,
        force: bool = False,
        progress: ProgressCallback | None = None,
        jobs: int = 1,
        engine: str = "process",
        emit_nquads: str | os.PathLike[str] | None = None,
    ) -> BuildSummary:
        """Read, extract and load reports; one named graph per report, replaced on rebuild.

        A file whose bytes and extractor version match what the store holds is skipped unless
        ``force``. A file that fails is reported in the summary and the others still load.
        ``jobs`` > 1 extracts on that many processes (``engine="dask"``: on a Dask cluster);
        ``emit_nquads`` also writes each report's quads to that folder. See kg.build.
        """
        from kg.build import run_build

        return run_build(
            self.location, paths, force=force, progress=progress, jobs=jobs, engine=engine, emit_nquads=emit_nquads
        )

    def remove(self, doc_id: str) -> bool:
        """Drop one report's graph (entities other reports mention stay, with their facts)."""
        with self._open(read_only=False) as store:
            return store.remove_graph(report_iri(os.path.basename(doc_id)))

    # -- reading ------------------------------------------------------------------------------
    def query(self, sparql: str, bindings: dict[str, Any] | None = None) -> QueryResult:
        with self._open(read_only=True) as store:
            return store.query(sparql, bindings)

    def rows(self, sparql: str, bindings: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        """SELECT results as plain Python values (str/int/float), for notebooks."""
        return [{k: _plain(v) for k, v in row.items()} for row in self.query(sparql, bindings).rows]

    def query_df(self, sparql: str, bindings: dict[str, Any] | None = None) -> Any:
        import pandas as pd  # optional dependency

        return pd.DataFrame(self.rows(sparql, bindings))

    def stats(self) -> dict[str, Any]:
        from kg.stats import collect_stats

        with self._open(read_only=True) as store:
            return collect_stats(store)

    def export(self, fmt: str) -> bytes:
        """RDF formats come from the store; ``graphml`` and ``csv`` from kg.exporters."""
        from kg.exporters import EXPORTERS

        with self._open(read_only=True) as store:
            if fmt in EXPORTERS:
                return EXPORTERS[fmt](store)
            return store.dump(fmt)

    def validate(self) -> Any:
        from kg.validate import validate_store

        with self._open(read_only=True) as store:
            return validate_store(store)

    # -- analysis and views (kg.analysis, kg.viz) --------------------------------------------
    def hubs(self, top: int = 10) -> Any:
        """Ranked university–enterprise partnership hubs (``.to_dict()`` for plain data)."""
        from kg.analysis import hubs

        with self._open(read_only=True) as store:
            return hubs(store, top)

    def metrics(self, top: int = 10, kinds: list[str] | None = None) -> Any:
        from kg.analysis import metrics

        with self._open(read_only=True) as store:
            return metrics(store, top, kinds)

    def to_networkx(self) -> Any:
        """The graph as a networkx MultiGraph with typed nodes and kind-keyed edges."""
        from kg.analysis import to_networkx

        with self._open(read_only=True) as store:
            return to_networkx(store)

    def viz(self, path: str = "kg-graph.html", **options: Any) -> Any:
        """Write the interactive HTML view; in Jupyter, returns an IFrame that shows it inline."""
        from kg.viz import render

        with self._open(read_only=True) as store:
            result = render(store, path, **options)
        try:
            get_ipython  # type: ignore[name-defined]  # noqa: B018  (only defined inside IPython)
        except NameError:
            return result
        from IPython.display import IFrame

        return IFrame(path, width="100%", height=720)


def _stored_fingerprints(store: Store) -> dict[str, tuple[str, str]]:
    res = store.query(
        "PREFIX kgo: <https://w3id.org/kg-innovation/ontology#> "
        "SELECT ?doc ?sha ?ver WHERE { ?r a kgo:Report ; kgo:docId ?doc . "
        "OPTIONAL { ?r kgo:sha256 ?sha } OPTIONAL { ?r kgo:extractor ?ver } }"
    )
    return {str(r["doc"]): (str(r["sha"] or ""), str(r["ver"] or "")) for r in res.rows}


def _plain(term: Any) -> Any:
    if term is None:
        return None
    to_python = getattr(term, "toPython", None)
    value = to_python() if to_python else term
    return value if isinstance(value, (int, float, bool)) else str(value)


def open(location: str | None = None) -> KnowledgeGraph:  # noqa: A001  (mirrors kg.open in DESIGN.md)
    return KnowledgeGraph(location)


def extract_file(path: str | os.PathLike[str]) -> Extraction:
    from kg.nlp import extract

    return extract(read_report(Path(path)))
