"""Indicator observations in the report graph (a registered graph contributor).

Each observation's region is grounded like an entity: the region entity of the same name in
the report if there is one, else the gazetteer's code for the name as written; an unknown or
masked region stays ``kgo:UnknownRegion`` with the written name kept. Triples are yielded one
observation at a time: a report of many megabytes has hundreds of thousands of observations.
"""

from __future__ import annotations

from typing import Iterator

from kg.indicators.rdf import observation_ntriples
from kg.model import Extraction
from kg.rdf import nt
from kg.rdf.iri import region_iri_text
from kg.rdf.mapping import CONTRIBUTORS
from kg.rdf.regions import lookup_code, region_node_triples


def indicator_triples(extraction: Extraction, report: str, by_name: dict[str, str]) -> Iterator[nt.NTTriple]:
    regions_here = {e.name: e for e in extraction.entities if e.type == "REGION"}
    for e in list(regions_here.values()):
        for alias in e.aliases:
            regions_here.setdefault(alias, e)
    doc_id = extraction.report.doc_id
    for obs in extraction.indicators:
        name = obs.get("region")
        region: str | None = None
        if name:
            entity = regions_here.get(name)
            if entity is not None and name in by_name:
                region = by_name[name]
            else:
                code = lookup_code(name)
                if code:
                    region = nt.iri(region_iri_text(code))
                    yield from region_node_triples(region, code, report, label=name)
        yield from observation_ntriples(obs, doc_id, report, region)


CONTRIBUTORS["indicators"] = indicator_triples
