"""Cheap character prefilters for anchored regexes.

Most calls of the label patterns in ``extract`` fail: a start-anchored pattern (``^新增|^累计…``)
tried with ``match`` walks its whole alternation (the regex engine has no first-character test
for ``match``), and an end-anchored pattern (``…(?:达到|突破|为)$``) is tried at several
positions. The set of characters a match can start (or end) with is read off the parsed pattern
once, so that a string whose first (or last) character is not in it is rejected with one set
lookup; every other string goes to the regex unchanged, so results are identical.
"""

from __future__ import annotations

import re
from typing import Any, Callable

try:  # the parser of the standard ``re`` module (``sre_parse`` before Python 3.11)
    from re import _constants as _c  # type: ignore[attr-defined]
    from re import _parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover
    import sre_constants as _c  # type: ignore[no-redef]
    import sre_parse as _parser  # type: ignore[no-redef]

# ranges wider than this ([一-龥]) make the set "unknown": no prefilter
_MAX_RANGE = 256
# stands for \d (any Unicode decimal digit, i.e. ``str.isdecimal``) in a set of edge characters
DIGIT = "<digit>"
_ZERO_WIDTH = {_c.AT, _c.ASSERT, _c.ASSERT_NOT}
_REPEATS = {_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", _c.MAX_REPEAT)}

Chars = frozenset  # of single characters


def _class_chars(items: list) -> set[str] | None:
    out: set[str] = set()
    for op, av in items:
        if op is _c.LITERAL:
            out.add(chr(av))
        elif op is _c.RANGE and av[1] - av[0] <= _MAX_RANGE:
            out.update(chr(c) for c in range(av[0], av[1] + 1))
        elif op is _c.CATEGORY and av == _c.CATEGORY_DIGIT:
            out.add(DIGIT)
        else:  # NEGATE, other categories (\s, \w), wide ranges
            return None
    return out


def _item_chars(op: Any, av: Any, last: bool) -> tuple[set[str] | None, bool]:
    """(edge characters of one parsed item, whether it can match the empty string)."""
    if op is _c.LITERAL:
        return {chr(av)}, False
    if op is _c.IN:
        return _class_chars(av), False
    if op is _c.BRANCH:
        out: set[str] = set()
        nullable = False
        for alt in av[1]:
            chars, n = _seq_chars(alt.data, last)
            if chars is None:
                return None, False
            out |= chars
            nullable = nullable or n
        return out, nullable
    if op is _c.SUBPATTERN:
        if av[1] & re.IGNORECASE:  # (?i:…): the literals stand for more characters
            return None, False
        return _seq_chars(av[-1].data, last)
    if op in _REPEATS:
        lo, _hi, sub = av
        chars, n = _seq_chars(sub.data, last)
        return chars, n or lo == 0
    return None, False  # ANY, NOT_LITERAL, GROUPREF, …: unknown


def _seq_chars(items: list, last: bool) -> tuple[set[str] | None, bool]:
    """Edge characters of a sequence: of its first (last) item that cannot be empty, plus those
    of the possibly empty items before (after) it; zero-width items (^, $, look-arounds) only
    restrict where a match is, so they are skipped."""
    out: set[str] = set()
    for op, av in reversed(items) if last else items:
        if op in _ZERO_WIDTH:
            continue
        chars, nullable = _item_chars(op, av, last)
        if chars is None:
            return None, False
        out |= chars
        if not nullable:
            return out, False
    return out, True


def edge_chars(pattern: re.Pattern[str], last: bool = False) -> Chars | None:
    """The characters every non-empty match of ``pattern`` starts with (``last``: ends with), or
    None when they cannot be listed (wide classes, ``.``, flags) or the pattern can match ''."""
    if pattern.flags & (re.IGNORECASE | re.VERBOSE) or not isinstance(pattern.pattern, str):
        return None
    try:  # a private module: on a Python whose parser differs, no prefilter (never a wrong one)
        chars, nullable = _seq_chars(list(_parser.parse(pattern.pattern, pattern.flags).data), last)
    except Exception:  # pragma: no cover - another Python's parser
        return None
    if chars is None or nullable:
        return None
    return frozenset(chars)


def head_match(pattern: re.Pattern[str]) -> Callable[[str], re.Match[str] | None]:
    """``pattern.match`` that first checks the string's first character."""
    first = edge_chars(pattern)
    match = pattern.match
    if first is None:
        return match
    if DIGIT in first:

        def head_match_digit(s: str) -> re.Match[str] | None:
            return match(s) if s and (s[0] in first or s[0].isdecimal()) else None

        return head_match_digit

    def head_match(s: str) -> re.Match[str] | None:
        return match(s) if s and s[0] in first else None

    return head_match


def tail_chars(pattern: re.Pattern[str]) -> Chars | None:
    """The characters every match of the end-anchored ``pattern`` ends with, or None (also for
    patterns that may end with a digit: no prefilter then). A match ends at the end of the string
    or just before a final newline (where ``$`` also matches): callers let such strings through."""
    last = edge_chars(pattern, last=True)
    return None if last is None or DIGIT in last else last


def tail_filtered(
    pattern: re.Pattern[str], call: Callable[[str], re.Match[str] | None]
) -> Callable[[str], re.Match[str] | None]:
    """``call`` (a search or match of the end-anchored ``pattern``) that first checks the string's
    last character."""
    last = tail_chars(pattern)
    if last is None:
        return call

    def tail_filtered(s: str) -> re.Match[str] | None:
        if s and (s[-1] in last or s[-1] == "\n"):
            return call(s)
        return None

    return tail_filtered
