"""RDF under the kg ontology: stable IRIs and the triples of one report's named graph."""

from kg.rdf.iri import collaboration_iri, entity_iri, region_iri, report_iri
from kg.rdf.mapping import CONTRIBUTORS, report_graph
from kg.rdf.namespaces import KGID, KGO
from kg.rdf import indicators as _indicators  # noqa: F401,E402  (registers the observation contributor)

__all__ = ["CONTRIBUTORS", "KGID", "KGO", "collaboration_iri", "entity_iri", "region_iri", "report_graph", "report_iri"]
