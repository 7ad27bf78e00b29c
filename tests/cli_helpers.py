"""Run the ``hoctap`` command the way a person types it, in a project folder."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import BUILD_EPOCH

HOCTAP = Path(sys.executable).with_name("hoctap")


def hoctap(*args: str, cwd: Path, epoch: str = BUILD_EPOCH) -> subprocess.CompletedProcess:
    assert HOCTAP.exists(), f"console script missing: {HOCTAP} (pip install -e .)"
    env = dict(os.environ, SOURCE_DATE_EPOCH=epoch, NO_MKDOCS_2_WARNING="1", PYTHONIOENCODING="utf-8")
    return subprocess.run([str(HOCTAP), *args], cwd=cwd, env=env, capture_output=True, text=True,
                          encoding="utf-8")


def tree_bytes(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` with its bytes, to compare a folder before and after."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def make_project(tmp_path: Path) -> Path:
    """A copy of the sample project (``conftest.copy_project`` into a folder made first)."""
    from conftest import copy_project

    dest = tmp_path / "project"
    dest.mkdir(parents=True, exist_ok=True)
    return copy_project(dest)
