"""Every broken file of tests/bad-input/ is refused by `hoctap check` with its exact message."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from cli_helpers import hoctap, make_project
from hoctap.kinds import get_kind

CORPUS = Path(__file__).parent / "bad-input"
CASES = sorted(p for p in CORPUS.glob("*/*") if p.is_file() and p.suffix != ".expected")


def test_corpus_is_large_enough_and_complete():
    assert len(CASES) >= 40
    kinds = {p.parent.name for p in CASES}
    for name in kinds:
        assert get_kind(name) is not None, f"tests/bad-input/{name}/ is not a registered content kind"
    for case in CASES:
        expected = case.with_name(case.name + ".expected")
        assert expected.is_file(), f"missing {expected.name}"
        assert expected.read_text(encoding="utf-8").strip(), f"empty {expected.name}"


@pytest.mark.parametrize("case", CASES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_bad_file_is_refused_with_its_message(tmp_path, case):
    kind = get_kind(case.parent.name)
    project = make_project(tmp_path)
    dest = project / kind.folder / case.name
    assert not dest.exists()
    shutil.copyfile(case, dest)
    result = hoctap("check", cwd=project)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    out_lines = result.stdout.splitlines()
    expected = case.with_name(case.name + ".expected").read_text(encoding="utf-8").splitlines()
    for line in filter(None, expected):
        assert any(out.startswith(line) for out in out_lines), f"expected:\n{line}\ngot:\n{result.stdout}"
    # Every problem line links to its explanation in the staff guide.
    for out in out_lines:
        assert re.search(r" \[xem: \S*huong-dan/loi\.html#[a-z0-9-]+\]$", out), out
