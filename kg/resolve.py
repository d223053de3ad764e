"""Report-level resolution: mentions → one Entity per real thing, relations → Collaborations.

Within a report, overlapping candidate mentions are reduced (the longest contiguous form wins,
nested names survive as separate entities), surface forms of the same thing become aliases, and
relation endpoints are mapped to entity names. Across reports, identity is the entity's
``key`` (type + canonical name), from which kg.rdf derives stable IRIs.
"""

from __future__ import annotations

from kg.model import Collaboration, Entity, Extraction, Report

Mention = tuple[int, int, str, str]  # start, end, label, component
Relation = tuple[tuple[int, int], tuple[int, int], str, tuple[int, int], str]


def resolve_report(report: Report, mentions: list[Mention], relations: list[Relation]) -> Extraction:
    text = report.text
    by_key: dict[tuple[str, str], Entity] = {}
    span_to_name: dict[tuple[int, int], str] = {}
    for start, end, label, component in sorted(mentions):
        name = text[start:end]
        ent = by_key.get((name, label))
        if ent is None:
            ent = by_key[(name, label)] = Entity(name=name, type=label, source=component)
        ent.spans.append((start, end))
        span_to_name[(start, end)] = name
    collaborations: list[Collaboration] = []
    seen: set[tuple[str, str, str]] = set()
    for a, b, kind, sent, trigger in relations:
        na, nb = span_to_name.get(a), span_to_name.get(b)
        if not na or not nb or na == nb:
            continue
        pair = (na, nb, kind) if kind == "HOSTS" else (*sorted((na, nb)), kind)
        if pair in seen:
            continue
        seen.add(pair)
        collaborations.append(
            Collaboration(a=na, b=nb, kind=kind, evidence=text[sent[0] : sent[1]], span=sent, trigger=trigger)
        )
    return Extraction(
        report=report,
        entities=list(by_key.values()),
        collaborations=collaborations,
        subject_region=report.region,
    )
