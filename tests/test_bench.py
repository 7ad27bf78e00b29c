"""scripts/bench: the corpus is deterministic and valid, the table marks the targets correctly.

Fast tests only; nothing here measures or asserts on time.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import yaml
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from hoctap_bench import report  # noqa: E402
from hoctap_bench.corpus import Generator, write_corpus  # noqa: E402
from hoctap_bench.measure import differing_files, floor, tree_stats  # noqa: E402

HOCTAP = Path(sys.executable).parent / "hoctap"


def digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_same_seed_gives_byte_identical_corpus(tmp_path):
    write_corpus(tmp_path / "a", "XS", 7)
    write_corpus(tmp_path / "b", "XS", 7)
    write_corpus(tmp_path / "c", "XS", 8)
    a, b, c = (digest(tmp_path / x) for x in "abc")
    assert a == b
    assert len(a) > 40
    generated = [name for name in a if name.startswith(("events/", "content/tin-tuc/20"))]
    assert any(a[name] != c.get(name) for name in generated), "another seed must give another corpus"


def test_bench_script_writes_the_same_corpus(tmp_path):
    subprocess.run([sys.executable, str(ROOT / "scripts" / "bench"), "corpus", "--size", "XS", "--seed", "7",
                    str(tmp_path / "cli")], check=True, capture_output=True)
    write_corpus(tmp_path / "api", "XS", 7)
    assert digest(tmp_path / "cli") == digest(tmp_path / "api")


def test_corpus_has_the_promised_kinds_and_passes_hoctap_check(tmp_path):
    project = tmp_path / "p"
    counts = write_corpus(project, "XS", 11)
    assert counts == {"articles": 20, "events": 10, "clubs": 3, "classes": 1}
    articles = sorted((project / "content" / "tin-tuc").glob("*/*.md"))
    assert len(articles) == 20
    text = articles[0].read_text(encoding="utf-8")
    front = yaml.safe_load(text.split("---\n")[1])
    assert {"tieu_de", "ngay", "tac_gia", "chuyen_muc", "tom_tat"} <= set(front)
    assert any(ch in text for ch in "ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ")
    events = [e for f in sorted((project / "events").glob("*.yaml"))
              for e in yaml.safe_load(f.read_text(encoding="utf-8"))["su_kien"]]
    assert len(events) == 10
    assert len(list((project / "events" / "cau-lac-bo").glob("*.yaml"))) == 3
    assert len(list((project / "events" / "lop-hoc").glob("*.yaml"))) == 1
    for page in ("index.md", "tin-tuc/index.md", "lich/index.md", "cau-lac-bo/index.md", "huong-dan/loi.md"):
        assert (project / "content" / page).is_file()
    result = subprocess.run([str(HOCTAP), "check"], cwd=project, capture_output=True, text=True,
                            env=dict(os.environ, SOURCE_DATE_EPOCH="1776704400"))
    assert result.returncode == 0, result.stdout + result.stderr


def test_event_files_mix_recurrences_and_cite_plan_sections():
    # Built corpora are checked above at XS; here the mix of 200 events, read back with PyYAML.
    gen = Generator("S", 3)
    files = gen.event_files(200)
    events = [e for text in files.values() for e in yaml.safe_load(text)["su_kien"]]
    kinds = {(e.get("lap_lai") or {}).get("kieu", "mot_lan") for e in events}
    assert kinds == {"mot_lan", "hang_tuan", "hang_thang", "am_lich"}
    assert all(c.split("#")[0] in {"hoc-tap-suot-doi-den-2030", "nang-cao-chat-luong-tt-vh-htcd-2021-2025",
                                   "qd-1520-qd-ttg-2022"} for c in gen.citations)
    assert "hoc-tap-suot-doi-den-2030#II.1" in gen.citations


def test_floor_renders_every_article_with_its_title(tmp_path):
    project = tmp_path / "p"
    write_corpus(project, "XS", 5)
    count = floor(project, tmp_path / "out")
    pages = sorted((tmp_path / "out").rglob("*.html"))
    assert count == len(pages) == 20
    soup = BeautifulSoup(pages[0].read_text(encoding="utf-8"), "html.parser")
    source = next((project / "content" / "tin-tuc").glob(f"*/{pages[0].stem}.md")).read_text(encoding="utf-8")
    assert soup.h1.get_text() == yaml.safe_load(source.split("---\n")[1])["tieu_de"]
    assert soup.main.find("p") is not None


def test_tree_stats_and_differing_files(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    for root in (a, b):
        (root / "x").mkdir(parents=True)
        (root / "x" / "page.html").write_text("<p>1</p>")
        (root / "feed.xml").write_text("<rss/>" * 10)
        (root / "sitemap.xml").write_text("<urlset/>" * 100)    # a sitemap is no feed
    (b / "x" / "page.html").write_text("<p>2</p>")
    (b / "only.ics").write_text("BEGIN:VCALENDAR")
    stats = tree_stats(a)
    assert stats["files"] == 3 and stats["html_pages"] == 1
    assert stats["largest_html"] == ["x/page.html", 8]
    assert stats["largest_feed"] == ["feed.xml", 60]
    assert stats["largest"][0] == ["sitemap.xml", 900]
    assert differing_files(a, a) == []
    assert differing_files(a, b) == ["only.ics", "x/page.html"]


def results(**over) -> dict:
    size = {
        "size": "S", "corpus": {"articles": 1000, "events": 500, "clubs": 60, "classes": 40},
        "build_s": 60.0, "build_warm_s": 30.0, "build_runs_s": [60.0, 30.0], "peak_mb": 900.0,
        "check_s": 4.0, "check_cold_s": 9.0,
        "output": {"files": 4000, "html_pages": 3000, "bytes": 10 * report.MB,
                   "largest": [["a.json", 2 * report.MB]], "largest_html": ["lich/x.html", 299_000],
                   "largest_feed": ["lich/lich.ics", 1_200_000]},
        "floor": {"s": 10.0, "pages": 1000},
        "material_blog": {"s": 330.0, "posts": 1000, "html_pages": 1100},
        "serve": {"first_serve_s": 60.0, "edit_s": 2.5},
        "reproducible": {"identical": False, "first_differing": ["index.html"]},
    }
    size.update(over)
    return {"machine": {"cpu": "Test CPU", "cores": 2, "python": "3.11", "system": "Linux", "date": "2026-12-01"},
            "repeat": 1, "sizes": [size]}


def target_cells(markdown: str) -> dict[str, str]:
    cells = {}
    for line in markdown.splitlines():
        parts = [p.strip() for p in line.strip("|").split("|")]
        if len(parts) == 2:
            cells[parts[0]] = parts[1]
    return cells


def test_table_marks_targets():
    cells = target_cells(report.table(results()))
    # 60 s / 3000 pages against 10 s / 1000 pages: 2.0 ≤ 3
    assert cells["hoctap per output page ≤ 3× the floor per output page"] == "met (2.00)"
    assert cells["≥ 5× faster than Material blog (Material blog / hoctap ≥ 5)"] == "met (5.50)"
    assert cells["peak memory ≤ 1 GB"].startswith("met")
    assert cells["hoctap check ≤ 5 s (one article edited since the last run)"] == "met (4.00)"
    assert cells["serve: one edit visible ≤ 2 s"] == "NOT MET (2.50)"
    assert cells["no HTML page over 300 KB"] == "met (299.00)"
    assert cells["no feed over 1 MB"] == "NOT MET (1200.00)"
    assert cells["hoctap / floor"] == "6.00"
    assert cells["Material blog / hoctap"] == "5.50"
    assert cells["reproducible (first and second build byte-identical)"] == "no: `index.html`"
    assert cells["hoctap build (the first, with an empty cache)"] == "60.00 s"
    assert cells["hoctap build again (cache filled; median of n)"] == "30.00 s (n=1)"
    assert cells["hoctap check: empty cache / one article edited since the last run"] == "9.00 s / 4.00 s"
    assert "Test CPU, 2 cores, Python 3.11" in report.table(results())


def test_table_marks_the_other_side_of_each_target():
    cells = target_cells(report.table(results(
        build_s=120.0, peak_mb=1500.0, check_s=5.5, serve={"first_serve_s": 1.0, "edit_s": 1.0},
        output={"files": 10, "html_pages": 3000, "bytes": 1, "largest": [],
                "largest_html": ["big.html", 301_000], "largest_feed": ["f.xml", 1_000_000]},
        reproducible={"identical": True, "first_differing": []})))
    assert cells["hoctap per output page ≤ 3× the floor per output page"] == "NOT MET (4.00)"
    assert cells["≥ 5× faster than Material blog (Material blog / hoctap ≥ 5)"] == "NOT MET (2.75)"
    assert cells["peak memory ≤ 1 GB"].startswith("NOT MET")
    assert cells["hoctap check ≤ 5 s (one article edited since the last run)"] == "NOT MET (5.50)"
    assert cells["serve: one edit visible ≤ 2 s"] == "met (1.00)"
    assert cells["no HTML page over 300 KB"] == "NOT MET (301.00)"
    assert cells["no feed over 1 MB"] == "met (1000.00)"
    assert cells["reproducible (first and second build byte-identical)"] == "yes"


def test_table_says_not_measured_when_a_figure_is_missing():
    data = results()
    del data["sizes"][0]["serve"]
    cells = target_cells(report.table(data))
    assert cells["serve: one edit visible ≤ 2 s"] == "not measured"


def test_timed_peak_memory_covers_grandchildren(tmp_path):
    # hoctap build runs mkdocs as a child: the peak must include processes the child waited for.
    from hoctap_bench.measure import timed
    grandchild = "b = bytearray(200 * 1024 * 1024); b[::4096] = b'x' * len(b[::4096])"
    child = f"import subprocess, sys; subprocess.run([sys.executable, '-c', {grandchild!r}], check=True)"
    _, peak_kib = timed([sys.executable, "-c", child], tmp_path, tmp_path / "log")
    assert peak_kib > 200 * 1024
