"""N-Triples terms as text: what the mapping writes, and the way back to rdflib terms.

The mapping of one report produces ~1,200 triples, and building them as rdflib ``URIRef`` /
``Literal`` objects and then re-serialising them cost more CPU than extracting the report
(bench/README.md, "first bottleneck"). So the mapping writes each term directly in its N-Triples
form — ``<iri>``, ``"text"@zh``, ``"5"^^<…#integer>`` — and a triple is a tuple of three such
strings: ``kg build`` joins them into lines, and ``report_graph`` (the Python API and the tests)
turns them back into rdflib terms with ``to_rdflib``.

Escaping follows the N-Triples grammar (STRING_LITERAL_QUOTE, IRIREF): ``"``, ``\\``, line
breaks and every other control character of a literal are escaped; an IRI with a character an
IRIREF forbids is refused (``ValueError``), since every IRI the mapping writes is built by
kg.rdf.iri or comes from the vocabulary — a bad one is a bug, not data.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from rdflib import Literal, URIRef

NTTriple = tuple[str, str, str]

XSD = "http://www.w3.org/2001/XMLSchema#"

_NEEDS_ESCAPE = re.compile(r'[\x00-\x1f"\\\x7f]')
_ESCAPES = {c: f"\\u{c:04X}" for c in range(0x20)} | {
    0x7F: "\\u007F",
    ord("\\"): "\\\\",
    ord('"'): '\\"',
    ord("\n"): "\\n",
    ord("\r"): "\\r",
    ord("\t"): "\\t",
}
_BAD_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\]')


def iri(value: str) -> str:
    """``<value>``; refuses what an N-Triples IRIREF cannot hold."""
    if _BAD_IRI.search(value):
        raise ValueError(f"not a valid IRI: {value!r}")
    return f"<{value}>"


def _quoted(text: str) -> str:
    if _NEEDS_ESCAPE.search(text):
        text = text.translate(_ESCAPES)
    return f'"{text}"'


def literal(text: str) -> str:
    """A plain (xsd:string) literal."""
    return _quoted(text)


def lang_literal(text: str, lang: str = "zh") -> str:
    return f"{_quoted(text)}@{lang}"


def typed_literal(lexical: str, datatype_token: str) -> str:
    """A literal with a datatype given as an IRI token (``<…>``), e.g. ``INTEGER``."""
    return f"{_quoted(lexical)}^^{datatype_token}"


INTEGER = iri(XSD + "integer")
DECIMAL = iri(XSD + "decimal")
GYEAR = iri(XSD + "gYear")


def integer(value: int) -> str:
    return typed_literal(str(int(value)), INTEGER)


@lru_cache(maxsize=4096)
def term(node: Any) -> str:
    """The token of an rdflib IRI (a vocabulary term): looked up once per term."""
    if not isinstance(node, URIRef):
        raise TypeError(f"expected an IRI, got {node!r}")
    return iri(str(node))


class TokenNamespace:
    """``ns.name`` → the token ``<base + name>``, made on first use and then a plain attribute
    (rdflib's ``Namespace.__getattr__`` builds and validates a new URIRef on every access)."""

    def __init__(self, base: str) -> None:
        self._base = str(base)

    def __getattr__(self, name: str) -> str:
        if name.startswith("__"):
            raise AttributeError(name)
        token = iri(self._base + name)
        setattr(self, name, token)
        return token


RDF = TokenNamespace("http://www.w3.org/1999/02/22-rdf-syntax-ns#")
RDFS = TokenNamespace("http://www.w3.org/2000/01/rdf-schema#")
KGO = TokenNamespace("https://w3id.org/kg-innovation/ontology#")
PROV = TokenNamespace("http://www.w3.org/ns/prov#")
QB = TokenNamespace("http://purl.org/linked-data/cube#")


# -- back to rdflib ----------------------------------------------------------------------------
_LITERAL = re.compile(r'^"(.*)"(?:@([A-Za-z0-9-]+)|\^\^<([^>]*)>)?$', re.DOTALL)
_UNESCAPE = re.compile(r'\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))', re.DOTALL)
_SIMPLE = {"n": "\n", "r": "\r", "t": "\t", "b": "\b", "f": "\f", '"': '"', "'": "'", "\\": "\\"}


def _unescape(text: str) -> str:
    if "\\" not in text:
        return text

    def one(m: re.Match[str]) -> str:
        hex_ = m.group(1) or m.group(2)
        return chr(int(hex_, 16)) if hex_ else _SIMPLE[m.group(3)]

    return _UNESCAPE.sub(one, text)


def to_rdflib(token: str) -> URIRef | Literal:
    """The rdflib term of one token written by this module."""
    if token.startswith("<"):
        return URIRef(token[1:-1])
    m = _LITERAL.match(token)
    if m is None:
        raise ValueError(f"not an N-Triples term: {token!r}")
    text, lang, datatype = _unescape(m.group(1)), m.group(2), m.group(3)
    if lang:
        return Literal(text, lang=lang)
    if datatype and datatype != XSD + "string":
        return Literal(text, datatype=URIRef(datatype))
    return Literal(text)


def line(triple: NTTriple) -> str:
    return f"{triple[0]} {triple[1]} {triple[2]} .\n"
