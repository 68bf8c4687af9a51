"""itasite new-year (generator/clerk/scaffold.py): unfinished measures carried forward, OIT items listed, no overwrite."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from generator.cli import main


@pytest.mark.slow
def test_new_year_carries_unfinished_measures_and_lists_oit(copy_example_with_reports: Callable[[str], Path]) -> None:
    root = copy_example_with_reports("default")  # its build lays out only the new year's reports
    config = str(root / "site_config.yml")
    assert main(["new-year", "2570", "-f", config]) == 0
    measures = (root / "content/2570/measures.yml").read_text(encoding="utf-8")
    assert measures.startswith("# มาตรการปีงบประมาณ 2570 จากผลการประเมินปี 2568\nbased_on: 2568\nmeasures:\n  - id: m1\n")
    assert "      - 'ต่อเนื่องจากมาตรการ m1 ปีงบประมาณ 2569 (สถานะเดิม: อยู่ในแผน)'\n" in measures
    assert "      - title: มาตรการ m1 ปีงบประมาณ 2569\n        url: 2569/measures/m1/\n" in measures
    assert "results:" not in measures and "timeframe:" not in measures
    oit = (root / "content/2570/oit.yml").read_text(encoding="utf-8")
    assert oit.count("\n  - item: o") == 26 and "links: []" not in oit
    assert "  - item: o1  # โครงสร้าง หน้าที่และอำนาจ\n" in oit  # each item named where the clerk fills it in
    assert (root / "content/frameworks/2570.yml").read_text(encoding="utf-8").endswith("extends: 2569\n")
    assert main(["check", "-f", config, "--today", "2569-10-01"]) == 0
    assert main(["build", "-f", config, "-q"]) == 0
    assert 'href="../../../2569/measures/m1/"' in (root / "site/2570/measures/m1/index.html").read_text(encoding="utf-8")


@pytest.mark.slow
def test_new_year_links_its_history_right_without_directory_urls(copy_example_with_reports: Callable[[str], Path]) -> None:
    """The carried measure's link to last year's page leads there on a site built with use_directory_urls: false."""
    root = copy_example_with_reports("default")
    config = root / "site_config.yml"
    config.write_text(config.read_text(encoding="utf-8") + "\nuse_directory_urls: false\n", encoding="utf-8")
    assert main(["new-year", "2570", "-f", str(config)]) == 0
    assert main(["build", "-f", str(config), "-q"]) == 0
    page = (root / "site/2570/measures/m1.html").read_text(encoding="utf-8")
    assert 'href="../../2569/measures/m1.html"' in page and (root / "site/2569/measures/m1.html").is_file()


def test_done_measures_stay_behind(copy_example: Callable[[str], Path]) -> None:
    root = copy_example("muang-mu")
    assert main(["new-year", "2568", "-f", str(root / "site_config.yml")]) == 0
    measures = (root / "content/2568/measures.yml").read_text(encoding="utf-8")
    assert measures.startswith("# มาตรการปีงบประมาณ 2568 จากผลการประเมินปี 2567\nbased_on: 2567\nmeasures: []\n")
    assert not (root / "content/frameworks").exists()


def test_new_year_refuses_to_overwrite(copy_example: Callable[[str], Path], capsys: pytest.CaptureFixture[str]) -> None:
    root = copy_example("default")
    oit = (root / "content/2569/oit.yml").read_bytes()
    assert main(["new-year", "2569", "-f", str(root / "site_config.yml")]) == 1
    assert "มีไฟล์อยู่แล้ว ไม่เขียนทับ:" in capsys.readouterr().err
    assert (root / "content/2569/oit.yml").read_bytes() == oit
