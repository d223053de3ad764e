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

import numpy as np

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


@lru_cache(maxsize=1)
def _traditional_table() -> np.ndarray:
    """code point → True for the characters the table changes (all of Unicode, 1.1 MB)."""
    table = np.zeros(0x110000, dtype=bool)
    table[list(ts_table())] = True
    return table


def has_traditional(text: str) -> bool:
    """True when ``text`` holds at least one character the table changes.

    One numpy lookup of all the code points (~3 ns a character); a set test costs ~25 ns a
    character, and a regex character class of 4,000 scattered code points ~1 µs a character."""
    if not text:
        return False
    return bool(_traditional_table()[np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)].any())


def to_simplified(text: str) -> str:
    """``text`` with each traditional character replaced by its simplified one (same length)."""
    return text.translate(ts_table())
