"""The charts of the score pages: indicator and tool bars of a year, the trends across years.

Inline SVG drawn from numbers (:mod:`generator.render.charts`); every page prints the same numbers as a table
right after the chart.
"""

from __future__ import annotations

from markupsafe import Markup

from generator.model.scoring import tool_score
from generator.model.site import YearContent
from generator.model.trends import Trends
from generator.render import charts as svg
from generator.thai import DigitStyle, format_number, show_digits


class ScoreCharts:
    """The ``charts`` of the templates."""

    def __init__(self, digits: DigitStyle) -> None:
        self.digits = digits

    def _fmt(self, value: float) -> str:
        return format_number(value, self.digits, 2)

    def _year_label(self, year: int) -> str:
        return show_digits(str(year), self.digits)

    def indicator_chart(self, year: YearContent) -> Markup:
        assert year.result is not None
        inds = sorted(year.result.indicators, key=lambda i: i.indicator)
        mark = year.framework.pass_mark
        return svg.bar_chart(
            f"chart-indicators-{year.year}",
            f"แผนภูมิคะแนนรายตัวชี้วัด ปีงบประมาณ {self._year_label(year.year)} เทียบเกณฑ์ผ่าน {self._fmt(mark)} คะแนน",
            [f"ตัวชี้วัดที่ {self._year_label(i.indicator)}" for i in inds],
            [svg.Series(self._year_label(year.year), tuple(i.score for i in inds))],
            caption="ตัวเลขของแผนภูมิอยู่ในตารางถัดไป",
            pass_mark=mark,
            pass_label=f"เกณฑ์ผ่าน {self._fmt(mark)}",
            fmt=self._fmt,
        )

    def tool_chart(self, year: YearContent) -> Markup:
        tools = [t.code for t in year.framework.tools]
        scores = tuple(tool_score(year.result, year.framework, t) if year.result else None for t in tools)
        return svg.bar_chart(
            f"chart-tools-{year.year}",
            f"แผนภูมิคะแนนรายเครื่องมือ ปีงบประมาณ {self._year_label(year.year)}",
            [t.value for t in tools],
            [svg.Series(self._year_label(year.year), scores)],
            caption="ตัวเลขของแผนภูมิอยู่ในตารางถัดไป",
            fmt=self._fmt,
        )

    def trend_chart(self, trends: Trends) -> Markup:
        return svg.line_chart(
            "chart-trend-total",
            "แผนภูมิแนวโน้มคะแนนรวมและคะแนนรายเครื่องมือ ทุกปีงบประมาณ",
            [self._year_label(y) for y in trends.years],
            [svg.Series(r.label, r.values) for r in (trends.total, *trends.tools)],
            caption="ตัวเลขของแผนภูมิอยู่ในตารางถัดไป",
            fmt=self._fmt,
        )

    def trend_indicator_chart(self, trends: Trends) -> Markup:
        return svg.bar_chart(
            "chart-trend-indicators",
            "แผนภูมิคะแนนรายตัวชี้วัด แยกตามปีงบประมาณ",
            [f"ตัวชี้วัดที่ {self._year_label(n)}" for n, _ in trends.indicators],
            [
                svg.Series(self._year_label(y), tuple(row.values[i] for _, row in trends.indicators))
                for i, y in enumerate(trends.years)
            ],
            caption="ตัวเลขของแผนภูมิอยู่ในตารางถัดไป",
            fmt=self._fmt,
        )
