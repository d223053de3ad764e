"""Plain data objects passed between the stages of the pipeline.

Every stage (read → nlp → resolve → rdf → store) speaks these types and nothing else, so a stage
can be replaced or tested on its own. They hold no behaviour beyond small conveniences and the
conversion to the JSON Lines format of ANNOTATION.md, which is the contract with the evaluation.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# The ten entity types of ANNOTATION.md, in a fixed order (used for stable output).
ENTITY_TYPES: tuple[str, ...] = (
    "ENTERPRISE",
    "UNIVERSITY",
    "RESEARCH_INSTITUTE",
    "PLATFORM",
    "PROGRAM",
    "POLICY",
    "REGION",
    "GOVERNMENT",
    "EVENT",
    "PERSON",
)

# Collaboration kinds of ANNOTATION.md. HOSTS is directed (a hosts platform b).
COLLABORATION_KINDS: tuple[str, ...] = ("COOPERATES", "HOSTS", "CO_BUILDS")


@dataclass(slots=True)
class Report:
    """One decoded report: the text the extractor sees plus what we know about the file."""

    doc_id: str  # the file's base name; the key of the JSON Lines format
    text: str
    path: str = ""
    title: str | None = None
    year: int | None = None
    region: str | None = None  # subject region as stated in title/text, if any
    sha256: str = ""  # of the raw bytes, so a changed file is noticed on rebuild
    encoding: str = "utf-8"
    source_format: str = "txt"


@dataclass(slots=True)
class Entity:
    """A named thing in one report.

    ``name`` is the longest contiguous form in the text (quotes kept, as ANNOTATION.md asks);
    ``aliases`` are other surface forms of the same thing in the same report. ``spans`` are the
    character offsets of every mention in the report text. ``canonical`` is the name used for
    the cross-report identity (an alias resolved to its full form, a relative body tied to the
    report's region); it defaults to ``name``.
    """

    name: str
    type: str
    aliases: list[str] = field(default_factory=list)
    spans: list[tuple[int, int]] = field(default_factory=list)
    canonical: str | None = None
    code: str | None = None  # administrative division code, for REGION
    parents: list[str] = field(default_factory=list)  # region chain names, nearest first
    located_in: str | None = None  # canonical name of a REGION this entity lies in
    level: str | None = None  # national / provincial / municipal / county, where stated
    source: str = ""  # which component proposed it (for debugging and provenance)

    @property
    def key(self) -> str:
        """The identity used across reports: canonical name (or name) plus type."""
        return f"{self.type}|{self.canonical or self.name}"

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "type": self.type, "aliases": list(self.aliases)}


@dataclass(slots=True)
class Collaboration:
    """Two entities of one report that the report states work together.

    ``a`` and ``b`` are entity ``name`` values of the same report. ``evidence`` is the sentence
    that states the tie, ``span`` its offsets in the report text.
    """

    a: str
    b: str
    kind: str  # one of COLLABORATION_KINDS
    evidence: str = ""
    span: tuple[int, int] = (0, 0)
    trigger: str = ""

    def to_json(self) -> list[str]:
        return [self.a, self.b, self.kind]


@dataclass(slots=True)
class Extraction:
    """Everything extracted from one report."""

    report: Report
    entities: list[Entity] = field(default_factory=list)
    collaborations: list[Collaboration] = field(default_factory=list)
    subject_region: str | None = None
    # INDICATORS.md observations; for a report of over a million characters an iterable that
    # extracts them piece by piece when iterated (kg.nlp.extract.ObservationStream)
    indicators: list[dict[str, Any]] = field(default_factory=list)

    def entity(self, name: str) -> Entity | None:
        for ent in self.entities:
            if ent.name == name or name in ent.aliases:
                return ent
        return None

    def to_json(self, with_indicators: bool = True) -> dict[str, Any]:
        """The JSON Lines object of ANNOTATION.md (plus ``indicators`` of INDICATORS.md)."""
        out: dict[str, Any] = {
            "doc": self.report.doc_id,
            "subject_region": self.subject_region,
            "entities": [e.to_json() for e in self.entities],
            "collaborations": [c.to_json() for c in self.collaborations],
        }
        if with_indicators:  # INDICATORS.md fields only (offsets stay internal, for provenance)
            out["indicators"] = [{k: v for k, v in o.items() if k not in ("start", "end")} for o in self.indicators]
        return out
