"""Issue 2: the installed (non-editable) package finds its ontology, queries and gazetteers."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import REPO, SAMPLE_DIR


@pytest.fixture(scope="module")
def unpacked_wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("hatchling")
    out = tmp_path_factory.mktemp("wheel")
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-w", str(out), str(REPO)],
        capture_output=True,
        text=True,
    )
    assert build.returncode == 0, build.stderr[-2000:]
    wheel = next(out.glob("*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "kg/_bundled/ontology/innovation.ttl" in names
    assert "kg/_bundled/ontology/shapes.ttl" in names
    assert "kg/queries/collaborations.rq" in names
    assert any(n.startswith("kg/_bundled/gazetteers/") for n in names)
    target = out / "site"
    zipfile.ZipFile(wheel).extractall(target)
    return target


def test_installed_package_builds_and_validates_outside_the_checkout(unpacked_wheel: Path, tmp_path: Path) -> None:
    env = dict(os.environ, PYTHONPATH=str(unpacked_wheel), KG_STORE=str(tmp_path / "store"))
    probe = subprocess.run(
        [sys.executable, "-c", "import kg, kg.resources as r; print(kg.__file__); print(r.ontology_dir()); print(r.gazetteer_dir())"],
        capture_output=True, text=True, env=env, cwd=tmp_path,
    )
    assert probe.returncode == 0, probe.stderr
    for line in probe.stdout.splitlines():
        assert line.startswith(str(unpacked_wheel)), probe.stdout
    for args in (["build", str(SAMPLE_DIR)], ["validate"], ["query", "--name", "reports", "--format", "csv"]):
        run = subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, text=True, env=env, cwd=tmp_path)
        assert run.returncode == 0, (args, run.stderr)
    assert "000_eadec6f87e5eb567.txt" in run.stdout
