"""Format readers: one function per file format, registered by suffix.

Each reader takes the raw bytes and returns (text, encoding). Markup formats drop scripts,
styles and tags and keep block structure as line breaks, because sentences and table rows are
what the extractor reads.
"""

from __future__ import annotations

import io
import re
from typing import Callable

from kg.read.decode import decode_bytes

FormatReader = Callable[[bytes], tuple[str, str]]
READERS: dict[str, FormatReader] = {}


def register(*suffixes: str) -> Callable[[FormatReader], FormatReader]:
    def wrap(fn: FormatReader) -> FormatReader:
        for suffix in suffixes:
            READERS[suffix] = fn
        return fn

    return wrap


@register(".txt", ".md", ".text", "")
def read_plain(data: bytes) -> tuple[str, str]:
    return decode_bytes(data)


_BLOCK_TAGS = (
    "p", "div", "br", "li", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6",
    "section", "article", "table", "ul", "ol", "title", "header", "footer", "blockquote",
)


@register(".html", ".htm", ".xhtml")
def read_html(data: bytes) -> tuple[str, str]:
    from bs4 import BeautifulSoup

    text, encoding = decode_bytes(data)
    soup = BeautifulSoup(text, "html.parser")
    for tag in soup(["script", "style", "noscript", "template", "iframe", "svg"]):
        tag.decompose()
    for tag in soup.find_all(_BLOCK_TAGS):
        tag.insert_before("\n")
        tag.insert_after("\n")
    plain = soup.get_text()
    plain = plain.replace("\xa0", " ")
    plain = re.sub(r"[ \t\u3000]*\n[ \t\u3000\n]*", "\n", plain)
    return plain.strip() + "\n", encoding


@register(".docx")
def read_docx(data: bytes) -> tuple[str, str]:
    import docx  # python-docx

    document = docx.Document(io.BytesIO(data))
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append(" | ".join(cell.text.strip() for cell in row.cells))
    return "\n".join(lines) + "\n", "docx"
