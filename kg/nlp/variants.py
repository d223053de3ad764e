"""Traditional → simplified characters, one for one, so a converted text keeps every offset.

The extractor's lexicons and gazetteers are in simplified characters; a report written in
traditional characters (蘭州大學) is matched on a simplified copy (兰州大学) of the same length, and
every surface form is then sliced from the original text (see kg.nlp.extract).

The table is data/gazetteers/ts_characters.tsv, generated from OpenCC's dictionaries (Apache-2.0)
by data/gazetteers/build_ts_characters.py: character-level, first candidate only, characters that are
also correct simplified characters (乾, 於, 著) left alone — so a simplified text is a fixed point.
"""

from __future__ import annotations

from functools import lru_cache

from kg.resources import gazetteer_dir

TABLE_FILE = "ts_characters.tsv"


@lru_cache(maxsize=1)
def ts_table() -> dict[int, str]:
    """code point of a traditional character → its simplified character (a str.translate table)."""
    table: dict[int, str] = {}
    for line in (gazetteer_dir() / TABLE_FILE).read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        trad, simp = line.split("\t")
        if len(trad) == 1 and len(simp) == 1:
            table[ord(trad)] = simp
    return table


@lru_cache(maxsize=1)
def _traditional_chars() -> frozenset[str]:
    return frozenset(chr(c) for c in ts_table())


def has_traditional(text: str) -> bool:
    """True when ``text`` holds at least one character the table changes.

    A set test (~60 ns a character), not a regex: a character class of 4,000 scattered code points
    costs ~1 µs a character in ``re``, a third of the extraction time."""
    return not _traditional_chars().isdisjoint(text)


def to_simplified(text: str) -> str:
    """``text`` with each traditional character replaced by its simplified one (same length)."""
    return text.translate(ts_table())
