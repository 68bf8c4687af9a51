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
