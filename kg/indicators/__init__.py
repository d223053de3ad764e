"""Indicator observations: extraction from report text, normalisation, RDF Data Cube triples.

    from kg.indicators import extract_indicators, normalise_observation, observation_triples
"""

from kg.indicators.extract import detect_subject_region, detect_year, extract_indicators

__all__ = ["detect_subject_region", "detect_year", "extract_indicators"]
