"""spaCy components of the extraction pipeline, each registered with ``@Language.factory``.

Importing this package registers every component. A new rule family is one new module here,
one import below and one name in ``kg.nlp.pipeline.DEFAULT_COMPONENTS``.
"""

from kg.nlp.components import regions  # noqa: F401  (registers factories)
from kg.nlp.components import gazetteer  # noqa: F401
from kg.nlp.components import orgs  # noqa: F401
from kg.nlp.components import government  # noqa: F401
from kg.nlp.components import quoted  # noqa: F401
from kg.nlp.components import persons  # noqa: F401
from kg.nlp.components import enterprises  # noqa: F401
from kg.nlp.components import selector  # noqa: F401
from kg.nlp.components import relations  # noqa: F401
