"""SHACL validation of the stored graph against ontology/shapes*.ttl (pySHACL).

The data graph is the union of all report graphs; the ontology is mixed in so that ``sh:class``
constraints see the subclass hierarchy (a kgo:KeyLaboratory is a kgo:Entity).
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Graph

from kg.resources import ontology_dir
from kg.store import Store


@dataclass
class ValidationReport:
    conforms: bool
    violations: int
    text: str
    triples_checked: int


def shapes_graph() -> Graph:
    g = Graph()
    for ttl in sorted(ontology_dir().glob("shapes*.ttl")):
        g.parse(ttl, format="turtle")
    return g


def validate_store(store: Store) -> ValidationReport:
    from pyshacl import validate

    data = Graph()
    data.parse(data=store.dump("ntriples"), format="nt")
    conforms, results_graph, text = validate(
        data, shacl_graph=shapes_graph(), inference="none", advanced=True, allow_warnings=True
    )
    from rdflib.namespace import SH

    violations = len(set(results_graph.subjects(predicate=SH.resultSeverity)))
    return ValidationReport(conforms=bool(conforms), violations=violations, text=str(text), triples_checked=len(data))
