"""One report's Extraction → the triples of its named graph.

Everything a report says lives in the graph named by the report's IRI: the report node, every
entity it mentions (type, @zh label, aliases, region code, location), every
collaboration as a node with participants, kind, evidence sentence and ``prov:wasDerivedFrom``,
and shortcut edges (collaboratesWith / hostedBy / coBuilds) for simple queries. Entities are
shared across reports through their stable IRIs; removing a report's graph removes exactly what
that report said. The regions' hierarchy (``kgo:partOf``) is not repeated in each report: it is
one graph of its own, ``kg.rdf.regions.REGIONS_GRAPH``. No timestamps are written, so building the
same input twice gives the same graph.

Terms are written as N-Triples text (kg.rdf.nt): ``kg build`` joins them into lines without
building a Python object per term; ``report_graph`` gives rdflib triples to the Python API.
"""

from __future__ import annotations

from typing import Callable, Iterable, Iterator

from rdflib import URIRef

from kg.model import Entity, Extraction
from kg.rdf import nt
from kg.rdf.iri import collaboration_iri_text, entity_iri, entity_iri_text, region_iri_text, report_iri_text
from kg.rdf.namespaces import KIND_CONCEPT, LEVEL_CONCEPT, TYPE_CLASS, class_for
from kg.rdf.nt import KGO, PROV, RDF, RDFS, NTTriple
from kg.rdf.regions import is_admin_code, lookup_code, region_node_triples

Triple = tuple[URIRef, URIRef, object]  # an rdflib triple (report_graph, the Python API)
EXTRACTOR_VERSION = "kg-extract/2"  # 2: regions' parents moved to the regions graph (kg.rdf.regions)

# Extra triple producers for one report (e.g. indicator observations), registered by name.
# Each takes (extraction, the report's token, surface form → entity token) and yields N-Triples
# token triples (kg.rdf.nt) for the report graph.
GraphContributor = Callable[[Extraction, str, dict[str, str]], Iterable[NTTriple]]
CONTRIBUTORS: dict[str, GraphContributor] = {}

_TYPES = frozenset(TYPE_CLASS)
_KIND = {kind: nt.term(concept) for kind, concept in KIND_CONCEPT.items()}
_LEVEL = {level: nt.term(concept) for level, concept in LEVEL_CONCEPT.items()}
_EXTRACTOR = nt.literal(EXTRACTOR_VERSION)


def _label(entity: Entity) -> str:
    return entity.canonical or entity.name


def entity_node_iri(entity: Entity) -> URIRef:
    return entity_iri(entity.type, _label(entity), entity.code if is_admin_code(entity.code) else None)


def _entity_token(entity: Entity) -> str:
    return nt.iri(entity_iri_text(entity.type, _label(entity), entity.code if is_admin_code(entity.code) else None))


def _entity_triples(entity: Entity, node: str, report: str, by_name: dict[str, str]) -> list[NTTriple]:
    label = _label(entity)
    triples: list[NTTriple] = [
        (node, RDF.type, nt.term(class_for(entity.type, label))),
        (node, RDFS.label, nt.lang_literal(label)),
        (node, KGO.entityType, nt.literal(entity.type)),
        (node, KGO.mentionedIn, report),
    ]
    for alias in {entity.name, *entity.aliases} - {label}:
        triples.append((node, KGO.alias, nt.lang_literal(alias)))
    if entity.level in _LEVEL:
        triples.append((node, KGO.level, _LEVEL[entity.level]))
    if entity.type == "REGION" and is_admin_code(entity.code):
        triples += region_node_triples(node, entity.code, report)  # type and label are above
    if entity.located_in:
        triples += _located_in(node, entity.located_in, report, by_name)
    return triples


def _located_in(node: str, region_name: str, report: str, by_name: dict[str, str]) -> list[NTTriple]:
    """``node kgo:locatedIn`` the region: the report's own region entity of that name, else the
    gazetteer's unit (with its type, label and code, since the report did not list it)."""
    region = by_name.get(region_name)
    if region is not None:
        return [] if region == node else [(node, KGO.locatedIn, region)]
    code = lookup_code(region_name)
    if code is None:
        return []
    region = nt.iri(region_iri_text(code))
    return [(node, KGO.locatedIn, region), *region_node_triples(region, code, report, label=region_name)]


def report_graph(extraction: Extraction) -> tuple[URIRef, list[Triple]]:
    """Return (graph name, rdflib triples) for one report — the Python API's view of
    ``report_ntriples`` (same triples, same order)."""
    graph, triples = report_ntriples(extraction)
    to = nt.to_rdflib
    return URIRef(graph), [(to(s), to(p), to(o)) for s, p, o in triples]  # type: ignore[misc]


def report_ntriples(extraction: Extraction) -> tuple[str, Iterator[NTTriple]]:
    """(graph IRI, the report's triples as N-Triples tokens, produced lazily): what ``kg build``
    serialises — a report of many megabytes maps to millions of triples, written in chunks."""
    return report_iri_text(extraction.report.doc_id), _report_triples(extraction)


def _report_triples(extraction: Extraction) -> Iterator[NTTriple]:
    report = extraction.report
    graph = nt.iri(report_iri_text(report.doc_id))
    yield (graph, RDF.type, KGO.Report)
    yield (graph, KGO.docId, nt.literal(report.doc_id))
    yield (graph, KGO.extractor, _EXTRACTOR)
    if report.sha256:
        yield (graph, KGO.sha256, nt.literal(report.sha256))
    if report.title:
        yield (graph, RDFS.label, nt.lang_literal(report.title))
    if report.year:
        yield (graph, KGO.year, nt.typed_literal(str(report.year), nt.GYEAR))

    by_name: dict[str, str] = {}  # every surface form (name, alias, canonical) → node token
    nodes: list[tuple[Entity, str]] = []
    for entity in extraction.entities:
        if entity.type not in _TYPES:
            continue
        node = _entity_token(entity)
        nodes.append((entity, node))
        for form in (entity.name, *entity.aliases, _label(entity)):
            by_name.setdefault(form, node)
    for entity, node in nodes:
        yield from _entity_triples(entity, node, graph, by_name)

    if extraction.subject_region and extraction.subject_region in by_name:
        yield (graph, KGO.subjectRegion, by_name[extraction.subject_region])

    for collab in extraction.collaborations:
        a, b = by_name.get(collab.a), by_name.get(collab.b)
        if a is None or b is None or a == b or collab.kind not in _KIND:
            continue
        node = nt.iri(collaboration_iri_text(report.doc_id, a[1:-1], b[1:-1], collab.kind))
        yield from (
            (node, RDF.type, KGO.Collaboration),
            (node, KGO.participant, a),
            (node, KGO.participant, b),
            (node, KGO.source, a),
            (node, KGO.target, b),
            (node, KGO.kind, _KIND[collab.kind]),
            (node, KGO.evidence, nt.literal(collab.evidence or f"{collab.a} {collab.b}")),
            (node, PROV.wasDerivedFrom, graph),
            (a, KGO.collaboratesWith, b),
        )
        if collab.trigger:
            yield (node, KGO.trigger, nt.literal(collab.trigger))
        if collab.span != (0, 0):
            yield (node, KGO.spanStart, nt.integer(collab.span[0]))
            yield (node, KGO.spanEnd, nt.integer(collab.span[1]))
        if collab.kind == "HOSTS":
            yield (b, KGO.hostedBy, a)
        elif collab.kind == "CO_BUILDS":
            yield (a, KGO.coBuilds, b)

    for contributor in CONTRIBUTORS.values():
        yield from contributor(extraction, graph, by_name)
