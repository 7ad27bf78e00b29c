"""Property test: whatever staff (or an attacker) write in a content file, loading the hub either
succeeds or raises ContentErrors, never another exception; ``hoctap check`` and ``hoctap build``
agree and never print a traceback.

Inputs start from each kind's scaffold (``hoctap.kinds``) with its required fields filled, then
fields are replaced by hostile values: control characters, odd Unicode (NFD, zero width, bidi
marks), huge and deep values, HTML, ``javascript:``, CR/LF, YAML syntax; the YAML is then either
dumped as is, or cut and spliced with raw hostile text, or re-encoded.

Profiles: the default run is short; ``HOCTAP_FUZZ=nightly`` runs many more examples (scheduled
job in .github/workflows/check.yml).
"""

from __future__ import annotations

import copy
import os
import re
import shutil
import unicodedata
from datetime import date
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cli_helpers import hoctap, tree_bytes
from conftest import BUILD_EPOCH, copy_project
from hoctap.core.problems import ContentErrors
from hoctap.site.hub import Paths, load_hub
from hoctap.kinds import get_kind

settings.register_profile("default", max_examples=60, deadline=None, derandomize=True,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.register_profile("nightly", max_examples=1500, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
PROFILE = os.environ.get("HOCTAP_FUZZ", "default")
settings.load_profile(PROFILE)
NIGHTLY = PROFILE == "nightly"

TODAY = date(2026, 4, 21)   # BUILD_EPOCH's day

# Required values the scaffolds leave empty, so that the unmutated file is valid and mutations
# explore more than "missing field".
FILL = {
    "su-kien": {"bat_dau": "2026-05-02 19:00", "the_loai": "doc-sach", "dia_diem": {"ten": "Thư viện xã"}},
    "tin-tuc": {"tac_gia": "Lò Văn Thanh", "chuyen_muc": ["thong-bao"], "tom_tat": "Tóm tắt.",
                "ngay": "2026-04-01 08:00"},
    "ke-hoach": {"co_quan_ban_hanh": "Ủy ban nhân dân xã Viêng Lán"},
    "cau-lac-bo": {"chu_de": "Văn nghệ", "dia_diem": "Nhà văn hóa bản Lán",
                   "nguoi_phu_trach": {"ho_ten": "Lò Thị Xuân", "dien_thoai": "0912 000 011"}},
    "lop-hoc": {"chu_de": "Dệt thổ cẩm", "doi_tuong": "Phụ nữ các bản", "dia_diem": "Nhà văn hóa",
                "nguoi_phu_trach": {"ho_ten": "Lò Thị Xuân", "dien_thoai": "0912 000 011"},
                "nhu_cau": "hoc-tap-suot-doi-den-2030#II.1"},
    "khao-sat": {"ngay_khao_sat": "2026-03-01", "cach_khao_sat": "Phiếu hỏi hộ gia đình",
                 "chu_de": [{"ma": "tin-hoc", "ten": "Tin học", "theo_ban": [{"ban": "ban-lan", "so_nguoi": 5}]}]},
    "tieu-chi-danh-gia": {"van_ban_goc": {"so_ky_hieu": "2553/BGDĐT-GDTX", "co_quan": "Bộ Giáo dục và Đào tạo"}},
}
KINDS = sorted(FILL)
PAGE = "trang-thu"   # a content page that is no kind's file (front matter checked by the hub)


def _split(kind_name: str, text: str) -> tuple[str, str]:
    """(YAML, Markdown body) of a scaffold."""
    if get_kind(kind_name).markdown:
        _, front, body = text.split("---\n", 2)
        return front, body
    return text, ""


def base_file(kind_name: str) -> tuple[dict, str]:
    """The kind's scaffold, its required fields filled: (data, body)."""
    kind = get_kind(kind_name)
    front, body = _split(kind_name, kind.scaffold("Thử nghiệm", f"thu-{kind_name}", TODAY))
    data = yaml.safe_load(front)
    data.update(copy.deepcopy(FILL[kind_name]))
    return data, body


def target(project: Path, kind_name: str) -> Path:
    if kind_name == PAGE:
        return project / "content" / "trang-thu.md"
    kind = get_kind(kind_name)
    folder = project / kind.folder / ("2026" if kind_name == "tin-tuc" else "")
    return folder / f"thu-{kind_name}{kind.suffix}"


# -- hostile values --------------------------------------------------------------------------------

HOSTILE = [
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "javascript:alert(1)", "JaVaScRiPt:x",
    "data:text/html;base64,PHNjcmlwdD4=", "//evil.example/x", "http://evil.example/", "\r\nBEGIN:VEVENT\r\n",
    "a\nb", "a\r\nb", "a\rb", "*a", "&a x", "!!python/object/apply:os.system ['id']", "!!binary aGk=", "<<: *a",
    "{{ 7*7 }}", "{% raw %}", "---", "...", "? a", "- - -", "[", "{", "'", '"', "#", "|", ">", "@x", "`x`",
    "\u202eevil", "\u2066x\u2069", "a\u200bb", "\ufeffx", "\u200f\u200e", "x\u0085y", "\u2028", "\u2029",
    unicodedata.normalize("NFD", "Hội thi hòa nhạc"), "hoà", "\x00", "\x1b[2J", "\x0c", "\x7f", "\x9b", "Ã¡",
    "0001-01-01", "9999-12-31", "2026-02-30", "1899-12-31 25:61", "2026-04-21T19:30:00+14:00", "0000-00-00",
    "19:30", "-1", "1e999", "nan", "inf", "9" * 50, "0x1F", "T8", "am_lich", "huy", "../../etc/passwd",
    "/etc/passwd", "C:\\Windows", "assets/../../../x.png", "index", "lich", "ban-lan#II.1", "#", "a#b#c",
    "hoc-tap-suot-doi-den-2030#II.1", "doc-sach", "ban-lan", "thong-bao", "", " ", "\t",
]

scalar = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=20),
    st.integers(min_value=-(10 ** 30), max_value=10 ** 30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.none(),
    st.builds(lambda c, n: c * n, st.sampled_from(["a", "ệ", "[", "\n"]), st.integers(0, 3000)),
)
value = st.recursive(scalar, lambda inner: st.one_of(
    st.lists(inner, max_size=4),
    st.dictionaries(st.one_of(st.sampled_from(["ten", "ma", "url", "bat_dau", "thu", "x"]), st.text(max_size=8)),
                    inner, max_size=4)), max_leaves=12)

RAW = st.one_of(st.sampled_from(HOSTILE + ["\t", "\x00", "\x1b", "\x85", "\u2028", "&a ", "*a ", "!!str ",
                                           ": ", "- ", "\n  ", "[" * 40, "{a: " * 30, "\ufffe"]),
                st.text(max_size=10))


@st.composite
def content_file(draw, kind_name: str) -> bytes:
    """The bytes of one hostile file of ``kind_name`` (or of a plain content page)."""
    if kind_name == PAGE:
        data, body = {"title": "Trang thử"}, "# Trang thử\n\n<!-- hoctap: lien-he -->\n"
    else:
        data, body = base_file(kind_name)
    for _ in range(draw(st.integers(0, 4))):
        keys = list(data) + ["truong_la", "title", "description"]
        key = draw(st.sampled_from(keys))
        old = data.get(key)
        if isinstance(old, dict) and old and draw(st.booleans()):
            old[draw(st.sampled_from(sorted(old)))] = draw(value)
        elif isinstance(old, list) and old and draw(st.booleans()):
            old[draw(st.integers(0, len(old) - 1))] = draw(value)
        else:
            data[key] = draw(value)
    text = yaml.safe_dump(data, allow_unicode=draw(st.booleans()), sort_keys=False, width=10 ** 6)
    for _ in range(draw(st.integers(0, 2))):          # splice raw hostile text somewhere
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(RAW) + text[at:]
    if draw(st.booleans()):
        body = draw(st.one_of(st.sampled_from(HOSTILE), st.text(max_size=200))) + "\n" + body
    markdown = kind_name == PAGE or get_kind(kind_name).markdown
    text = f"---\n{text}---\n{body}" if markdown else text
    encoding = draw(st.sampled_from(["utf-8", "utf-8", "utf-8", "utf-8-sig", "cp1258", "utf-16"]))
    raw = text.encode(encoding, errors="replace" if encoding == "cp1258" else "surrogatepass")
    if draw(st.booleans()):
        raw = raw.replace(b"\n", b"\r\n")
    return raw


KIND_OR_PAGE = KINDS + [PAGE]


# -- the project, loaded as the CLI does -----------------------------------------------------------

@pytest.fixture(scope="module")
def fuzz_project(tmp_path_factory):
    from hoctap.adapters.cli import load_project

    project = copy_project(tmp_path_factory.mktemp("fuzz") / "project")
    cfg = load_project(str(project / "mkdocs.yml")).mkdocs
    plugin = cfg.plugins["hoctap"]
    options = {k: v for k, v in plugin.config.items() if k not in ("events_dir", "enabled") and v}
    paths = Paths(root=project, docs_dir=Path(cfg.docs_dir), events_dir=project / plugin.config.events_dir)
    return project, paths, options, cfg


def _load(fuzz_project, options=None):
    project, paths, base_options, cfg = fuzz_project
    return load_hub(paths, base_options if options is None else options, site_url=cfg.site_url or "",
                    site_name=cfg.site_name, options_source=project / "mkdocs.yml", today=TODAY)


@pytest.mark.parametrize("kind_name", KINDS)
def test_each_filled_scaffold_is_valid(fuzz_project, kind_name):
    """The starting point of the mutations loads: the fuzzing explores past "missing field"."""
    project = fuzz_project[0]
    data, body = base_file(kind_name)
    path = target(project, kind_name)
    path.parent.mkdir(parents=True, exist_ok=True)
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    path.write_text(f"---\n{text}---\n{body}" if get_kind(kind_name).markdown else text, encoding="utf-8")
    try:
        hub = _load(fuzz_project)
    finally:
        path.unlink()
    assert hub.problems.errors == []


@given(st.data())
def test_loading_hostile_content_never_crashes(fuzz_project, data):
    project = fuzz_project[0]
    kind_name = data.draw(st.sampled_from(KIND_OR_PAGE), label="kind")
    raw = data.draw(content_file(kind_name), label="file")
    path = target(project, kind_name)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(raw)
    try:
        try:
            hub = _load(fuzz_project)
        except ContentErrors as exc:
            for problem in exc.problems:   # every message is one printable line
                line = problem.format()
                assert "\n" not in line and "\r" not in line and not re.search(r"[\x00-\x1f\x7f-\x9f]", line)
            return
        if NIGHTLY:
            hub.outputs()   # what was accepted also renders
    finally:
        path.unlink()


@given(st.data())
def test_hostile_configuration_never_crashes(fuzz_project, data):
    options = copy.deepcopy(fuzz_project[2])
    section = data.draw(st.sampled_from(["don_vi", "the_loai", "chuyen_muc", "chi_tieu", "lich"]))
    if isinstance(options.get(section), list) and options[section]:
        item = options[section][0]
        item[data.draw(st.sampled_from(sorted(item) + ["x"]))] = data.draw(value)
    elif isinstance(options.get(section), dict):
        options[section][data.draw(st.sampled_from(sorted(options[section]) + ["x"]))] = data.draw(value)
    else:
        options[section] = data.draw(value)
    try:
        _load(fuzz_project, options)
    except ContentErrors:
        pass


# -- check and build agree (a few examples: each builds the site) ----------------------------------

@settings(max_examples=25 if NIGHTLY else 3)
@given(st.data())
def test_check_and_build_agree_on_hostile_content(tmp_path_factory, data):
    kind_name = data.draw(st.sampled_from(KIND_OR_PAGE), label="kind")
    raw = data.draw(content_file(kind_name), label="file")
    project = copy_project(tmp_path_factory.mktemp("fuzz-cli") / "project")
    path = target(project, kind_name)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(raw)
    site = project / "site"
    site.mkdir()
    (site / "cu.html").write_text("cũ", encoding="utf-8")
    before = tree_bytes(site)
    check = hoctap("check", cwd=project, epoch=BUILD_EPOCH)
    build = hoctap("build", cwd=project, epoch=BUILD_EPOCH)
    for result in (check, build):
        assert "Traceback" not in result.stdout + result.stderr, result.stdout + result.stderr
    assert check.returncode in (0, 1)
    assert build.returncode == check.returncode, check.stdout + build.stdout + build.stderr[-3000:]
    if check.returncode:
        assert tree_bytes(site) == before
    shutil.rmtree(project.parent, ignore_errors=True)


def test_a_nightly_job_runs_the_long_profile():
    workflow = yaml.safe_load((Path(__file__).parent.parent / ".github/workflows/check.yml").read_text(encoding="utf-8"))
    on = workflow.get("on", workflow.get(True))
    assert on["schedule"][0]["cron"]
    nightly = [job for job in workflow["jobs"].values()
               if any(step.get("env", {}).get("HOCTAP_FUZZ") == "nightly" for step in job["steps"])]
    assert len(nightly) == 1 and "schedule" in nightly[0]["if"]
    assert any("tests/test_fuzz_content.py" in step.get("run", "") for step in nightly[0]["steps"])
    # The pull-request job does not run again every night.
    assert "schedule" in workflow["jobs"]["check"]["if"]
