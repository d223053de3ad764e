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


def entity_iri(entity_type: str, canonical_name: str, code: str | None = None) -> URIRef:
    if entity_type == "REGION" and code:
        return region_iri(code)
    return URIRef(f"{KGID}{entity_type.lower()}/{_digest(entity_type, normalise_name(canonical_name))}")


def region_iri(code: str) -> URIRef:
    return URIRef(f"{KGID}region/{code}")


def report_iri(doc_id: str) -> URIRef:
    """The report node, which is also the name of the report's named graph."""
    return URIRef(f"{KGID}report/{_digest('report', doc_id)}")


def collaboration_iri(doc_id: str, a: str, b: str, kind: str) -> URIRef:
    if kind != "HOSTS":  # symmetric kinds: the order of the pair must not matter
        a, b = sorted((a, b))
    return URIRef(f"{KGID}collaboration/{_digest(doc_id, a, b, kind)}")
