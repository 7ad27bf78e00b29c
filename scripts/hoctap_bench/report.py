"""The Markdown tables: figures, ratios and the targets of issue #11 (point 3), met or not met.

Sizes are decimal: 1 KB = 1,000 bytes, 1 MB = 1,000,000 bytes (peak memory: MiB from ru_maxrss,
1 GB target = 1024 MiB).
"""

from __future__ import annotations

KB, MB = 1_000, 1_000_000

# (key, label, limit, "max" = figure must be at most the limit / "min" = at least)
TARGETS = [
    ("per_page_vs_floor", "hoctap per output page ≤ 3× the floor per output page", 3.0, "max"),
    ("material_vs_hoctap", "≥ 5× faster than Material blog (Material blog / hoctap ≥ 5)", 5.0, "min"),
    ("peak_mb", "peak memory ≤ 1 GB", 1024.0, "max"),
    ("check_s", "hoctap check ≤ 5 s (one article edited since the last run)", 5.0, "max"),
    ("serve_edit_s", "serve: one edit visible ≤ 2 s", 2.0, "max"),
    ("largest_html_kb", "no HTML page over 300 KB", 300.0, "max"),
    ("largest_feed_kb", "no feed over 1 MB", 1000.0, "max"),
]


def ratios(size: dict) -> dict:
    """The derived figures the targets are about (None when a measurement is missing)."""
    out = size.get("output", {})
    floor = size.get("floor", {})
    blog = size.get("material_blog", {})
    build = size.get("build_s")
    r: dict = {"hoctap_vs_floor": None, "per_page_vs_floor": None, "material_vs_hoctap": None}
    if build and floor.get("s"):
        r["hoctap_vs_floor"] = build / floor["s"]
        if out.get("html_pages") and floor.get("pages"):
            r["per_page_vs_floor"] = (build / out["html_pages"]) / (floor["s"] / floor["pages"])
    if build and blog.get("s"):
        r["material_vs_hoctap"] = blog["s"] / build
    r["peak_mb"] = size.get("peak_mb")
    r["check_s"] = size.get("check_s")
    r["serve_edit_s"] = (size.get("serve") or {}).get("edit_s")
    r["largest_html_kb"] = out["largest_html"][1] / KB if out.get("largest_html") else None
    r["largest_feed_kb"] = out["largest_feed"][1] / KB if out.get("largest_feed") else None
    return r


def verdict(value, limit: float, kind: str) -> str:
    if value is None:
        return "not measured"
    ok = value <= limit if kind == "max" else value >= limit
    return f"{'met' if ok else 'NOT MET'} ({value:.2f})" if isinstance(value, float) else \
        f"{'met' if ok else 'NOT MET'} ({value})"


def _num(value, fmt="{:.2f}", unit="") -> str:
    return "–" if value is None else fmt.format(value) + unit


def _size(nbytes) -> str:
    if nbytes is None:
        return "–"
    return f"{nbytes / MB:.2f} MB" if nbytes >= MB else f"{nbytes / KB:.0f} KB"


def table(results: dict) -> str:
    sizes = results["sizes"]
    head = "| | " + " | ".join(s["size"] for s in sizes) + " |\n| --- | " + " | ".join("---:" for _ in sizes) + " |\n"

    def row(label, cells):
        return f"| {label} | " + " | ".join(cells) + " |\n"

    lines = [head]
    lines.append(row("articles / events / clubs + classes", [
        f"{s['corpus']['articles']} / {s['corpus']['events']} / {s['corpus']['clubs'] + s['corpus']['classes']}"
        for s in sizes]))
    lines.append(row("hoctap build (the first, with an empty cache)", [_num(s.get("build_s"), unit=" s") for s in sizes]))
    lines.append(row("hoctap build again (cache filled; median of n)", [
        _num(s.get("build_warm_s"), unit=" s") + (f" (n={len(s['build_runs_s']) - 1})" if s.get("build_warm_s") else "")
        for s in sizes]))
    lines.append(row("peak memory (process tree)", [_num(s.get("peak_mb"), "{:.0f}", " MiB") for s in sizes]))
    lines.append(row("output: HTML pages / files / size", [
        f"{s['output']['html_pages']} / {s['output']['files']} / {_size(s['output']['bytes'])}" if s.get("output") else "–"
        for s in sizes]))
    lines.append(row("largest HTML page", [
        f"{_size(s['output']['largest_html'][1])} `{s['output']['largest_html'][0]}`"
        if (s.get("output") or {}).get("largest_html") else "–" for s in sizes]))
    lines.append(row("largest feed", [
        f"{_size(s['output']['largest_feed'][1])} `{s['output']['largest_feed'][0]}`"
        if (s.get("output") or {}).get("largest_feed") else "–" for s in sizes]))
    lines.append(row("5 largest files", [
        "<br>".join(f"{_size(n)} `{p}`" for p, n in s["output"]["largest"]) if s.get("output") else "–"
        for s in sizes]))
    lines.append(row("hoctap check: empty cache / one article edited since the last run", [
        _num(s.get("check_cold_s"), unit=" s") + " / " + _num(s.get("check_s"), unit=" s") for s in sizes]))
    lines.append(row("floor (Markdown + Jinja2, pages)", [
        f"{s['floor']['s']:.2f} s ({s['floor']['pages']})" if s.get("floor") else "–" for s in sizes]))
    lines.append(row("Material blog (posts → HTML pages)", [
        f"{s['material_blog']['s']:.2f} s ({s['material_blog']['posts']} → {s['material_blog']['html_pages']})"
        if s.get("material_blog") else "–" for s in sizes]))
    lines.append(row("serve: first page / one edit visible", [
        f"{s['serve']['first_serve_s']:.1f} s / {s['serve']['edit_s']:.1f} s" if s.get("serve") else "–"
        for s in sizes]))
    lines.append(row("serve: a title edit visible (the whole site rebuilt)", [
        _num(s["serve"].get("edit_front_matter_s"), unit=" s") if s.get("serve") else "–" for s in sizes]))
    lines.append(row("reproducible (first and second build byte-identical)", [
        ("yes" if s["reproducible"]["identical"] else "no: " + ", ".join(f"`{f}`" for f in s["reproducible"]["first_differing"]))
        if s.get("reproducible") else "–" for s in sizes]))
    rs = [ratios(s) for s in sizes]
    lines.append(row("hoctap / floor", [_num(r["hoctap_vs_floor"]) for r in rs]))
    lines.append(row("hoctap per output page / floor per output page", [_num(r["per_page_vs_floor"]) for r in rs]))
    lines.append(row("Material blog / hoctap", [_num(r["material_vs_hoctap"]) for r in rs]))

    targets = ["\n| target (issue #11, point 3) | " + " | ".join(s["size"] for s in sizes) + " |\n",
               "| --- | " + " | ".join("---" for _ in sizes) + " |\n"]
    for key, label, limit, kind in TARGETS:
        targets.append(row(label, [verdict(r[key], limit, kind) for r in rs]))

    m = results.get("machine", {})
    footer = (f"\nMachine: {m.get('cpu', '?')}, {m.get('cores', '?')} cores, Python {m.get('python', '?')}, "
              f"{m.get('system', '?')}; started {m.get('date', '?')}.\n")
    return "".join(lines) + "".join(targets) + footer
