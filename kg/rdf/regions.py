"""Administrative regions in the graph: the node of a region and its parent chain.

The chain comes from the shipped gazetteer (data/gazetteers/regions.tsv via kg.gazetteers), so
every REGION with a code carries 高台县 → 张掖市 → 甘肃省 whatever the report spells out.
"""

from __future__ import annotations

from rdflib import RDF, RDFS, Literal, URIRef

from kg.rdf.iri import region_iri
from kg.rdf.namespaces import KGO

Triple = tuple[URIRef, URIRef, object]


def is_admin_code(code: str | None) -> bool:
    return bool(code) and len(code) == 6 and code.isdigit()  # type: ignore[union-attr]


def lookup_code(name: str) -> str | None:
    """The administrative code of a region name as written (full or short form), if known."""
    try:
        from kg.gazetteers import regions
    except ImportError:
        return None
    unit = regions().lookup(name)
    return unit.code if unit is not None and is_admin_code(unit.code) else None


def parent_chain(code: str) -> list[tuple[str, str]]:
    """(code, name) of the parents, nearest first."""
    try:
        from kg.gazetteers import regions
    except ImportError:
        return []
    return [(u.code, u.name) for u in regions().chain(code) if is_admin_code(u.code)]


def region_node_triples(node: URIRef, code: str, report: URIRef, label: str | None = None) -> list[Triple]:
    """Code and parent chain of one region node; with ``label``, also its type and label (for a
    region that is referenced, e.g. by an observation, but not listed as an entity)."""
    triples: list[Triple] = [(node, KGO.adminCode, Literal(code))]
    if label:
        triples += [
            (node, RDF.type, KGO.Region),
            (node, RDFS.label, Literal(label, lang="zh")),
            (node, KGO.entityType, Literal("REGION")),
            (node, KGO.mentionedIn, report),
        ]
    child = node
    for parent_code, parent_name in parent_chain(code):
        parent = region_iri(parent_code)
        triples += [
            (child, KGO.partOf, parent),
            (parent, RDF.type, KGO.Region),
            (parent, RDFS.label, Literal(parent_name, lang="zh")),
            (parent, KGO.entityType, Literal("REGION")),
            (parent, KGO.adminCode, Literal(parent_code)),
            (parent, KGO.mentionedIn, report),
        ]
        child = parent
    return triples
