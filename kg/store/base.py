"""The Store interface every backend implements (cf. rdflib's ``Store``: the graph logic above
never depends on the backend below)."""

from __future__ import annotations

import abc
from dataclasses import dataclass, field
import os
from typing import Any, Callable, Iterable, Union

from rdflib import URIRef

Triple = tuple[Any, Any, Any]
# N-Triples of one graph: the text, or the path of a file holding it (a report too big to pass around)
NTriplesData = Union[str, bytes, "os.PathLike[str]"]


class StoreError(Exception):
    """A problem with the store; the message is one line for the user."""


class StoreBusyError(StoreError):
    """Another process holds the store."""


class QuerySyntaxError(StoreError):
    """The SPARQL text does not parse."""


class ReadOnlyError(StoreError):
    """An update was sent through the read-only query path."""


class QueryTimeoutError(StoreError):
    """A query ran longer than allowed."""


@dataclass
class QueryResult:
    """A backend-neutral SPARQL result.

    SELECT: ``variables`` and ``rows`` (dicts of variable → rdflib term or None);
    ASK: ``boolean``; CONSTRUCT/DESCRIBE: ``triples`` (rdflib terms).
    """

    kind: str  # "select" | "ask" | "graph"
    variables: list[str] = field(default_factory=list)
    rows: list[dict[str, Any]] = field(default_factory=list)
    boolean: bool | None = None
    triples: list[Triple] = field(default_factory=list)


class Store(abc.ABC):
    """A quad store holding one named graph per report."""

    name: str = "abstract"
    location: str = ""

    @abc.abstractmethod
    def replace_graph(self, graph: URIRef, triples: Iterable[Triple]) -> None:
        """Atomically replace the named graph ``graph`` with ``triples`` (all or nothing)."""

    def replace_graph_ntriples(self, graph: str, data: NTriplesData) -> None:
        """Atomically replace the named graph ``graph`` with the triples of an N-Triples document
        (text, or a file path). Backends override this with a path that skips rdflib terms; this
        default parses the text and calls ``replace_graph``."""
        from rdflib import Graph

        g = Graph()
        if isinstance(data, (str, bytes)):
            g.parse(data=data, format="nt")
        else:
            g.parse(os.fspath(data), format="nt")
        self.replace_graph(URIRef(str(graph)), list(g))

    def replace_graphs_ntriples(
        self, items: Iterable[tuple[str, NTriplesData]], progress: Callable[[str, int], None] | None = None
    ) -> None:
        """Replace several graphs; each one all or nothing (a backend may load many of them in one
        go). A graph given twice ends as its last version. ``progress(graph, triples)`` may be called
        while a big graph loads."""
        for graph, data in items:
            self.replace_graph_ntriples(graph, data)

    def replace_graphs_nquads(self, items: Iterable[tuple[str, bytes | str]]) -> None:
        """Replace several graphs given as N-Quads (UTF-8 bytes or text), each all or nothing:
        every statement of ``text`` is in ``graph``, one per line, as ``kg build``'s workers write
        them (the worker appends the graph name, so the single writer does no per-line work). This
        default parses each text back into N-Triples for ``replace_graphs_ntriples``."""
        import pyoxigraph as ox

        converted = []
        for graph, text in items:
            quads = ox.parse(text.encode("utf-8") if isinstance(text, str) else text, format=ox.RdfFormat.N_QUADS)
            triples = [ox.Triple(q.subject, q.predicate, q.object) for q in quads]
            converted.append((graph, ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode("utf-8")))
        self.replace_graphs_ntriples(converted)

    @abc.abstractmethod
    def remove_graph(self, graph: URIRef) -> bool:
        """Drop one named graph; return whether it existed."""

    @abc.abstractmethod
    def graphs(self) -> list[URIRef]:
        """The named graphs in the store."""

    @abc.abstractmethod
    def query(self, sparql: str, bindings: dict[str, Any] | None = None) -> QueryResult:
        """Run a read-only SPARQL query over the union of all graphs.

        ``bindings`` maps variable names to rdflib terms (or plain Python values, bound as
        literals); they are substituted by the engine, never spliced into the text.
        """

    def query_values(self, sparql: str, bindings: dict[str, Any] | None = None) -> tuple[list[str], list[tuple[str | None, ...]]]:
        """Run a read-only SELECT like ``query`` and return ``(variables, rows)`` with each row a
        tuple of plain strings in variable order: an IRI's text, a literal's lexical form (no
        language tag or datatype), a blank node's label, ``None`` where unbound.

        For bulk reads (kg.analysis reads hundreds of thousands of rows): making an rdflib term
        per value costs more than the query itself, so backends override this with a path that
        never builds one. This default converts ``query``'s rows.
        """
        result = self.query(sparql, bindings)
        if result.kind != "select":
            raise StoreError("query_values needs a SELECT query")
        names = result.variables
        return names, [tuple(None if row.get(n) is None else str(row[n]) for n in names) for row in result.rows]

    @abc.abstractmethod
    def __len__(self) -> int:
        """Number of quads."""

    @abc.abstractmethod
    def dump(self, fmt: str) -> bytes:
        """Serialise the whole dataset: ``nquads``, ``trig``, ``turtle`` (union), ``jsonld``."""

    def optimize(self) -> None:  # noqa: B027  (optional for backends)
        """Reorganise storage after a large load so that reads are fast again (a no-op unless the
        backend needs it)."""

    def close(self) -> None:  # noqa: B027  (optional for backends)
        """Release resources and locks."""

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
