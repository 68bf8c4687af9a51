"""``itasite serve --engine properdocs|zensical``: the engine's own preview server on the published tree.

The tree lives in ``.itasite-cache/preview/`` next to the configuration. Each edit of the content, the theme or the
configuration renders the site again and rewrites only the tree's files whose bytes changed, so the engine's
watcher rebuilds just those pages. Content with errors prints its findings and leaves the last good pages served.
"""

from __future__ import annotations

import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import click

from generator.errors import ContentError, UserError
from generator.messages import both
from generator.pipeline import build_site
from generator.publish.engines import ENGINES, find_program
from generator.publish.reports import CACHE_DIR
from generator.publish.settings import SiteSettings, load_settings
from generator.publish.stage import TREE_CONFIG, stage_tree, write_tree

PREVIEW_DIR = "preview"
POLL_SECONDS = 0.3


def serve_tree(config_path: Path, dev_addr: str, engine_name: str) -> int:
    engine = ENGINES[engine_name]
    program = find_program(engine)
    settings = load_settings(config_path)
    folder = settings.root / CACHE_DIR / PREVIEW_DIR
    publish_preview(settings, folder)
    args = [str(program), *engine.serve_args, "-a", dev_addr, "-f", str(folder / TREE_CONFIG)]
    server = subprocess.Popen(args)
    seen = _snapshot(settings)
    try:
        while server.poll() is None:
            time.sleep(POLL_SECONDS)
            now = _snapshot(settings)
            if now != seen:
                seen = now
                try:
                    changed = publish_preview(load_settings(config_path), folder)
                except (ContentError, UserError) as exc:
                    click.echo(exc.report() if isinstance(exc, ContentError) else str(exc), err=True)
                    continue
                click.echo(both(f"เขียนใหม่ {len(changed)} ไฟล์", f"{len(changed)} file(s) rewritten"), err=True)
    except KeyboardInterrupt:
        server.terminate()
    return server.wait()


def publish_preview(settings: SiteSettings, folder: Path) -> list[str]:
    """Render and write the tree into ``folder``; returns the files that changed."""
    rendered = build_site(settings.content_dir, settings.root, settings.render, settings.lang)
    return write_tree(stage_tree(rendered, settings), folder, prune=True)


def _watched(settings: SiteSettings) -> Iterator[Path]:
    yield settings.config_path
    for folder in (settings.content_dir, settings.custom_dir):
        if folder is not None and folder.is_dir():
            yield from (p for p in folder.rglob("*") if p.is_file())


def _snapshot(settings: SiteSettings) -> dict[Path, tuple[float, int]]:
    stamps = {}
    for path in _watched(settings):
        try:
            stat = path.stat()
        except OSError:
            continue
        stamps[path] = (stat.st_mtime, stat.st_size)
    return stamps
