"""The preview behind the editor's "see this page" link: the whole site built by MkDocs (with the itasite plugin,
as ``itasite build`` does) into a scratch folder, rebuilt on the first visit after a save."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import yaml

from generator.urls import UrlScheme


class _ConfigLoader(yaml.SafeLoader):
    """Reads a MkDocs configuration for one setting: its tags (``!ENV``, ``!!python/name:…``) are read as plain
    values and nothing they name is run or imported."""


_ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def site_url_scheme(config_path: Path) -> UrlScheme:
    """The address scheme the site is built with: MkDocs' ``use_directory_urls`` (true unless the configuration
    says false); a configuration that cannot be read is built by MkDocs' default, as the preview's build reports."""
    try:
        config = yaml.load(config_path.read_text(encoding="utf-8"), Loader=_ConfigLoader)  # noqa: S506 (safe loader)
    except (OSError, UnicodeError, yaml.YAMLError):
        return UrlScheme()
    setting = config.get("use_directory_urls", True) if isinstance(config, dict) else True
    return UrlScheme(directory_urls=setting is not False)


class Preview:
    """A built copy of the site, out of date after every save until it is visited again."""

    def __init__(self, config_path: Path) -> None:
        self.config_path = config_path
        self.scratch: Path | None = None  # made at the first preview, removed when the editor stops
        self.stale = True
        self.lock = threading.Lock()

    @property
    def folder(self) -> Path:
        if self.scratch is None:
            self.scratch = Path(tempfile.mkdtemp(prefix="itasite-preview-"))
        return self.scratch / "site"

    def remove(self) -> None:
        """Delete the scratch folder (when the editor stops)."""
        if self.scratch is not None:
            shutil.rmtree(self.scratch, ignore_errors=True)
            self.scratch = None

    def mark_stale(self) -> None:
        self.stale = True

    def ensure_built(self) -> str:
        """Build when out of date; returns MkDocs' error output ("" when the preview is ready)."""
        with self.lock:
            if not self.stale:
                return ""
            env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
            done = subprocess.run(
                [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(self.config_path), "-d", str(self.folder)],
                capture_output=True, text=True, env=env, cwd=self.config_path.parent, check=False,
            )
            if done.returncode != 0:
                return done.stderr or done.stdout
            self.stale = False
            return ""
