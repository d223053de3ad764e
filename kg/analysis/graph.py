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
PART_OF            ?region kgo:partOf ?parent region            reports stating it
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


def _s(term: Any) -> str:
    return "" if term is None else str(term)


def normalise_sentence(text: str) -> str:
    return " ".join(text.split())


def _rows(store: Store, sparql: str) -> list[dict[str, Any]]:
    return store.query(PREFIX + sparql).rows


def to_networkx(store: Store) -> nx.MultiGraph:
    """Read the whole store into a typed ``nx.MultiGraph`` (see the module docstring)."""
    g = nx.MultiGraph()
    reports = _reports(store)
    _add_nodes(store, g, reports)
    _add_collaborations(store, g, reports)
    _add_structural(store, g, reports)
    g.graph["edge_kinds"] = EDGE_KINDS
    return g


def _reports(store: Store) -> dict[str, tuple[str, str]]:
    """report IRI → (doc id, title)."""
    out: dict[str, tuple[str, str]] = {}
    for r in _rows(store, "SELECT DISTINCT ?r ?doc ?title WHERE { ?r a kgo:Report ; kgo:docId ?doc OPTIONAL { ?r rdfs:label ?title } }"):
        key = _s(r["r"])
        if key not in out or (not out[key][1] and r["title"] is not None):
            out[key] = (_s(r["doc"]), _s(r["title"]))
    return out


# Every report graph repeats the facts about the entities it mentions, and the union default
# graph is a multiset: a join of two entity patterns would multiply the rows (mentions²). So each
# query below reads one pattern (or a one-to-one join) with DISTINCT, and Python does the joins.


def _add_nodes(store: Store, g: nx.MultiGraph, reports: dict[str, tuple[str, str]]) -> None:
    types: dict[str, str] = {}
    for r in _rows(store, "SELECT DISTINCT ?e ?type WHERE { ?e kgo:entityType ?type }"):
        types.setdefault(_s(r["e"]), _s(r["type"]))
    labels: dict[str, list[str]] = defaultdict(list)
    for r in _rows(store, "SELECT DISTINCT ?e ?label WHERE { ?e rdfs:label ?label FILTER(isIRI(?e)) }"):
        e = _s(r["e"])
        if e in types:
            labels[e].append(_s(r["label"]))
    classes: dict[str, str] = {}
    for r in _rows(store, "SELECT DISTINCT ?e ?c WHERE { ?e a ?c }"):
        e, c = _s(r["e"]), _s(r["c"]).rsplit("#", 1)[-1]
        if e not in types:
            continue
        if e not in classes or (classes[e] == "Platform" and c != "Platform") or (c != "Platform" and c < classes[e]):
            classes[e] = c
    aliases: dict[str, set[str]] = defaultdict(set)
    for r in _rows(store, "SELECT DISTINCT ?e ?a WHERE { ?e kgo:alias ?a }"):
        aliases[_s(r["e"])].add(_s(r["a"]))
    codes: dict[str, str] = {}
    for r in _rows(store, "SELECT DISTINCT ?e ?code WHERE { ?e kgo:adminCode ?code }"):
        codes[_s(r["e"])] = min(codes.get(_s(r["e"]), _s(r["code"])), _s(r["code"]))
    mentioned: dict[str, set[str]] = defaultdict(set)
    for r in _rows(store, "SELECT DISTINCT ?e ?r WHERE { ?e kgo:mentionedIn ?r }"):
        doc = reports.get(_s(r["r"]))
        if doc:
            mentioned[_s(r["e"])].add(doc[0])
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


def _add_collaborations(store: Store, g: nx.MultiGraph, reports: dict[str, tuple[str, str]]) -> None:
    rows = _rows(
        store,
        "SELECT DISTINCT ?c ?s ?t ?kind ?ev ?r WHERE { ?c a kgo:Collaboration ; kgo:source ?s ; kgo:target ?t ; "
        "kgo:kind ?kind . OPTIONAL { ?c kgo:evidence ?ev } OPTIONAL { ?c prov:wasDerivedFrom ?r } }",
    )
    ties: dict[tuple[str, str, str], set[tuple[str, str, str]]] = defaultdict(set)
    direction: dict[tuple[str, str, str], tuple[str, str]] = {}
    for r in rows:
        kind = _KIND_OF_CONCEPT.get(_s(r["kind"]))
        s, t = _s(r["s"]), _s(r["t"])
        if kind is None or s == t or s not in g or t not in g:
            continue
        key = (*sorted((s, t)), kind)
        doc, title = reports.get(_s(r["r"]), ("", ""))
        ties[key].add((_s(r["ev"]), doc, title))  # type: ignore[arg-type]
        if kind == "HOSTS":
            direction.setdefault(key, (s, t))  # type: ignore[arg-type]
    for (u, v, kind), items in sorted(ties.items()):
        evidence = _evidence_list(items)
        attrs: dict[str, Any] = {"kind": kind, "weight": max(1, len(evidence)), "evidence": evidence}
        if kind == "HOSTS":
            attrs["source"], attrs["target"] = direction[(u, v, kind)]
        g.add_edge(u, v, key=kind, **attrs)


def _add_structural(store: Store, g: nx.MultiGraph, reports: dict[str, tuple[str, str]]) -> None:
    queries = {
        "PARTICIPATES_IN": "?a kgo:participatesIn ?b",
        "LOCATED_IN": "?a kgo:locatedIn ?b",
        "PART_OF": "?a kgo:partOf ?b",
    }
    for kind, pattern in queries.items():
        docs: dict[tuple[str, str], set[str]] = defaultdict(set)
        for r in _rows(store, f"SELECT DISTINCT ?a ?b ?r WHERE {{ GRAPH ?r {{ {pattern} }} }}"):
            a, b = _s(r["a"]), _s(r["b"])
            if a != b and a in g and b in g:
                docs[(a, b)].add(reports.get(_s(r["r"]), ("", ""))[0])
        for (a, b), ds in sorted(docs.items()):
            if kind in ("LOCATED_IN", "PART_OF"):
                node = g.nodes[a]
                if not node["region_iri"] or b < node["region_iri"]:
                    node["region_iri"] = b
                    node["region"] = g.nodes[b]["label"]
                    if node["type"] != "REGION":
                        node["admin_code"] = g.nodes[b]["admin_code"]
            ds.discard("")
            stated_in = sorted(ds)
            g.add_edge(a, b, key=kind, kind=kind, weight=max(1, len(stated_in)), evidence=[], reports=stated_in, source=a, target=b)


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
