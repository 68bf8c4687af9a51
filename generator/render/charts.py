"""Charts as inline SVG, drawn at build time from numbers: no chart library, no script, no request.

Pure: numbers and labels in, one ``<figure>`` of HTML out. Every label is HTML-escaped here, so a label may come
from content. Each chart is ``role="img"`` with a Thai ``<title>`` and ``aria-label``; its text equivalent is the
data table the page prints right next to it (the figure caption says so), which is also what printing relies on.
Bar charts run from 0 to 100 (ITA scores); trend lines start 10 below their lowest score.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

# Colours chosen for at least 3:1 contrast against white (WCAG 1.4.11); series differ by shape as well.
SERIES_COLOURS = ("#3949ab", "#00796b", "#c2185b", "#6d4c41", "#5e35b1", "#2e7d32")
DASHES = ("", "6 3", "2 3", "8 3 2 3", "1 2", "10 4")
PASS_COLOUR = "#b71c1c"
AXIS_COLOUR = "#616161"
WIDTH = 640


@dataclass(frozen=True)
class Series:
    """One row of data: a name for the legend and one value per category (``None`` = no score that year)."""

    name: str
    values: tuple[float | None, ...]


Formatter = Callable[[float], str]


def _plain(value: float) -> str:
    return f"{value:.2f}"


def _x(value: float, left: float, width: float) -> float:
    return left + width * max(0.0, min(value, 100.0)) / 100.0


def _f(number: float) -> str:
    """Coordinates with one decimal at most, so the output is stable and small."""
    text = f"{number:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _text(x: float, y: float, content: str, size: int = 12, anchor: str = "", fill: str = "") -> str:
    """A ``<text>`` element; ``content`` is escaped."""
    extra = (f' text-anchor="{anchor}"' if anchor else "") + (f' fill="{fill}"' if fill else "")
    return f'<text x="{_f(x)}" y="{_f(y)}" font-size="{size}"{extra}>{escape(content)}</text>'


def _open(chart_id: str, title: str, height: float) -> list[str]:
    label = escape(title)
    return [
        f'<figure class="itasite-chart" id="{escape(chart_id)}">',
        f'<svg role="img" aria-label="{label}" viewBox="0 0 {WIDTH} {_f(height)}" width="100%" '
        f'preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg" focusable="false">',
        f"<title>{label}</title>",
    ]


def _close(caption: str) -> list[str]:
    return ["</svg>", f"<figcaption>{escape(caption)}</figcaption>", "</figure>"]


def _tick(fmt: Formatter, tick: int) -> str:
    """An axis tick as the site writes numbers, without decimals: ``20`` or ``๒๐``."""
    return fmt(float(tick)).split(".")[0]


def _scale(left: float, width: float, top: float, bottom: float, fmt: Formatter) -> list[str]:
    parts = []
    for tick in range(0, 101, 20):
        x = _x(tick, left, width)
        parts.append(f'<line x1="{_f(x)}" y1="{_f(top)}" x2="{_f(x)}" y2="{_f(bottom)}" stroke="#e0e0e0"/>')
        parts.append(_text(x, bottom + 14, _tick(fmt, tick), 11, "middle", AXIS_COLOUR))
    return parts


def bar_chart(
    chart_id: str,
    title: str,
    categories: Sequence[str],
    series: Sequence[Series],
    *,
    caption: str,
    pass_mark: float | None = None,
    pass_label: str = "",
    fmt: Formatter = _plain,
) -> Markup:
    """Horizontal bars on a 0–100 scale, one group per category and one bar per series, each bar with its value
    written at its end; ``pass_mark`` draws a dashed vertical line labelled ``pass_label``."""
    left, right, top = 150.0, 56.0, 34.0 if pass_mark is not None else 12.0
    multi = len(series) > 1
    bar_h = 14.0 if multi else 18.0
    group_h = bar_h * len(series) + 10.0
    plot_w = WIDTH - left - right
    bottom = top + group_h * len(categories)
    height = bottom + 24 + (24 * ((len(series) + 3) // 4) if multi else 0)
    parts = _open(chart_id, title, height)
    parts += _scale(left, plot_w, top, bottom, fmt)
    for c, category in enumerate(categories):
        y0 = top + c * group_h + 5
        parts.append(_text(left - 8, y0 + bar_h * len(series) / 2 + 4, category, 12, "end"))
        for i, s in enumerate(series):
            value = s.values[c] if c < len(s.values) else None
            y = y0 + i * bar_h
            if value is None:
                parts.append(_text(left + 4, y + bar_h - 4, "–", 11, fill=AXIS_COLOUR))
                continue
            end = _x(value, left, plot_w)
            colour = SERIES_COLOURS[i % len(SERIES_COLOURS)]
            parts.append(
                f'<rect x="{_f(left)}" y="{_f(y + 1)}" width="{_f(end - left)}" height="{_f(bar_h - 2)}" fill="{colour}"/>'
            )
            parts.append(_text(end + 4, y + bar_h - 4, fmt(value), 11))
    parts.append(f'<line x1="{_f(left)}" y1="{_f(top)}" x2="{_f(left)}" y2="{_f(bottom)}" stroke="{AXIS_COLOUR}"/>')
    if pass_mark is not None:
        x = _x(pass_mark, left, plot_w)
        parts.append(
            f'<line x1="{_f(x)}" y1="{_f(top - 6)}" x2="{_f(x)}" y2="{_f(bottom)}" '
            f'stroke="{PASS_COLOUR}" stroke-width="2" stroke-dasharray="5 3"/>'
        )
        parts.append(_text(x, top - 10, pass_label, 12, "end", PASS_COLOUR))
    for row in range(0, len(series) if multi else 0, 4):
        parts += _legend_row(series, row, bottom + 40 + 24 * (row // 4), left)
    parts += _close(caption)
    return Markup("\n".join(parts))


def _axis_floor(series: Sequence[Series]) -> int:
    """The lowest score shown on a trend chart: 10 below the lowest value, in tens (scores cluster near 100)."""
    values = [v for s in series for v in s.values if v is not None]
    return max(0, int(min(values) // 10) * 10 - 10) if values else 0


def line_chart(
    chart_id: str,
    title: str,
    periods: Sequence[str],
    series: Sequence[Series],
    *,
    caption: str,
    fmt: Formatter = _plain,
) -> Markup:
    """Scores over periods (years), one line per series with its own colour, dash pattern and legend entry. The
    axis starts 10 below the lowest score (its ticks say where); the numbers themselves are in the table."""
    left, right, top, plot_h = 44.0, 24.0, 14.0, 220.0
    bottom = top + plot_h
    plot_w = WIDTH - left - right
    floor = _axis_floor(series)
    span = 100 - floor
    height = bottom + 30 + 24 * ((len(series) + 3) // 4)
    parts = _open(chart_id, title, height)
    for tick in range(floor, 101, 10 if span > 40 else 5):
        y = bottom - plot_h * (tick - floor) / span
        parts.append(f'<line x1="{_f(left)}" y1="{_f(y)}" x2="{_f(WIDTH - right)}" y2="{_f(y)}" stroke="#e0e0e0"/>')
        parts.append(_text(left - 6, y + 4, _tick(fmt, tick), 11, "end", AXIS_COLOUR))
    step = plot_w / len(periods) if periods else plot_w

    def point(p: int, value: float) -> tuple[float, float]:
        return left + step * (p + 0.5), bottom - plot_h * (max(float(floor), min(value, 100.0)) - floor) / span

    for p, period in enumerate(periods):
        parts.append(_text(left + step * (p + 0.5), bottom + 16, period, 12, "middle"))
    for i, s in enumerate(series):
        colour, dash = SERIES_COLOURS[i % len(SERIES_COLOURS)], DASHES[i % len(DASHES)]
        points = [point(p, v) for p, v in enumerate(s.values) if v is not None]
        if len(points) > 1:
            dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
            coords = " ".join(f"{_f(x)},{_f(y)}" for x, y in points)
            parts.append(f'<polyline points="{coords}" fill="none" stroke="{colour}" stroke-width="2"{dash_attr}/>')
        for x, y in points:
            parts.append(f'<circle cx="{_f(x)}" cy="{_f(y)}" r="4" fill="{colour}"/>')
    parts.append(f'<line x1="{_f(left)}" y1="{_f(bottom)}" x2="{_f(WIDTH - right)}" y2="{_f(bottom)}" stroke="{AXIS_COLOUR}"/>')
    for row in range(0, len(series), 4):
        parts += _legend_row(series, row, bottom + 40 + 24 * (row // 4), left)
    parts += _close(caption)
    return Markup("\n".join(parts))


def _legend_row(series: Sequence[Series], start: int, y: float, left: float) -> list[str]:
    """Up to four legend entries of ``series`` from ``start``, keeping each series' colour and dash."""
    parts: list[str] = []
    x = left
    for i in range(start, min(start + 4, len(series))):
        colour, dash = SERIES_COLOURS[i % len(SERIES_COLOURS)], DASHES[i % len(DASHES)]
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        parts.append(
            f'<line x1="{_f(x)}" y1="{_f(y - 4)}" x2="{_f(x + 22)}" y2="{_f(y - 4)}" stroke="{colour}" stroke-width="2"{dash_attr}/>'
        )
        parts.append(f'<circle cx="{_f(x + 11)}" cy="{_f(y - 4)}" r="3" fill="{colour}"/>')
        parts.append(_text(x + 28, y, series[i].name))
        x += 140
    return parts
