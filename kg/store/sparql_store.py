"""A store behind a SPARQL 1.1 endpoint (Oxigraph server, Apache Jena Fuseki, …).

``--store http://host:7878`` (any http(s) URL) selects this backend. Endpoints:

- query: ``URL/query`` and update: ``URL/update`` — the layout of ``oxigraph serve`` and of a
  Fuseki dataset (``http://host:3030/ds``). A URL that already ends in ``/query`` or ``/sparql`` is
  the query endpoint itself and ``…/update`` beside it the update endpoint.
  ``KG_SPARQL_UPDATE_URL`` overrides the update endpoint.
- The endpoint must answer queries over the union of its named graphs (kg keeps every report in
  its own graph): ``oxigraph serve --union-default-graph`` or Fuseki's ``unionDefaultGraph``; the
  ``union-default-graph`` request parameter is sent too (Oxigraph honours it).

Each report's graph is replaced by one SPARQL UPDATE request (DROP + INSERT DATA), which the
server applies as one transaction. Query bindings are never spliced as text: each value becomes
an RDF term serialised by pyoxigraph (N-Triples syntax, escaped) in a VALUES block at the start
of the WHERE pattern, so ``"; DROP ALL`` in a name stays a string literal.

Only the Python standard library is used for HTTP.
"""

from __future__ import annotations

import json
import os
import re
import socket
import urllib.error
import urllib.parse
import urllib.request
from typing import Any, Iterable

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef

from kg.store.base import (
    QueryResult,
    QuerySyntaxError,
    QueryTimeoutError,
    ReadOnlyError,
    Store,
    StoreError,
    Triple,
)
from kg.store.registry import register_store
from kg.store.terms import from_ox, to_ox

_MASK = re.compile(r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>\s"{}|^`\\]*>|#[^\n]*')
_UPDATE_WORDS = re.compile(r"\b(INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)\b", re.IGNORECASE)
_WHERE_OR_BRACE = re.compile(r"\bWHERE\b|\{", re.IGNORECASE)
_CONSTRUCT = re.compile(r"\bCONSTRUCT\b", re.IGNORECASE)
_VAR = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
TIMEOUT_S = float(os.environ.get("KG_SPARQL_TIMEOUT", "120"))


def _masked(sparql: str) -> str:
    """The query with strings, IRIs and comments blanked out (same length), for keyword search."""
    return _MASK.sub(lambda m: " " * len(m.group(0)), sparql)


def _one_line(text: str, limit: int = 300) -> str:
    s = " ".join(str(text).split())
    return s if len(s) <= limit else s[:limit] + "…"


def term_text(value: Any) -> str:
    """An rdflib term or Python value as SPARQL/N-Triples text, escaped by pyoxigraph."""
    term = to_ox(value)
    if isinstance(term, ox.BlankNode):
        raise StoreError("blank nodes cannot be bound in a query sent to an endpoint")
    return str(term)


def bind_values(sparql: str, bindings: dict[str, Any]) -> str:
    """Insert ``VALUES (?a ?b) { (term term) }`` right after the opening brace of the WHERE pattern."""
    if not bindings:
        return sparql
    names = list(bindings)
    for name in names:
        if not _VAR.match(name):
            raise StoreError(f"invalid variable name {name!r} in bindings")
    masked = _masked(sparql)
    start = 0
    construct = _CONSTRUCT.search(masked)
    if construct:  # skip the template: the pattern is the brace after WHERE
        where = re.search(r"\bWHERE\b", masked[construct.end() :], re.IGNORECASE)
        if where is None:
            raise QuerySyntaxError("cannot bind variables: CONSTRUCT without WHERE")
        start = construct.end() + where.end()
    brace = masked.find("{", start)
    if brace == -1:
        raise QuerySyntaxError("cannot bind variables: the query has no WHERE pattern")
    block = "VALUES (" + " ".join(f"?{n}" for n in names) + ") { (" + " ".join(term_text(bindings[n]) for n in names) + ") }"
    return sparql[: brace + 1] + " " + block + " " + sparql[brace + 1 :]


def looks_like_update(sparql: str) -> str | None:
    m = _UPDATE_WORDS.search(_masked(sparql))
    return m.group(1).upper() if m else None


def _from_json(binding: dict[str, Any] | None) -> Any:
    if binding is None:
        return None
    kind, value = binding.get("type"), binding.get("value", "")
    if kind == "uri":
        return URIRef(value)
    if kind == "bnode":
        return BNode(value)
    if kind in ("literal", "typed-literal"):
        lang = binding.get("xml:lang")
        if lang:
            return Literal(value, lang=lang)
        dt = binding.get("datatype")
        if dt and dt != "http://www.w3.org/2001/XMLSchema#string":
            return Literal(value, datatype=URIRef(dt))
        return Literal(value)
    return Literal(str(value))


@register_store("sparql")
class SparqlStore(Store):
    name = "sparql"

    def __init__(self, location: str, read_only: bool = False, **_: Any) -> None:
        self.location = location.rstrip("/")
        self.read_only = read_only
        base = self.location
        if re.search(r"/(query|sparql)$", base):
            self.query_url = base
            base = base.rsplit("/", 1)[0]
        else:
            self.query_url = base + "/query"
        self.update_url = os.environ.get("KG_SPARQL_UPDATE_URL") or base + "/update"

    # -- HTTP -------------------------------------------------------------------------------------
    def _post(self, url: str, body: str, content_type: str, accept: str, params: dict[str, str] | None = None) -> bytes:
        if params:
            url = url + ("&" if "?" in url else "?") + urllib.parse.urlencode(params)
        req = urllib.request.Request(
            url, data=body.encode("utf-8"), method="POST", headers={"Content-Type": content_type, "Accept": accept}
        )
        try:
            with urllib.request.urlopen(req, timeout=TIMEOUT_S) as resp:
                return resp.read()
        except urllib.error.HTTPError as exc:
            detail = _one_line(exc.read().decode("utf-8", "replace"))
            if exc.code == 400:
                raise QuerySyntaxError(f"the endpoint refused the request: {detail}") from None
            raise StoreError(f"SPARQL endpoint {url} answered {exc.code}: {detail}") from None
        except (socket.timeout, TimeoutError):
            raise QueryTimeoutError(f"SPARQL endpoint {url} did not answer within {TIMEOUT_S:.0f} s") from None
        except urllib.error.URLError as exc:
            raise StoreError(f"cannot reach SPARQL endpoint {url}: {_one_line(str(exc.reason))}") from None
        except OSError as exc:
            raise StoreError(f"cannot reach SPARQL endpoint {url}: {_one_line(str(exc))}") from None

    def _update(self, sparql: str) -> None:
        if self.read_only:
            raise ReadOnlyError("this store was opened read-only")
        self._post(self.update_url, sparql, "application/sparql-update", "*/*")

    # -- writing ----------------------------------------------------------------------------------
    def replace_graph_ntriples(self, graph: str, ntriples: str) -> None:
        """Replace one graph from N-Triples text (what kg.build's workers produce) in one request."""
        g = term_text(URIRef(graph))
        self._update(f"DROP SILENT GRAPH {g} ;\nINSERT DATA {{ GRAPH {g} {{\n{ntriples}}} }}")

    def replace_graph(self, graph: URIRef, triples: Iterable[Triple]) -> None:
        body = ox.serialize(
            [ox.Triple(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in triples], format=ox.RdfFormat.N_TRIPLES
        ).decode("utf-8")
        self.replace_graph_ntriples(str(graph), body)

    def remove_graph(self, graph: URIRef) -> bool:
        g = term_text(URIRef(graph))
        existed = bool(self._select(f"ASK {{ GRAPH {g} {{ ?s ?p ?o }} }}").boolean)
        self._update(f"DROP SILENT GRAPH {g}")
        return existed

    # -- reading ----------------------------------------------------------------------------------
    def _select(self, sparql: str) -> QueryResult:
        data = self._post(
            self.query_url,
            sparql,
            "application/sparql-query",
            "application/sparql-results+json, application/n-triples;q=0.9",
            {"union-default-graph": ""},
        )
        text = data.decode("utf-8")
        stripped = text.lstrip()
        if stripped.startswith("{"):
            doc = json.loads(text)
            if "boolean" in doc:
                return QueryResult(kind="ask", boolean=bool(doc["boolean"]))
            variables = list(doc.get("head", {}).get("vars", []))
            rows = [{v: _from_json(b.get(v)) for v in variables} for b in doc.get("results", {}).get("bindings", [])]
            return QueryResult(kind="select", variables=variables, rows=rows)
        triples = [
            (from_ox(t.subject), from_ox(t.predicate), from_ox(t.object))
            for t in ox.parse(data, format=ox.RdfFormat.N_TRIPLES)
        ]
        return QueryResult(kind="graph", triples=triples)

    def query_values(self, sparql: str, bindings: dict[str, Any] | None = None) -> tuple[list[str], list[tuple[str | None, ...]]]:
        """``Store.query_values`` straight from the JSON results: each binding's ``value``."""
        self._refuse_update(sparql)
        try:
            data = self._post(
                self.query_url,
                bind_values(sparql, bindings or {}),
                "application/sparql-query",
                "application/sparql-results+json",
                {"union-default-graph": ""},
            )
        except QuerySyntaxError as exc:
            raise QuerySyntaxError(f"SPARQL syntax error: {exc}") from None
        doc = json.loads(data.decode("utf-8"))
        if "boolean" in doc or "results" not in doc:
            raise StoreError("query_values needs a SELECT query")
        variables = list(doc.get("head", {}).get("vars", []))
        rows = [tuple(b[v]["value"] if v in b else None for v in variables) for b in doc["results"].get("bindings", [])]
        return variables, rows

    def _refuse_update(self, sparql: str) -> None:
        word = looks_like_update(sparql)
        if word and not re.search(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", _masked(sparql), re.IGNORECASE):
            raise ReadOnlyError(f"kg query is read-only: {word} and other SPARQL updates are refused")

    def query(self, sparql: str, bindings: dict[str, Any] | None = None) -> QueryResult:
        word = looks_like_update(sparql)
        if word and not re.search(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", _masked(sparql), re.IGNORECASE):
            raise ReadOnlyError(f"kg query is read-only: {word} and other SPARQL updates are refused")
        try:
            return self._select(bind_values(sparql, bindings or {}))
        except QuerySyntaxError as exc:
            if word:
                raise ReadOnlyError(f"kg query is read-only: {word} and other SPARQL updates are refused") from None
            raise QuerySyntaxError(f"SPARQL syntax error: {exc}") from None

    def graphs(self) -> list[URIRef]:
        res = self._select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        return sorted(r["g"] for r in res.rows if isinstance(r["g"], URIRef))

    def __len__(self) -> int:
        res = self._select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        return int(res.rows[0]["n"]) if res.rows else 0

    def dump(self, fmt: str) -> bytes:
        from kg.store.oxigraph_store import EXPORT_FORMATS, PREFIXES

        rdf_format = EXPORT_FORMATS.get(fmt)
        if rdf_format is None:
            raise StoreError(f"unsupported export format {fmt!r}")
        rows = self._select("SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }").rows
        if rdf_format in (ox.RdfFormat.N_QUADS, ox.RdfFormat.TRIG) or fmt == "jsonld":
            quads = [ox.Quad(to_ox(r["s"]), to_ox(r["p"]), to_ox(r["o"]), to_ox(r["g"])) for r in rows]
            quads.sort(key=str)
            if rdf_format == ox.RdfFormat.TRIG:
                return ox.serialize(quads, format=rdf_format, prefixes=PREFIXES)
            return ox.serialize(quads, format=rdf_format)
        triples = sorted({ox.Triple(to_ox(r["s"]), to_ox(r["p"]), to_ox(r["o"])) for r in rows}, key=str)
        if rdf_format == ox.RdfFormat.TURTLE:
            return ox.serialize(triples, format=rdf_format, prefixes=PREFIXES)
        return ox.serialize(triples, format=rdf_format)
