"""``itasite serve`` on MkDocs: MkDocs' build kept alive between edits, so an edit rebuilds only its own pages.

The first build is MkDocs' own (``mkdocs.commands.build.build``) of the preview tree (:class:`Preview`), with a
small plugin of ours that keeps the files, the navigation and the template environment it made. After an edit the
tree is staged again; the pages whose Markdown changed are read and rendered again on those same structures and
written, and the other changed files copied. Whatever else would change a page that was not edited — the
configuration or the navigation (``mkdocs.yml``), the theme, a file added or removed, a page's title — makes a
whole build again. MkDocs' ``LiveReloadServer`` serves the result and reloads the browser after each rebuild;
while the content has errors every page carries them in a box on top, over the last good pages.
"""

from __future__ import annotations

import gc
import logging
import shutil
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkdocs.commands import build as mkdocs_build
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, BuildError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.utils import is_markdown_file

from generator.errors import UserError
from generator.messages import both
from generator.publish.build import finish_built_site
from generator.publish.conversions import CONVERSIONS_DIR, PLUGIN, KeptConversions
from generator.publish.preview import Preview, stop_on_terminate, user_error_notice
from generator.publish.settings import load_mkdocs_config
from generator.publish.stage import DOCS
from generator.render.compiled import use_compiled_templates
from generator.render.error_page import ErrorNotice, render_error_html

log = logging.getLogger("mkdocs.plugins.itasite")

SITE_DIR = "site"
POLL_SECONDS = 0.1  # how often the watcher looks at the content: a few dozen files, so it costs next to nothing
SETTLE_SECONDS = 0.05  # waits for an editor's save (write, rename) to finish before rebuilding
CAPTURE = "itasite-preview"


@dataclass
class BuiltSite:
    """What MkDocs made in the last whole build, kept to rebuild single pages on."""

    config: MkDocsConfig
    files: Files
    nav: Navigation
    env: Any


class _Capture(BasePlugin):  # type: ignore[type-arg]
    """Keeps what MkDocs' own build makes (added after every other plugin, so it sees their result)."""

    def __init__(self) -> None:
        self.files: Files | None = None
        self.nav: Navigation | None = None
        self.env: Any = None
        self.html: dict[str, str] = {}

    def on_page_content(self, html: str, *, page: Any, config: MkDocsConfig, files: Files) -> str:
        self.html[page.file.src_uri] = html
        return html

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        self.files, self.nav = files, nav
        return nav

    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        self.env = use_compiled_templates(env)
        return self.env


class MkDocsSession:
    """MkDocs' build of one preview tree into ``site_dir``, whole or page by page."""

    def __init__(self, preview: Preview, site_dir: Path, serve_url: str) -> None:
        self.preview, self.site_dir, self.serve_url = preview, site_dir, serve_url
        self.built: BuiltSite | None = None
        self.html: dict[str, str] = {}
        """Each page's content (HTML) by its source, from the last whole build."""

    def build_all(self, *, finish: bool = True) -> str:
        """A whole build, as ``mkdocs serve`` makes it (``finish=False``: without the last checks, for a tree whose
        search index is still to come)."""
        self.built = None
        config = load_mkdocs_config(self.preview.tree_config, strict=False)
        config.site_dir, config.site_url = str(self.site_dir), self.serve_url
        capture = _Capture()
        config.plugins[CAPTURE] = capture
        kept = KeptConversions(self.preview.settings.root / CONVERSIONS_DIR)  # an edit's pages are converted anew
        config.plugins[PLUGIN] = kept
        config.plugins.on_startup(command="serve", dirty=False)
        try:
            mkdocs_build.build(config, serve_url=self.serve_url)
            kept.finish(whole=True)
        except (Abort, BuildError) as exc:
            raise UserError(str(exc)) from None
        finally:
            kept.finish(whole=False)
            config.plugins.on_shutdown()
        if finish:
            finish_built_site(self.site_dir, self.preview.settings)
        assert capture.files is not None and capture.nav is not None
        self.built = BuiltSite(config, capture.files, capture.nav, capture.env)
        self.html = capture.html
        return "all"

    def update(self, changed: list[str]) -> str:
        """Rebuild after the tree's files ``changed``; says what was rebuilt (for the log)."""
        if not changed:
            return "nothing"
        built = self.built
        docs = [path.removeprefix(f"{DOCS}/") for path in changed if path.startswith(f"{DOCS}/")]
        if built is None or len(docs) < len(changed):
            return self.build_all()  # the configuration, the navigation or the theme
        files: list[File] = []
        for path in docs:
            file = built.files.get_file_from_path(path)
            exists = (self.preview.folder / DOCS / path).is_file()
            if file is not None and exists:
                files.append(file)
            elif file is None and exists and not is_markdown_file(path):  # a new document or data file
                file = File(path, built.config.docs_dir, built.config.site_dir, built.config.use_directory_urls)
                built.files.append(file)
                files.append(file)
            elif file is not None and not file.is_documentation_page():  # a document no longer published
                built.files.remove(file)
                Path(file.abs_dest_path).unlink(missing_ok=True)
            else:  # a page added or removed
                return self.build_all()
        return self._rebuild(files, built)

    def _rebuild(self, files: list[File], built: BuiltSite) -> str:
        config, nav, env = built.config, built.nav, built.env
        inclusion = InclusionLevel.is_in_serve
        doc_files = built.files.documentation_pages(inclusion=inclusion)
        pages = [f for f in files if f.is_documentation_page() and f.page is not None]
        titles = [page.page.title for page in pages if page.page is not None]
        try:
            for file in files:
                if not file.is_documentation_page():
                    file.copy_file()
            for file in pages:
                assert file.page is not None
                mkdocs_build._populate_page(file.page, config, built.files)
        except Exception as exc:  # a page MkDocs cannot read: a whole build says it as `mkdocs build` would
            log.debug(f"rebuilding all after {exc!r}")
            return self.build_all()
        retitled = titles != [f.page.title for f in pages if f.page is not None]
        if retitled:  # every page shows every title in its navigation
            for template in config.theme.static_templates:
                mkdocs_build._build_theme_template(template, env, built.files, config, nav)
        for file in doc_files if retitled else pages:
            assert file.page is not None
            mkdocs_build._build_page(file.page, config, doc_files, nav, env, excluded=file.inclusion.is_excluded())
        return f"{len(doc_files) if retitled else len(pages)} page(s), {len(files) - len(pages)} other file(s)"


class PreviewServer(LiveReloadServer):
    """MkDocs' live-reload server, which also puts the content's errors over every page it serves."""

    problem_html = ""

    def request_rebuild(self) -> None:
        """Rebuild as after an edit (from another thread: the reports laid out)."""
        with self._rebuild_cond:
            self._want_rebuild = True
            self._rebuild_cond.notify_all()

    def show_pages(self) -> None:
        """Let the browsers reload now, before the rebuild has finished (what is left writes no page)."""
        with self._epoch_cond:
            self._visible_epoch = self._wanted_epoch
            self._epoch_cond.notify_all()

    def _inject_js_into_html(self, content: bytes, epoch: int) -> bytes:
        content = super()._inject_js_into_html(content, epoch)  # type: ignore[no-untyped-call]
        if not self.problem_html:
            return content
        body = content.find(b"<body")
        at = content.find(b">", body) + 1 if body >= 0 else 0
        return content[:at] + self.problem_html.encode() + content[at:]


def problem_box(notice: ErrorNotice) -> str:
    """The content's errors as a box over the page."""
    inner = render_error_html(notice)
    return ('<style>#itasite-preview-errors h1{font-size:1.4rem;margin:0 0 .5rem;color:inherit}</style>'
            '<div role="alert" id="itasite-preview-errors" style="position:relative;z-index:10;margin:0;'
            'padding:1rem 1.5rem;background:#fff3f3;color:#5c0000;border-bottom:4px solid #b00020;'
            f'font-size:1rem;line-height:1.6;overflow-wrap:anywhere">{inner}</div>')


def start(session: MkDocsSession, preview: Preview) -> str:
    """The first whole build, of a tree staged without the search index: the pages, which can be served from here
    (:func:`finish_start` adds the index)."""
    session.build_all(finish=False)
    return "all"


def finish_start(session: MkDocsSession, preview: Preview) -> None:
    """After the first build: the Thai index from MkDocs' own HTML of each page (each page converted once, as
    ``itasite build`` does) and the last checks of the built site."""
    session.update(preview.add_search(session.html))
    finish_built_site(session.site_dir, preview.settings)
    # What the first build keeps (MkDocs' pages and navigation, the renders kept for the next edit) lives as long as
    # the preview: out of the collector's sight, a full collection during an edit takes milliseconds, not 0.15 s.
    gc.collect()
    gc.freeze()


def serve_with_mkdocs(config_path: Path, dev_addr: str) -> int:
    """``itasite serve``: the preview on MkDocs, rebuilt page by page after each edit."""
    host, _, port = dev_addr.rpartition(":")
    if not host or not port.isdigit():
        raise UserError(both(f"ที่อยู่ไม่ถูกต้อง: {dev_addr} (ใช้รูปแบบ 127.0.0.1:8000)", f"bad address {dev_addr}"))
    stop_on_terminate()
    server = PreviewServer(builder=lambda: None, host=host, port=int(port), root=".",
                           polling_interval=POLL_SECONDS)
    preview = Preview(config_path, on_reports=server.request_rebuild)
    site_dir = preview.folder / SITE_DIR
    server.root = str(site_dir)
    server.build_delay = SETTLE_SECONDS
    session = MkDocsSession(preview, site_dir, server.url)
    building = threading.Lock()  # one build at a time: the server's rebuilds and the first build's index

    def show_problem() -> None:
        assert preview.problem is not None
        log.error(preview.report)
        server.problem_html = problem_box(preview.problem)
        if session.built is None:
            _write_placeholder(site_dir)

    def index_first_build() -> None:
        """The first build's index, while its pages are already served (the server starts meanwhile)."""
        with building:
            started = time.perf_counter()
            try:
                finish_start(session, preview)
            except UserError as exc:
                preview.problem, preview.report = user_error_notice(str(exc), preview.settings.lang), str(exc)
                show_problem()
            else:
                log.info(f"itasite: wrote the Thai search index in {time.perf_counter() - started:.2f} s")

    def rebuild() -> None:
        started = time.perf_counter()
        first = session.built is None
        changed = preview.update(search=False)
        if preview.problem is None:
            try:
                done = start(session, preview) if first else session.update(changed)
            except UserError as exc:
                preview.problem, preview.report = user_error_notice(str(exc), preview.settings.lang), str(exc)
            else:
                server.problem_html = ""
                log.info(f"itasite: rebuilt {done} in {time.perf_counter() - started:.2f} s")
                if first:
                    threading.Thread(target=index_first_build, name="itasite-first-index", daemon=True).start()
                elif preview.search_due:  # the pages are shown first; the index of their new text follows
                    server.show_pages()
                    session.update(preview.write_search())
                return
        show_problem()

    def rebuild_alone() -> None:
        with building:
            rebuild()

    server.builder = rebuild_alone
    server.error_handler = lambda code: _read(site_dir / f"{code}.html") if code in (404, 500) else None
    rebuild()
    for path in preview.watched():
        server.watch(str(path))
    try:
        server.serve()  # type: ignore[no-untyped-call]
    except KeyboardInterrupt:
        log.info("Shutting down...")
    finally:
        server.shutdown()
        preview.close()
    return 0


def _write_placeholder(site_dir: Path) -> None:
    """The page a browser gets while no build has succeeded yet: only the errors (put over it by the server)."""
    shutil.rmtree(site_dir, ignore_errors=True)
    site_dir.mkdir(parents=True)
    page = "<!doctype html><html lang=\"th\"><head><meta charset=\"utf-8\"><title>itasite</title></head><body></body></html>"
    for name in ("index.html", "404.html"):
        (site_dir / name).write_text(page, encoding="utf-8")


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None

