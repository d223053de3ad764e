"""One report's Extraction → the triples of its named graph.

Everything a report says lives in the graph named by the report's IRI: the report node, every
entity it mentions (type, @zh label, aliases, region code and parent chain, location), every
collaboration as a node with participants, kind, evidence sentence and ``prov:wasDerivedFrom``,
and shortcut edges (collaboratesWith / hostedBy / coBuilds) for simple queries. Entities are
shared across reports through their stable IRIs; removing a report's graph removes exactly what
that report said. No timestamps are written, so building the same input twice gives the same
graph.
"""

from __future__ import annotations

from typing import Callable, Iterable, Iterator

from rdflib import RDF, RDFS, XSD, Literal, URIRef

from kg.model import Entity, Extraction
from kg.rdf.iri import collaboration_iri, entity_iri, region_iri, report_iri
from kg.rdf.namespaces import KGO, KIND_CONCEPT, LEVEL_CONCEPT, PROV, TYPE_CLASS, class_for
from kg.rdf.regions import is_admin_code, lookup_code, region_node_triples

Triple = tuple[URIRef, URIRef, object]
EXTRACTOR_VERSION = "kg-extract/1"

# Extra triple producers for one report (e.g. indicator observations), registered by name.
# Each takes (extraction, report IRI, entity-IRI lookup) and returns triples for the report graph.
GraphContributor = Callable[[Extraction, URIRef, dict[str, URIRef]], Iterable[Triple]]
CONTRIBUTORS: dict[str, GraphContributor] = {}

def _label(entity: Entity) -> str:
    return entity.canonical or entity.name


def entity_node_iri(entity: Entity) -> URIRef:
    return entity_iri(entity.type, _label(entity), entity.code if is_admin_code(entity.code) else None)


def _entity_triples(entity: Entity, node: URIRef, report: URIRef, by_name: dict[str, URIRef]) -> list[Triple]:
    label = _label(entity)
    triples: list[Triple] = [
        (node, RDF.type, class_for(entity.type, label)),  # type: ignore[list-item]
        (node, RDFS.label, Literal(label, lang="zh")),
        (node, KGO.entityType, Literal(entity.type)),
        (node, KGO.mentionedIn, report),
    ]
    for alias in {entity.name, *entity.aliases} - {label}:
        triples.append((node, KGO.alias, Literal(alias, lang="zh")))
    if entity.level in LEVEL_CONCEPT:
        triples.append((node, KGO.level, LEVEL_CONCEPT[entity.level]))
    if entity.type == "REGION" and is_admin_code(entity.code):
        triples += region_node_triples(node, entity.code, report)  # type and label are above
    if entity.located_in:
        triples += _located_in(node, entity.located_in, report, by_name)
    return triples


def _located_in(node: URIRef, region_name: str, report: URIRef, by_name: dict[str, URIRef]) -> list[Triple]:
    """``node kgo:locatedIn`` the region: the report's own region entity of that name, else the
    gazetteer's unit (described with its chain, since the report did not list it)."""
    region = by_name.get(region_name)
    if region is not None:
        return [] if region == node else [(node, KGO.locatedIn, region)]
    code = lookup_code(region_name)
    if code is None:
        return []
    region = region_iri(code)
    return [(node, KGO.locatedIn, region), *region_node_triples(region, code, report, label=region_name)]


def report_graph(extraction: Extraction) -> tuple[URIRef, list[Triple]]:
    """Return (graph name, triples) for one report."""
    graph, triples = report_graph_stream(extraction)
    return graph, list(triples)


def report_graph_stream(extraction: Extraction) -> tuple[URIRef, Iterator[Triple]]:
    """(graph name, the same triples as ``report_graph`` in the same order, produced lazily): a
    report of many megabytes maps to millions of triples, which the build serialises in chunks
    instead of holding them all as rdflib terms."""
    return report_iri(extraction.report.doc_id), _report_triples(extraction)


def _report_triples(extraction: Extraction) -> Iterator[Triple]:
    report = extraction.report
    graph = report_iri(report.doc_id)
    yield (graph, RDF.type, KGO.Report)
    yield (graph, KGO.docId, Literal(report.doc_id))
    yield (graph, KGO.extractor, Literal(EXTRACTOR_VERSION))
    if report.sha256:
        yield (graph, KGO.sha256, Literal(report.sha256))
    if report.title:
        yield (graph, RDFS.label, Literal(report.title, lang="zh"))
    if report.year:
        yield (graph, KGO.year, Literal(str(report.year), datatype=XSD.gYear))

    by_name: dict[str, URIRef] = {}  # every surface form (name, alias, canonical) → node
    nodes: list[tuple[Entity, URIRef]] = []
    for entity in extraction.entities:
        if entity.type not in TYPE_CLASS:
            continue
        node = entity_node_iri(entity)
        nodes.append((entity, node))
        for form in (entity.name, *entity.aliases, _label(entity)):
            by_name.setdefault(form, node)
    for entity, node in nodes:
        yield from _entity_triples(entity, node, graph, by_name)

    if extraction.subject_region and extraction.subject_region in by_name:
        yield (graph, KGO.subjectRegion, by_name[extraction.subject_region])

    for collab in extraction.collaborations:
        a, b = by_name.get(collab.a), by_name.get(collab.b)
        if a is None or b is None or a == b or collab.kind not in KIND_CONCEPT:
            continue
        node = collaboration_iri(report.doc_id, str(a), str(b), collab.kind)
        yield from (
            (node, RDF.type, KGO.Collaboration),
            (node, KGO.participant, a),
            (node, KGO.participant, b),
            (node, KGO.source, a),
            (node, KGO.target, b),
            (node, KGO.kind, KIND_CONCEPT[collab.kind]),
            (node, KGO.evidence, Literal(collab.evidence or f"{collab.a} {collab.b}")),
            (node, PROV.wasDerivedFrom, graph),
            (a, KGO.collaboratesWith, b),
        )
        if collab.trigger:
            yield (node, KGO.trigger, Literal(collab.trigger))
        if collab.span != (0, 0):
            yield (node, KGO.spanStart, Literal(collab.span[0], datatype=XSD.integer))
            yield (node, KGO.spanEnd, Literal(collab.span[1], datatype=XSD.integer))
        if collab.kind == "HOSTS":
            yield (b, KGO.hostedBy, a)
        elif collab.kind == "CO_BUILDS":
            yield (a, KGO.coBuilds, b)

    for contributor in CONTRIBUTORS.values():
        yield from contributor(extraction, graph, by_name)
