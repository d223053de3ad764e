"""Counts that tell a user what is in the store: reports, entities by type, collaborations by kind."""

from __future__ import annotations

from typing import Any

from kg.store import Store

_PREFIX = "PREFIX kgo: <https://w3id.org/kg-innovation/ontology#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "


def collect_stats(store: Store) -> dict[str, Any]:
    def count(sparql: str) -> int:
        rows = store.query(_PREFIX + sparql).rows
        return int(rows[0]["n"]) if rows and rows[0]["n"] is not None else 0

    by_type = {
        str(r["type"]): int(r["n"])
        for r in store.query(
            _PREFIX + "SELECT ?type (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e kgo:entityType ?type } GROUP BY ?type ORDER BY ?type"
        ).rows
    }
    by_kind = {
        str(r["kind"]): int(r["n"])
        for r in store.query(
            _PREFIX
            + "SELECT ?kind (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c a kgo:Collaboration ; kgo:kind ?k . "
            "?k skos:prefLabel ?kind FILTER(lang(?kind) = '') } GROUP BY ?kind ORDER BY ?kind"
        ).rows
    }
    return {
        "reports": count("SELECT (COUNT(DISTINCT ?r) AS ?n) WHERE { ?r a kgo:Report }"),
        "entities": sum(by_type.values()),
        "entities_by_type": by_type,
        "collaborations": sum(by_kind.values()),
        "collaborations_by_kind": by_kind,
        "observations": count("SELECT (COUNT(DISTINCT ?o) AS ?n) WHERE { ?o a kgo:Observation }"),
        "quads": len(store),
        "store": store.location,
    }
