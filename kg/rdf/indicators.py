"""Indicator observations in the report graph (a registered graph contributor).

Each observation's region is grounded like an entity: the region entity of the same name in
the report if there is one, else the gazetteer's code for the name as written; an unknown or
masked region stays ``kgo:UnknownRegion`` with the written name kept.
"""

from __future__ import annotations

from typing import Iterable

from rdflib import URIRef

from kg.indicators.rdf import observation_triples
from kg.model import Extraction
from kg.rdf.iri import region_iri
from kg.rdf.mapping import CONTRIBUTORS, Triple
from kg.rdf.regions import lookup_code, region_node_triples


def indicator_triples(extraction: Extraction, report: URIRef, by_name: dict[str, URIRef]) -> Iterable[Triple]:
    regions_here = {e.name: e for e in extraction.entities if e.type == "REGION"}
    for e in list(regions_here.values()):
        for alias in e.aliases:
            regions_here.setdefault(alias, e)
    out: list[Triple] = []
    for obs in extraction.indicators:
        name = obs.get("region")
        region: URIRef | None = None
        if name:
            entity = regions_here.get(name)
            if entity is not None and name in by_name:
                region = by_name[name]
            else:
                code = lookup_code(name)
                if code:
                    region = region_iri(code)
                    out += region_node_triples(region, code, report, label=name)
        out += observation_triples({**obs, "doc": extraction.report.doc_id}, report, region)
    return out


CONTRIBUTORS["indicators"] = indicator_triples
