"""RDF Data Cube triples for one indicator observation.

Each observation is a ``kgo:Observation`` (also typed ``qb:Observation``) in ``kgo:IndicatorDataSet``
with the dimensions of ``kgo:IndicatorStructure`` (ontology/indicators.ttl): ``kgo:refArea``
(region IRI, or ``kgo:UnknownRegion``; the name as written is kept as ``kgo:refAreaLabel``),
``kgo:refPeriod`` (xsd:gYear), ``kgo:indicator`` (SKOS concept, when the label maps to one) and
``kgo:observationKind`` (kgo:Actual / kgo:Target); the measure ``kgo:value`` (xsd:decimal, as
written) and the attributes ``kgo:unit``, ``kgo:baseValue``/``kgo:baseUnit`` (normalised),
``kgo:indicatorLabel``, ``kgo:qualifier``; provenance ``prov:wasDerivedFrom`` the report and the
verbatim span (``kgo:evidence``, ``kgo:spanStart``, ``kgo:spanEnd``).

The observation IRI is stable: a hash of (report doc id, span start, span end, indicator label).
"""

from __future__ import annotations

import hashlib
from decimal import Decimal
from functools import lru_cache
from typing import Any

from rdflib import URIRef

from kg.indicators.normalise import concept_for, normalise_unit
from kg.rdf import nt
from kg.rdf.namespaces import KGID, KGO, PROV, QB  # noqa: F401  (rdflib namespaces, public)
from kg.rdf.nt import NTTriple

_T_KGO, _T_QB, _T_PROV, _T_RDF, _T_RDFS = nt.KGO, nt.QB, nt.PROV, nt.RDF, nt.RDFS

Triple = tuple[URIRef, URIRef, Any]

_DATASET = _T_KGO.IndicatorDataSet
_UNKNOWN = _T_KGO.UnknownRegion
_TARGET, _ACTUAL = _T_KGO.Target, _T_KGO.Actual


def observation_iri_text(doc_id: str, start: int, end: int, indicator: str) -> str:
    digest = hashlib.sha1("\x1f".join((doc_id, str(start), str(end), indicator)).encode("utf-8")).hexdigest()[:20]
    return f"{KGID}observation/{digest}"


def observation_iri(doc_id: str, start: int, end: int, indicator: str) -> URIRef:
    return URIRef(observation_iri_text(doc_id, start, end, indicator))


@lru_cache(maxsize=16384)
def _concept_token(label: str) -> str | None:
    """The indicator concept's token for a label: labels recur across observations and reports,
    and the lookup (a suffix scan over every concept label) is the costliest step of the mapping."""
    concept = concept_for(label)
    return nt.iri(concept) if concept else None


def _decimal(x: float | int) -> str:
    """xsd:decimal in the form rdflib writes it: integral values without a point, others in
    fixed notation (no exponent)."""
    d = Decimal(repr(float(x))) if not isinstance(x, int) else Decimal(x)
    if d == d.to_integral_value():
        d = d.quantize(Decimal(1))
    return nt.typed_literal(format(d, "f"), nt.DECIMAL)


def observation_ntriples(obs: dict[str, Any], doc_id: str, report: str, region: str | None) -> list[NTTriple]:
    """The triples of one observation as N-Triples tokens (kg.rdf.nt): ``obs`` is a dict in
    INDICATORS.md format plus ``start``/``end``, ``report`` the report's token, ``region`` the
    grounded region's token or None (then ``kgo:UnknownRegion``, the written name kept as
    ``kgo:refAreaLabel``)."""
    label = str(obs["indicator"])
    start, end = int(obs.get("start", 0)), int(obs.get("end", 0))
    s = nt.iri(observation_iri_text(doc_id, start, end, label))
    base_value, base_unit = normalise_unit(obs["value"], obs.get("unit", ""))
    t: list[NTTriple] = [
        (s, _T_RDF.type, _T_KGO.Observation),
        (s, _T_RDF.type, _T_QB.Observation),
        (s, _T_QB.dataSet, _DATASET),
        (s, _T_KGO.refArea, region if region is not None else _UNKNOWN),
        (s, _T_KGO.indicatorLabel, nt.lang_literal(label)),
        (s, _T_RDFS.label, nt.lang_literal(f"{label} {obs['value']}{obs.get('unit', '')}")),
        (s, _T_KGO.value, _decimal(obs["value"])),
        (s, _T_KGO.unit, nt.literal(str(obs.get("unit", "")))),
        (s, _T_KGO.baseValue, _decimal(base_value)),
        (s, _T_KGO.baseUnit, nt.literal(base_unit)),
        (s, _T_KGO.observationKind, _TARGET if obs.get("kind") == "target" else _ACTUAL),
        (s, _T_PROV.wasDerivedFrom, report),
    ]
    if obs.get("region"):
        t.append((s, _T_KGO.refAreaLabel, nt.lang_literal(str(obs["region"]))))
    if obs.get("year") is not None:
        t.append((s, _T_KGO.refPeriod, nt.typed_literal(f"{int(obs['year']):04d}", nt.GYEAR)))
    concept = _concept_token(label)
    if concept:
        t.append((s, _T_KGO.indicator, concept))
    if obs.get("qualifier"):
        t.append((s, _T_KGO.qualifier, nt.lang_literal(str(obs["qualifier"]))))
    if obs.get("text"):
        t.append((s, _T_KGO.evidence, nt.literal(str(obs["text"]))))
    if "start" in obs and "end" in obs:
        t.append((s, _T_KGO.spanStart, nt.integer(start)))
        t.append((s, _T_KGO.spanEnd, nt.integer(end)))
    return t


def observation_triples(obs: dict[str, Any], report_iri: URIRef, region_iri: URIRef | None) -> list[Triple]:
    """The same triples as rdflib terms (the Python API): ``region_iri`` is the grounded region
    (kg.rdf.iri.region_iri(code)) or None. The observation's doc id is ``obs["doc"]`` if given,
    else the report IRI."""
    tokens = observation_ntriples(
        obs, str(obs.get("doc") or report_iri), nt.iri(str(report_iri)), nt.iri(str(region_iri)) if region_iri is not None else None
    )
    to = nt.to_rdflib
    return [(to(a), to(b), to(c)) for a, b, c in tokens]  # type: ignore[misc]
