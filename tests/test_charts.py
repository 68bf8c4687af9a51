"""generator.charts: inline SVG drawn from numbers, every label escaped, a Thai title, deterministic."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from generator.render.charts import Series, bar_chart, line_chart

SVG = "{http://www.w3.org/2000/svg}"


def _parse(markup: str) -> ET.Element:
    return ET.fromstring(markup)


def test_bar_chart_is_a_named_image_with_its_caption() -> None:
    figure = _parse(bar_chart("c", "คะแนนรายตัวชี้วัด", ["ตัวชี้วัดที่ 1"], [Series("2568", (95.29,))], caption="ดูตาราง"))
    svg = figure.find(f"{SVG}svg")
    assert figure.tag == "figure" and figure.get("id") == "c"
    assert svg is not None and svg.get("role") == "img" and svg.get("aria-label") == "คะแนนรายตัวชี้วัด"
    assert svg.findtext(f"{SVG}title") == "คะแนนรายตัวชี้วัด"
    assert figure.findtext("figcaption") == "ดูตาราง"
    assert [t.text for t in svg.iter(f"{SVG}text")][-2:] == ["ตัวชี้วัดที่ 1", "95.29"]


def test_bar_lengths_follow_the_0_to_100_scale_and_the_pass_line_sits_at_the_pass_mark() -> None:
    svg = _parse(bar_chart("c", "t", ["a", "b"], [Series("s", (50.0, 100.0))], caption="", pass_mark=85,
                           pass_label="เกณฑ์ผ่าน 85")).find(f"{SVG}svg")
    assert svg is not None
    bars = [float(r.get("width", "0")) for r in svg.iter(f"{SVG}rect")]
    assert bars == [217.0, 434.0]  # plot width 434 px for 0–100
    dashed = [line for line in svg.iter(f"{SVG}line") if line.get("stroke-dasharray") == "5 3"]
    assert [(line.get("x1"), line.get("x2")) for line in dashed] == [("518.9", "518.9")]  # 150 + 0.85 × 434
    assert "เกณฑ์ผ่าน 85" in [t.text for t in svg.iter(f"{SVG}text")]


def test_a_missing_value_is_a_dash_not_a_bar() -> None:
    svg = _parse(bar_chart("c", "t", ["a"], [Series("s", (None,))], caption="")).find(f"{SVG}svg")
    assert svg is not None
    assert list(svg.iter(f"{SVG}rect")) == []
    assert "–" in [t.text for t in svg.iter(f"{SVG}text")]


def test_several_series_get_a_legend_with_their_names() -> None:
    svg = _parse(bar_chart("c", "t", ["a"], [Series("๒๕๖๖", (90.0,)), Series("๒๕๖๗", (95.0,))], caption="")).find(f"{SVG}svg")
    assert svg is not None
    texts = [t.text for t in svg.iter(f"{SVG}text")]
    assert texts[-2:] == ["๒๕๖๖", "๒๕๖๗"]


def test_labels_and_title_from_content_are_escaped() -> None:
    hostile = '</title><script>alert(1)</script>"'
    markup = str(bar_chart('x"y', hostile, [hostile], [Series(hostile, (1.0,)), Series("b", (2.0,))], caption=hostile))
    assert "<script>" not in markup and "</title><" not in markup
    assert markup.count("&lt;script&gt;") == 5  # aria-label, title, category, legend, caption
    _parse(markup)  # still well-formed


def test_line_chart_draws_one_line_per_series_with_its_own_dash_and_names_them() -> None:
    series = [Series("คะแนนรวม", (97.72, 76.67)), Series("IIT", (99.89, None))]
    svg = _parse(line_chart("t", "แนวโน้ม", ["2566", "2567"], series, caption="")).find(f"{SVG}svg")
    assert svg is not None
    lines = list(svg.iter(f"{SVG}polyline"))
    assert len(lines) == 1 and lines[0].get("stroke-dasharray") is None  # IIT has one point only: no line
    assert lines[0].get("points") == "187,26.5 473,142.3"  # 234 - 220 × (score - 60) / 40 for 97.72 and 76.67
    assert len(list(svg.iter(f"{SVG}circle"))) == 3 + 2  # points + legend markers
    texts = [t.text for t in svg.iter(f"{SVG}text")]
    assert texts[:2] == ["60", "65"] and "100" in texts  # the axis starts 10 below the lowest score, in fives
    assert {"2566", "2567", "คะแนนรวม", "IIT"} <= set(texts)


def test_numbers_use_the_given_formatter_and_output_is_deterministic() -> None:
    thai = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")

    def fmt(v: float) -> str:
        return f"{v:.2f}".translate(thai)

    one = bar_chart("c", "t", ["a"], [Series("s", (94.5,))], caption="", fmt=fmt)
    assert "๙๔.๕๐" in one and ">๑๐๐<" in one and not re.search(r">[0-9]+(\.[0-9]+)?<", one)
    assert one == bar_chart("c", "t", ["a"], [Series("s", (94.5,))], caption="", fmt=fmt)
