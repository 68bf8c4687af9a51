"""A report as plain blocks (headings, paragraphs, tables, a chart, signatures), made once from the model and written
out twice: as HTML for the PDF (:mod:`.pdf_html`) and as Word XML (:mod:`.docx`). Both show the same text."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

ReportKind = Literal["measures", "result"]
REPORT_KINDS: tuple[ReportKind, ...] = ("measures", "result")


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 2


@dataclass(frozen=True)
class Paragraph:
    text: str
    bold: bool = False
    centred: bool = False


@dataclass(frozen=True)
class Line:
    """One paragraph of a table cell; ``indent`` steps of sub-steps."""

    text: str
    bold: bool = False
    indent: int = 0


Cell = tuple[Line, ...]


@dataclass(frozen=True)
class Table:
    """A table whose header row repeats on every page and whose rows are never cut between pages. ``widths`` are
    relative column widths; ``numeric`` columns are right-aligned."""

    header: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    widths: tuple[int, ...]
    numeric: tuple[int, ...] = ()
    split: bool = False
    """Print a row as several rows, one paragraph of each cell in each, drawn as one: a page may break between
    them, never inside a paragraph (a measure's steps can be longer than a page)."""


@dataclass(frozen=True)
class Chart:
    """Horizontal bars on a 0–100 scale with the pass mark as a dashed line (PDF only: the Word document has the same
    numbers in the table after it). Drawn with HTML boxes, not the site's SVG: WeasyPrint's SVG text does not shape
    Thai (its marks stand apart on dotted circles)."""

    title: str
    bars: tuple[tuple[str, float, str], ...]
    """(label, value, value as shown)"""
    mark: float
    mark_label: str


@dataclass(frozen=True)
class Signer:
    role: str
    name: str | None
    position: tuple[str, ...]


@dataclass(frozen=True)
class Signatures:
    signers: tuple[Signer, ...]


Block = Heading | Paragraph | Table | Chart | Signatures


@dataclass(frozen=True)
class Report:
    """One report document: its title lines, the running head printed on every page, its blocks, and the date that
    stamps the files (the site's date, so the same content gives the same bytes)."""

    kind: ReportKind
    year: int
    title: tuple[str, ...]
    running_head: str
    thai_digits: bool
    blocks: list[Block] = field(default_factory=list)
    landscape: bool = False
    subject: str = ""
    author: str = ""


def cell(*texts: str, bold: bool = False) -> Cell:
    """A table cell of one or more paragraphs (empty texts dropped; a lone dash when nothing is left)."""
    lines = tuple(Line(t, bold=bold) for t in texts if t)
    return lines or (Line("–"),)


SHORT_CELL = 300
"""Characters of a cell that stays whole in the first part of a split row (a title with its indicator, owners, a
date span): only long cells are spread over the parts."""


def split_row(row: tuple[Cell, ...]) -> list[tuple[Cell, ...]]:
    """A row as rows of one paragraph per long cell; a short cell is whole in the first part, empty below."""
    short = [sum(len(line.text) for line in c) <= SHORT_CELL for c in row]
    spread = [((c,) if is_short else tuple((line,) for line in c)) for c, is_short in zip(row, short, strict=True)]
    depth = max(len(parts) for parts in spread)
    return [tuple(parts[i] if i < len(parts) else () for parts in spread) for i in range(depth)]
