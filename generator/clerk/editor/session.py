"""One site being edited: its folders, the editor's language, the host names it answers to, the lock every write
takes and the preview of the site as built."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from generator.clerk.editor.preview import Preview, site_url_scheme
from generator.messages import Lang, say
from generator.urls import UrlScheme


@dataclass
class Editor:
    """One site being edited."""

    content_dir: Path
    root: Path
    config_path: Path
    lang: Lang = "th"
    allowed_hosts: set[str] = field(default_factory=set)
    lock: threading.Lock = field(default_factory=threading.Lock)
    preview: Preview | None = None

    @cached_property
    def urls(self) -> UrlScheme:
        """The site's address scheme (its ``use_directory_urls``), for the preview links."""
        return site_url_scheme(self.config_path)

    def t(self, th: str, en: str) -> str:
        return say(self.lang, th, en)
