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
from typing import Any

from rdflib import Literal, Namespace, URIRef
from rdflib.namespace import RDF, RDFS, XSD

from kg.indicators.normalise import concept_for, normalise_unit

KGO = Namespace("https://w3id.org/kg-innovation/ontology#")
KGID = Namespace("https://w3id.org/kg-innovation/id/")
QB = Namespace("http://purl.org/linked-data/cube#")
PROV = Namespace("http://www.w3.org/ns/prov#")

Triple = tuple[URIRef, URIRef, Any]


def observation_iri(doc_id: str, start: int, end: int, indicator: str) -> URIRef:
    digest = hashlib.sha1("\x1f".join((doc_id, str(start), str(end), indicator)).encode("utf-8")).hexdigest()[:20]
    return URIRef(f"{KGID}observation/{digest}")


def _decimal(x: float | int) -> Literal:
    d = Decimal(repr(float(x))) if not isinstance(x, int) else Decimal(x)
    if d == d.to_integral_value():
        d = d.quantize(Decimal(1))
    return Literal(d, datatype=XSD.decimal)


def _doc_id_of(report_iri: URIRef, obs: dict[str, Any]) -> str:
    return str(obs.get("doc") or report_iri)


def observation_triples(
    obs: dict[str, Any], report_iri: URIRef, region_iri: URIRef | None
) -> list[Triple]:
    """The triples of one observation (a dict in INDICATORS.md format plus ``start``/``end``).

    ``region_iri`` is the grounded region (kg.rdf.iri.region_iri(code)) or None; with None the
    observation gets ``kgo:UnknownRegion`` and keeps the written name as ``kgo:refAreaLabel``.
    """
    label = str(obs["indicator"])
    start, end = int(obs.get("start", 0)), int(obs.get("end", 0))
    s = observation_iri(_doc_id_of(report_iri, obs), start, end, label)
    base_value, base_unit = normalise_unit(obs["value"], obs.get("unit", ""))
    t: list[Triple] = [
        (s, RDF.type, KGO.Observation),
        (s, RDF.type, QB.Observation),
        (s, QB.dataSet, KGO.IndicatorDataSet),
        (s, KGO.refArea, region_iri if region_iri is not None else KGO.UnknownRegion),
        (s, KGO.indicatorLabel, Literal(label, lang="zh")),
        (s, RDFS.label, Literal(f"{label} {obs['value']}{obs.get('unit', '')}", lang="zh")),
        (s, KGO.value, _decimal(obs["value"])),
        (s, KGO.unit, Literal(str(obs.get("unit", "")))),
        (s, KGO.baseValue, _decimal(base_value)),
        (s, KGO.baseUnit, Literal(base_unit)),
        (s, KGO.observationKind, KGO.Target if obs.get("kind") == "target" else KGO.Actual),
        (s, PROV.wasDerivedFrom, report_iri),
    ]
    if obs.get("region"):
        t.append((s, KGO.refAreaLabel, Literal(str(obs["region"]), lang="zh")))
    if obs.get("year") is not None:
        t.append((s, KGO.refPeriod, Literal(f"{int(obs['year']):04d}", datatype=XSD.gYear)))
    concept = concept_for(label)
    if concept:
        t.append((s, KGO.indicator, URIRef(concept)))
    if obs.get("qualifier"):
        t.append((s, KGO.qualifier, Literal(str(obs["qualifier"]), lang="zh")))
    if obs.get("text"):
        t.append((s, KGO.evidence, Literal(str(obs["text"]))))
    if "start" in obs and "end" in obs:
        t.append((s, KGO.spanStart, Literal(start, datatype=XSD.integer)))
        t.append((s, KGO.spanEnd, Literal(end, datatype=XSD.integer)))
    return t
