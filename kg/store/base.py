"""The Store interface every backend implements (cf. rdflib's ``Store``: the graph logic above
never depends on the backend below)."""

from __future__ import annotations

import abc
from dataclasses import dataclass, field
from typing import Any, Iterable

from rdflib import URIRef

Triple = tuple[Any, Any, Any]


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

    @abc.abstractmethod
    def __len__(self) -> int:
        """Number of quads."""

    @abc.abstractmethod
    def dump(self, fmt: str) -> bytes:
        """Serialise the whole dataset: ``nquads``, ``trig``, ``turtle`` (union), ``jsonld``."""

    def close(self) -> None:  # noqa: B027  (optional for backends)
        """Release resources and locks."""

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
