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
    dest.parent.mkdir(parents=True, exist_ok=True)   # a kind the one-unit sample has no file of yet
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


# -- project-level cases -------------------------------------------------------------------------
# tests/bad-input/du-an/<case>/ holds what one file of a kind cannot: a broken mkdocs.yml, a
# symlink, a folder named like a file, a page in a generated path… (see the corpus README).

PROJECT_CASES = sorted(p for p in (CORPUS / "du-an").glob("*") if p.is_dir()) if (CORPUS / "du-an").is_dir() else []


def _apply_case(case: Path, project: Path, outside: Path) -> None:
    files = case / "files"
    if files.is_dir():
        for src in sorted(files.rglob("*")):
            dest = project / src.relative_to(files)
            if src.is_dir():
                dest.mkdir(parents=True, exist_ok=True)
            else:
                dest.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(src, dest)
    links = case / "links"
    if links.is_file():
        for line in links.read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            link, _, target = (part.strip() for part in line.partition("->"))
            dest = project / link
            dest.parent.mkdir(parents=True, exist_ok=True)
            dest.symlink_to(target.replace("{OUTSIDE}", str(outside)))
    removed = case / "remove"
    if removed.is_file():
        for line in filter(None, (x.strip() for x in removed.read_text(encoding="utf-8").splitlines())):
            target = project / line
            shutil.rmtree(target) if target.is_dir() else target.unlink()


def _outside(tmp_path: Path) -> Path:
    """Files outside the project that a hostile symlink may point at."""
    outside = tmp_path / "outside"
    (outside / "thu-muc").mkdir(parents=True)
    (outside / "bi-mat.md").write_text("---\ntitle: Bí mật\n---\n\nBÍ-MẬT-NGOÀI-KHO\n", encoding="utf-8")
    (outside / "bi-mat.txt").write_text("BÍ-MẬT-NGOÀI-KHO\n", encoding="utf-8")
    (outside / "thu-muc" / "bi-mat.md").write_text("---\ntitle: Bí mật\n---\n\nBÍ-MẬT-NGOÀI-KHO\n",
                                                     encoding="utf-8")
    return outside


def test_project_cases_are_complete():
    for case in PROJECT_CASES:
        assert (case / "expected").is_file(), f"{case.name}: missing expected"
        assert (case / "expected").read_text(encoding="utf-8").strip(), f"{case.name}: empty expected"
        assert any((case / name).exists() for name in ("files", "links", "remove")), case.name


@pytest.mark.parametrize("case", PROJECT_CASES, ids=lambda p: f"du-an/{p.name}")
def test_bad_project_is_refused_by_check_and_build(tmp_path, case):
    """check prints the expected lines; check and build agree on the exit status; a failed build
    leaves the previous site/ byte-identical; nothing from outside the project is published."""
    from cli_helpers import tree_bytes

    project = make_project(tmp_path)
    site = project / "site"
    site.mkdir()
    (site / "cu.html").write_text("<p>trang cũ</p>", encoding="utf-8")
    _apply_case(case, project, _outside(tmp_path))
    status_file = case / "exit"
    expected_status = int(status_file.read_text().strip()) if status_file.is_file() else 1
    check = hoctap("check", cwd=project)
    assert "Traceback" not in check.stdout + check.stderr, check.stdout + check.stderr
    assert check.returncode == expected_status, check.stdout + check.stderr
    out_lines = check.stdout.splitlines()
    for line in filter(None, case.joinpath("expected").read_text(encoding="utf-8").splitlines()):
        assert any(out.startswith(line) for out in out_lines), f"expected:\n{line}\ngot:\n{check.stdout}"
    absent = case / "absent"
    for text in filter(None, absent.read_text(encoding="utf-8").splitlines() if absent.is_file() else []):
        assert not any(text in out for out in out_lines), f"not expected:\n{text}\ngot:\n{check.stdout}"
    before = tree_bytes(site)
    build = hoctap("build", cwd=project)
    assert "Traceback" not in build.stdout + build.stderr, build.stdout + build.stderr
    assert build.returncode == expected_status, build.stdout + build.stderr
    if expected_status:
        assert tree_bytes(site) == before
        assert not list(project.glob("site.tmp-*"))
    else:
        for path in site.rglob("*"):
            if path.is_file():
                assert "BÍ-MẬT-NGOÀI-KHO".encode() not in path.read_bytes(), path
