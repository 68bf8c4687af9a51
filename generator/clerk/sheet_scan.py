"""A streaming look at one worksheet's XML before openpyxl reads it: how far its cells and merged ranges reach, which
cells are merged and which formulas were saved without a value. The tree never holds more than the open elements,
and the scan stops at the first place past the limits, so a hostile sheet (one cell at XFD1048576, a merge over the
whole sheet, a million empty elements) is refused at once."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import IO
from xml.etree.ElementTree import Element, iterparse

from openpyxl.utils.cell import coordinate_to_tuple, range_boundaries

MAX_ROWS = 5_000
MAX_COLUMNS = 50
MAX_ELEMENTS = 4 * MAX_ROWS * MAX_COLUMNS  # a full sheet of formulas needs three per cell (c, f, v)

Place = tuple[int, int]  # (row, column), both from 1


@dataclass
class SheetScan:
    """What one worksheet holds, as far as reading it safely is concerned."""

    rows: int = 0  # how far the cells and merged ranges reach
    columns: int = 0
    too_far: Place | None = None  # the first place past the limits; the scan stopped there
    merged: dict[Place, str] = field(default_factory=dict)  # every merged cell → its range ("C2:C3")
    uncalculated: set[Place] = field(default_factory=set)  # formulas saved without a value

    def reach(self, row: int, column: int) -> None:
        if self.too_far is None and (row > MAX_ROWS or column > MAX_COLUMNS):
            self.too_far = (row, column)
        self.rows, self.columns = max(self.rows, row), max(self.columns, column)


def scan_sheet(source: IO[bytes]) -> SheetScan:
    """Scan a worksheet part (``xl/worksheets/sheet1.xml``); raises on XML that is not well formed."""
    scan = SheetScan()
    open_elements: list[Element] = []
    row = column = cells = elements = 0
    formula = value = False
    for event, element in iterparse(source, events=("start", "end")):
        tag = element.tag.rpartition("}")[2]
        if event == "start":
            open_elements.append(element)
            elements += 1
            if tag == "row":
                row, column, cells = int(element.get("r") or row + 1), 0, 0
            elif tag == "c":
                row, column = coordinate_to_tuple(element.get("r")) if element.get("r") else (row, column + 1)
                cells, formula, value = cells + 1, False, False
                scan.reach(row, column if cells <= MAX_COLUMNS else MAX_COLUMNS + 1)
            elif tag in ("dimension", "mergeCell"):
                _read_range(scan, element.get("ref") or "A1", merged=tag == "mergeCell")
            if scan.too_far is None and elements > MAX_ELEMENTS:
                scan.too_far = (max(row, 1), max(column, 1))
            if scan.too_far:
                return scan
            continue
        open_elements.pop()
        if tag == "f":
            formula = True
        elif tag == "v":
            value = bool(element.text)
        elif tag == "c" and formula and not value and element.get("t") != "str":  # t="str" with no value: ""
            scan.uncalculated.add((row, column))
        if open_elements:
            del open_elements[-1][:]  # what has been read is let go
    return scan


def _read_range(scan: SheetScan, ref: str, *, merged: bool) -> None:
    """A declared used range (``<dimension>``) or a merged range: both count as reached."""
    bounds = range_boundaries(ref)
    if None in bounds or min(bounds) < 1:
        raise ValueError(f"not a range of cells: {ref!r}")
    min_col, min_row, max_col, max_row = bounds
    scan.reach(max_row, max_col)
    if not merged or scan.too_far:
        return
    area = (max_row - min_row + 1) * (max_col - min_col + 1)
    if len(scan.merged) + area > MAX_ROWS * MAX_COLUMNS:  # overlapping merges could otherwise cover a sheet many times
        scan.too_far = (max_row, max_col)
        return
    for r in range(min_row, max_row + 1):
        for c in range(min_col, max_col + 1):
            scan.merged[(r, c)] = ref
