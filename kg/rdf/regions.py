"""Administrative regions in the graph: the node of a region and its parent chain.

The chain comes from the shipped gazetteer (data/gazetteers/regions.tsv via kg.gazetteers), so
every REGION with a code carries 高台县 → 张掖市 → 甘肃省 whatever the report spells out.
"""

from __future__ import annotations

from functools import lru_cache

from kg.rdf import nt
from kg.rdf.iri import region_iri_text

_REGION_TYPE_NAME = nt.literal("REGION")


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


@lru_cache(maxsize=8192)
def _chain_tokens(code: str) -> tuple[tuple[str, str, str, str], ...]:
    """(parent token, child token, parent label token, parent code token) up the chain of
    ``code``, nearest parent first — the same few hundred regions recur in every report."""
    out = []
    child = nt.iri(region_iri_text(code))
    for parent_code, parent_name in parent_chain(code):
        parent = nt.iri(region_iri_text(parent_code))
        out.append((parent, child, nt.lang_literal(parent_name), nt.literal(parent_code)))
        child = parent
    return tuple(out)


def region_node_triples(node: str, code: str, report: str, label: str | None = None) -> list[nt.NTTriple]:
    """Code and parent chain of one region node (N-Triples tokens, kg.rdf.nt); with ``label``,
    also its type and label (for a region that is referenced, e.g. by an observation, but not
    listed as an entity). ``node`` is the region's token and ``report`` the report's."""
    triples: list[nt.NTTriple] = [(node, nt.KGO.adminCode, nt.literal(code))]
    if label:
        triples += [
            (node, nt.RDF.type, nt.KGO.Region),
            (node, nt.RDFS.label, nt.lang_literal(label)),
            (node, nt.KGO.entityType, _REGION_TYPE_NAME),
            (node, nt.KGO.mentionedIn, report),
        ]
    first = True
    for parent, child, parent_label, parent_code in _chain_tokens(code):
        triples += [
            (node if first else child, nt.KGO.partOf, parent),
            (parent, nt.RDF.type, nt.KGO.Region),
            (parent, nt.RDFS.label, parent_label),
            (parent, nt.KGO.entityType, _REGION_TYPE_NAME),
            (parent, nt.KGO.adminCode, parent_code),
            (parent, nt.KGO.mentionedIn, report),
        ]
        first = False
    return triples
