"""The preview's side of the publish stage, the same for every engine.

The tree lives in ``.itasite-cache/preview/`` next to the configuration. After each edit of the content, the theme
or the configuration, :class:`Preview` renders the site again and rewrites only the tree's files whose bytes
changed (a page's search text is converted again only when its Markdown changed), so an engine rebuilds just those
pages. Content with errors leaves the tree as it was: the last good pages stay served, with the errors shown over
them. ``itasite serve --engine properdocs|zensical`` runs the engine's own preview server on that tree; MkDocs'
preview runs in this process (:mod:`generator.publish.live`).
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import signal
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

import click

from generator.errors import ContentError, UserError
from generator.load.content import LoadMemo
from generator.memo import Memo
from generator.messages import Lang, both, say
from generator.pipeline import build_site
from generator.portal.site import source_inputs
from generator.publish.engines import ENGINES, find_program
from generator.publish.reports import CACHE_DIR, lay_out_reports
from generator.publish.settings import SiteSettings, load_settings
from generator.publish.stage import (
    DOCS,
    TREE_CONFIG,
    SearchMemo,
    Tree,
    search_index_files,
    search_memo_from_html,
    stage_tree,
    write_tree,
)
from generator.publish.word_cuts import read_word_cuts, write_word_cuts
from generator.render.error_page import ErrorNotice, error_notice
from generator.render.rendered import RenderedSite
from generator.render.reports.document import Report
from generator.render.reports.files import report_files
from generator.urls import SEARCH_INDEX_DIR

PREVIEW_DIR = "preview"
INDEX_FOLDER = f"{DOCS}/{SEARCH_INDEX_DIR}/"
POLL_SECONDS = 0.3
PACKAGE = Path(__file__).resolve().parent.parent
PACKAGE_INPUTS = (PACKAGE / "render" / "templates", PACKAGE / "frameworks")
"""What every site is made from besides its own folder: a change here (a developer's) renders the site again."""


class Preview:
    """One site's preview tree, staged again on each :meth:`update`.

    Reports whose layout is not in the cache are laid out in a worker process after the pages are written (a PDF
    takes seconds, a page milliseconds); until then the tree keeps their last version, and ``on_reports`` is
    called when they are ready (the next :meth:`update` writes them)."""

    def __init__(self, config_path: Path, on_reports: Callable[[], None] | None = None) -> None:
        self.config_path = config_path
        self.on_reports = on_reports
        self._layouts: ProcessPoolExecutor | None = None
        self._queued: list[Future[None]] = []
        self.settings = load_settings(config_path)
        self.folder = self.settings.root / CACHE_DIR / PREVIEW_DIR
        self.problem: ErrorNotice | None = None
        """While the content has errors: what to show over the last good pages, else None."""
        self.report = ""
        """The same for a terminal."""
        self._memo: SearchMemo = {}
        self._files: LoadMemo = {}
        self._kept = Memo()
        self._index = Memo()
        self._written: dict[str, bytes] = {}
        self.search_due = False
        """The pages were written without the Thai index (:meth:`write_search` writes it)."""
        self._indexed = False  # whether this preview wrote an index yet: the folder may hold an older one
        self._rendered: RenderedSite | None = None
        self._config_stamp = _stamp(config_path)
        read_word_cuts(self.settings.root)  # the last build's, so the first render cuts only new text

    @property
    def tree_config(self) -> Path:
        return self.folder / TREE_CONFIG

    def update(self, *, search: bool = True) -> list[str]:
        """Render and stage the site again; returns the tree's files written or removed (none while the content
        has errors: :attr:`problem` says which). ``search=False`` keeps the last Thai index (:meth:`add_search`,
        :meth:`write_search`)."""
        try:
            if (stamp := _stamp(self.config_path)) != self._config_stamp:
                self.settings, self._config_stamp = load_settings(self.config_path), stamp
            settings = self.settings
            rendered = build_site(settings.content_dir, settings.root, settings.render, settings.lang, self._files,
                                  self._kept)
            tree = stage_tree(rendered, settings, memo=self._memo, lay_out=False, search=False, kept=self._kept)
        except ContentError as exc:
            self.problem, self.report = error_notice(exc.findings, self.settings.lang), exc.report()
            return []
        except UserError as exc:
            self.problem, self.report = user_error_notice(str(exc), self.settings.lang), str(exc)
            return []
        self.problem, self.report = None, ""
        self._kept.end_round()
        if self._rendered is None:  # the first good render: its cuts for the next start (or build) of the site
            write_word_cuts(settings.root)
        self._rendered = rendered
        files = dict(tree.files)
        for path in (f"{DOCS}/{path}" for report in tree.pending for path in report_files(report)):
            if (self.folder / path).is_file():
                files[path] = self.folder / path  # the last one laid out, until the new one is
        changed = write_tree(Tree(files), self.folder, prune=True, spare=(INDEX_FOLDER,), written=self._written)
        self.search_due = settings.thai_search
        if search:
            changed += self.write_search()
        if tree.pending:
            self._lay_out(list(tree.pending), rendered.date)
        return changed

    def write_search(self) -> list[str]:
        """Write the Thai index of the last :meth:`update` from the pages' Markdown (only the pages that changed
        are converted and indexed again); returns the files written or removed."""
        if self._rendered is None or not self.search_due:
            return []
        files = search_index_files(self._rendered, self.settings, self._memo, self._index)
        self._index.end_round()
        return self._write_index(files)

    def add_search(self, html: dict[str, str]) -> list[str]:
        """Write the Thai index of the last :meth:`update` from an engine's HTML of each page (``{source: page
        content}``); returns the files written or removed."""
        if self._rendered is None or not self.settings.thai_search:
            return []
        self._memo = search_memo_from_html(self._rendered, self.settings, html)
        files = search_index_files(self._rendered, self.settings, self._memo, self._index)
        self._index.end_round()
        return self._write_index(files)

    def _write_index(self, files: dict[str, bytes]) -> list[str]:
        self.search_due = False
        index = {f"{DOCS}/{path}": data for path, data in files.items()}
        changed = []
        for path, data in index.items():
            if self._written.get(path) != data:
                target = self.folder / path
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(data)
                self._written[path] = data
                changed.append(path)
        if any(p.startswith(INDEX_FOLDER) for p in self._written.keys() - index.keys()) or not self._indexed:
            on_disk = (p.relative_to(self.folder).as_posix() for p in (self.folder / INDEX_FOLDER).rglob("*") if p.is_file())
            for path in sorted(set(on_disk) - index.keys()):  # a previous index's shards and pages
                (self.folder / path).unlink()
                self._written.pop(path, None)
                changed.append(path)
        self._indexed = True
        return changed

    def _lay_out(self, reports: list[Report], date: dt.date) -> None:
        for queued in self._queued:
            queued.cancel()  # laid out for content that has changed since: only the newest counts
        if self._layouts is None:  # spawned, not forked: this process runs the server's threads
            self._layouts = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"),
                                                initializer=_exit_with, initargs=(os.getpid(),))
        future = self._layouts.submit(lay_out_reports, reports, date, self.settings.root / CACHE_DIR)
        future.add_done_callback(self._laid_out)
        self._queued = [future]

    def _laid_out(self, future: Future[None]) -> None:
        if future.cancelled():
            return
        if (error := future.exception()) is not None:
            click.echo(str(error), err=True)  # a machine without Pango: the message says what to install
            return
        if self.on_reports is not None:
            self.on_reports()

    def close(self) -> None:
        if self._layouts is not None:
            self._layouts.shutdown(wait=False, cancel_futures=True)
            self._layouts = None

    def watched(self) -> list[Path]:
        """The files and folders whose change calls for an :meth:`update`."""
        paths = [self.config_path, self.settings.content_dir, *PACKAGE_INPUTS]
        if self.settings.custom_dir is not None:
            paths.append(self.settings.custom_dir)
        paths += source_inputs(self.settings.content_dir, self.settings.root)  # a portal's organisation folders
        return [p for p in paths if p.exists()]


def user_error_notice(message: str, lang: Lang) -> ErrorNotice:
    """A problem that is not in one content file (the configuration, a page at a generator's address)."""
    return ErrorNotice(say(lang, "ยังแสดงเว็บไซต์ไม่ได้", "The site cannot be shown yet"),
                       say(lang, "แก้ไขตามข้อความนี้แล้วบันทึก หน้านี้จะโหลดใหม่เอง", "Fix this and save; this page reloads by itself."),
                       [message])


def serve_tree(config_path: Path, dev_addr: str, engine_name: str) -> int:
    """``itasite serve --engine NAME`` for an engine that runs as its own program."""
    engine = ENGINES[engine_name]
    program = find_program(engine)
    ready = threading.Event()
    stop_on_terminate()
    preview = Preview(config_path, on_reports=ready.set)
    preview.update()
    if preview.problem is not None:
        preview.close()
        raise UserError(preview.report)  # no good pages to show yet
    args = [str(program), *engine.serve_args, "-a", dev_addr, "-f", str(preview.tree_config)]
    server = subprocess.Popen(args)
    seen = _snapshot(preview.settings)
    try:
        while server.poll() is None:
            time.sleep(POLL_SECONDS)
            now = _snapshot(preview.settings)
            if now != seen or ready.is_set():
                seen = now
                ready.clear()
                changed = preview.update()
                if preview.problem is not None:
                    click.echo(preview.report, err=True)
                else:
                    click.echo(both(f"เขียนใหม่ {len(changed)} ไฟล์", f"{len(changed)} file(s) rewritten"), err=True)
    except KeyboardInterrupt:
        server.terminate()
    finally:
        preview.close()
    return server.wait()


def _exit_with(parent: int) -> None:
    """In the report worker: end when the preview does, however it ended (``kill -9`` included)."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1)
        os._exit(0)

    threading.Thread(target=watch, daemon=True).start()


def stop_on_terminate() -> None:
    """``kill`` (SIGTERM, as a service manager or a test stops the preview) ends it as Ctrl+C does, so the report
    worker is stopped too instead of living on."""

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, interrupt)


def _stamp(path: Path) -> tuple[float, int] | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return stat.st_mtime, stat.st_size


def _watched(settings: SiteSettings) -> Iterator[Path]:
    yield settings.config_path
    for path in (settings.content_dir, settings.custom_dir, *source_inputs(settings.content_dir, settings.root)):
        if path is not None and path.is_dir():
            yield from (p for p in path.rglob("*") if p.is_file())
        elif path is not None and path.is_file():
            yield path


def _snapshot(settings: SiteSettings) -> dict[Path, tuple[float, int] | None]:
    return {path: _stamp(path) for path in _watched(settings)}
