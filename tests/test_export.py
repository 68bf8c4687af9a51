"""itasite export (generator/clerk/export.py): four sheets with Thai headers, and one CSV per sheet."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import load_workbook

from generator.cli import main


def test_export_writes_thai_headers_and_csv(copy_example: Callable[[str], Path], tmp_path: Path) -> None:
    root = copy_example("muang-mu")
    out = tmp_path / "x.xlsx"
    assert main(["export", "-f", str(root / "site_config.yml"), "--year", "2567", "-o", str(out), "--csv", str(tmp_path / "csv")]) == 0
    book = load_workbook(out)
    assert book.sheetnames == ["มาตรการ", "ผลการดำเนินงาน", "คะแนน", "OIT"]
    assert [c.value for c in book["มาตรการ"][1]][:3] == ["รหัส", "ลำดับ", "มาตรการ"]
    assert [c.value for c in book["คะแนน"][2]] == ["คะแนนรวม", None, None, book["คะแนน"]["D2"].value]
    assert sorted(p.name for p in (tmp_path / "csv").iterdir()) == ["x.measures.csv", "x.oit.csv", "x.results.csv", "x.scores.csv"]
    text = (tmp_path / "csv" / "x.scores.csv").read_text(encoding="utf-8-sig")
    assert text.startswith("ประเภท,ตัวชี้วัด,รหัส,คะแนน\nคะแนนรวม,,,")


def test_export_of_an_unknown_year_names_the_known_ones(
    copy_example: Callable[[str], Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = copy_example("muang-mu")
    out = tmp_path / "x.xlsx"
    assert main(["export", "-f", str(root / "site_config.yml"), "--year", "2599", "-o", str(out)]) == 1
    assert capsys.readouterr().err == "ไม่มีข้อมูลปี 2599 ในเนื้อหา (no content for 2599); มี/has: 2566, 2567\n"
    assert not out.exists()


# Text a spreadsheet would run or change: formulas (OWASP CSV injection), an error code, quotes typed by hand.
HOSTILE = [
    "=> จัดประชุมคณะทำงาน",
    '=HYPERLINK("http://evil.example/","คลิก")',
    "=cmd|' /C calc'!A0",
    "+66 2 123 4567",
    "-เจ้าหน้าที่ทุกคน",
    "@SUM(1+1)",
    "#N/A",
    "'ข้อความในเครื่องหมายคำพูด'",
    "'=1+1",
]


def add_hostile_text(root: Path) -> None:
    """HOSTILE text in the default site's 2569: a measure's number, title and timeframe, a result's actions and outcome,
    an OIT link title."""
    path = root / "content/2569/measures.yml"
    text = path.read_text(encoding="utf-8")
    for old, new in (('number: "๑"', f"number: {_quoted(HOSTILE[4])}"),
                     ("title: กระบวนการปฏิบัติงานที่โปร่งใสและมีประสิทธิภาพ", f"title: {_quoted(HOSTILE[1])}"),
                     ("text: ๑ ตุลาคม ๒๕๖๘ – ๓๐ กันยายน ๒๕๖๙", f"text: {_quoted(HOSTILE[5])}")):
        text = text.replace(old, new, 1)
    results = ["    results:", "      - round: 6m", "        actions:"]
    results += [f"          - {_quoted(h)}" for h in HOSTILE]
    results += ["        outcome:", '          - "=SUM(A1:A9)"']
    status = "    status: planned  # plan only; no report of a round in the seed\n"
    path.write_text(text.replace(status, status + "\n".join(results) + "\n", 1), encoding="utf-8")
    (root / "content/2569/oit.yml").write_text(
        'items:\n  - item: o1\n    links:\n      - title: "=1+1"\n        url: https://example.org/a\n', encoding="utf-8")


def _quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def export_hostile(copy_example: Callable[[str], Path], tmp_path: Path) -> tuple[Path, Path]:
    root = copy_example("default")
    add_hostile_text(root)
    out = tmp_path / "ita-2569.xlsx"
    assert main(["export", "-f", str(root / "site_config.yml"), "--year", "2569", "-o", str(out)]) == 0
    return root, out


def test_formula_like_text_is_written_as_text_never_as_a_formula(copy_example: Callable[[str], Path], tmp_path: Path) -> None:
    _, out = export_hostile(copy_example, tmp_path)
    with zipfile.ZipFile(out) as archive:
        sheets = [archive.read(n).decode() for n in archive.namelist() if n.startswith("xl/worksheets/")]
    assert not any("<f>" in xml or 't="e"' in xml for xml in sheets)  # no formula, no error value
    book = load_workbook(out)  # formulas as written, not their values
    measures, results, oit = book["มาตรการ"], book["ผลการดำเนินงาน"], book["OIT"]
    assert (measures["B2"].value, measures["C2"].value, measures["G2"].value) == (HOSTILE[4], HOSTILE[1], HOSTILE[5])
    assert results["E2"].value == "\n\n".join(HOSTILE)
    assert (results["F2"].value, oit["C2"].value) == ("=SUM(A1:A9)", "=1+1")
    for cell in (measures["B2"], measures["C2"], measures["G2"], results["E2"], results["F2"], oit["C2"]):
        assert cell.data_type == "s" and cell.quotePrefix, cell.coordinate  # Excel shows it as typed, keeps it text
    assert results["A2"].data_type == "s" and not results["A2"].quotePrefix


def test_csv_files_neutralise_formula_text(copy_example: Callable[[str], Path], tmp_path: Path) -> None:
    _, out = export_hostile(copy_example, tmp_path)
    rows = {name: list(csv.reader(io.StringIO((tmp_path / f"ita-2569.{name}.csv").read_text(encoding="utf-8-sig"))))
            for name in ("measures", "results", "oit")}
    assert rows["measures"][1][1:3] == ["'" + HOSTILE[4], "'" + HOSTILE[1]]
    assert rows["results"][1][4] == "'" + "\n\n".join(HOSTILE)  # only a cell's first character matters
    assert (rows["results"][1][5], rows["oit"][1][2]) == ("'=SUM(A1:A9)", "'=1+1")
    assert rows["measures"][2][1:3] == ["๒", "การให้บริการและระบบ E-Service"]  # other text as it is
    assert "'" + HOSTILE[7] not in (tmp_path / "ita-2569.results.csv").read_text(encoding="utf-8-sig")


def test_numbers_in_export_csv_stay_numbers(copy_example: Callable[[str], Path], tmp_path: Path) -> None:
    root = copy_example("default")
    out = tmp_path / "x.xlsx"
    assert main(["export", "-f", str(root / "site_config.yml"), "--year", "2568", "-o", str(out)]) == 0
    scores = list(csv.reader(io.StringIO((tmp_path / "x.scores.csv").read_text(encoding="utf-8-sig"))))
    assert scores[1] == ["คะแนนรวม", "", "", "94.5"]
    assert not any(cell.startswith("'") for row in scores for cell in row)
