"""Where the bundled files (ontology, gazetteers, canned queries) live.

In a wheel the top-level ``ontology/`` and ``data/gazetteers/`` folders are copied into
``kg/_bundled/`` (see pyproject.toml); in a source checkout or editable install they are read
from the repository. One function per kind of file keeps that decision in one place.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent
_BUNDLED = _PACKAGE_DIR / "_bundled"
_REPO_ROOT = _PACKAGE_DIR.parent


@lru_cache(maxsize=None)
def _locate(bundled_name: str, repo_relative: str) -> Path:
    bundled = _BUNDLED / bundled_name
    if bundled.is_dir():
        return bundled
    repo = _REPO_ROOT / repo_relative
    if repo.is_dir():
        return repo
    raise FileNotFoundError(
        f"kg cannot find its {bundled_name} folder (looked in {bundled} and {repo}); "
        "the installation is incomplete"
    )


def ontology_dir() -> Path:
    return _locate("ontology", "ontology")


def gazetteer_dir() -> Path:
    return _locate("gazetteers", "data/gazetteers")


def queries_dir() -> Path:
    return _PACKAGE_DIR / "queries"


def sample_reports_dir() -> Path | None:
    """The bundled sample reports, available in a source checkout only."""
    path = _REPO_ROOT / "data" / "reports"
    return path if path.is_dir() else None
