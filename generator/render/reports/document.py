"""A report as plain blocks (headings, paragraphs, tables, a chart, signatures), made once from the model and written
out twice: as HTML for the PDF (:mod:`.pdf_html`) and as Word XML (:mod:`.docx`). Both show the same text."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from markupsafe import Markup

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
    """An inline SVG chart (PDF only: the Word document has the same numbers in the table after it)."""

    svg: Markup


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


def split_row(row: tuple[Cell, ...]) -> list[tuple[Cell, ...]]:
    """A row as rows of one paragraph per cell (a cell with fewer paragraphs is empty further down)."""
    depth = max(len(c) for c in row)
    return [tuple((c[i],) if i < len(c) else () for c in row) for i in range(depth)]
