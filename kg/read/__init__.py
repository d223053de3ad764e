"""Reading reports: bytes on disk → decoded, cleaned text with its metadata (kg.model.Report).

``read_report(path)`` is the one entry point; ``iter_report_paths(paths)`` expands folders.
Format readers are registered by file suffix in ``kg.read.formats`` (one function per format),
so supporting a new format is one function plus one registration.
"""

from kg.read.errors import ReadError
from kg.read.reader import SUPPORTED_SUFFIXES, iter_report_paths, read_report

__all__ = ["ReadError", "SUPPORTED_SUFFIXES", "iter_report_paths", "read_report"]
