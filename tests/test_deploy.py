"""Deployment files: GitHub workflows and .gitlab-ci.yml are valid and do what the README says;
every content page has an "edit this page" link into the host's web editor."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import ROOT

CHECK_JSONSCHEMA = Path(sys.executable).with_name("check-jsonschema")
WORKFLOWS = sorted((ROOT / ".github/workflows").glob("*.yml"))
REPO_URL = "https://github.com/example/hoctap-vienglan"


def check_jsonschema(*args: str) -> subprocess.CompletedProcess:
    """Run check-jsonschema with the network made unreachable: the builtin schemas are vendored."""
    assert CHECK_JSONSCHEMA.exists(), "pip install -e '.[test]' (check-jsonschema)"
    dead = "http://127.0.0.1:9"
    env = dict(os.environ, HTTP_PROXY=dead, HTTPS_PROXY=dead, http_proxy=dead, https_proxy=dead, NO_PROXY="")
    return subprocess.run([str(CHECK_JSONSCHEMA), *args], capture_output=True, text=True, env=env)


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def triggers(workflow: dict) -> dict:
    on = workflow.get("on", workflow.get(True))   # YAML 1.1 reads the key `on` as True
    return {name: {} for name in on} if isinstance(on, list) else on


# -- schema-level lint ------------------------------------------------------------------------------

def test_workflows_exist():
    assert [p.name for p in WORKFLOWS] == ["check.yml", "pages.yml"]


def test_github_workflows_match_vendored_schema():
    result = check_jsonschema("--builtin-schema", "vendor.github-workflows", *map(str, WORKFLOWS))
    assert result.returncode == 0, result.stdout + result.stderr


def test_schema_lint_catches_a_broken_workflow(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text("name: x\non: push\njobs:\n  build:\n    steps:\n      - run: echo\n    runs_on: ubuntu-latest\n",
                      encoding="utf-8")
    result = check_jsonschema("--builtin-schema", "vendor.github-workflows", str(broken))
    assert result.returncode == 1, result.stdout + result.stderr


def test_gitlab_ci_matches_vendored_schema():
    result = check_jsonschema("--builtin-schema", "vendor.gitlab-ci", "--data-transform", "gitlab-ci",
                              str(ROOT / ".gitlab-ci.yml"))
    assert result.returncode == 0, result.stdout + result.stderr


def test_schema_lint_catches_a_broken_gitlab_ci(tmp_path):
    broken = tmp_path / ".gitlab-ci.yml"
    broken.write_text("pages:\n  script: hoctap build\n  artifacts:\n    path: [public]\n", encoding="utf-8")
    result = check_jsonschema("--builtin-schema", "vendor.gitlab-ci", "--data-transform", "gitlab-ci", str(broken))
    assert result.returncode == 1, result.stdout + result.stderr


# -- what the pipelines do ----------------------------------------------------------------------------

def _run_lines(workflow: dict) -> str:
    return "\n".join(step.get("run", "") for job in workflow["jobs"].values() for step in job.get("steps", []))


def test_pull_requests_are_checked():
    workflow = load(ROOT / ".github/workflows/check.yml")
    assert "pull_request" in triggers(workflow)
    runs = _run_lines(workflow)
    assert "hoctap check" in runs and "hoctap build" in runs and "pytest" in runs


def test_main_is_built_and_deployed_every_push_and_every_night():
    workflow = load(ROOT / ".github/workflows/pages.yml")
    on = triggers(workflow)
    assert on["push"]["branches"] == ["main"]
    crons = [entry["cron"] for entry in on["schedule"]]
    assert len(crons) == 1
    minute, hour, *rest = crons[0].split()
    assert rest == ["*", "*", "*"], "daily"
    assert int(hour) == 17, "just after midnight in Asia/Ho_Chi_Minh (UTC+7)"
    assert workflow["permissions"]["pages"] == "write" and workflow["permissions"]["id-token"] == "write"
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    assert "hoctap build" in _run_lines({"jobs": {"build": build}})
    assert any(s.get("uses", "").startswith("actions/upload-pages-artifact@") for s in build["steps"])
    assert deploy["needs"] == "build"
    assert any(s.get("uses", "").startswith("actions/deploy-pages@") for s in deploy["steps"])


def test_gitlab_ci_checks_merge_requests_and_publishes_pages():
    ci = load(ROOT / ".gitlab-ci.yml")
    assert ci["stages"] == ["check", "deploy"]
    check = ci["check"]
    assert check["stage"] == "check"
    assert any("merge_request_event" in rule["if"] for rule in check["rules"])
    assert "hoctap check" in check["script"]
    pages = ci["pages"]
    assert pages["stage"] == "deploy"
    assert pages["artifacts"]["paths"] == ["public"]
    assert any("--site-dir public" in line for line in pages["script"])
    conditions = " ".join(rule["if"] for rule in pages["rules"])
    assert "$CI_DEFAULT_BRANCH" in conditions and '"schedule"' in conditions


# -- edit link ------------------------------------------------------------------------------------------

def test_mkdocs_yml_names_the_repository():
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert f"edit_uri: {REPO_URL}/edit/main/content/\n" in text
    # No repo_url: Material's repository widget would call the host's API from every page.
    assert "\nrepo_url:" not in text
    assert "- content.action.edit\n" in text


CONTENT_PAGES = sorted(p.relative_to(ROOT / "content").as_posix() for p in (ROOT / "content").rglob("*.md"))
UNIT_FOLDERS = ("vieng-lan/", "huyen-dong-thap/")   # published without the unit folder


def _published(src: str) -> str:
    return next((src[len(u):] for u in UNIT_FOLDERS if src.startswith(u)), src)


@pytest.mark.parametrize("src", CONTENT_PAGES)
def test_every_content_page_has_edit_link(built_site, src):
    out = built_site / (_published(src)[:-3] + ".html")
    if not out.exists():
        text = (ROOT / "content" / src).read_text(encoding="utf-8")
        assert _published(src).startswith("tin-tuc/") and re.search(r"^nhap: true$|^ngay: \"?20", text, re.M), \
            f"{src} was not built"
        return  # a draft or a future article: rightly not published, so nothing to edit
    html = out.read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    links = [a["href"] for a in soup.select('a[rel="edit"][href]')]
    assert f"{REPO_URL}/edit/main/content/{src}" in links
    assert (ROOT / "content" / src).is_file()


def test_checkouts_fetch_the_full_history():
    """Calendar SEQUENCE and DTSTAMP count each event's changes in git history (issue #12):
    a shallow checkout would lower them, so every checkout takes the whole history."""
    for path in WORKFLOWS:
        for job in load(path)["jobs"].values():
            for step in job.get("steps", []):
                if str(step.get("uses", "")).startswith("actions/checkout"):
                    assert step.get("with", {}).get("fetch-depth") == 0, (path.name, step)
    gitlab = load(ROOT / ".gitlab-ci.yml")
    assert gitlab["variables"]["GIT_DEPTH"] == 0
