"""mkdocs.yml from a hostile commit: nothing in it runs, reads outside the project, or leaks."""

from __future__ import annotations

from pathlib import Path

import pytest

from cli_helpers import hoctap, make_project
from hoctap.core.problems import Problems
from hoctap.adapters.project_config import ConfigProblems, load_mkdocs_config, scan


def _with(project: Path, old: str, new: str) -> None:
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert old in text
    config.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize("command", ["check", "build"])
def test_python_tags_never_run(tmp_path, command):
    project = make_project(tmp_path)
    witness = tmp_path / "da-chay.txt"
    _with(project, "strict: true", "strict: true\nextra:\n"
          f"  chay: !!python/object/apply:os.system [\"touch {witness}\"]\n"
          f"  mo: !!python/object/apply:builtins.open [\"{witness}\", \"w\"]\n")
    result = hoctap(command, cwd=project)
    assert result.returncode == 1, result.stdout + result.stderr
    assert not witness.exists()
    assert "Traceback" not in result.stdout + result.stderr
    assert "mkdocs.yml:12: extra.chay: Không được dùng thẻ '!!python/object/apply:os.system'" in result.stdout
    assert not (project / "site").exists()


def test_python_name_of_material_is_allowed(tmp_path):
    project = make_project(tmp_path)
    _with(project, "  - sane_lists\n", "  - sane_lists\n  - pymdownx.emoji:\n"
          "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
          "      emoji_generator: !!python/name:material.extensions.emoji.to_svg\n")
    cfg = load_mkdocs_config(project / "mkdocs.yml")
    assert cfg.mdx_configs["pymdownx.emoji"]["emoji_index"].__name__ == "twemoji"


@pytest.mark.parametrize("yaml_text,field", [
    ("x: !!python/name:os.system\n", "x"),
    ("x: !!python/module:os\n", "x"),
    ("? !!python/tuple [a, b]\n: 1\n", "?"),
    ("x: [1, !!python/object/new:os.system [ls]]\n", "x"),
    ("x: !ENV [HOME]\n", "x"),
    ("x: !foo 1\n", "x"),
])
def test_scan_refuses_tags_anywhere(tmp_path, yaml_text, field):
    path = tmp_path / "mkdocs.yml"
    path.write_text(yaml_text, encoding="utf-8")
    problems = Problems(tmp_path)
    scan(path, tmp_path, problems)
    assert problems.errors, yaml_text
    assert all(p.file == "mkdocs.yml" and p.line for p in problems.errors)


def test_symlinked_site_dir_outside_is_refused(tmp_path):
    project = make_project(tmp_path)
    outside = tmp_path / "ngoai"
    outside.mkdir()
    (project / "site").symlink_to(outside)
    with pytest.raises(ConfigProblems) as caught:
        load_mkdocs_config(project / "mkdocs.yml")
    assert [p.field for p in caught.value.problems] == ["site_dir"]
