"""RDF under the kg ontology: stable IRIs and the triples of one report's named graph."""

from kg.rdf.iri import collaboration_iri, entity_iri, region_iri, report_iri
from kg.rdf.mapping import report_graph
from kg.rdf.namespaces import KGID, KGO

__all__ = ["KGID", "KGO", "collaboration_iri", "entity_iri", "region_iri", "report_graph", "report_iri"]
