"""Inline SVG charts of the yearly reports, drawn at build time: no script, no request, no inline
style (colours, patterns and type come from classes in ``hoctap.css``, so they follow the light
and dark schemes and print). Plain Python and markupsafe: no MkDocs, no content kind.

Two shapes, both scaled by their ``viewBox`` (``WIDTH`` units wide: about 1:1 on a 360 px phone):

- ``bar_chart``: one horizontal bar per row (a month, a category, a village), made of one segment
  per series (held, unreported, upcoming), each series told apart by its pattern (solid, hatched,
  outline) as well as its colour; above each bar the row's label and its figures in words.
- ``column_chart``: one column per month with its figure above it.

Every chart is ``<svg role="img" aria-labelledby="<title> <desc>">``: the title names the chart, the
description spells out every figure; the page shows a table with the same figures beside it. Every
text from content (village and category names) is escaped here, once.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

WIDTH = 360           # viewBox width
FONT = 13             # label size, viewBox units
CHAR = 0.55           # a generous average advance of one character, in ems
SHORT = 10            # a label this short is never cut (a month: "Tháng 12")
ROW = 38              # one row of a bar chart: its text line and its bar
BAR = 14              # bar thickness
PLOT = 96             # height of a column chart's columns at their largest


@dataclass(frozen=True)
class Series:
    key: str          # class modifier and data-series: "held", "unreported", "upcoming", "value"
    label: str        # "đã tổ chức": follows a figure in the row's text


@dataclass(frozen=True)
class Row:
    label: str
    values: tuple[int, ...]     # one per series

    @property
    def total(self) -> int:
        return sum(self.values)


def _num(n: int) -> str:
    """Vietnamese thousands separator: 1.250."""
    return f"{n:,}".replace(",", ".")


def _fit(text: str, room: float, size: float = FONT) -> str:
    """``text`` cut (with "…") to what ``room`` units hold at ``size``: a long village name must not
    run off the chart; the whole name is in the description and the table."""
    most = max(int(room / (size * CHAR)), SHORT)
    return text if len(text) <= most else text[:max(most - 1, 1)].rstrip() + "…"


def row_text(row: Row, series: tuple[Series, ...]) -> str:
    """The figures of a row in words: "2 đã tổ chức, 1 chưa có báo cáo" (series at 0 left out)."""
    if len(series) == 1:
        return _num(row.values[0]) + (f" {series[0].label}" if series[0].label else "")
    parts = [f"{_num(v)} {s.label}" for s, v in zip(series, row.values) if v]
    return ", ".join(parts) or "0"


def _open(ident: str, title: str, desc: str, height: float, kind: str) -> list[str]:
    return [f'<svg xmlns="http://www.w3.org/2000/svg" class="hoctap-svgchart hoctap-svgchart--{kind}" '
            f'role="img" aria-labelledby="{ident}-title {ident}-desc" viewBox="0 0 {WIDTH} {height:g}" '
            f'width="{WIDTH}" height="{height:g}" data-chart="{ident}">',
            f'<title id="{ident}-title">{escape(title)}</title>',
            f'<desc id="{ident}-desc">{escape(desc)}</desc>']


def _hatch(ident: str) -> str:
    return (f'<defs><pattern id="{ident}-hatch" patternUnits="userSpaceOnUse" width="6" height="6" '
            f'patternTransform="rotate(45)"><rect class="hoctap-svgchart__hatch-bg" width="6" height="6"></rect>'
            f'<line class="hoctap-svgchart__hatch" x1="0" y1="0" x2="0" y2="6" stroke-width="3"></line>'
            f'</pattern></defs>')


def _segment(ident: str, key: str, x: float, y: float, width: float, height: float, value: int) -> str:
    fill = f' fill="url(#{ident}-hatch)"' if key == "unreported" else ""
    return (f'<rect class="hoctap-svgchart__seg hoctap-svgchart__seg--{key}" data-series="{key}" '
            f'data-value="{value}" x="{x:.2f}" y="{y:g}" width="{width:.2f}" height="{height:g}"{fill}></rect>')


def _legend(ident: str, series: tuple[Series, ...], top: float) -> tuple[list[str], float]:
    """Swatches with the pattern of each series and its name, wrapped to the width."""
    out, x, y = ['<g class="hoctap-svgchart__legend">'], 0.0, top
    for s in series:
        need = 18 + len(s.label) * FONT * CHAR + 14
        if x and x + need > WIDTH:
            x, y = 0.0, y + 20
        out.append(_segment(ident, s.key, x + 1, y + 1, 14, 12, 0).replace('data-value="0" ', ""))
        out.append(f'<text class="hoctap-svgchart__text" x="{x + 20:g}" y="{y + 12:g}" font-size="{FONT}">'
                   f'{escape(s.label)}</text>')
        x += need
    out.append("</g>")
    return out, y + 24


def bar_chart(ident: str, title: str, desc: str, rows: list[Row], series: tuple[Series, ...]) -> Markup:
    """Horizontal bars, one per row, all on one scale (the largest total fills the width)."""
    body, top = [], 0.0
    if len(series) > 1:
        body, top = _legend(ident, series, 0)
    largest = max((r.total for r in rows), default=0) or 1
    scale = (WIDTH - 2) / largest
    for i, row in enumerate(rows):
        y = top + i * ROW
        figures = row_text(row, series)
        label = _fit(row.label, WIDTH - (len(figures) + 2) * FONT * CHAR)
        body.append(f'<g class="hoctap-svgchart__row" data-label="{escape(row.label)}" data-total="{row.total}">')
        body.append(f'<text class="hoctap-svgchart__text" x="0" y="{y + FONT:g}" font-size="{FONT}">'
                    f'<tspan class="hoctap-svgchart__label">{escape(label)}:</tspan> {escape(figures)}</text>')
        x = 1.0
        for s, value in zip(series, row.values):
            if value:
                width = value * scale
                body.append(_segment(ident, s.key, x, y + FONT + 5, width, BAR, value))
                x += width
        body.append("</g>")
    height = top + len(rows) * ROW + 2
    parts = _open(ident, title, desc, height, "bars")
    if any(s.key == "unreported" for s in series):
        parts.append(_hatch(ident))
    return Markup("".join(parts + body + ["</svg>"]))


def column_chart(ident: str, title: str, desc: str, rows: list[Row], small: float = FONT - 1) -> Markup:
    """One column per row (months: labels "T1" … "T12"), its figure above it, one series."""
    slot = WIDTH / max(len(rows), 1)
    largest = max((r.total for r in rows), default=0) or 1
    scale = PLOT / largest
    base = small + 4 + PLOT           # the columns' foot, under the figures of the tallest one
    body = [f'<line class="hoctap-svgchart__axis" x1="0" y1="{base:g}" x2="{WIDTH}" y2="{base:g}" stroke-width="1"></line>']
    for i, row in enumerate(rows):
        value = row.values[0]
        middle = i * slot + slot / 2
        height = value * scale
        body.append(f'<g class="hoctap-svgchart__row" data-label="{escape(row.label)}" data-total="{value}">')
        if value:
            body.append(f'<rect class="hoctap-svgchart__seg hoctap-svgchart__seg--value" data-series="value" '
                        f'data-value="{value}" x="{middle - slot * 0.35:.2f}" y="{base - height:.2f}" '
                        f'width="{slot * 0.7:.2f}" height="{height:.2f}"></rect>')
        body.append(f'<text class="hoctap-svgchart__text" x="{middle:.2f}" y="{base - height - 3:.2f}" '
                    f'font-size="{small:g}" text-anchor="middle">{_num(value)}</text>')
        body.append(f'<text class="hoctap-svgchart__text" x="{middle:.2f}" y="{base + small + 3:g}" '
                    f'font-size="{small:g}" text-anchor="middle">{escape(_fit(row.label, slot, small))}</text>')
        body.append("</g>")
    return Markup("".join(_open(ident, title, desc, base + small + 6, "columns") + body + ["</svg>"]))


def describe(rows: list[Row], series: tuple[Series, ...], empty: str = "Chưa có số liệu.") -> str:
    """The description of a chart: every row's label and figures, in words."""
    if not rows or not any(r.total for r in rows):
        return empty
    return "; ".join(f"{r.label}: {row_text(r, series)}" for r in rows) + "."
