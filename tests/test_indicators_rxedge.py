"""The first/last-character prefilters of kg.indicators.rxedge must never change a regex's answer:
they may only skip strings the regex would reject."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from kg.indicators import extract as ie
from kg.indicators.rxedge import DIGIT, edge_chars, head_match, tail_chars, tail_filtered

REPORTS = Path(__file__).resolve().parents[1] / "data" / "reports"


def test_edge_characters_of_simple_patterns() -> None:
    assert edge_chars(re.compile("^(?:新增|累计)")) == {"新", "累"}
    assert edge_chars(re.compile("(?:达到|突破|为)$"), last=True) == {"到", "破", "为"}
    assert edge_chars(re.compile(r"(?:其中)?\d+年")) == {"其", DIGIT}
    assert edge_chars(re.compile("(?<=年)[甲乙]")) == {"甲", "乙"}  # a look-behind is zero-width


@pytest.mark.parametrize(
    "pattern",
    [
        "[一-龥]+",  # a range too wide to list
        "a*",  # may match the empty string
        ".b",  # any character
        "[^ab]c",  # a negated class
        "(?i:x)y",  # case-insensitive literals
    ],
)
def test_no_prefilter_when_the_characters_cannot_be_listed(pattern: str) -> None:
    assert edge_chars(re.compile(pattern)) is None
    rx = re.compile(pattern)
    assert head_match(rx) == rx.match  # unfiltered: the regex itself


def test_a_digit_edge_accepts_every_decimal_digit() -> None:
    first = head_match(re.compile(r"\d+个"))
    assert first("３个") and first("٣个") and first("3个")
    assert first("个3") is None


def test_tail_prefilter_lets_a_final_newline_through() -> None:
    rx = re.compile("(?:达到|为)$")
    assert tail_chars(rx) == {"到", "为"}
    search = tail_filtered(rx, rx.search)
    assert search("产值达到\n") is not None  # $ matches before a final newline
    assert search("产值达到了") is None


def _labels() -> list[str]:
    """Short strings cut from the sample reports at random places (the kind of text the
    indicator extractor tries these patterns on), plus edge cases."""
    rng = random.Random(7)
    out = ["", "\n", "新", "达到\n", "２０２４年", "其中国家级", "占比", "全县"]
    for path in sorted(REPORTS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for _ in range(3000):
            i = rng.randrange(len(text))
            out.append(text[i : i + rng.randint(1, 16)])
    return out


FILTERED = {
    "_AFTER_UNIT_BAD": (ie._AFTER_UNIT_BAD.match, ie._AFTER_UNIT_BAD_MATCH),
    "_LEAD_SCOPE": (ie._LEAD_SCOPE.match, ie._LEAD_SCOPE_MATCH),
    "_LEAD_VERB": (ie._LEAD_VERB.match, ie._LEAD_VERB_MATCH),
    "_DIFF": (ie._DIFF.match, ie._DIFF_MATCH),
    "_LEVELS": (ie._LEVELS.match, ie._LEVELS_MATCH),
    "_FWD_BAD_START": (ie._FWD_BAD_START.match, ie._FWD_BAD_START_MATCH),
    "_RX_6": (ie._RX_6.match, ie._BASE_MATCH),
    "_TRAIL": (ie._TRAIL.search, ie._TRAIL_SEARCH),
    "_GROWTH": (ie._GROWTH.search, ie._GROWTH_SEARCH),
    "_GOVERNS": (ie._GOVERNS.search, ie._GOVERNS_SEARCH),
    "_RX_14": (ie._RX_14.search, ie._EACH_SEARCH),
    "_RX_9": (ie._RX_9.search, ie._ETC_SEARCH),
}


@pytest.mark.parametrize("name", sorted(FILTERED))
def test_filtered_pattern_answers_as_the_regex_on_report_text(name: str) -> None:
    plain, filtered = FILTERED[name]
    matched = 0
    for s in _labels():
        want, got = plain(s), filtered(s)
        assert (want and want.span()) == (got and got.span()), (name, s)
        matched += want is not None
    assert matched, "no string matched: the comparison would be empty"
