"""Normalisation of indicator observations: units to a base, labels to SKOS concepts.

Units: money to 元 (亿元 = 10^8 元, 万元 = 10^4 元), people to 人 (万人 = 10^4 人; 名 and 位 count
people too), areas to 平方米 / 亩, % and 个百分点 stay percentages, counts (家, 个, 项, 件 …) are
"count"; anything else keeps its own unit with factor 1.

Concepts: ``ontology/indicators.ttl`` ships a SKOS concept scheme (skos:prefLabel / skos:altLabel,
broader/narrower). A label maps to the concept whose pref/alt label equals it (after removing
quote marks and spaces, case-folded), else to the concept with the longest label contained in it
(国家级科技企业孵化器 → 科技企业孵化器) when the label is not a share or growth rate of something
else (…占…比重, …增长率 only match concepts that are themselves shares/rates).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

# unit → (base unit, factor)
UNIT_SCALE: dict[str, tuple[str, float]] = {
    "万亿元": ("元", 1e12), "亿元": ("元", 1e8), "亿": ("元", 1e8), "万元": ("元", 1e4), "千元": ("元", 1e3),
    "元": ("元", 1.0),
    "万人": ("人", 1e4), "人": ("人", 1.0), "名": ("人", 1.0), "位": ("人", 1.0),
    "万人次": ("人次", 1e4), "人次": ("人次", 1.0),
    "%": ("%", 1.0), "％": ("%", 1.0), "个百分点": ("%", 1.0),
    "万平方米": ("平方米", 1e4), "平方米": ("平方米", 1.0), "万亩": ("亩", 1e4), "亩": ("亩", 1.0),
}
COUNT_UNITS = frozenset(
    {"家", "个", "项", "件", "所", "座", "条", "批", "场", "次", "场次", "场(次)", "份", "支", "款", "套",
     "笔", "届", "户", "篇", "期", "台套", "家次", "项次"}
)
_QUOTES = "\"'“”‘’「」『』《》〈〉【】"


def _norm(s: str) -> str:
    s = unicodedata.normalize("NFKC", s or "")
    return "".join(ch for ch in s if not ch.isspace() and ch not in _QUOTES).casefold()


def normalise_unit(value: float | int, unit: str) -> tuple[float, str]:
    """(value in the base unit, base unit): 7.2 亿元 → (720000000.0, "元"); 41 家 → (41.0, "count")."""
    u = unicodedata.normalize("NFKC", unit or "").replace(" ", "")
    if u in UNIT_SCALE:
        base, factor = UNIT_SCALE[u]
        return _round(float(value) * factor), base
    if u in COUNT_UNITS:
        return float(value), "count"
    return float(value), u


def _round(x: float) -> float:
    # 1.05 * 1e8 is 105000000.00000001 in binary floating point; base values are exact decimals
    return float(f"{x:.6f}")


# --------------------------------------------------------------------------------------------
# Concept scheme
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Concept:
    iri: str
    pref_label: str
    alt_labels: tuple[str, ...]
    broader: tuple[str, ...]
    base_unit: str | None


def _ontology_file() -> Path:
    from kg.resources import ontology_dir

    return ontology_dir() / "indicators.ttl"


@lru_cache(maxsize=4)
def load_concepts(path: str | None = None) -> dict[str, Concept]:
    """IRI → Concept for every skos:Concept in the indicator scheme."""
    from rdflib import Graph, Namespace
    from rdflib.namespace import RDF, SKOS

    kgo = Namespace("https://w3id.org/kg-innovation/ontology#")
    g = Graph()
    g.parse(path or _ontology_file(), format="turtle")
    scheme = kgo.IndicatorScheme
    out: dict[str, Concept] = {}
    for c in set(g.subjects(SKOS.inScheme, scheme)):
        if (c, RDF.type, SKOS.Concept) not in g:
            continue
        pref = next((str(o) for o in g.objects(c, SKOS.prefLabel) if getattr(o, "language", None) == "zh"), "")
        alts = tuple(sorted(str(o) for o in g.objects(c, SKOS.altLabel)))
        broader = tuple(sorted(str(o) for o in g.objects(c, SKOS.broader)))
        unit = next((str(o) for o in g.objects(c, kgo.baseUnitOf)), None)
        out[str(c)] = Concept(str(c), pref, alts, broader, unit)
    return out


@lru_cache(maxsize=4)
def _label_index(path: str | None = None) -> tuple[dict[str, str], list[tuple[str, str]]]:
    exact: dict[str, str] = {}
    for iri, c in sorted(load_concepts(path).items()):
        for lab in (c.pref_label, *c.alt_labels):
            exact.setdefault(_norm(lab), iri)
    by_len = sorted(exact.items(), key=lambda kv: (-len(kv[0]), kv[0]))
    return exact, by_len


_DERIVED = re.compile(r"占.*(?:比重|比例)$|占比$|增长率$|增长倍数$|增速$|增幅$")


def concept_for(label: str, path: str | None = None) -> str | None:
    """The IRI of the indicator concept a label names, or None.

    Exact pref/alt label first; else the longest concept label that ENDS ``label`` (the head of
    a Chinese noun phrase is its last word: 省级高新技术企业 is a kind of 高新技术企业, but
    高企所得税减免税额 is a tax amount, not a count of 高企), provided that the label and the
    concept agree on being a share or growth rate (so 研发投入增长率 is not mapped to 研发经费投入,
    but 研发投入占GDP比重 is found by its exact alt label).
    """
    key = _norm(label)
    if not key:
        return None
    exact, by_len = _label_index(path)
    if key in exact:
        return exact[key]
    derived = bool(_DERIVED.search(key))
    for lab, iri in by_len:
        if len(lab) >= 2 and key.endswith(lab) and bool(_DERIVED.search(lab)) == derived:
            return iri
    return None


def broader_concepts(iri: str, path: str | None = None) -> list[str]:
    """All concepts above ``iri`` (transitively), nearest first."""
    concepts = load_concepts(path)
    out: list[str] = []
    todo = list(concepts[iri].broader) if iri in concepts else []
    while todo:
        b = todo.pop(0)
        if b not in out:
            out.append(b)
            todo.extend(concepts[b].broader if b in concepts else ())
    return out


def normalise_observation(obs: dict[str, Any]) -> dict[str, Any]:
    """A copy of ``obs`` with ``base_value``, ``base_unit`` and ``concept`` (IRI or None) added."""
    out = dict(obs)
    out["base_value"], out["base_unit"] = normalise_unit(obs["value"], obs.get("unit", ""))
    out["concept"] = concept_for(obs.get("indicator", ""))
    return out
