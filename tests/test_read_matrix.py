"""Issue 5, bad-input matrix: every row goes through `kg build` as a user runs it.

One folder holds a good UTF-8 report (the "twin"), a re-encoded or re-wrapped copy of it per
encoding row, and one bad file per error row; it is built once (plus a missing path on the
command line), and each row is its own test on that build's output and store. A row passes
when the file is either loaded correctly (same title and entities as the twin) or named on
exactly one stderr line with its reason — and every other file is loaded, the exit code is
non-zero at the end, and no traceback reaches the user.

The slow and permission rows (50 MB report, unreadable folder) have their own builds below.
"""

from __future__ import annotations

import io
import os
import random
import re
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import RDFS, Dataset, Literal, URIRef

from conftest import SAMPLE_DIR, kg_executable, run_kg

KGO = "https://w3id.org/kg-innovation/ontology#"
TWIN_SOURCE = SAMPLE_DIR / "000_eadec6f87e5eb567.txt"
TWIN_TEXT = TWIN_SOURCE.read_text(encoding="utf-8")
TWIN_TITLE = "以科技创新引领新质生产力发展——2025年高台县科技创新工作综述"

# A short report written twice: simplified (as the extractor's lexicons are) and traditional.
SIMPLIFIED = (
    "2025年兰州市科技创新工作总结\n"
    "兰州大学与甘肃省科学院合作共建重点实验室。\n"
    "高台县人民政府与兰州理工大学签订合作协议。\n"
    "甘肃省科技厅支持兰州新区建设科技企业孵化器。\n"
)
TRADITIONAL = (
    "2025年蘭州市科技創新工作總結\n"
    "蘭州大學與甘肅省科學院合作共建重點實驗室。\n"
    "高臺縣人民政府與蘭州理工大學簽訂合作協議。\n"
    "甘肅省科技廳支持蘭州新區建設科技企業孵化器。\n"
)
GB18030_ONLY = "𠮷䶮"  # not in GBK: a GBK decoder would fail or drop them

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
    b"\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7\x35\x81\x84\x00\x00\x00\x00IEND\xaeB`\x82"
)


def _mixed_line_ends(text: str) -> str:
    rnd = random.Random(5)
    return "".join(line + rnd.choice(["\r\n", "\r", "\n"]) for line in text.split("\n"))


def _with_zero_width(text: str) -> str:
    """A zero-width space (and joiner, soft hyphen) inside every run of CJK characters."""
    return re.sub(r"([\u4e00-\u9fff]{2})([\u4e00-\u9fff]{2})", "\\1\u200b\\2", text).replace("高台县", "高\u200d台\u00ad县")


def _html() -> bytes:
    lines = TWIN_TEXT.split("\n")
    body = "".join(f"<p>{line.replace('高台', '高&nbsp;台', 1) if i > 8 else line}</p>\n" for i, line in enumerate(lines[1:]))
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>页面</title>"
        "<style>p { color: red } .x::after { content: '南京大学科技园' }</style>"
        "<script>var leak = '北京大学与清华大学合作共建实验室'; document.write(leak);</script></head><body>"
        f"<h1>以科技创新引领新质生产力发展——2025年高台县科技&#x521B;新工作综述</h1>\n{body}"
        "<noscript>复旦大学</noscript></body></html>"
    ).encode("utf-8")


def _docx() -> bytes:
    import docx

    document = docx.Document()
    for line in TWIN_TEXT.split("\n"):
        document.add_paragraph(line)
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "合作单位"
    table.rows[0].cells[1].text = "兰州大学"
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


GOOD_ROWS: dict[str, bytes] = {
    "twin.txt": TWIN_TEXT.encode("utf-8"),
    "gbk.txt": TWIN_TEXT.encode("gbk"),
    "utf16le.txt": b"\xff\xfe" + TWIN_TEXT.encode("utf-16-le"),
    "utf16be.txt": b"\xfe\xff" + TWIN_TEXT.encode("utf-16-be"),
    "utf8bom.txt": b"\xef\xbb\xbf" + TWIN_TEXT.encode("utf-8"),
    "lineends.txt": _mixed_line_ends(TWIN_TEXT).encode("utf-8"),
    "zerowidth.txt": _with_zero_width(TWIN_TEXT).encode("utf-8"),
    "page.html": _html(),
    "report.docx": _docx(),
    "gb18030.txt": f"2025年{GB18030_ONLY}县（甘肃）科技工作总结\n{TWIN_TEXT}".encode("gb18030"),
    "simplified.txt": SIMPLIFIED.encode("utf-8"),
    "traditional.txt": TRADITIONAL.encode("utf-8"),
}
BAD_ROWS: dict[str, tuple[bytes, str]] = {
    "empty.txt": (b"", "empty file"),
    "blank.txt": (b" \n\t\r\n  ", "empty file"),
    "image.txt": (PNG, "binary data"),
    "punct.txt": ("  ，。！？\n\t……——\u3000「」、；：\n...!!!\n".encode("utf-8"), "no text (only whitespace and punctuation)"),
    "truncated.docx": (_docx()[:2000], "cannot be parsed as .docx"),
}
MISSING = "does-not-exist/report.txt"


@pytest.fixture(scope="module")
def mixed(tmp_path_factory: pytest.TempPathFactory) -> dict:
    root = tmp_path_factory.mktemp("matrix")
    folder = root / "inbox"
    folder.mkdir()
    for name, data in GOOD_ROWS.items():
        (folder / name).write_bytes(data)
    for name, (data, _) in BAD_ROWS.items():
        (folder / name).write_bytes(data)
    store = root / "store"
    result = run_kg("build", str(folder), str(root / MISSING), store=store)
    return {"root": root, "folder": folder, "store": store, "result": result, "graph": load_export(store)}


def load_export(store: Path) -> Dataset:
    out = subprocess.run([*kg_executable(), "export", "--format", "nquads", "--store", str(store)], capture_output=True, check=True)
    ds = Dataset()
    ds.parse(data=out.stdout, format="nquads")
    return ds


def doc_ids(ds: Dataset) -> set[str]:
    return {str(o) for _, _, o, _ in ds.quads((None, URIRef(KGO + "docId"), None, None))}


def report_facts(ds: Dataset, doc_id: str) -> dict:
    """Title, entity labels and every literal of one report's named graph (None if absent)."""
    for g in ds.graphs():
        if (None, URIRef(KGO + "docId"), Literal(doc_id)) in g:
            report = g.identifier
            labels = {str(o) for s in g.subjects(URIRef(KGO + "mentionedIn"), report) for o in g.objects(s, RDFS.label)}
            literals = [str(o) for o in g.objects() if isinstance(o, Literal)]
            return {"title": str(g.value(report, RDFS.label) or ""), "labels": labels, "literals": literals}
    return None  # type: ignore[return-value]


def lines_naming(stderr: str, name: str) -> list[str]:
    return [line for line in stderr.splitlines() if name in line]


# -- the run as a whole ----------------------------------------------------------------------------
def test_exit_code_nonzero_and_no_traceback(mixed: dict) -> None:
    result = mixed["result"]
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_every_good_file_loaded_and_nothing_else(mixed: dict) -> None:
    assert doc_ids(mixed["graph"]) == set(GOOD_ROWS)
    assert re.search(r"reports loaded\W+12\b", mixed["result"].stdout), mixed["result"].stdout
    assert re.search(r"reports failed\W+6\b", mixed["result"].stdout), mixed["result"].stdout


def test_every_stderr_line_is_one_named_error(mixed: dict) -> None:
    """Only the failed files appear on stderr, each exactly once, as `kg: <path>: <reason>`."""
    lines = [ln for ln in mixed["result"].stderr.splitlines() if ln.strip()]
    expected = [*BAD_ROWS, "report.txt"]
    assert len(lines) == len(expected), lines
    for name in expected:
        assert len(lines_naming(mixed["result"].stderr, name)) == 1, (name, lines)
    assert all(ln.startswith("kg: ") for ln in lines), lines


# -- error rows -----------------------------------------------------------------------------------
@pytest.mark.parametrize("name", list(BAD_ROWS))
def test_bad_file_named_once_with_reason(mixed: dict, name: str) -> None:
    (line,) = lines_naming(mixed["result"].stderr, name)
    assert str(mixed["folder"] / name) in line
    assert BAD_ROWS[name][1] in line
    assert report_facts(mixed["graph"], name) is None


def test_missing_path_named_once(mixed: dict) -> None:
    (line,) = lines_naming(mixed["result"].stderr, "report.txt")
    assert MISSING in line and "no such file" in line


def test_missing_path_alone_fails_cleanly(tmp_path: Path) -> None:
    result = run_kg("build", str(tmp_path / "nope.txt"), store=tmp_path / "store")
    assert result.returncode == 1
    assert [ln for ln in result.stderr.splitlines() if ln.strip()] == [f"kg: {tmp_path / 'nope.txt'}: no such file or folder"]


# -- good rows: same as the UTF-8 twin ------------------------------------------------------------
@pytest.mark.parametrize("name", ["gbk.txt", "utf16le.txt", "utf16be.txt", "utf8bom.txt", "lineends.txt", "zerowidth.txt"])
def test_encoded_or_rewrapped_copy_equals_twin(mixed: dict, name: str) -> None:
    twin = report_facts(mixed["graph"], "twin.txt")
    got = report_facts(mixed["graph"], name)
    assert twin["labels"], "the twin itself yields entities"
    assert got["title"] == twin["title"] == TWIN_TITLE
    assert got["labels"] == twin["labels"]
    assert not any(ch in lit for lit in got["literals"] for ch in "\r\ufeff\u200b\u200d\u00ad"), name


def test_gb18030_only_characters_survive(mixed: dict) -> None:
    with pytest.raises(UnicodeEncodeError):
        GB18030_ONLY.encode("gbk")
    got = report_facts(mixed["graph"], "gb18030.txt")
    assert got["title"] == f"2025年{GB18030_ONLY}县（甘肃）科技工作总结"  # full-width brackets kept as written
    assert report_facts(mixed["graph"], "twin.txt")["labels"] <= got["labels"]


def test_html_scripts_styles_dropped_entities_decoded(mixed: dict) -> None:
    got = report_facts(mixed["graph"], "page.html")
    assert got["title"] == TWIN_TITLE  # &#x521B; → 创
    text = "\n".join(got["literals"])
    for leaked in ("北京大学", "清华大学", "南京大学", "复旦大学", "document.write", "color", "&nbsp;", "&#x", "\xa0"):
        assert leaked not in text, leaked
    assert got["labels"], "the body's entities are extracted"


def test_docx_report(mixed: dict) -> None:
    twin = report_facts(mixed["graph"], "twin.txt")
    got = report_facts(mixed["graph"], "report.docx")
    assert got["title"] == TWIN_TITLE
    assert twin["labels"] <= got["labels"]
    from kg.read import read_report

    assert "合作单位 | 兰州大学" in read_report(mixed["folder"] / "report.docx").text  # table rows are read


def test_full_width_brackets_kept_in_names(tmp_path: Path) -> None:
    """Names are not NFKC-folded: （）【】 stay as written (kg.rdf.iri folds only for IRIs)."""
    from kg.read import read_report

    f = tmp_path / "brackets.txt"
    f.write_text("2025年科技工作总结\n中国科学院近代物理研究所（兰州）与【高台县】人民政府合作。\n", encoding="utf-8")
    assert "中国科学院近代物理研究所（兰州）与【高台县】" in read_report(f).text


# -- traditional characters -----------------------------------------------------------------------
def test_traditional_text_kept_as_written(mixed: dict) -> None:
    """Decision (documented in kg.read.reader): text is kept exactly as written — no conversion
    to simplified in the reader, so titles, names and evidence quote the report and offsets hold."""
    got = report_facts(mixed["graph"], "traditional.txt")
    assert got["title"] == "2025年蘭州市科技創新工作總結"


def test_traditional_entities_extracted(mixed: dict) -> None:
    """Traditional names are extracted and kept as written (as an alias); the label is the
    simplified canonical form, so 蘭州大學 and 兰州大学 meet in one node (see kg.nlp.variants)."""
    simplified = report_facts(mixed["graph"], "simplified.txt")["labels"]
    traditional = report_facts(mixed["graph"], "traditional.txt")
    assert "兰州大学" in simplified
    assert "兰州大学" in traditional["labels"]  # one node for both scripts
    assert "蘭州大學" in traditional["literals"]  # extracted, and kept as written (kgo:alias)


# -- unreadable folder ----------------------------------------------------------------------------
def _drop_read_override() -> None:
    """Run as root, chmod 000 stops nothing; so the child drops the capabilities that let root
    read through permissions (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH) before exec, and sees the
    folder as any user would."""
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    for cap in (1, 2):
        if libc.prctl(24, cap, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


@pytest.mark.parametrize("case", ["folder inside", "folder given", "file"])
def test_unreadable_named_others_loaded(tmp_path: Path, case: str) -> None:
    inbox = tmp_path / "inbox"
    (inbox / "locked").mkdir(parents=True)
    shutil.copy(TWIN_SOURCE, inbox / "good.txt")
    shutil.copy(TWIN_SOURCE, inbox / "locked" / "secret.txt")
    if case == "file":
        locked, reason = inbox / "locked" / "secret.txt", "permission denied"
        args = [str(inbox)]
    else:
        locked, reason = inbox / "locked", "permission denied (cannot list the folder)"
        args = [str(inbox)] if case == "folder inside" else [str(inbox / "good.txt"), str(locked)]
    os.chmod(locked, 0o000)
    store = tmp_path / "store"
    preexec = _drop_read_override if os.geteuid() == 0 else None
    try:
        probe = subprocess.run(["cat" if case == "file" else "ls", str(locked)], capture_output=True, preexec_fn=preexec)
        if probe.returncode == 0:
            pytest.skip("this process can read a chmod 000 path (root with capabilities that cannot be dropped)")
        result = subprocess.run(
            [*kg_executable(), "build", *args, "--store", str(store)],
            capture_output=True, text=True, preexec_fn=preexec, timeout=120, env=dict(os.environ, COLUMNS="200"),
        )
    finally:
        os.chmod(locked, 0o755)
    assert "Traceback" not in result.stderr
    assert result.returncode == 1, result.stderr
    (line,) = [ln for ln in result.stderr.splitlines() if ln.strip()]
    assert line == f"kg: {locked}: {reason}"
    assert doc_ids(load_export(store)) == {"good.txt"}


# -- big reports ----------------------------------------------------------------------------------
def _big_report(path: Path, megabytes: float) -> None:
    rnd = random.Random(7)
    paragraphs = [ln for f in sorted(SAMPLE_DIR.glob("*.txt")) for ln in f.read_text(encoding="utf-8").split("\n") if len(ln) > 20]
    target = int(megabytes * 2**20)
    with path.open("w", encoding="utf-8") as out:
        out.write("2025年某县科技创新工作总结\n")
        written = 0
        while written < target:
            line = rnd.choice(paragraphs) + "\n"
            out.write(line)
            written += len(line.encode("utf-8"))


def _build_measured(report: Path, store: Path, limit: float) -> tuple[subprocess.CompletedProcess, int]:
    """Run `kg build` and return (result, peak RSS of the kg process in MB)."""
    code = (
        "import resource, subprocess, sys\n"
        "r = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
        "sys.stdout.write(r.stdout); sys.stderr.write(r.stderr)\n"
        "print('PEAK_KB', resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
        "sys.exit(r.returncode)\n"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", code, *kg_executable(), "build", str(report), "--store", str(store)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=dict(os.environ, COLUMNS="200"),
        start_new_session=True,
    )
    try:
        out, err = proc.communicate(timeout=limit)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)  # the wrapper and the kg build under it
        proc.communicate()
        raise
    result = subprocess.CompletedProcess(proc.args, proc.returncode, out, err)
    peak = int(re.search(r"PEAK_KB (\d+)", result.stdout).group(1)) // 1024
    return result, peak


@pytest.mark.parametrize(
    "megabytes,limit",
    [
        pytest.param(1, 60, id="1MB"),
        # over a million characters: the indicator observations are streamed (kg.nlp.extract)
        pytest.param(4, 240, id="4MB"),
        pytest.param(50, 1800, id="50MB", marks=pytest.mark.slow),
    ],
)
def test_big_report_bounded_memory(tmp_path: Path, megabytes: int, limit: float) -> None:
    report = tmp_path / f"big{megabytes}.txt"
    _big_report(report, megabytes)
    result, peak = _build_measured(report, tmp_path / "store", limit)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "Traceback" not in result.stderr
    assert "reports loaded" in result.stdout
    # interpreter + spaCy + store ≈ 130 MB; the text is held once as bytes and once as str
    # (≤ 4 bytes a character), the rest is processed in 100,000-character chunks
    # (measured: 1 MB → 186 MB, 50 MB → 369 MB)
    assert peak < 200 + 6 * megabytes, f"peak RSS {peak} MB for a {megabytes} MB report"


def test_big_report_reports_progress_while_extracting(tmp_path: Path) -> None:
    """A report of over a million characters says how far extraction is, stage by stage."""
    from kg.build import run_build

    report = tmp_path / "big.txt"
    _big_report(report, 3.2)  # ≈ 1.1 million characters
    heard: list[tuple[str, str, int, int]] = []

    def on_file(outcome: object) -> None:
        pass

    on_file.extracting = lambda doc_id, stage, done, total: heard.append((doc_id, stage, done, total))  # type: ignore[attr-defined]
    summary = run_build(str(tmp_path / "store"), [report], progress=on_file, jobs=1)
    assert summary.count("loaded") == 1
    for stage in ("entities", "indicators"):
        done = [d for _doc, s, d, _t in heard if s == stage]
        total = {t for _doc, s, _d, t in heard if s == stage}
        assert len(done) >= 3 and done == sorted(done), (stage, done)
        assert len(total) == 1 and done[-1] == total.pop() > 1_000_000
    assert {doc for doc, *_ in heard} == {"big.txt"}


def test_streamed_observations_match_whole_text_extraction(monkeypatch: pytest.MonkeyPatch) -> None:
    """The piecewise observations of a huge report are those of the whole text, offsets included
    (only a heading's context could differ at a piece boundary; these paragraphs carry none)."""
    import importlib

    from kg.indicators import extract_indicators
    from kg.model import Report

    ex = importlib.import_module("kg.nlp.extract")  # the module (kg.nlp.extract is also the function)
    rnd = random.Random(3)
    paragraphs = [ln for f in sorted(SAMPLE_DIR.glob("*.txt")) for ln in f.read_text(encoding="utf-8").split("\n") if "亿元" in ln or "家" in ln]
    text = "2024年科技工作总结\n" + "\n".join(rnd.choice(paragraphs) for _ in range(400)) + "\n"
    monkeypatch.setattr(ex, "STREAM_OBSERVATIONS_ABOVE", 10_000)
    monkeypatch.setattr(ex, "OBSERVATION_CHUNK", 8_000)
    x = ex.extract(Report(doc_id="t.txt", text=text, year=2024))
    assert isinstance(x.indicators, ex.ObservationStream)
    observations = list(x.indicators)
    assert all(text[o["start"] : o["end"]] == o["text"] for o in observations)  # report offsets
    streamed = [(o["start"], o["end"], o["indicator"], o["value"]) for o in observations]
    whole = [(o["start"], o["end"], o["indicator"], o["value"]) for o in extract_indicators(text, x.subject_region, 2024)]
    assert len(whole) > 200
    assert [(o["start"], o["end"], o["indicator"], o["value"]) for o in x.indicators] == streamed  # iterable again
    assert len(set(streamed) & set(whole)) >= 0.98 * len(whole)
