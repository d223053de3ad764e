"""Stable IRIs: the same thing gets the same IRI in every run, on every machine.

An entity's IRI is derived from its type and its canonical name (NFKC-normalised, whitespace
and quote marks removed — the same normalisation the scorer uses), hashed so that a name full
of IRI-breaking characters still yields a clean IRI. Regions with an administrative code use the
code, so that 高台县 and 高台 from different reports meet in one node.
"""

from __future__ import annotations

import hashlib
import unicodedata

from rdflib import URIRef

from kg.rdf.namespaces import KGID

_QUOTES = "\"'“”‘’「」『』《》〈〉【】"


def normalise_name(name: str) -> str:
    s = unicodedata.normalize("NFKC", name)
    return "".join(ch for ch in s if not ch.isspace() and ch not in _QUOTES)


def _digest(*parts: str) -> str:
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:20]


# The ``*_text`` functions return the IRI as a plain string (what the mapping writes as N-Triples,
# kg.rdf.nt); the others wrap it as an rdflib URIRef for the Python API.
def entity_iri_text(entity_type: str, canonical_name: str, code: str | None = None) -> str:
    if entity_type == "REGION" and code:
        return region_iri_text(code)
    return f"{KGID}{entity_type.lower()}/{_digest(entity_type, normalise_name(canonical_name))}"


def region_iri_text(code: str) -> str:
    return f"{KGID}region/{code}"


def report_iri_text(doc_id: str) -> str:
    return f"{KGID}report/{_digest('report', doc_id)}"


def collaboration_iri_text(doc_id: str, a: str, b: str, kind: str) -> str:
    if kind != "HOSTS":  # symmetric kinds: the order of the pair must not matter
        a, b = sorted((a, b))
    return f"{KGID}collaboration/{_digest(doc_id, a, b, kind)}"


def entity_iri(entity_type: str, canonical_name: str, code: str | None = None) -> URIRef:
    return URIRef(entity_iri_text(entity_type, canonical_name, code))


def region_iri(code: str) -> URIRef:
    return URIRef(region_iri_text(code))


def report_iri(doc_id: str) -> URIRef:
    """The report node, which is also the name of the report's named graph."""
    return URIRef(report_iri_text(doc_id))


def collaboration_iri(doc_id: str, a: str, b: str, kind: str) -> URIRef:
    return URIRef(collaboration_iri_text(doc_id, a, b, kind))
