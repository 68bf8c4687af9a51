"""The report documents of a build, from a cache when their content has not changed.

Laying out a PDF costs about a second (WeasyPrint), more than the rest of the default site's build. A report's
bytes depend only on its blocks (:class:`Report`), its date and the code and font that render it, so they are
kept in ``.itasite-cache/reports/`` under a hash of exactly those: a changed measure, date, renderer or library
version gives a new hash and a new rendering, and the same inputs give the same bytes whether rendered or read.

A cold build lays each distinct document out once (two reports with the same content share one rendering) and,
with more than one PDF to lay out and more than one CPU, lays the PDFs out in forked worker processes (WeasyPrint
is single-threaded and holds the GIL) when CPUs are free; the DOCX files (milliseconds each) are written in the
parent meanwhile. Workers or not, the bytes are the same."""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import hashlib
import importlib.metadata
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from generator.memo import Memo
from generator.render.reports.document import Report
from generator.render.reports.files import render_report_docx, render_report_pdf, report_files

if TYPE_CHECKING:
    from concurrent.futures import Future

CACHE_DIR = ".itasite-cache"
CACHE_FOLDER = "reports"
RENDERER = Path(__file__).resolve().parent.parent / "render" / "reports"
LIBRARIES = ("weasyprint", "pydyf", "fonttools", "python-docx")


@functools.cache
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


Renderer = Callable[[Report, dt.date], bytes]


def _workers(pdfs: int) -> int:
    """How many processes lay the PDFs out: one per PDF, as many as there are CPUs left free (as ``make -l`` does:
    the load average, this process counted as free). Measured on 2 CPUs shared with other jobs (load average 5 to 7),
    2 workers took 2.41 s against 2.24 s for one: where no CPU is free, forking only adds the workers' start."""
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cpus = os.cpu_count() or 1
    try:
        free = cpus - os.getloadavg()[0] + 1
    except OSError:
        free = cpus
    return max(1, min(pdfs, cpus, round(free)))


def render_documents(jobs: dict[str, tuple[Report, Renderer]], date: dt.date) -> dict[str, bytes]:
    """``{key: bytes}`` of each job (a report and its renderer); the PDFs in worker processes when it pays."""
    import multiprocessing  # noqa: PLC0415 - only a build that lays a document out again
    from concurrent.futures import ProcessPoolExecutor  # noqa: PLC0415

    pdfs = [key for key, (_, render) in jobs.items() if render is render_report_pdf]
    workers = _workers(len(pdfs))
    if workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return {key: render(report, date) for key, (report, render) in jobs.items()}
    from generator.render.reports.pdf import load_weasyprint

    load_weasyprint()  # imported once, before forking, not once per worker
    done: dict[str, bytes] = {}
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
        futures: dict[str, Future[bytes]] = {key: pool.submit(jobs[key][1], jobs[key][0], date) for key in pdfs}
        for key, (report, render) in jobs.items():
            if key not in futures:
                done[key] = render(report, date)
        for key, future in futures.items():
            done[key] = future.result()
    return done


def build_reports(reports: list[Report], date: dt.date, cache_dir: Path | None, prune: bool = False) -> dict[str, bytes]:
    """``{site path: bytes}`` of every report's PDF and DOCX; with ``cache_dir``, unchanged reports are read from it
    (and with ``prune``, the entries this build did not use are removed: a site build, which uses every report)."""
    fingerprint = _renderer_fingerprint() if cache_dir is not None else ""
    files: dict[str, bytes] = {}
    used: set[str] = set()
    jobs: dict[str, tuple[Report, Renderer]] = {}  # cache file name → what lays it out
    wanted: dict[str, str] = {}  # site path → cache file name
    for report in reports:
        key = report_key(report, date, fingerprint)
        for path, render in zip(report_files(report), (render_report_pdf, render_report_docx), strict=True):
            name = f"{key}{Path(path).suffix}"
            wanted[path] = name
            if cache_dir is not None:
                used.add(name)
                try:
                    files[path] = (cache_dir / CACHE_FOLDER / name).read_bytes()
                    continue
                except OSError:
                    pass
            jobs.setdefault(name, (report, render))
    rendered = render_documents(jobs, date)
    for path, name in wanted.items():
        if path in files:
            continue
        files[path] = rendered[name]
        if cache_dir is not None:
            try:
                _write_atomically(cache_dir / CACHE_FOLDER / name, rendered[name])
            except OSError:
                pass  # a read-only folder: the build still succeeds, only slower next time
    if prune and cache_dir is not None:
        prune_entries(cache_dir / CACHE_FOLDER, used, lambda name: not name.startswith(".tmp-"))
    return dict(sorted(files.items()))


def is_own_folder(folder: Path) -> bool:
    """A cache folder that is there or not, but not a link to a folder elsewhere (whose files are not ours)."""
    return not folder.is_symlink() and (folder.is_dir() or not folder.exists())


def prune_entries(folder: Path, used: set[str], is_entry: Callable[[str], bool]) -> None:
    """Remove the files of a cache folder whose names are entries this build did not use; nothing else."""
    if not folder.is_dir() or not is_own_folder(folder):
        return
    with contextlib.suppress(OSError):
        for old in folder.iterdir():
            if is_entry(old.name) and old.name not in used and not old.is_dir():
                with contextlib.suppress(OSError):  # another build's pruning may have been first
                    old.unlink()


def cached_reports(reports: list[Report], date: dt.date, cache_dir: Path,
                   kept: Memo | None = None) -> tuple[dict[str, bytes], list[Report]]:
    """``{site path: bytes}`` of the reports whose documents are all in the cache, and the reports that are not
    (to lay out later: a preview shows its pages first). ``kept`` (a preview's) holds the documents found before,
    so an unchanged report is not read from the cache again."""
    fingerprint = _renderer_fingerprint()
    files: dict[str, bytes] = {}
    missing: list[Report] = []
    for report in reports:
        name = ("report-files", report.year, report.kind)
        found = kept.recall(name) if kept is not None else None
        if found is None or found[0] != (report, date):
            key = report_key(report, date, fingerprint)
            try:
                found = ((report, date), {path: (cache_dir / CACHE_FOLDER / f"{key}{Path(path).suffix}").read_bytes()
                                          for path in report_files(report)})
            except OSError:
                missing.append(report)
                continue
        if kept is not None:
            kept.keep(name, found)
        files |= found[1]
    return dict(sorted(files.items())), missing


def lay_out_reports(reports: list[Report], date: dt.date, cache_dir: Path) -> None:
    """Lay the reports out into the cache (a preview's worker process)."""
    build_reports(reports, date, cache_dir)
