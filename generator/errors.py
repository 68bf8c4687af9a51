"""Located findings about the content, and the one exception the command line turns into exit code 1."""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from pathlib import Path


class Severity(enum.StrEnum):
    error = "error"
    warning = "warning"
    # Judged against the calendar (a deadline passed, a round not yet reported): printed by ``check``, never a reason
    # to fail it, so the same commit passes CI on any day.
    reminder = "reminder"


@dataclass(frozen=True, order=True)
class Finding:
    """One problem in the content, printed as ``file:line:col: key.path: message``, or ``file:sheet!D3: message``
    in a workbook (``cell`` set; ``line`` and ``col`` are then the cell's row and column)."""

    file: str
    line: int
    col: int
    path: str
    message: str
    severity: Severity = Severity.error
    cell: str = ""

    def format(self) -> str:
        where = f"{self.file}:{self.cell}" if self.cell else f"{self.file}:{self.line}:{self.col}"
        tag = "" if self.severity is Severity.error else f"{self.severity.value}: "
        return f"{where}: {self.path}: {tag}{self.message}" if self.path else f"{where}: {tag}{self.message}"


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def format_path(parts: tuple[str | int, ...]) -> str:
    """``("measures", 2, "title")`` → ``measures[3].title``: items count from 1, as a clerk counts them (the third
    measure is ``measures[3]``); a control character in a key is shown as ``\\x00``."""
    out = ""
    for part in parts:
        if isinstance(part, int):
            out += f"[{part + 1}]"
            continue
        shown = _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", part)
        out += f".{shown}" if out else shown
    return out


def display_path(path: Path, root: Path) -> str:
    """A file name as the clerk knows it: relative to the site folder when possible."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def sort_findings(findings: list[Finding]) -> list[Finding]:
    """Errors in file order, so the report reads top to bottom like the files."""
    return sorted(set(findings), key=lambda f: (f.file, f.line, f.col, f.path, f.message))


class ContentError(Exception):
    """The content cannot be built. Carries every finding; the CLI prints them and exits 1."""

    def __init__(self, findings: list[Finding]) -> None:
        self.findings = sort_findings(findings)
        super().__init__(self.report())

    def report(self) -> str:
        errors = [f for f in self.findings if f.severity is Severity.error]
        lines = [f.format() for f in self.findings]
        lines.append(f"พบข้อผิดพลาด {len(errors)} รายการ ยังไม่ได้สร้างเว็บไซต์ (found {len(errors)} error(s); nothing was written)")
        return "\n".join(lines)


class UserError(Exception):
    """A problem the user can fix that is not about one place in the content (missing config, bad option)."""
