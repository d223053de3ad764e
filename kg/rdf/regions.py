"""Administrative regions in the graph: the node of a region, and the regions graph.

The hierarchy comes from the shipped gazetteer (data/gazetteers/regions.tsv via kg.gazetteers), so
every REGION with a code is part of 高台县 → 张掖市 → 甘肃省 whatever the report spells out.
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


# The regions' hierarchy lives once in its own named graph (``REGIONS_GRAPH``), written from the
# shipped gazetteer by ``kg build`` (kg.build) and replaced only when the gazetteer changes. Report
# graphs name the regions they mention (type, label, code, mentionedIn) but not their parents: the
# parent chains were a fifth of all quads (the same few hundred regions, repeated in each of 10,000
# graphs), and a parent the report never names was wrongly "mentioned" in it.
REGIONS_GRAPH = "https://w3id.org/kg-innovation/gazetteer/regions"


@lru_cache(maxsize=1)
def regions_graph_ntriples() -> tuple[str, str]:
    """(version, N-Triples text) of the regions graph: every unit of the gazetteer with a
    six-digit code — its type, @zh name, code and ``kgo:partOf`` its parent. The version is a
    digest of that text, stored in the graph so a build rewrites the graph only when it differs.
    Made once per process (the gazetteer does not change while it runs)."""
    import hashlib

    try:
        from kg.gazetteers import regions
    except ImportError:  # pragma: no cover - the gazetteer ships with the package
        return "", ""
    table = regions()
    lines = []
    for code in sorted(table.by_code):
        unit = table.by_code[code]
        if not is_admin_code(code):
            continue
        node = nt.iri(region_iri_text(code))
        lines.append(f"{node} {nt.RDF.type} {nt.KGO.Region} .\n")
        lines.append(f"{node} {nt.RDFS.label} {nt.lang_literal(unit.name)} .\n")
        lines.append(f"{node} {nt.KGO.adminCode} {nt.literal(code)} .\n")
        parent = table.by_code.get(unit.parent) if unit.parent else None
        if parent is not None and is_admin_code(parent.code):
            lines.append(f"{node} {nt.KGO.partOf} {nt.iri(region_iri_text(parent.code))} .\n")
    body = "".join(lines)
    version = hashlib.sha256(body.encode("utf-8")).hexdigest()[:16]
    marker = f"{nt.iri(REGIONS_GRAPH)} {nt.KGO.gazetteerVersion} {nt.literal(version)} .\n"
    return version, marker + body


def region_node_triples(node: str, code: str, report: str, label: str | None = None) -> list[nt.NTTriple]:
    """The code of one region node (N-Triples tokens, kg.rdf.nt); with ``label``, also its type,
    label and mention (for a region that is referenced, e.g. by a location, but not listed as an
    entity). Its parents are in ``REGIONS_GRAPH``. ``node`` is the region's token and ``report``
    the report's."""
    triples: list[nt.NTTriple] = [(node, nt.KGO.adminCode, nt.literal(code))]
    if label:
        triples += [
            (node, nt.RDF.type, nt.KGO.Region),
            (node, nt.RDFS.label, nt.lang_literal(label)),
            (node, nt.KGO.entityType, _REGION_TYPE_NAME),
            (node, nt.KGO.mentionedIn, report),
        ]
    return triples
