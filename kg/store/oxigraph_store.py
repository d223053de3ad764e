"""The default backend: an embedded on-disk Oxigraph database.

Layout of a store folder::

    .kg/
      kg-store.json   format marker (so kg never writes into a folder that is not its store)
      kg.lock         advisory lock (kg.store.lock)
      oxigraph/       the Oxigraph (RocksDB) database

Each report's graph is replaced by one SPARQL UPDATE (DROP + INSERT DATA), which Oxigraph applies
as one transaction: a crash leaves the old graph or the new one, never half of either.
"""

from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path
from typing import Any, Iterable

import pyoxigraph as ox
from rdflib import BNode, URIRef

from kg.store.base import (
    QueryResult,
    QuerySyntaxError,
    ReadOnlyError,
    Store,
    StoreBusyError,
    StoreError,
    Triple,
)
from kg.store.lock import StoreLock, lock_wait_seconds
from kg.store.registry import register_store
from kg.store.terms import from_ox, to_ox

FORMAT_MARKER = {"format": "kg-store", "version": 1, "backend": "oxigraph"}
_UPDATE_WORDS = re.compile(r"\b(INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)\b", re.IGNORECASE)
_NOT_KEYWORDS = re.compile(r"[?$][\w\u00b7\u0300-\u036f\u203f\u2040]+|[\w.-]*:[\w.:%-]*", re.UNICODE)
_KG_NAMES = frozenset({"kg.lock", "oxigraph", "kg-store.json.tmp"})
_STRINGS_AND_IRIS = re.compile(r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>\s]*>|#[^\n]*')
EXPORT_FORMATS = {
    "nquads": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "jsonld": getattr(ox.RdfFormat, "JSON_LD", None),
    "rdfxml": ox.RdfFormat.RDF_XML,
}


PREFIXES = {
    "kgo": "https://w3id.org/kg-innovation/ontology#",
    "kgid": "https://w3id.org/kg-innovation/id/",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "prov": "http://www.w3.org/ns/prov#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "qb": "http://purl.org/linked-data/cube#",
}


def looks_like_update(sparql: str) -> str | None:
    """The first SPARQL Update keyword outside strings, IRIs, comments, variables and prefixed
    names, if any (``?delete``, ``ex:insert``, ``"DROP"`` and ``# CLEAR`` are not updates).

    Only used to word the refusal: the read-only guarantee itself comes from the engine, whose
    query parser rejects every update form, and from the read-only database handle.
    """
    m = _UPDATE_WORDS.search(_NOT_KEYWORDS.sub(" ", _STRINGS_AND_IRIS.sub(" ", sparql)))
    return m.group(1).upper() if m else None


GENID = "https://w3id.org/kg-innovation/.well-known/genid/"


def _skolemise(triples: list[Triple]) -> list[Triple]:
    """Replace blank nodes by stable IRIs (RDF 1.1 skolemisation, labels from rdflib's canonical
    labelling), so that the same triples always become the same quads. Blank nodes inserted by a
    SPARQL update get fresh identities every time, which would make every rebuild of a graph with
    blank nodes (the ontology's qb:component structures) differ from the last; with skolem IRIs
    a rebuild is a no-op and exports of two builds compare line by line."""
    if not any(isinstance(t, BNode) for triple in triples for t in triple):
        return triples
    from rdflib import Graph
    from rdflib.compare import to_canonical_graph

    g = Graph()
    for triple in triples:
        g.add(triple)

    def fix(term: Any) -> Any:
        return URIRef(GENID + str(term)) if isinstance(term, BNode) else term

    return [(fix(s), p, fix(o)) for s, p, o in to_canonical_graph(g)]


def _only_kg_files(folder: Path) -> bool:
    """A missing or empty folder, or one holding only what kg itself creates before the marker."""
    try:
        return all(child.name in _KG_NAMES for child in folder.iterdir())
    except FileNotFoundError:
        return True
    except NotADirectoryError:
        return False


def _tell_waiting(message: str) -> None:
    sys.stderr.write(f"kg: {message}\n")
    sys.stderr.flush()


def _one_line(exc: Exception) -> str:
    return " ".join(str(exc).split())


@register_store("oxigraph")
class OxigraphStore(Store):
    name = "oxigraph"

    def __init__(self, location: str, read_only: bool = False, wait_seconds: float = 30.0) -> None:
        self.location = location
        self.folder = Path(location)
        self.read_only = read_only
        marker = self.folder / "kg-store.json"
        if self.folder.exists() and not self.folder.is_dir():
            raise StoreError(f"{self.folder} is a file, not a kg store folder; choose another --store")
        if not marker.exists() and not _only_kg_files(self.folder):
            raise StoreError(f"{self.folder} exists and is not a kg store (no kg-store.json); choose another --store")
        if read_only and not marker.exists():
            raise StoreError(f"no store at {self.folder} — run `kg build` first (or pass --store / set KG_STORE)")
        self._lock = StoreLock(
            self.folder,
            exclusive=not read_only,
            wait_seconds=0.0 if read_only else lock_wait_seconds(wait_seconds),
            on_wait=_tell_waiting,
        )
        self._lock.acquire()
        try:
            db = self.folder / "oxigraph"
            if read_only:
                self._store = ox.Store.read_only(str(db))
            else:
                self.folder.mkdir(parents=True, exist_ok=True)
                self._store = ox.Store(str(db))
                if not marker.exists():
                    # written after the database exists, atomically: a build killed before this
                    # line leaves only kg's own files, which _only_kg_files accepts next time
                    tmp = self.folder / "kg-store.json.tmp"
                    tmp.write_text(json.dumps(FORMAT_MARKER) + "\n", encoding="utf-8")
                    os.replace(tmp, marker)
        except OSError as exc:
            self._lock.release()
            message = _one_line(exc)
            if "lock" in message.lower():
                raise StoreBusyError(
                    f"store {self.folder} is in use by another process (its database is locked); "
                    "try again when it has finished"
                ) from None
            raise StoreError(f"cannot open store {self.folder}: {message}") from None

    # -- writing ---------------------------------------------------------------------------------
    def replace_graph(self, graph: URIRef, triples: Iterable[Triple]) -> None:
        self._check_writable()
        g = to_ox(graph)
        triples = _skolemise(list(triples))
        body = ox.serialize(
            [ox.Triple(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in triples], format=ox.RdfFormat.N_TRIPLES
        ).decode("utf-8")
        self._store.update(f"DROP SILENT GRAPH {g} ;\nINSERT DATA {{ GRAPH {g} {{\n{body}}} }}")

    def remove_graph(self, graph: URIRef) -> bool:
        self._check_writable()
        g = to_ox(graph)
        existed = any(True for _ in self._store.quads_for_pattern(None, None, None, g))
        self._store.update(f"DROP SILENT GRAPH {g}")
        return existed

    def _check_writable(self) -> None:
        if self.read_only:
            raise ReadOnlyError("this store was opened read-only")

    # -- reading ---------------------------------------------------------------------------------
    def graphs(self) -> list[URIRef]:
        return sorted(URIRef(g.value) for g in self._store.named_graphs() if isinstance(g, ox.NamedNode))

    def query(self, sparql: str, bindings: dict[str, Any] | None = None) -> QueryResult:
        substitutions = {ox.Variable(k): to_ox(v) for k, v in (bindings or {}).items()}
        try:
            result = self._store.query(sparql, use_default_graph_as_union=True, substitutions=substitutions or None)
        except SyntaxError as exc:
            word = looks_like_update(sparql)
            if word:
                raise ReadOnlyError(f"kg query is read-only: {word} and other SPARQL updates are refused") from None
            raise QuerySyntaxError(f"SPARQL syntax error: {_one_line(exc)}") from None
        except (OSError, RuntimeError) as exc:
            if substitutions and "does not contain" in str(exc):
                return self._query_with_values(sparql, substitutions)
            raise StoreError(f"query failed: {_one_line(exc)}") from None
        return self._result(result)

    def _query_with_values(self, sparql: str, substitutions: dict[Any, Any]) -> QueryResult:
        """Oxigraph substitutes bound variables only where the SELECT projects them; for the
        others the bindings become a trailing VALUES clause. Each value is an RDF term that
        pyoxigraph serialises (quotes, backslashes and newlines escaped), never the raw text."""
        names = " ".join(str(v) for v in substitutions)
        row = " ".join(str(t) for t in substitutions.values())
        try:
            result = self._store.query(
                f"{sparql}\nVALUES ({names}) {{ ({row}) }}", use_default_graph_as_union=True
            )
        except SyntaxError as exc:
            raise QuerySyntaxError(f"SPARQL syntax error with the bound variables: {_one_line(exc)}") from None
        except (OSError, RuntimeError) as exc:
            raise StoreError(f"query failed: {_one_line(exc)}") from None
        return self._result(result)

    @staticmethod
    def _result(result: Any) -> QueryResult:
        if isinstance(result, ox.QueryBoolean):
            return QueryResult(kind="ask", boolean=bool(result))
        if isinstance(result, ox.QuerySolutions):
            variables = [v.value for v in result.variables]
            rows = [{name: from_ox(sol[name]) for name in variables} for sol in result]
            return QueryResult(kind="select", variables=variables, rows=rows)
        return QueryResult(kind="graph", triples=[(from_ox(t.subject), from_ox(t.predicate), from_ox(t.object)) for t in result])

    def __len__(self) -> int:
        return len(self._store)

    def dump(self, fmt: str) -> bytes:
        rdf_format = EXPORT_FORMATS.get(fmt)
        if rdf_format is None:
            raise StoreError(f"unsupported export format {fmt!r}")
        if rdf_format == ox.RdfFormat.TRIG:
            return self._store.dump(format=rdf_format, prefixes=PREFIXES)
        if rdf_format == ox.RdfFormat.N_QUADS or fmt == "jsonld":
            return self._store.dump(format=rdf_format)
        union = self._store.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", use_default_graph_as_union=True)
        if rdf_format == ox.RdfFormat.TURTLE:
            return ox.serialize(union, format=rdf_format, prefixes=PREFIXES)
        return ox.serialize(union, format=rdf_format)

    def close(self) -> None:
        store = getattr(self, "_store", None)
        if store is not None:
            if not self.read_only:
                store.flush()
            self._store = None
            del store
        self._lock.release()
