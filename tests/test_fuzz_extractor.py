"""Issue 5, fuzzing: whatever the text, the extractor never raises, every entity name is quoted
from the input, and every offset points at what it claims.

Normalisation: the extractor sees text as kg.read delivers it (kg.read.reader.normalise_text:
line ends unified, zero-width characters dropped, NFC), so inputs go through that first; names
are then exact slices of that text (an entity's label may be a canonical form, but ``name`` and
``aliases`` are as written).

CI runs a short campaign (KG_FUZZ_EXAMPLES, default 60 per strategy); `pytest -m slow` runs
the long one (≥ 10,000 inputs in all).
"""

from __future__ import annotations

import os
import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import SAMPLE_DIR
from kg.model import Report
from kg.read.reader import normalise_text

CI_EXAMPLES = int(os.environ.get("KG_FUZZ_EXAMPLES", "60"))
LONG_EXAMPLES = {"unicode": 4_000, "mixes": 2_500, "nested": 2_500, "long_lines": 1_000}  # 10,000 inputs

SENTENCES = [
    s + "。"
    for path in sorted(SAMPLE_DIR.glob("*.txt"))
    for s in path.read_text(encoding="utf-8").replace("\n", "。").split("。")
    if s.strip()
]
NAMES = ["兰州大学", "甘肃省科学院", "高台县人民政府", "中国科学院近代物理研究所", "张掖市科技局", "“高台县新能源研究院”"]


def check(text: str) -> None:
    from kg.nlp import extract

    text = normalise_text(text)
    extraction = extract(Report(doc_id="fuzz.txt", text=text))
    n = len(text)
    names = set()
    for entity in extraction.entities:
        assert entity.name and entity.name in text, entity.name
        for alias in entity.aliases:
            assert alias in text, alias
        forms = {entity.name, *entity.aliases}
        for start, end in entity.spans:
            assert 0 <= start < end <= n, (start, end, n)
            assert text[start:end] in forms, (text[start:end], forms)
        names |= forms
    for collab in extraction.collaborations:
        assert collab.a in names and collab.b in names, (collab.a, collab.b)
        start, end = collab.span
        assert 0 <= start <= end <= n
        if collab.span != (0, 0):
            assert text[start:end] == collab.evidence
    extraction.to_json()  # serialisable


def mixes() -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(SENTENCES + NAMES + ["\n", "\r\n", " ", "（", "）", "“", "”"]), max_size=40).map("".join)


def nested() -> st.SearchStrategy[str]:
    pairs = ["“”", "‘’", "（）", "()", "《》", "【】", "「」", "\"\"", "[]", "{}", "<>"]

    def build(args: tuple[list[int], str, int]) -> str:
        picks, core, depth = args
        text = core
        for i in range(depth):
            pair = pairs[picks[i % len(picks)] % len(pairs)] if picks else "“”"
            text = pair[0] + text + pair[1]
        return text + "与兰州大学合作共建实验室。"

    return st.tuples(st.lists(st.integers(0, 50), max_size=10), st.sampled_from(NAMES + [""]), st.integers(0, 300)).map(build)


def long_lines() -> st.SearchStrategy[str]:
    # repetitions are capped (≈ 20,000 characters): the extractor is superlinear on long runs of
    # names, see test_repeated_names_linear_time below
    return st.tuples(st.sampled_from(SENTENCES + NAMES), st.integers(1, 150), st.sampled_from(["", "，", "\n", "、"])).map(
        lambda t: (t[0] + t[2]) * t[1]
    )


STRATEGIES = {
    "unicode": st.text(max_size=400),
    "mixes": mixes(),
    "nested": nested(),
    "long_lines": long_lines(),
}


def run_campaign(name: str, examples: int) -> None:
    @settings(max_examples=examples, deadline=None, suppress_health_check=list(HealthCheck), database=None, derandomize=False)
    @given(STRATEGIES[name])
    def prop(text: str) -> None:
        check(text)

    prop()


CI_SHARE = {"unicode": 1.0, "mixes": 0.5, "nested": 0.5, "long_lines": 0.15}


@pytest.mark.parametrize("name", list(STRATEGIES))
def test_fuzz_short(name: str) -> None:
    run_campaign(name, max(5, int(CI_EXAMPLES * CI_SHARE[name])))


@pytest.mark.slow
@pytest.mark.parametrize("name", list(STRATEGIES))
def test_fuzz_long(name: str) -> None:
    run_campaign(name, LONG_EXAMPLES[name])


def _bounded(text: str, seconds: float) -> bool:
    """Extract ``text`` in a forked child; whether it finished within ``seconds`` without error."""
    import multiprocessing as mp

    from kg.nlp import load_pipeline

    load_pipeline()  # loaded before the fork: the child measures extraction only
    child = mp.get_context("fork").Process(target=_extract_child, args=(text,))
    child.start()
    child.join(seconds)
    finished = not child.is_alive()
    if not finished:
        child.kill()
        child.join()
    return finished and child.exitcode == 0


def test_very_long_single_line_without_breaks() -> None:
    """120,000 characters without a newline or '。' (found 279 s / superlinear before dcb1fe4)."""
    rnd = random.Random(3)
    text = "".join(rnd.choice(SENTENCES).rstrip("。") + "，" for _ in range(3_000))[:120_000]
    assert _bounded(text, 20.0)


def test_merged_mentions_keep_their_surface_forms() -> None:
    """Found by the fuzz campaign: a merged mention's span text was neither name nor alias."""
    check("选派“三区”人才12人，三区人才服务基层。")


def _extract_child(text: str) -> None:
    from kg.nlp import extract

    extract(Report(doc_id="x.txt", text=text))


def test_repeated_names_linear_time() -> None:
    """'兰州大学' x 2000 took ~25 s before dcb1fe4 (candidate scan was quadratic)."""
    # 5,000 characters; the sample reports extract at well over 10,000 characters a second
    assert _bounded("兰州大学、" * 1000, 3.0)
