"""Scores across the years of a site, with the changes between them. Computed here, never typed by hand.

Pure: a :class:`Site` in, rows of numbers out. A tool score the result does not state is the mean of its
indicators (as on the year pages); a missing score is ``None`` and so is every change next to it.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.model.scoring import tool_score
from generator.model.site import Site, YearContent
from generator.model.types import Tool


@dataclass(frozen=True)
class TrendRow:
    """One score across the result years: ``values[i]`` belongs to ``years[i]`` of the :class:`Trends`."""

    label: str
    values: tuple[float | None, ...]

    @property
    def changes(self) -> tuple[float | None, ...]:
        """Change from the previous result year, one per year (the first is always ``None``)."""
        return (None,) + tuple(
            round(b - a, 2) if a is not None and b is not None else None for a, b in zip(self.values, self.values[1:], strict=False)
        )

    @property
    def overall(self) -> float | None:
        """Change from the first to the last year that have a score, when there are two such years."""
        known = [v for v in self.values if v is not None]
        return round(known[-1] - known[0], 2) if len(known) > 1 else None


@dataclass(frozen=True)
class Trends:
    years: tuple[int, ...]
    total: TrendRow
    tools: tuple[TrendRow, ...]
    indicators: tuple[tuple[int, TrendRow], ...]


def result_years(site: Site) -> list[YearContent]:
    """The years that have an ITA result, oldest first."""
    return [y for y in site.years.values() if y.result is not None]


def _indicator_name(years: list[YearContent], number: int) -> str:
    """The name in the newest framework that has the indicator."""
    for year in reversed(years):
        name = next((i.name for i in year.framework.indicators if i.number == number), None)
        if name:
            return name
    return f"ตัวชี้วัดที่ {number}"


def _indicator_score(year: YearContent, number: int) -> float | None:
    assert year.result is not None
    return next((i.score for i in year.result.indicators if i.indicator == number), None)


def _tool_score(year: YearContent, tool: Tool) -> float | None:
    """The stated tool score, or the mean of its indicators rounded as the pages print it (so changes add up)."""
    score = tool_score(year.result, year.framework, tool) if year.result else None
    return None if score is None else round(score, 2)


def compute_trends(site: Site) -> Trends:
    """Total, the three tools and every indicator across all result years of the site."""
    years = result_years(site)
    total = TrendRow("คะแนนรวม", tuple(y.result.total for y in years if y.result))
    tools = tuple(TrendRow(tool.value, tuple(_tool_score(y, tool) for y in years)) for tool in Tool)
    numbers = sorted({i.indicator for y in years if y.result for i in y.result.indicators})
    indicators = tuple(
        (n, TrendRow(_indicator_name(years, n), tuple(_indicator_score(y, n) for y in years))) for n in numbers
    )
    return Trends(tuple(y.year for y in years), total, tools, indicators)


def latest_changes(site: Site) -> Trends | None:
    """The two newest result years only (what changed since the previous result), or ``None`` with fewer than two."""
    trends = compute_trends(site)
    if len(trends.years) < 2:
        return None

    def last_two(row: TrendRow) -> TrendRow:
        return TrendRow(row.label, row.values[-2:])

    return Trends(
        trends.years[-2:],
        last_two(trends.total),
        tuple(last_two(r) for r in trends.tools),
        tuple((n, last_two(r)) for n, r in trends.indicators if any(v is not None for v in r.values[-2:])),
    )
