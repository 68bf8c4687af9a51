"""Build into a sibling folder and put it in place only when the build succeeded: a failed build never touches the
site that is already published, and no moment leaves the site missing.

The swap exchanges the two folders in one step where Linux offers it (``renameat2(RENAME_EXCHANGE)``); elsewhere
it renames the old folder aside and the new one in, and the next build puts a site back that a kill between the
two renames left aside. Folders left by killed builds (``site.tmp-<pid>``, ``site.old-<pid>`` of a process that is
gone) are removed by the next build.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import re
import shutil
import stat
from pathlib import Path

from generator.errors import UserError
from generator.messages import both

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


class StagingError(UserError):
    """The site folder cannot be replaced (read-only, or its parent folder cannot be written)."""


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one step; False when the system cannot (then the caller renames twice)."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    return bool(renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class Staging:
    """``site/`` is built in ``site.tmp-<pid>/`` and swapped in by :meth:`finish`."""

    def __init__(self, final: Path) -> None:
        self.final = final
        self.folder = final.parent / f"{final.name}.tmp-{os.getpid()}"
        self._recover()
        if final.is_dir() and not final.stat().st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
            raise StagingError(both(
                f"โฟลเดอร์ {final} เป็นแบบอ่านอย่างเดียว จึงไม่แทนที่ ถ้าต้องการสร้างเว็บไซต์ใหม่ ให้เปิดสิทธิ์เขียนก่อน",
                f"{final} is read-only, so it was not replaced; make it writable to build",
            ))
        try:
            shutil.rmtree(self.folder, ignore_errors=True)
            self.folder.mkdir(parents=True)
        except OSError as exc:
            raise StagingError(both(
                f"สร้างโฟลเดอร์ {self.folder} ไม่ได้ ({exc.strerror}) ให้ตรวจสิทธิ์เขียนของโฟลเดอร์ {final.parent}",
                f"cannot create {self.folder}: check that {final.parent} can be written",
            )) from None

    def _recover(self) -> None:
        """Put back a site a killed build left aside, and remove what killed builds left behind."""
        pattern = re.compile(rf"^{re.escape(self.final.name)}\.(tmp|old)-([0-9]+)$")
        leftovers = sorted(self.final.parent.glob(f"{self.final.name}.*-*")) if self.final.parent.is_dir() else []
        for path in leftovers:
            match = pattern.match(path.name)
            if not match or _alive(int(match.group(2))) and int(match.group(2)) != os.getpid():
                continue
            if match.group(1) == "old" and not self.final.exists():
                path.rename(self.final)
            else:
                shutil.rmtree(path, ignore_errors=True)

    def finish(self, succeeded: bool) -> None:
        """Swap the new site in, or throw the new one away."""
        if not succeeded:
            shutil.rmtree(self.folder, ignore_errors=True)
            return
        if self.final.exists() and _exchange(self.folder, self.final):
            shutil.rmtree(self.folder, ignore_errors=True)  # it now holds the previous site
            return
        old = self.final.parent / f"{self.final.name}.old-{os.getpid()}"
        if self.final.exists():
            self.final.rename(old)
        self.folder.rename(self.final)
        shutil.rmtree(old, ignore_errors=True)
