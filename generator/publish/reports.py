"""The report documents of a build, from a cache when their content has not changed.

Laying out a PDF costs about a second (WeasyPrint), more than the rest of the default site's build. A report's
bytes depend only on its blocks (:class:`Report`), its date and the code and font that render it, so they are
kept in ``.itasite-cache/reports/`` under a hash of exactly those: a changed measure, date, renderer or library
version gives a new hash and a new rendering, and the same inputs give the same bytes whether rendered or read."""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib.metadata
import os
import tempfile
from pathlib import Path

from generator.render.reports.document import Report
from generator.render.reports.files import render_report_docx, render_report_pdf, report_files

CACHE_DIR = ".itasite-cache"
CACHE_FOLDER = "reports"
RENDERER = Path(__file__).resolve().parent.parent / "render" / "reports"
LIBRARIES = ("weasyprint", "pydyf", "fonttools", "python-docx")


def _renderer_fingerprint() -> str:
    """The code, fonts and library versions that turn a report into bytes."""
    digest = hashlib.sha256()
    for path in sorted(RENDERER.rglob("*")):
        if path.is_file() and path.suffix in (".py", ".woff2"):
            digest.update(path.name.encode() + path.read_bytes())
    for name in LIBRARIES:
        digest.update(f"{name}={importlib.metadata.version(name)}".encode())
    return digest.hexdigest()


def report_key(report: Report, date: dt.date, fingerprint: str) -> str:
    return hashlib.sha256(f"{fingerprint}\n{date.isoformat()}\n{report!r}".encode()).hexdigest()[:32]


def _write_atomically(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
    os.replace(tmp, path)


def build_reports(reports: list[Report], date: dt.date, cache_dir: Path | None, prune: bool = False) -> dict[str, bytes]:
    """``{site path: bytes}`` of every report's PDF and DOCX; with ``cache_dir``, unchanged reports are read from it
    (and with ``prune``, the entries this build did not use are removed: a site build, which uses every report)."""
    fingerprint = _renderer_fingerprint() if cache_dir is not None else ""
    files: dict[str, bytes] = {}
    used: set[str] = set()
    for report in reports:
        pdf_path, docx_path = report_files(report)
        if cache_dir is None:
            files[pdf_path], files[docx_path] = render_report_pdf(report, date), render_report_docx(report, date)
            continue
        key = report_key(report, date, fingerprint)
        for path, render in ((pdf_path, render_report_pdf), (docx_path, render_report_docx)):
            cached = cache_dir / CACHE_FOLDER / f"{key}{Path(path).suffix}"
            used.add(cached.name)
            try:
                files[path] = cached.read_bytes()
            except OSError:
                files[path] = render(report, date)
                try:
                    _write_atomically(cached, files[path])
                except OSError:
                    pass  # a read-only folder: the build still succeeds, only slower next time
    if prune and cache_dir is not None and (cache_dir / CACHE_FOLDER).is_dir():
        for old in (cache_dir / CACHE_FOLDER).iterdir():
            if old.name not in used and not old.name.startswith(".tmp-"):
                old.unlink(missing_ok=True)
    return dict(sorted(files.items()))
