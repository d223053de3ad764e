"""Indicator observations: extraction from report text, normalisation, RDF Data Cube triples.

    from kg.indicators import extract_indicators, normalise_observation, observation_triples

    obs = extract_indicators(report.text, subject_region, year)       # INDICATORS.md dicts + start/end
    triples = observation_triples(obs[0], report_iri, region_iri)      # kgo:Observation (qb:Observation)
"""

from kg.indicators.extract import detect_subject_region, detect_year, extract_indicators
from kg.indicators.normalise import (
    broader_concepts,
    concept_for,
    load_concepts,
    normalise_observation,
    normalise_unit,
)
from kg.indicators.rdf import observation_iri, observation_triples

__all__ = [
    "broader_concepts",
    "concept_for",
    "detect_subject_region",
    "detect_year",
    "extract_indicators",
    "load_concepts",
    "normalise_observation",
    "normalise_unit",
    "observation_iri",
    "observation_triples",
]
