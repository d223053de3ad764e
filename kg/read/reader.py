"""Read one report file into a kg.model.Report, or raise ReadError with a one-line reason.

Normalisation is deliberately small (``normalise_text``): line ends unified, zero-width
characters and soft hyphens removed, NFC. Nothing else is folded: full-width brackets and
punctuation stay, and traditional characters are kept as written — no conversion to simplified
here, because names, titles and evidence must quote the report and offsets must point into it.
Matching traditional text against simplified lexicons is the extractor's business (on a
character-for-character simplified view of the same length, so offsets still hold).
"""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from pathlib import Path
from typing import Iterable, Iterator

from kg.model import Report
from kg.read.decode import UndecodableError, looks_binary
from kg.read.errors import ReadError
from kg.read.formats import READERS

SUPPORTED_SUFFIXES = frozenset(s for s in READERS if s)
MAX_BYTES = 200 * 1024 * 1024  # a report larger than this is surely not a report

# zero-width characters and the soft hyphen, removed with a regex: str.translate looks up every
# character of a Chinese text in a dict (~60 ns each, 3% of extraction), a regex scan is ~10× faster
_ZERO_WIDTH_RE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_YEAR = re.compile(r"(?<![0-9０-９])((?:19|20)[0-9]{2})\s*年")
_DATE_LINE = re.compile(r"(?:发布时间|发布日期|时间|日期)[:：\s]*((?:19|20)[0-9]{2})")
_TITLE_CUES = ("综述", "总结", "工作要点", "要点", "报告", "讲话", "发言", "规划", "方案", "通知", "意见", "亮点", "工作")


def normalise_text(text: str) -> str:
    """Unify line ends, drop zero-width characters, NFC. Offsets refer to this text."""
    text = _ZERO_WIDTH_RE.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    return unicodedata.normalize("NFC", text)


def _title(text: str) -> str | None:
    lines = [ln.strip() for ln in text.split("\n")[:15] if ln.strip()]
    lines = [ln for ln in lines if 4 <= len(ln) <= 80 and not ln.startswith(("当前位置", "来源", "首页"))]
    for line in lines:
        if any(cue in line for cue in _TITLE_CUES) and not line.endswith(("。", "；")):
            return line
    return lines[0] if lines else None


def _year(title: str | None, text: str) -> int | None:
    for source in (title or "", text[:600]):
        m = _YEAR.search(source)
        if m:
            return int(m.group(1))
    m = _DATE_LINE.search(text[:1000])
    return int(m.group(1)) if m else None


def read_report(path: str | os.PathLike[str]) -> Report:
    p = Path(path)
    name = str(path)
    if not p.exists():
        raise ReadError(name, "no such file")
    if p.is_dir():
        raise ReadError(name, "is a folder, not a report file")
    suffix = p.suffix.lower()
    reader = READERS.get(suffix)
    if reader is None:
        raise ReadError(name, f"unsupported file type {suffix!r} (supported: {', '.join(sorted(SUPPORTED_SUFFIXES))})")
    try:
        size = p.stat().st_size
        if size > MAX_BYTES:
            raise ReadError(name, f"too large ({size // 2**20} MB; the limit is {MAX_BYTES // 2**20} MB)")
        data = p.read_bytes()
    except PermissionError:
        raise ReadError(name, "permission denied") from None
    except OSError as exc:
        raise ReadError(name, f"cannot be read ({exc.strerror or exc})") from None
    if not data.strip():
        raise ReadError(name, "empty file")
    if suffix != ".docx" and looks_binary(data):
        raise ReadError(name, "binary data, not a text report")
    try:
        raw_text, encoding = reader(data)
    except UndecodableError as exc:
        raise ReadError(name, str(exc)) from None
    except Exception as exc:  # a corrupt .docx or HTML the parser rejects
        raise ReadError(name, f"cannot be parsed as {suffix or 'text'} ({type(exc).__name__}: {exc})") from None
    text = normalise_text(raw_text)
    if not any(ch.isalnum() for ch in text):
        raise ReadError(name, "no text (only whitespace and punctuation)")
    title = _title(text)
    return Report(
        doc_id=p.name,
        text=text,
        path=str(p),
        title=title,
        year=_year(title, text),
        region=None,  # the subject region is detected by kg.nlp, which has the gazetteer
        sha256=hashlib.sha256(data).hexdigest(),
        encoding=encoding,
        source_format=suffix.lstrip(".") or "txt",
    )


def iter_report_paths(paths: Iterable[str | os.PathLike[str]]) -> Iterator[tuple[Path, ReadError | None]]:
    """Expand folders (recursively, sorted) into report files; yield (path, error-or-None).

    A path that does not exist or a folder that cannot be listed yields its error instead of
    stopping the walk, so one bad argument never hides the good ones.
    """
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            if not os.access(p, os.R_OK | os.X_OK):  # rglob would silently yield nothing
                yield p, ReadError(str(p), "permission denied (cannot list the folder)")
                continue
            try:
                children = sorted(p.rglob("*"))
            except PermissionError:
                yield p, ReadError(str(p), "permission denied (cannot list the folder)")
                continue
            for child in children:
                if child.is_dir():
                    if not os.access(child, os.R_OK | os.X_OK):
                        yield child, ReadError(str(child), "permission denied (cannot list the folder)")
                    continue
                if child.suffix.lower() in SUPPORTED_SUFFIXES and not child.name.startswith("."):
                    yield child, None
        elif p.exists():
            yield p, None
        else:
            yield p, ReadError(str(p), "no such file or folder")
