#!/usr/bin/env python3
"""Build-time benchmark: generated event pages against hand-written pages, in the same run.

    .venv/bin/python scripts/benchmark.py [--events 400] [--repeat 3]

Prints, for N and 2N:
  baseline   the sample site plus N plain Markdown pages (what MkDocs + Material cost per page)
  hoctap     the sample site plus N events (each an event page and an .ics feed, plus the month,
             category and site feeds that include it)
and two ratios: hoctap/baseline (cost of a generated page relative to a hand-written one) and
hoctap(2N)/hoctap(N) (near 2 means linear: generated pages stay out of the nav).
Figures are medians of --repeat builds; no test asserts on time.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EPOCH = "1776704400"  # 2026-04-21, as in the tests


def copy_project(dest: Path) -> Path:
    dest.mkdir(parents=True)
    shutil.copy2(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    for name in ("content", "events"):
        shutil.copytree(ROOT / name, dest / name)
    return dest


def add_pages(project: Path, n: int) -> None:
    folder = project / "content" / "bench"
    folder.mkdir()
    for i in range(n):
        (folder / f"trang-{i:05d}.md").write_text(
            f"# Hoạt động số {i}\n\nThời gian: Thứ Ba, 21/04/2026.\n\nĐịa điểm: Nhà văn hóa bản.\n\n"
            "Mô tả **ngắn** về hoạt động học tập suốt đời.\n", encoding="utf-8")


def add_events(project: Path, n: int) -> None:
    lines = ["su_kien:"]
    for i in range(n):
        day = 1 + i % 28
        month = 1 + (i // 28) % 12
        lines += [
            f"  - ma: bench-{i:05d}",
            f"    tieu_de: Hoạt động số {i}",
            f'    bat_dau: "2026-{month:02d}-{day:02d} 19:30"',
            f'    ket_thuc: "2026-{month:02d}-{day:02d} 21:00"',
            "    the_loai: tuyen-truyen",
            "    dia_diem: { ten: Nhà văn hóa bản }",
            "    mo_ta: Mô tả **ngắn** về hoạt động học tập suốt đời.",
        ]
    (project / "events" / "bench.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def build_seconds(project: Path, repeat: int) -> float:
    env = dict(os.environ, SOURCE_DATE_EPOCH=EPOCH, NO_MKDOCS_2_WARNING="1")
    times = []
    for _ in range(repeat):
        site = project / "site"
        shutil.rmtree(site, ignore_errors=True)
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(project / "mkdocs.yml"),
                        "-d", str(site)], check=True, env=env)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=400)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for n in (args.events, 2 * args.events):
            base = copy_project(Path(tmp) / f"base-{n}")
            add_pages(base, n)
            cand = copy_project(Path(tmp) / f"hoctap-{n}")
            add_events(cand, n)
            results[n] = (build_seconds(base, args.repeat), build_seconds(cand, args.repeat))
    print(f"{'N':>6} {'baseline s':>11} {'hoctap s':>9} {'hoctap/baseline':>16}")
    for n, (base, cand) in results.items():
        print(f"{n:>6} {base:>11.2f} {cand:>9.2f} {cand / base:>16.2f}")
    n1, n2 = args.events, 2 * args.events
    print(f"scaling hoctap({n2})/hoctap({n1}) = {results[n2][1] / results[n1][1]:.2f} "
          f"(baseline {results[n2][0] / results[n1][0]:.2f}; 2.00 is linear)")


if __name__ == "__main__":
    main()
