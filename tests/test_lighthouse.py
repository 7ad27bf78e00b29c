"""Lighthouse (npm, mobile preset, run against Debian's chromium) on the five page types a resident
opens most: issue #14 asks accessibility ≥ 0.98 and performance ≥ 0.95.

The site is served the way deploy/nginx.conf serves it (gzip for text types, long cache for
assets/, "no-cache" for pages): Lighthouse's performance score measures the transfer, and a
plain test server without compression is not what residents get."""

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


@pytest.mark.parametrize("label", list(PAGES))
def test_lighthouse_mobile_scores(label, deploy_like_server, built_site, tmp_path):
    assert LIGHTHOUSE.exists(), "lighthouse missing: ./scripts/test installs tests/node (npm ci)"
    page = PAGES[label]
    assert (built_site / page).is_file(), page
    chromium = os.environ.get("HOCTAP_CHROMIUM") or shutil.which("chromium")
    assert chromium, "chromium is missing: ./scripts/test installs it"
    report = tmp_path / "report.json"
    env = dict(os.environ, CHROME_PATH=chromium)
    # Default config = mobile form factor with simulated slow 4G and 4× CPU slowdown.
    result = subprocess.run(
        [str(LIGHTHOUSE), deploy_like_server + page, "--quiet", "--output=json", f"--output-path={report}",
         "--only-categories=accessibility,performance",
         "--chrome-flags=--headless=new --no-sandbox --disable-gpu"],
        capture_output=True, text=True, timeout=300, env=env)
    assert result.returncode == 0, result.stderr[-2000:]
    data = json.loads(report.read_text(encoding="utf-8"))
    assert data["configSettings"]["formFactor"] == "mobile"
    scores = {name: category["score"] for name, category in data["categories"].items()}
    failing = [f"{audit['id']}: {audit.get('displayValue', '')}" for audit in data["audits"].values()
               if audit.get("score") is not None and audit["score"] < 1
               and audit.get("scoreDisplayMode") in ("binary", "numeric")]
    assert scores["accessibility"] >= 0.98, (page, scores, failing)
    assert scores["performance"] >= 0.95, (page, scores, failing)
