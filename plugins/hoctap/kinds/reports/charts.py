"""Charts of the yearly reports, drawn at build time: no script, no request, no inline style
(colours, patterns and sizes come from classes in ``hoctap.css``, so they follow the light and
dark schemes and print). Plain Python and markupsafe: no MkDocs, no content kind.

Every word and figure a reader sees is page text (HTML), laid out by the templates
(``_report_macros.html``); only the marks are inline SVG, one small ``<svg role="img">`` per bar or
column with a ``<title>`` naming its row and figures (text drawn inside an SVG has no background a
checker can measure, as on the survey chart). Two shapes:

- ``bar_chart``: one row per month, category or village: the label and its figures in words, then
  a bar made of one segment per series (held, unreported, upcoming), each series told apart by its
  pattern (solid, hatched, outline) as well as its colour. Every bar has the same ``viewBox`` and
  the same width on the page, so one unit is one length on every row.
- ``column_chart``: one column per month in a 12-slot grid, its figure above it and the month
  below; every column's ``viewBox`` is one slot, stretched to the slot (``preserveAspectRatio
  ="none"``), so all columns share one scale.

Every text from content (village and category names) is escaped here, once, in the SVG; the
templates escape the HTML text.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

BAR_WIDTH = 300       # a bar's viewBox width: the largest total fills it (less a stroke's margin)
BAR_HEIGHT = 12       # a bar's viewBox height
SLOT = 10             # a column's viewBox width (one month)
PLOT = 100            # a column's viewBox height: the largest figure fills it
SWATCH = (16, 12)     # a legend swatch's viewBox


@dataclass(frozen=True)
class Series:
    key: str          # class modifier and data-series: "held", "unreported", "upcoming", "value"
    label: str        # "đã tổ chức": follows a figure in the row's text
    pattern: str = ""  # "tô đặc": how its segments look, for the bar's description


@dataclass(frozen=True)
class Row:
    label: str
    values: tuple[int, ...]     # one per series

    @property
    def total(self) -> int:
        return sum(self.values)


@dataclass(frozen=True)
class ChartRow:
    """One row or column as the page shows it: its label, its figures in words, its SVG mark."""
    label: str
    figures: str
    total: int
    svg: Markup


@dataclass(frozen=True)
class Chart:
    ident: str
    title: str
    rows: list[ChartRow]
    legend: list[tuple[str, Markup]]    # (series label, swatch SVG); empty for one series


def _num(n: int) -> str:
    """Vietnamese thousands separator: 1.250."""
    return f"{n:,}".replace(",", ".")


def row_text(row: Row, series: tuple[Series, ...]) -> str:
    """The figures of a row in words: "2 đã tổ chức, 1 chưa báo cáo" (series at 0 left out)."""
    if len(series) == 1:
        return _num(row.values[0]) + (f" {series[0].label}" if series[0].label else "")
    parts = [f"{_num(v)} {s.label}" for s, v in zip(series, row.values) if v]
    return ", ".join(parts) or "0"


def _hatch(ident: str) -> str:
    return (f'<defs><pattern id="{ident}-hatch" patternUnits="userSpaceOnUse" width="6" height="6" '
            f'patternTransform="rotate(45)"><rect class="hoctap-svgchart__hatch-bg" width="6" height="6"></rect>'
            f'<line class="hoctap-svgchart__hatch" x1="0" y1="0" x2="0" y2="6" stroke-width="3"></line>'
            f'</pattern></defs>')


def _segment(ident: str, key: str, x: float, y: float, width: float, height: float, value: int | None) -> str:
    fill = f' fill="url(#{ident}-hatch)"' if key == "unreported" else ""
    data = f' data-value="{value}"' if value is not None else ""
    return (f'<rect class="hoctap-svgchart__seg hoctap-svgchart__seg--{key}" data-series="{key}"{data} '
            f'x="{x:.2f}" y="{y:g}" width="{width:.2f}" height="{height:g}"{fill}></rect>')


def _svg(kind: str, ident: str, view: str, title: str, desc: str, body: str, extra: str = "") -> Markup:
    """A mark with its accessible name (``<title>``) and, when it says more, a ``<desc>``."""
    labelled = f"{ident}-title" + (f" {ident}-desc" if desc else "")
    return Markup(
        f'<svg xmlns="http://www.w3.org/2000/svg" class="hoctap-svgchart hoctap-svgchart--{kind}" role="img" '
        f'aria-labelledby="{labelled}" viewBox="{view}"{extra}>'
        f'<title id="{ident}-title">{escape(title)}</title>'
        + (f'<desc id="{ident}-desc">{escape(desc)}</desc>' if desc else "")
        + body + "</svg>")


def _swatch(ident: str, s: Series) -> Markup:
    """A legend's sample of a series' pattern, beside its name in page text (so hidden from
    assistive technology, which reads the name)."""
    w, h = SWATCH
    body = (_hatch(ident) if s.key == "unreported" else "") + _segment(ident, s.key, 1, 1, w - 2, h - 2, None)
    return Markup(f'<svg xmlns="http://www.w3.org/2000/svg" class="hoctap-svgchart hoctap-svgchart--swatch" '
                  f'aria-hidden="true" focusable="false" viewBox="0 0 {w} {h}">{body}</svg>')


def bar_chart(ident: str, title: str, rows: list[Row], series: tuple[Series, ...]) -> Chart:
    """Horizontal bars, one per row, all on one scale (the largest total fills the width)."""
    largest = max((r.total for r in rows), default=0) or 1
    scale = (BAR_WIDTH - 2) / largest
    out = []
    for i, row in enumerate(rows, start=1):
        figures = row_text(row, series)
        svg = Markup("")
        if row.total:
            mark = f"{ident}-{i}"
            body, x = [], 1.0
            for s, value in zip(series, row.values):
                if value:
                    body.append(_segment(mark, s.key, x, 1, value * scale, BAR_HEIGHT - 2, value))
                    x += value * scale
            if any(s.key == "unreported" and v for s, v in zip(series, row.values)):
                body.insert(0, _hatch(mark))
            desc = ""
            if len(series) > 1:
                desc = "; ".join(f"phần {s.pattern}: {_num(v)} {s.label}"
                                 for s, v in zip(series, row.values) if v) + "."
                desc = desc[0].upper() + desc[1:]
            svg = _svg("bar", mark, f"0 0 {BAR_WIDTH} {BAR_HEIGHT}", f"{row.label}: {figures}", desc,
                       "".join(body))
        out.append(ChartRow(row.label, figures, row.total, svg))
    legend = [(s.label, _swatch(f"{ident}-mau-{s.key}", s)) for s in series] if len(series) > 1 else []
    return Chart(ident, title, out, legend)


def column_chart(ident: str, title: str, rows: list[Row], words: list[str], unit: str = "") -> Chart:
    """One column per row (months: labels "T1" … "T12"), its figure above it, one series;
    ``words`` are the rows' names in full ("Tháng 1") for the columns' titles."""
    largest = max((r.total for r in rows), default=0) or 1
    scale = PLOT / largest
    out = []
    for i, (row, name) in enumerate(zip(rows, words), start=1):
        value = row.values[0]
        body = ""
        if value:
            height = value * scale
            body = (f'<rect class="hoctap-svgchart__seg hoctap-svgchart__seg--value" data-series="value" '
                    f'data-value="{value}" x="{SLOT * 0.15:g}" y="{PLOT - height:.2f}" width="{SLOT * 0.7:g}" '
                    f'height="{height:.2f}"></rect>')
        svg = _svg("column", f"{ident}-{i}", f"0 0 {SLOT} {PLOT}", f"{name}: {_num(value)}{f' {unit}' if unit else ''}",
                   "", body, ' preserveAspectRatio="none"')
        out.append(ChartRow(row.label, _num(value), value, svg))
    return Chart(ident, title, out, [])

