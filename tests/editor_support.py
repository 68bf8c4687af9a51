"""The editor of a site folder, served on a free port of 127.0.0.1 for the length of a test."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from generator.clerk.editor.server import make_editor_server
from generator.clerk.editor.session import Editor
from generator.messages import Lang
from tools.browser import in_background


@contextmanager
def running_editor(site: Path, lang: Lang = "th") -> Iterator[str]:
    """Yields the editor's base URL; stops it and removes its preview folder afterwards."""
    editor = Editor(site / "content", site, site / "site_config.yml", lang)
    try:
        with in_background(make_editor_server(editor, 0)) as url:
            yield url.rstrip("/")
    finally:
        assert editor.preview is not None
        editor.preview.remove()
