"""The one loader loop of the YAML kinds (``site.rules.load_items``), the events loader's skipped
folders (from the registry), refused ids not reported again by what cites them, and refused
symbolic links as one problem among the others (``core.sources.read_text`` never reads through one)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml

from cli_helpers import make_project
from hoctap.core.problems import ContentErrors, Problems
from hoctap.core.sources import load_yaml_file, read_text
from hoctap.kinds import BUILTIN_KINDS, get_kind
from hoctap.kinds.venues import VENUES
from hoctap.site.hub import Paths, load_hub

TODAY = date(2026, 4, 21)


def plugin_options(root: Path) -> dict:
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    entry = next(p for p in config["plugins"] if isinstance(p, dict) and "hoctap" in p)
    return {k: v for k, v in entry["hoctap"].items() if k != "events_dir"}


def problems_of(root: Path, kinds=BUILTIN_KINDS) -> list[str]:
    """Every problem ``load_hub`` reports, formatted as ``hoctap check`` prints them."""
    try:
        load_hub(Paths(root, root / "content", root / "events"), plugin_options(root), "https://example.org/",
                 "Thử", options_source=root / "mkdocs.yml", today=TODAY, kinds=kinds)
    except ContentErrors as exc:
        return [p.format() for p in exc.problems]
    return []


@pytest.fixture
def project(tmp_path) -> Path:
    return make_project(tmp_path)


# -- one loader loop ---------------------------------------------------------------------------

YML_CASES = [   # (content kind, file, its mistake, the message)
    ("khao-sat", "khao-sat-thu.yml", "ma: khao-sat-thu\nten: Thử\n",
     "events/khao-sat/khao-sat-thu.yml:1: ngay_khao_sat: Thiếu trường bắt buộc."),
    ("tieu-chi-danh-gia", "bo-thu.yml", "- 1\n- 2\n",
     "events/danh-gia/tieu-chi/bo-thu.yml:1: Tệp bộ tiêu chí phải gồm các dòng 'tên: giá trị'."),
    ("nha-van-hoa", "nvh-thu.yml", "- 1\n",
     "events/nha-van-hoa/nvh-thu.yml:1: Tệp nhà văn hóa phải gồm các dòng 'tên: giá trị'."),
]


@pytest.mark.parametrize("kind, name, text, message", YML_CASES, ids=[c[0] for c in YML_CASES])
def test_every_yaml_kind_reads_yml_files_too(project, kind, name, text, message):
    """One file list for every YAML kind (``ContentKind.files``): ``x.yml`` is an item like ``x.yaml``
    (surveys and assessment guides used to skip it in silence, while the stray-file rule let it be)."""
    folder = project / get_kind(kind).folder
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    assert any(line.startswith(message) for line in problems_of(project)), problems_of(project)


def test_the_seven_kinds_share_one_loader_loop():
    """No kind walks its own folder: the YAML kinds' loaders go through ``rules.load_items``."""
    import inspect

    from hoctap.kinds.assessments import model as assessments
    from hoctap.kinds.bodies import model as bodies
    from hoctap.kinds.clubs import model as clubs
    from hoctap.kinds.documents import model as documents
    from hoctap.kinds.honours import model as honours
    from hoctap.kinds.surveys import model as surveys
    from hoctap.kinds.venues import model as venues

    for loader in (venues.load_venues, documents.load_documents, bodies.load_bodies, honours.load_honours,
                   surveys.load_surveys, assessments.load_assessments, clubs.load_clubs):
        source = inspect.getsource(loader)
        assert "rules.load_items(" in source, loader.__qualname__
        assert "rglob" not in source and "load_yaml_file" not in source, loader.__qualname__


# -- the events loader skips the folders other kinds own --------------------------------------

def test_events_read_a_folder_no_registered_kind_owns(project):
    """The events loader skips the sub-folders of the registered kinds, nothing else: without the
    venues kind, ``events/nha-van-hoa/`` is a folder of events like any other, not a silent one."""
    venue = next((project / "events/nha-van-hoa").glob("*.yaml"))
    venue.write_text(venue.read_text(encoding="utf-8") + "khong_co: 1\n", encoding="utf-8")
    with_venues = [p for p in problems_of(project) if p.startswith("events/nha-van-hoa/")]
    assert with_venues and all("khong_co: Trường không được hỗ trợ." in p for p in with_venues), with_venues
    # Without the kind (and what requires it), the folder's files are read as event files.
    kinds = tuple(k for k in BUILTIN_KINDS if k is not VENUES)
    for path in (project / "events").rglob("*.yaml"):   # nothing may cite a venue then
        text = path.read_text(encoding="utf-8")
        if "nha_van_hoa:" in text and "nha-van-hoa" not in path.parts:
            path.write_text("\n".join(line for line in text.splitlines() if "nha_van_hoa:" not in line) + "\n",
                            encoding="utf-8")
    without = [p for p in problems_of(project, kinds) if p.startswith("events/nha-van-hoa/")]
    assert without, "events/nha-van-hoa/ was skipped although no registered kind owns it"


# -- refused symbolic links: one problem among the others ------------------------------------------

def test_a_refused_link_is_one_problem_and_the_other_files_are_still_checked(project, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "bi-mat.yaml").write_text("ma: BÍ-MẬT-NGOÀI-KHO\n", encoding="utf-8")
    (project / "events/cau-lac-bo/bi-mat.yaml").symlink_to(outside / "bi-mat.yaml")
    (project / "events/tai-lieu").symlink_to(outside, target_is_directory=True)
    event = project / "events/ngay-ky-niem.yaml"
    event.write_text(event.read_text(encoding="utf-8").replace("the_loai: ngay-ky-niem\n", "the_loai: sai\n", 1),
                     encoding="utf-8")
    problems = problems_of(project)
    links = [p for p in problems if "lien-ket-tep" in p]
    assert len(links) == 2, problems
    assert any(p.startswith("events/cau-lac-bo/bi-mat.yaml: lien-ket-tep: ") for p in links)
    assert any(p.startswith("events/tai-lieu: lien-ket-tep: ") for p in links)
    assert any(p.startswith("events/ngay-ky-niem.yaml:") and "the_loai: Thể loại 'sai'" in p for p in problems)
    assert not any("BÍ-MẬT" in p for p in problems), problems


def test_nothing_is_read_through_a_refused_link(tmp_path):
    root = tmp_path / "project"
    (root / "events").mkdir(parents=True)
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "a.yaml").write_text("ma: ngoai\n", encoding="utf-8")
    (root / "events/ngoai").symlink_to(outside, target_is_directory=True)
    (root / "events/vong").symlink_to("..", target_is_directory=True)
    (root / "events/that.yaml").write_text("ma: that\n", encoding="utf-8")
    problems = Problems(root)
    assert read_text(root / "events/ngoai/a.yaml", problems) is None
    assert load_yaml_file(root / "events/ngoai/a.yaml", problems) is None
    assert read_text(root / "events/vong/events/that.yaml", problems) is None
    assert load_yaml_file(root / "events/that.yaml", problems).data == {"ma": "that"}
    # One message per link, however many times a file behind it was asked for.
    assert [(p.file, p.field) for p in problems.items] == [("events/ngoai", "lien-ket-tep"),
                                                           ("events/vong", "lien-ket-tep")], problems.items
    assert "vòng lặp" in problems.items[1].message
