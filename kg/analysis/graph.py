"""The store as a networkx graph: typed entity nodes, one edge per (pair, kind).

``to_networkx(store)`` reads the union of all report graphs with a handful of SPARQL queries and
returns an ``nx.MultiGraph`` whose edge keys are the edge kinds:

=================  ==========================================  ==================================
kind               from                                        weight
=================  ==========================================  ==================================
COOPERATES         kgo:Collaboration nodes, kgo:kind Cooperates  independent evidence sentences
HOSTS              kgo:Collaboration, kind Hosts (host → platform) independent evidence sentences
CO_BUILDS          kgo:Collaboration, kind CoBuilds             independent evidence sentences
PARTICIPATES_IN    ?org kgo:participatesIn ?program             reports stating it
LOCATED_IN         ?entity kgo:locatedIn ?region                reports stating it
PART_OF            ?region kgo:partOf ?parent (regions graph)  reports mentioning the child
=================  ==========================================  ==================================

*Independent evidence sentences*: the distinct sentences (whitespace-normalised) that state the
tie, over all reports; the same sentence copied into several reports counts once. Each edge keeps
its evidence as ``[{"sentence", "report", "title"}]`` (one entry per distinct sentence, the first
report that states it, reports in doc-id order) and, for HOSTS, ``source``/``target``.

Node attributes: ``label`` (canonical @zh name), ``type`` (ANNOTATION.md type), ``cls`` (the most
specific ontology class, e.g. ``KeyLaboratory``), ``aliases``, ``region`` / ``region_iri`` (the
region it is located in; for a region, its parent), ``admin_code`` (a region's own code, else the
code of the region it lies in), ``reports`` (doc ids that mention it).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any, Iterable

import networkx as nx

from kg.rdf.regions import REGIONS_GRAPH
from kg.store import Store

KGO = "https://w3id.org/kg-innovation/ontology#"
PREFIX = (
    "PREFIX kgo: <https://w3id.org/kg-innovation/ontology#> "
    "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
    "PREFIX prov: <http://www.w3.org/ns/prov#> "
)

COLLAB_KINDS = ("COOPERATES", "HOSTS", "CO_BUILDS")
STRUCTURAL_KINDS = ("PARTICIPATES_IN", "LOCATED_IN", "PART_OF")
EDGE_KINDS = COLLAB_KINDS + STRUCTURAL_KINDS
_KIND_OF_CONCEPT = {f"{KGO}Cooperates": "COOPERATES", f"{KGO}Hosts": "HOSTS", f"{KGO}CoBuilds": "CO_BUILDS"}


def normalise_sentence(text: str) -> str:
    return " ".join(text.split())


def _rows(store: Store, sparql: str) -> list[tuple[str | None, ...]]:
    """The rows of a SELECT as tuples of plain strings (``Store.query_values``: no rdflib terms,
    which cost more than the query itself at 10,000 reports)."""
    return store.query_values(PREFIX + sparql)[1]


# How these queries are shaped (measured on a 10,000-report Oxigraph store, 11.5 million quads):
# - Every report graph repeats the facts about the entities it mentions, and the union default
#   graph is a bag: a join of two entity patterns multiplies the rows (mentions²). Entity facts are
#   read one predicate at a time with DISTINCT, and Python does the joins.
# - Scanning an index is cheap (about 0.3 µs a quad); what costs is every join the engine does
#   row by row (a RocksDB seek, ~10 µs) and every term handed back (a long IRI or string is looked
#   up in the dictionary, ~2 µs). So the collaborations are read as one scan per property rather
#   than one query joining six patterns, and per-report lists come back GROUP_CONCATed per pair
#   rather than one row per (pair, report).


def to_networkx(store: Store, *, kinds: Iterable[str] | None = None, mentions: bool = True) -> nx.MultiGraph:
    """Read the whole store into a typed ``nx.MultiGraph`` (see the module docstring).

    ``kinds`` keeps only those edge kinds (default: all); the region attributes of the nodes are
    set from LOCATED_IN/PART_OF statements either way. ``mentions=False`` leaves every node's
    ``reports`` empty: that list is one row per (entity, report) — a million at 10,000 reports —
    and `kg hubs` does not use it.
    """
    keep = set(EDGE_KINDS if kinds is None else kinds)
    g = nx.MultiGraph()
    reports = _reports(store)
    _add_nodes(store, g, reports, mentions)
    if keep & set(COLLAB_KINDS):
        _add_collaborations(store, g, reports, keep)
    _add_structural(store, g, reports, keep)
    g.graph["edge_kinds"] = tuple(k for k in EDGE_KINDS if k in keep)
    return g


def _reports(store: Store) -> dict[str, tuple[str, str]]:
    """report IRI → (doc id, title)."""
    out: dict[str, tuple[str, str]] = {}
    for r, doc, title in _rows(store, "SELECT DISTINCT ?r ?doc ?title WHERE { ?r a kgo:Report ; kgo:docId ?doc OPTIONAL { ?r rdfs:label ?title } }"):
        if r not in out or (not out[r][1] and title is not None):
            out[r] = (doc or "", title or "")
    return out


def _add_nodes(store: Store, g: nx.MultiGraph, reports: dict[str, tuple[str, str]], mentions: bool = True) -> None:
    types: dict[str, str] = {}
    for e, t in _rows(store, "SELECT DISTINCT ?e ?type WHERE { ?e kgo:entityType ?type }"):
        types.setdefault(e, t or "")  # type: ignore[arg-type]
    labels: dict[str, list[str]] = defaultdict(list)
    # the labels of entities only (observations have labels too: 300,000 of them at 10,000
    # reports). No FILTER(isIRI(?e)): it doubles the time, and entities are IRIs (kg skolemises
    # blank nodes when it writes a graph).
    for e, label in _rows(
        store, "SELECT DISTINCT ?e ?label WHERE { { SELECT DISTINCT ?e WHERE { ?e kgo:entityType ?t } } ?e rdfs:label ?label }"
    ):
        if e in types:
            labels[e].append(label or "")  # type: ignore[index]
    classes: dict[str, str] = {}
    for e, c in _rows(
        store,
        "SELECT DISTINCT ?e ?c WHERE { ?e a ?c "
        "FILTER(?c NOT IN (kgo:Observation, <http://purl.org/linked-data/cube#Observation>, kgo:Collaboration, kgo:Report)) }",
    ):
        if e not in types:
            continue
        c = (c or "").rsplit("#", 1)[-1]
        if e not in classes or (classes[e] == "Platform" and c != "Platform") or (c != "Platform" and c < classes[e]):
            classes[e] = c  # type: ignore[index]
    aliases: dict[str, set[str]] = defaultdict(set)
    for e, a in _rows(store, "SELECT DISTINCT ?e ?a WHERE { ?e kgo:alias ?a }"):
        aliases[e].add(a or "")  # type: ignore[index]
    codes: dict[str, str] = {}
    for e, code in _rows(store, "SELECT DISTINCT ?e ?code WHERE { ?e kgo:adminCode ?code }"):
        code = code or ""
        codes[e] = min(codes.get(e, code), code)  # type: ignore[index,arg-type]
    mentioned: dict[str, set[str]] = defaultdict(set)
    if mentions:
        # one row per report (its entities concatenated) instead of one per (entity, report)
        for r, es in _rows(store, 'SELECT ?r (GROUP_CONCAT(STR(?e); separator=" ") AS ?es) WHERE { ?e kgo:mentionedIn ?r } GROUP BY ?r'):
            doc = reports.get(r or "")
            if doc and es:
                for e in es.split(" "):  # IRIs hold no spaces
                    mentioned[e].add(doc[0])
    for e, t in types.items():
        names = sorted(labels.get(e, []), key=lambda s: (len(s), s))
        label = names[0] if names else e.rsplit("/", 1)[-1]
        g.add_node(
            e,
            label=label,
            type=t,
            cls=classes.get(e, ""),
            aliases=sorted((aliases.get(e, set()) | set(names[1:])) - {label}),
            admin_code=codes.get(e, ""),
            region="",
            region_iri="",
            reports=sorted(mentioned.get(e, set())),
        )


def _evidence_list(items: Iterable[tuple[str, str, str]]) -> list[dict[str, str]]:
    """(sentence, doc, title) → one entry per distinct normalised sentence, first report kept."""
    seen: dict[str, dict[str, str]] = {}
    for sentence, doc, title in sorted(items, key=lambda x: (x[1], x[0])):
        key = normalise_sentence(sentence)
        if key and key not in seen:
            seen[key] = {"sentence": key, "report": doc, "title": title}
    return list(seen.values())


def _pairs(store: Store, sparql: str) -> dict[str, set[str]]:
    out: dict[str, set[str]] = defaultdict(set)
    for a, b in _rows(store, sparql):
        out[a].add(b or "")  # type: ignore[index]
    return out


def _add_collaborations(store: Store, g: nx.MultiGraph, reports: dict[str, tuple[str, str]], keep: set[str] | None = None) -> None:
    """One scan per property of the collaboration nodes, joined here. The report of a
    collaboration is the graph that holds it (kg writes each collaboration into the graph of the
    report it was derived from, its prov:wasDerivedFrom): reading the graph name is a scan,
    following prov:wasDerivedFrom a lookup per collaboration among 600,000 such statements."""
    in_report: dict[str, set[str]] = defaultdict(set)
    for c, r in _rows(store, "SELECT DISTINCT ?c ?r WHERE { GRAPH ?r { ?c a kgo:Collaboration } }"):
        in_report[c].add(r or "")  # type: ignore[index]
    sources = _pairs(store, "SELECT DISTINCT ?c ?s WHERE { ?c kgo:source ?s }")
    targets = _pairs(store, "SELECT DISTINCT ?c ?t WHERE { ?c kgo:target ?t }")
    kinds = _pairs(store, "SELECT DISTINCT ?c ?k WHERE { ?c kgo:kind ?k }")
    evidence = _pairs(store, "SELECT DISTINCT ?c ?ev WHERE { ?c a kgo:Collaboration ; kgo:evidence ?ev }")
    ties: dict[tuple[str, str, str], set[tuple[str, str, str]]] = defaultdict(set)
    direction: dict[tuple[str, str, str], tuple[str, str]] = {}
    for c in sorted(in_report):
        for kind_iri in kinds.get(c, ()):
            kind = _KIND_OF_CONCEPT.get(kind_iri)
            if kind is None or (keep is not None and kind not in keep):
                continue
            for s in sources.get(c, ()):
                for t in targets.get(c, ()):
                    if s == t or s not in g or t not in g:
                        continue
                    key = (*sorted((s, t)), kind)
                    for r in in_report[c]:
                        doc, title = reports.get(r, ("", ""))
                        for ev in evidence.get(c) or ("",):
                            ties[key].add((ev, doc, title))  # type: ignore[index]
                    if kind == "HOSTS":
                        direction.setdefault(key, (s, t))  # type: ignore[arg-type]
    for (u, v, kind), items in sorted(ties.items()):
        evidence_list = _evidence_list(items)
        attrs: dict[str, Any] = {"kind": kind, "weight": max(1, len(evidence_list)), "evidence": evidence_list}
        if kind == "HOSTS":
            attrs["source"], attrs["target"] = direction[(u, v, kind)]
        g.add_edge(u, v, key=kind, **attrs)


def _add_structural(store: Store, g: nx.MultiGraph, reports: dict[str, tuple[str, str]], keep: set[str] | None = None) -> None:
    """LOCATED_IN / PART_OF / PARTICIPATES_IN edges, each with the reports stating it; the
    region of a node is the smallest region IRI it is located in or part of. A kind left out of
    ``keep`` adds no edges (and its reports are not read), but still sets the regions."""
    queries = {
        "PARTICIPATES_IN": "?a kgo:participatesIn ?b",
        "LOCATED_IN": "?a kgo:locatedIn ?b",
    }
    for kind, pattern in queries.items():
        wanted = keep is None or kind in keep
        if not wanted and kind == "PARTICIPATES_IN":
            continue
        docs: dict[tuple[str, str], set[str]] = defaultdict(set)
        if wanted:
            # one row per pair with its reports concatenated (IRIs hold no spaces)
            rows = _rows(store, f'SELECT ?a ?b (GROUP_CONCAT(STR(?r); separator=" ") AS ?rs) WHERE {{ GRAPH ?r {{ {pattern} }} }} GROUP BY ?a ?b')
        else:
            rows = [(a, b, "") for a, b in _rows(store, f"SELECT DISTINCT ?a ?b WHERE {{ {pattern} }}")]
        for a, b, rs in rows:
            if a != b and a in g and b in g:
                ds = docs[(a, b)]  # type: ignore[index]
                for r in (rs or "").split(" ") if wanted else ():
                    ds.add(reports.get(r, ("", ""))[0])
        for (a, b), ds in sorted(docs.items()):
            if kind in ("LOCATED_IN", "PART_OF"):
                node = g.nodes[a]
                if not node["region_iri"] or b < node["region_iri"]:
                    node["region_iri"] = b
                    node["region"] = g.nodes[b]["label"]
                    if node["type"] != "REGION":
                        node["admin_code"] = g.nodes[b]["admin_code"]
            if not wanted:
                continue
            ds.discard("")
            stated_in = sorted(ds)
            g.add_edge(a, b, key=kind, kind=kind, weight=max(1, len(stated_in)), evidence=[], reports=stated_in, source=a, target=b)
    _add_part_of(store, g, keep is None or "PART_OF" in keep)


def _add_part_of(store: Store, g: nx.MultiGraph, wanted: bool) -> None:
    """The region hierarchy, from the regions graph (kg.rdf.regions), which states it once for the
    whole store: a region node's ``region`` is its parent (named by the gazetteer, whether or not a
    report mentions it), and its PART_OF edge goes to its nearest ancestor that is a node, so the
    mentioned regions stay connected (高台县 → 甘肃省 when no report names 张掖市). The edge's
    ``reports`` are the child's: the reports whose mention of it puts the tie in the view."""
    parent: dict[str, tuple[str, str]] = {}
    for a, b, label in _rows(store, f"SELECT ?a ?b ?label WHERE {{ GRAPH <{REGIONS_GRAPH}> {{ ?a kgo:partOf ?b . ?b rdfs:label ?label }} }}"):
        parent[a or ""] = (b or "", label or "")
    for a in sorted(n for n in g if n in parent):
        node = g.nodes[a]
        b, label = parent[a]
        if not node["region_iri"] or b < node["region_iri"]:
            node["region_iri"], node["region"] = b, label
        if not wanted:
            continue
        seen = {a}
        while b and b not in g and b in parent and b not in seen:  # a cycle would be a gazetteer bug
            seen.add(b)
            b = parent[b][0]
        if b in g and b != a:
            stated_in = list(node["reports"])
            g.add_edge(a, b, key="PART_OF", kind="PART_OF", weight=max(1, len(stated_in)), evidence=[], reports=stated_in, source=a, target=b)


def collapse(g: nx.MultiGraph, kinds: Iterable[str] | None = None) -> nx.Graph:
    """A simple weighted graph: one edge per pair, weight = sum over the kept kinds."""
    keep = set(kinds) if kinds is not None else None
    out = nx.Graph()
    out.add_nodes_from(g.nodes(data=True))
    for u, v, k, d in g.edges(keys=True, data=True):
        if keep is not None and k not in keep:
            continue
        if out.has_edge(u, v):
            out[u][v]["weight"] += d.get("weight", 1)
            out[u][v]["kinds"].append(k)
        else:
            out.add_edge(u, v, weight=d.get("weight", 1), kinds=[k])
    return out
