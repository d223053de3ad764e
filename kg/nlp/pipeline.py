"""Assemble the spaCy pipeline: ``spacy.blank("zh")`` plus the registered kg components.

The pipeline is data (a list of factory names with their configs), so it round-trips through
spaCy's config system: ``nlp.config.to_str()`` describes it completely and
``build_pipeline(config=...)`` rebuilds it.
"""

from __future__ import annotations

from typing import Any

import spacy
from spacy.language import Language

import kg.nlp.components  # noqa: F401  (registers the factories)
import kg.nlp.doc_ext  # noqa: F401  (registers Doc extensions)

# (factory name, config) in the order they run.
DEFAULT_COMPONENTS: list[tuple[str, dict[str, Any]]] = [
    ("kg_regions", {}),
    ("kg_gazetteer", {}),
    ("kg_org_grammar", {}),
    ("kg_government", {}),
    ("kg_quoted", {}),
    ("kg_persons", {}),
    ("kg_enterprise_names", {}),
    ("kg_entity_selector", {}),
    ("kg_relations", {}),
]


def build_pipeline(components: list[tuple[str, dict[str, Any]]] | None = None) -> Language:
    """A fresh pipeline. spaCy's default Chinese segmenter (``char``) needs no model download."""
    nlp = spacy.blank("zh")
    for factory, config in components or DEFAULT_COMPONENTS:
        nlp.add_pipe(factory, config=config)
    return nlp


def pipeline_from_config(config_str: str) -> Language:
    """Rebuild a pipeline from ``nlp.config.to_str()`` output (config round-trip)."""
    from spacy import util

    config = util.load_config_from_str(config_str)
    return util.load_model_from_config(config, auto_fill=True)
