"""Decoding bytes of unknown encoding: BOMs first, then UTF-8, then detection.

Reports arrive as UTF-8 (with or without BOM), GB18030/GBK from older office systems, or UTF-16
from Windows tools. A BOM settles it; strict UTF-8 succeeds on real UTF-8 and almost never on
anything else; otherwise charset-normalizer decides, restricted to the encodings that Chinese
reports use so that short GBK text is not mistaken for a Cyrillic code page. GBK is decoded as
GB18030 (a superset) so that GB18030-only characters survive.
"""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE: it starts with the same bytes
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CANDIDATES = ["utf_8", "gb18030", "big5", "utf_16_le", "utf_16_be"]


class UndecodableError(ValueError):
    pass


def looks_binary(data: bytes) -> bool:
    """NUL bytes outside UTF-16/32 text, or a known binary signature, mean this is not text."""
    head = data[:4096]
    if head.startswith((b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"%PDF", b"\x7fELF", b"\x1f\x8b")):
        return True
    if any(head.startswith(bom) for bom, _ in _BOMS):
        return False
    if b"\x00" not in head:
        return False
    # BOM-less UTF-16: NULs fall on every other byte of mostly-ASCII text
    even, odd = head[0::2], head[1::2]
    nul_even, nul_odd = even.count(0) / max(1, len(even)), odd.count(0) / max(1, len(odd))
    return not ((nul_odd > 0.3 and nul_even < 0.05) or (nul_even > 0.3 and nul_odd < 0.05))


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Return (text, encoding name). Raises UndecodableError when nothing fits."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return data.decode(name), name.replace("-sig", "") + " (BOM)"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    best = from_bytes(data, cp_isolation=_CANDIDATES).best()
    if best is not None and best.encoding:
        encoding = "gb18030" if best.encoding in ("gbk", "gb2312", "gb18030") else best.encoding
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            pass
    try:  # charset-normalizer can hesitate on very short GB text; strict GB18030 is a safe test
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError as exc:
        raise UndecodableError("not decodable as UTF-8, GB18030/GBK or UTF-16") from exc
