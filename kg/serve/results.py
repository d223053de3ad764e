"""SPARQL result formats: content negotiation and serialisation (SPARQL 1.1 Protocol).

SELECT/ASK results are written as SPARQL JSON here (so that a result can be cut at the row cap
while it streams) and converted to XML/CSV/TSV by pyoxigraph's own result serialisers;
CONSTRUCT/DESCRIBE triples are written by pyoxigraph's RDF serialisers.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Iterable

import pyoxigraph as ox

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANGSTRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


@dataclass(frozen=True)
class Format:
    name: str
    media_type: str
    kinds: frozenset[str]  # "select", "ask", "graph"


RESULT_KINDS = frozenset({"select", "ask"})
FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("json", "application/sparql-results+json", RESULT_KINDS),
        Format("xml", "application/sparql-results+xml", RESULT_KINDS),
        Format("csv", "text/csv", RESULT_KINDS),
        Format("tsv", "text/tab-separated-values", RESULT_KINDS),
        Format("turtle", "text/turtle", frozenset({"graph"})),
        Format("ntriples", "application/n-triples", frozenset({"graph"})),
        Format("rdfxml", "application/rdf+xml", frozenset({"graph"})),
    )
}
# Media types (and short names for ?format=) → format name.
ALIASES: dict[str, str] = {
    **{f.media_type: f.name for f in FORMATS.values()},
    **{f.name: f.name for f in FORMATS.values()},
    "application/json": "json",
    "application/xml": "xml",
    "text/xml": "xml",
    "ttl": "turtle",
    "application/x-turtle": "turtle",
    "nt": "ntriples",
    "text/plain": "ntriples",
    "rdf": "rdfxml",
}
DEFAULT = {"select": "json", "ask": "json", "graph": "turtle"}
RESULTS_FORMAT = {
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
}
RDF_FORMAT = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "rdfxml": ox.RdfFormat.RDF_XML,
}


class NotAcceptable(Exception):
    """No format the client accepts fits the kind of result."""


def _parse_accept(accept: str) -> list[str]:
    """Media ranges of an Accept header, best first (stable for equal q)."""
    ranges: list[tuple[float, int, str]] = []
    for i, part in enumerate(accept.split(",")):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if not media:
            continue
        q = 1.0
        for param in fields[1:]:
            key, _, value = param.partition("=")
            if key.strip() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        if q > 0:
            ranges.append((-q, i, media))
    return [m for _, _, m in sorted(ranges)]


def choose_format(kind: str, accept: str | None, explicit: str | None = None) -> Format:
    """The format for a result of ``kind``: ``explicit`` (?format=) wins, then the Accept header."""
    if explicit:
        name = ALIASES.get(explicit.strip().lower())
        if name is None or kind not in FORMATS[name].kinds:
            allowed = ", ".join(n for n, f in FORMATS.items() if kind in f.kinds)
            raise NotAcceptable(f"format {explicit!r} does not fit a {kind.upper()} result (use one of: {allowed})")
        return FORMATS[name]
    if not accept:
        return FORMATS[DEFAULT[kind]]
    for media in _parse_accept(accept):
        name = ALIASES.get(media)
        if name and kind in FORMATS[name].kinds:
            return FORMATS[name]
        if media in ("*/*", "application/*", "text/*"):
            family = media.split("/")[0]
            for candidate in (DEFAULT[kind], *FORMATS):
                f = FORMATS[candidate]
                if kind in f.kinds and (family in ("*", f.media_type.split("/")[0])):
                    return f
    allowed = ", ".join(f.media_type for f in FORMATS.values() if kind in f.kinds)
    raise NotAcceptable(f"none of the accepted media types fits a {kind.upper()} result (available: {allowed})")


# -- SPARQL JSON from pyoxigraph terms ---------------------------------------------------------
def term_json(term: Any) -> dict[str, Any]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out: dict[str, Any] = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype is not None and term.datatype.value not in (XSD_STRING, RDF_LANGSTRING):
            out["datatype"] = term.datatype.value
        return out
    if isinstance(term, ox.Triple):
        return {
            "type": "triple",
            "value": {
                "subject": term_json(term.subject),
                "predicate": term_json(term.predicate),
                "object": term_json(term.object),
            },
        }
    raise TypeError(f"unexpected term {term!r}")


def select_json(variables: list[str], solutions: Iterable[Any]) -> bytes:
    bindings = []
    for sol in solutions:
        row = {}
        for name in variables:
            value = sol[name]
            if value is not None:
                row[name] = term_json(value)
        bindings.append(row)
    return json.dumps({"head": {"vars": variables}, "results": {"bindings": bindings}}, ensure_ascii=False).encode("utf-8")


def ask_json(value: bool) -> bytes:
    return json.dumps({"head": {}, "boolean": bool(value)}).encode("utf-8")


def convert_results(json_body: bytes, fmt: Format) -> bytes:
    """SPARQL JSON → the requested results format (pyoxigraph's serialisers)."""
    if fmt.name == "json":
        return json_body
    parsed = ox.parse_query_results(json_body, ox.QueryResultsFormat.JSON)
    return parsed.serialize(format=RESULTS_FORMAT[fmt.name])


def serialize_triples(triples: list[Any], fmt: Format, prefixes: dict[str, str] | None = None) -> bytes:
    rdf_format = RDF_FORMAT[fmt.name]
    if rdf_format == ox.RdfFormat.TURTLE and prefixes:
        return ox.serialize(triples, format=rdf_format, prefixes=prefixes)
    return ox.serialize(triples, format=rdf_format)


def content_type(fmt: Format) -> str:
    return f"{fmt.media_type}; charset=utf-8" if fmt.name != "rdfxml" else fmt.media_type
