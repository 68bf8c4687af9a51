"""Build into a sibling folder and put it in place only when the build succeeded: a failed build never touches
the site that is already published."""

from __future__ import annotations

import os
import shutil
from pathlib import Path


class Staging:
    """``site/`` is built in ``site.tmp-<pid>/`` and swapped in by :meth:`finish`."""

    def __init__(self, final: Path) -> None:
        self.final = final
        self.folder = final.parent / f"{final.name}.tmp-{os.getpid()}"
        shutil.rmtree(self.folder, ignore_errors=True)

    def finish(self, succeeded: bool) -> None:
        """Swap the new site in (keeping the old one until the new one is in place), or throw the new one away."""
        if not succeeded:
            shutil.rmtree(self.folder, ignore_errors=True)
            return
        old = self.final.parent / f"{self.final.name}.old-{os.getpid()}"
        if self.final.exists():
            self.final.rename(old)
        self.folder.rename(self.final)
        shutil.rmtree(old, ignore_errors=True)
