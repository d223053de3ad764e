"""Shared fixtures: paths to the bundled sample and the shared dev material, a CLI runner."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SAMPLE_DIR = REPO / "data" / "reports"
SHARED = (REPO / ".." / "shared").resolve()


def kg_executable() -> list[str]:
    """The installed console script if present, else `python -m kg` (same code either way)."""
    exe = shutil.which("kg", path=str(Path(sys.executable).parent))
    return [exe] if exe else [sys.executable, "-m", "kg"]


def run_kg(*args: str, store: Path | None = None, cwd: Path | None = None, timeout: float = 300) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    if store is not None:
        env["KG_STORE"] = str(store)
    env.setdefault("COLUMNS", "200")
    return subprocess.run(
        [*kg_executable(), *args], capture_output=True, text=True, env=env, cwd=cwd, timeout=timeout
    )


@pytest.fixture()
def store_dir(tmp_path: Path) -> Path:
    return tmp_path / "store"


@pytest.fixture(scope="session")
def sample_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store built once per session from the bundled sample reports (read-only use!)."""
    store = tmp_path_factory.mktemp("sample") / "store"
    result = run_kg("build", str(SAMPLE_DIR), store=store)
    assert result.returncode == 0, result.stderr
    return store


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not (SHARED / "gold" / "seeds.jsonl").is_file():
        pytest.skip("../shared (gold files) not available")
    return SHARED
