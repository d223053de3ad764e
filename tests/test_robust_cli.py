"""Issue 5, the CLI's error boundary: one line without --debug, the traceback with it; a closed
pipe is not an error; a store path that is a file or a foreign folder is refused in one line."""

from __future__ import annotations

import subprocess
from pathlib import Path

from conftest import kg_executable, run_kg


def test_store_is_a_file_one_line(tmp_path: Path) -> None:
    f = tmp_path / "notes.txt"
    f.write_text("x")
    result = run_kg("query", "ASK {}", "--store", str(f))
    assert result.returncode == 1
    assert result.stderr.strip().startswith("kg: ") and len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


def test_foreign_folder_refused(tmp_path: Path) -> None:
    (tmp_path / "mine.txt").write_text("keep me")
    result = run_kg("build", "--store", str(tmp_path))
    assert result.returncode == 1
    assert result.stderr.strip() == f"kg: {tmp_path} exists and is not a kg store (no kg-store.json); choose another --store"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine.txt"]


def test_debug_shows_the_traceback(tmp_path: Path) -> None:
    f = tmp_path / "notes.txt"
    f.write_text("x")
    result = run_kg("--debug", "query", "ASK {}", "--store", str(f))
    assert result.returncode != 0
    assert "Traceback" in result.stderr


def test_closed_pipe_is_quiet(sample_store: Path) -> None:
    exe = " ".join(kg_executable())
    result = subprocess.run(
        f"{exe} export --format nquads --store {sample_store} | head -c 10 >/dev/null; echo ${{PIPESTATUS[0]}}",
        shell=True, executable="/bin/bash", capture_output=True, text=True, timeout=120,
    )
    assert "Traceback" not in result.stderr and "Broken pipe" not in result.stderr
    assert result.stdout.strip() in ("0", "141")
