"""The measurements: hoctap build and check, the floor, Material's blog, a serve edit, reproducibility.

Every measured command runs as a child process; its wall time is ``time.perf_counter`` around it and
its peak memory is ``ru_maxrss`` from ``os.wait4``: the largest resident set of the child and of
every descendant it waited for (hoctap build runs ``python -m mkdocs build`` as a child, so the
figure covers the check and the MkDocs build).
"""

from __future__ import annotations

import datetime as dt
import filecmp
import os
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import yaml

from .corpus import EPOCH, ROOT, SIZES, read_articles, write_corpus

BIN = Path(sys.executable).parent
FEED_SUFFIXES = (".xml", ".ics")
# MkDocs's sitemap is read by crawlers, not subscribed to (the protocol allows 50 MB and 50,000
# addresses): it is not a feed, and shows among the largest files instead (as in tests/test_scale.py).
NOT_FEEDS = ("sitemap.xml",)


def env(**extra: str) -> dict:
    return dict(os.environ, SOURCE_DATE_EPOCH=EPOCH, NO_MKDOCS_2_WARNING="1", **extra)


def timed(cmd: list[str], cwd: Path, log: Path, **extra_env: str) -> tuple[float, int]:
    """Run ``cmd``; (wall seconds, peak RSS in KiB of its process tree). Fails loudly on non-zero exit."""
    with open(log, "w", encoding="utf-8") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=env(**extra_env), stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}) in {cwd}; see {log}")
    return seconds, usage.ru_maxrss


def tree_stats(site: Path) -> dict:
    files = [(p.stat().st_size, p.relative_to(site).as_posix()) for p in site.rglob("*") if p.is_file()]
    files.sort(key=lambda item: (-item[0], item[1]))
    html = [f for f in files if f[1].endswith(".html")]
    feeds = [f for f in files if f[1].endswith(FEED_SUFFIXES) and f[1] not in NOT_FEEDS]
    return {
        "files": len(files),
        "html_pages": len(html),
        "bytes": sum(size for size, _ in files),
        "largest": [[name, size] for size, name in files[:5]],
        "largest_html": [html[0][1], html[0][0]] if html else None,
        "largest_feed": [feeds[0][1], feeds[0][0]] if feeds else None,
    }


def differing_files(a: Path, b: Path, limit: int = 5) -> list[str]:
    """Paths that differ between two trees (content, or present on one side only), sorted."""
    names_a = {p.relative_to(a).as_posix() for p in a.rglob("*") if p.is_file()}
    names_b = {p.relative_to(b).as_posix() for p in b.rglob("*") if p.is_file()}
    out = sorted(names_a ^ names_b)
    for name in sorted(names_a & names_b):
        if len(out) >= limit:
            break
        if not filecmp.cmp(a / name, b / name, shallow=False):
            out.append(name)
    return sorted(out)[:limit]


# -- the floor ---------------------------------------------------------------------------------
FLOOR_TEMPLATE = """<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>{{ title }}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body><header><a href="../../index.html">Tin tức</a></header>
<main><h1>{{ title }}</h1><p>{{ date }} · {{ author }}</p>{{ toc }}{{ body }}</main></body></html>
"""


def floor(project: Path, out: Path) -> int:
    """Python-Markdown + Jinja2: every article of ``project`` into ``out``, in this one process."""
    import jinja2
    import markdown

    config = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    extensions, configs = [], {}
    for item in config.get("markdown_extensions", []):
        if isinstance(item, dict):
            (name, options), = item.items()
            extensions.append(name)
            configs[name] = options or {}
        else:
            extensions.append(item)
    md = markdown.Markdown(extensions=extensions, extension_configs=configs)
    template = jinja2.Environment(autoescape=True).from_string(FLOOR_TEMPLATE)
    count = 0
    for rel, meta, body in read_articles(project):
        html = md.reset().convert(body)
        page = template.render(title=meta["tieu_de"], date=meta["ngay"], author=meta["tac_gia"],
                               toc=jinja2.utils.markupsafe.Markup(md.toc), body=jinja2.utils.markupsafe.Markup(html))
        target = out / (rel[:-3] + ".html")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page, encoding="utf-8")
        count += 1
    return count


# -- Material's blog ---------------------------------------------------------------------------
def material_project(project: Path, dest: Path) -> int:
    """A plain MkDocs project with ``plugins: [blog]``: the same articles as blog posts."""
    config = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    hoctap = next(p["hoctap"] for p in config["plugins"] if isinstance(p, dict) and "hoctap" in p)
    names = {c["ma"]: c["ten"] for c in hoctap["chuyen_muc"]}
    blog_config = {
        "site_name": config["site_name"], "site_url": config["site_url"], "docs_dir": "docs",
        "use_directory_urls": False,
        "theme": {"name": "material", "language": "vi", "font": False},
        "markdown_extensions": config["markdown_extensions"],
        "plugins": [{"blog": {"authors": False}}],
    }
    docs = dest / "docs"
    (docs / "blog" / "posts").mkdir(parents=True)
    (dest / "mkdocs.yml").write_text(yaml.safe_dump(blog_config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    (docs / "index.md").write_text("# Trang chủ\n", encoding="utf-8")
    (docs / "blog" / "index.md").write_text("# Tin tức\n", encoding="utf-8")
    count = 0
    for rel, meta, body in read_articles(project):
        fm = {"date": dt.datetime.strptime(meta["ngay"], "%Y-%m-%d %H:%M").date(),
              "categories": [names[c] for c in meta["chuyen_muc"]]}
        if meta.get("nhap"):
            fm["draft"] = True
        target = docs / "blog" / "posts" / rel.split("/", 1)[1]
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(f"---\n{yaml.safe_dump(fm, allow_unicode=True, sort_keys=False)}---\n\n"
                          f"# {meta['tieu_de']}\n\n{meta['tom_tat']}\n\n<!-- more -->\n\n{body}", encoding="utf-8")
        count += 1
    return count


# -- hoctap serve: one edit --------------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return None


def serve_edit(project: Path, log: Path, cache: str, startup_timeout: float = 3600, edit_timeout: float = 1800) -> dict:
    """Start ``hoctap serve``, wait until it serves, append a sentence to one article, and time how
    long until the served page shows it (the page alone is rewritten); then change the article's
    title, which listings and feeds show, and time how long until the page shows it (the whole
    site is rebuilt). The server is stopped and the article restored."""
    article = sorted((project / "content" / "tin-tuc").glob("*/*.md"))[-1]
    rel = article.relative_to(project / "content").as_posix()
    port = free_port()
    url = f"http://127.0.0.1:{port}/{rel[:-3]}.html"
    original = article.read_bytes()
    marker = "Câu bổ sung để đo thời gian cập nhật QZXBENCH."
    with open(log, "w", encoding="utf-8") as out:
        proc = subprocess.Popen([str(BIN / "hoctap"), "serve", "-a", f"127.0.0.1:{port}"], cwd=project,
                                env=env(HOCTAP_CACHE=cache), stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        start = time.perf_counter()
        while fetch(url) is None:
            if proc.poll() is not None or time.perf_counter() - start > startup_timeout:
                raise SystemExit(f"hoctap serve did not serve {url}; see {log}")
            time.sleep(0.5)
        first = time.perf_counter() - start
        times = []
        text = original + f"\n{marker}\n".encode("utf-8")
        retitled = re.sub(rb"^tieu_de: *\"?", lambda m: m.group(0) + "QZXTITLE ".encode("utf-8"), text,
                          count=1, flags=re.MULTILINE)
        for content, needle in ((text, "QZXBENCH"), (retitled, "QZXTITLE")):
            time.sleep(1)  # let the file watcher settle
            article.write_bytes(content)
            edited = time.perf_counter()
            while True:
                page = fetch(url)
                if page is not None and needle in page:
                    break
                if proc.poll() is not None or time.perf_counter() - edited > edit_timeout:
                    raise SystemExit(f"the edit never showed on {url}; see {log}")
                time.sleep(0.05)
            times.append(round(time.perf_counter() - edited, 2))
        return {"first_serve_s": round(first, 2), "edit_s": times[0], "edit_front_matter_s": times[1], "page": rel}
    finally:
        article.write_bytes(original)
        stop(proc)


def stop(proc: subprocess.Popen) -> None:
    """Stop the server we started (its own session: hoctap and its mkdocs child)."""
    for sig, wait in ((signal.SIGINT, 20), (signal.SIGTERM, 10), (signal.SIGKILL, 10)):
        if proc.poll() is not None:
            break
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            break
        try:
            proc.wait(wait)
        except subprocess.TimeoutExpired:
            continue


# -- one size ----------------------------------------------------------------------------------
def measure_size(size: str, work: Path, repeat: int, seed: int, serve: bool = True, say=print) -> dict:
    root = work / size
    if root.exists():
        shutil.rmtree(root)
    project = root / "project"
    counts = write_corpus(project, size, seed)
    result: dict = {"size": size, "seed": seed, "corpus": counts}
    # hoctap keeps per-text results between runs (core/textcache.py): this size gets a cache
    # folder of its own, empty before the first build, so the first build is what a fresh CI
    # machine sees and the later ones what a second build on the same machine sees.
    cache = str(root / "cache")
    builds = max(repeat, 2)
    hoctap = [str(BIN / "hoctap")]
    times, peaks = [], []
    for i in range(builds):
        say(f"[{size}] hoctap build {i + 1}/{builds}" + (" (empty cache)" if i == 0 else ""))
        # Each build gets its own hash seed, so that output depending on set or dict-of-str order
        # shows up as a difference between the builds.
        seconds, peak = timed(hoctap + ["build", "-d", str(root / f"site-{i}")], project, root / f"build-{i}.log",
                              PYTHONHASHSEED=str(i + 1), HOCTAP_CACHE=cache)
        times.append(seconds)
        peaks.append(peak)
    result["build_s"] = round(times[0], 2)
    result["build_warm_s"] = round(statistics.median(times[1:]), 2)
    result["build_runs_s"] = [round(t, 2) for t in times]
    result["peak_mb"] = round(max(peaks) / 1024, 1)
    result["output"] = tree_stats(root / "site-0")
    # The first build (empty cache) against the second (cache filled): byte for byte.
    diff = differing_files(root / "site-0", root / "site-1")
    result["reproducible"] = {"identical": not diff, "first_differing": diff}
    say(f"[{size}] hoctap check (empty cache)")
    result["check_cold_s"] = round(timed(hoctap + ["check"], project, root / "check-cold.log",
                                         HOCTAP_CACHE=str(root / "cache-check"))[0], 2)
    say(f"[{size}] hoctap check after editing one article")
    article = sorted((project / "content" / "tin-tuc").glob("*/*.md"))[0]
    original = article.read_bytes()
    try:
        article.write_bytes(original + "\nMột câu thêm sau khi sửa bài.\n".encode("utf-8"))
        result["check_s"] = round(timed(hoctap + ["check"], project, root / "check.log", HOCTAP_CACHE=cache)[0], 2)
    finally:
        article.write_bytes(original)
    say(f"[{size}] floor")
    floor_out = root / "floor"
    seconds, peak = timed([sys.executable, str(ROOT / "scripts" / "bench"), "floor", str(project), str(floor_out)],
                          ROOT, root / "floor.log")
    result["floor"] = {"s": round(seconds, 2), "pages": sum(1 for _ in floor_out.rglob("*.html")),
                       "peak_mb": round(peak / 1024, 1)}
    say(f"[{size}] Material blog")
    blog = root / "material-blog"
    posts = material_project(project, blog)
    seconds, peak = timed([sys.executable, "-m", "mkdocs", "build", "-q", "-f", "mkdocs.yml", "-d", str(blog / "site")],
                          blog, root / "material-blog.log")
    result["material_blog"] = {"s": round(seconds, 2), "posts": posts, "peak_mb": round(peak / 1024, 1),
                               "html_pages": sum(1 for _ in (blog / "site").rglob("*.html"))}
    if serve:
        say(f"[{size}] hoctap serve, one edit")
        result["serve"] = serve_edit(project, root / "serve.log", cache)
    return result


def machine() -> dict:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {"cpu": cpu, "cores": os.cpu_count(), "python": platform.python_version(),
            "system": f"{platform.system()} {platform.release()}",
            "date": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")}


def run(sizes: list[str], work: Path, repeat: int, seed: int, serve: bool = True, save=None) -> dict:
    """Measure every size in turn; ``save(results)`` is called after each one (partial results survive)."""
    for size in sizes:
        if size not in SIZES:
            raise SystemExit(f"unknown size {size}; choose from {', '.join(SIZES)}")
    results = {"machine": machine(), "repeat": repeat, "sizes": []}
    for size in sizes:
        results["sizes"].append(measure_size(size, work, repeat, seed, serve,
                                             say=lambda text: print(text, file=sys.stderr, flush=True)))
        if save:
            save(results)
    return results
