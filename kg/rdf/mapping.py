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

# The vocabulary terms, looked up once: each ``KGO.x`` builds and validates a new URIRef, and the
# mapping looks up ~1,000 of them per report.
_KGO_Collaboration = KGO.Collaboration
_KGO_Report = KGO.Report
_KGO_alias = KGO.alias
_KGO_coBuilds = KGO.coBuilds
_KGO_collaboratesWith = KGO.collaboratesWith
_KGO_docId = KGO.docId
_KGO_entityType = KGO.entityType
_KGO_evidence = KGO.evidence
_KGO_extractor = KGO.extractor
_KGO_hostedBy = KGO.hostedBy
_KGO_kind = KGO.kind
_KGO_level = KGO.level
_KGO_locatedIn = KGO.locatedIn
_KGO_mentionedIn = KGO.mentionedIn
_KGO_participant = KGO.participant
_KGO_sha256 = KGO.sha256
_KGO_source = KGO.source
_KGO_spanEnd = KGO.spanEnd
_KGO_spanStart = KGO.spanStart
_KGO_subjectRegion = KGO.subjectRegion
_KGO_target = KGO.target
_KGO_trigger = KGO.trigger
_KGO_year = KGO.year
_PROV_wasDerivedFrom = PROV.wasDerivedFrom
_RDF_type = RDF.type
_RDFS_label = RDFS.label
_XSD_gYear = XSD.gYear
_XSD_integer = XSD.integer


def _label(entity: Entity) -> str:
    return entity.canonical or entity.name


def entity_node_iri(entity: Entity) -> URIRef:
    return entity_iri(entity.type, _label(entity), entity.code if is_admin_code(entity.code) else None)


def _entity_triples(entity: Entity, node: URIRef, report: URIRef, by_name: dict[str, URIRef]) -> list[Triple]:
    label = _label(entity)
    triples: list[Triple] = [
        (node, _RDF_type, class_for(entity.type, label)),  # type: ignore[list-item]
        (node, _RDFS_label, Literal(label, lang="zh")),
        (node, _KGO_entityType, Literal(entity.type)),
        (node, _KGO_mentionedIn, report),
    ]
    for alias in {entity.name, *entity.aliases} - {label}:
        triples.append((node, _KGO_alias, Literal(alias, lang="zh")))
    if entity.level in LEVEL_CONCEPT:
        triples.append((node, _KGO_level, LEVEL_CONCEPT[entity.level]))
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
        return [] if region == node else [(node, _KGO_locatedIn, region)]
    code = lookup_code(region_name)
    if code is None:
        return []
    region = region_iri(code)
    return [(node, _KGO_locatedIn, region), *region_node_triples(region, code, report, label=region_name)]


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
    yield (graph, _RDF_type, _KGO_Report)
    yield (graph, _KGO_docId, Literal(report.doc_id))
    yield (graph, _KGO_extractor, Literal(EXTRACTOR_VERSION))
    if report.sha256:
        yield (graph, _KGO_sha256, Literal(report.sha256))
    if report.title:
        yield (graph, _RDFS_label, Literal(report.title, lang="zh"))
    if report.year:
        yield (graph, _KGO_year, Literal(str(report.year), datatype=_XSD_gYear))

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
        yield (graph, _KGO_subjectRegion, by_name[extraction.subject_region])

    for collab in extraction.collaborations:
        a, b = by_name.get(collab.a), by_name.get(collab.b)
        if a is None or b is None or a == b or collab.kind not in KIND_CONCEPT:
            continue
        node = collaboration_iri(report.doc_id, str(a), str(b), collab.kind)
        yield from (
            (node, _RDF_type, _KGO_Collaboration),
            (node, _KGO_participant, a),
            (node, _KGO_participant, b),
            (node, _KGO_source, a),
            (node, _KGO_target, b),
            (node, _KGO_kind, KIND_CONCEPT[collab.kind]),
            (node, _KGO_evidence, Literal(collab.evidence or f"{collab.a} {collab.b}")),
            (node, _PROV_wasDerivedFrom, graph),
            (a, _KGO_collaboratesWith, b),
        )
        if collab.trigger:
            yield (node, _KGO_trigger, Literal(collab.trigger))
        if collab.span != (0, 0):
            yield (node, _KGO_spanStart, Literal(collab.span[0], datatype=_XSD_integer))
            yield (node, _KGO_spanEnd, Literal(collab.span[1], datatype=_XSD_integer))
        if collab.kind == "HOSTS":
            yield (b, _KGO_hostedBy, a)
        elif collab.kind == "CO_BUILDS":
            yield (a, _KGO_coBuilds, b)

    for contributor in CONTRIBUTORS.values():
        yield from contributor(extraction, graph, by_name)
