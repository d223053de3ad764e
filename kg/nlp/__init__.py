"""Extraction of innovation entities and collaborations from report text (spaCy pipeline).

Public entry points:
  ``extract(report)``      one Report → Extraction (entities, collaborations, subject region)
  ``load_pipeline()``      the configured spaCy ``Language`` (cached), for users who want Docs
"""

from kg.nlp.extract import extract, extract_text, load_pipeline

__all__ = ["extract", "extract_text", "load_pipeline"]
