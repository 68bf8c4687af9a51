"""The default site and the examples built once per test run and shared by every module that only reads them, in
either of make test's processes (pytest-xdist).

A build of the default site costs about 5 s of CPU (3 of them laying out its PDF reports), and test_e2e, both site
browser modules and the search browser test read the same builds. The first process to ask for a site builds it
(``itasite build --strict``, in process) into a folder of its own while holding a lock file, then renames the folder
into place; a process that asks meanwhile waits on the lock and reads the finished build. The builds live in the
run's temporary folder (shared by its processes, never by two runs) under the name of the site and a hash of its
sources. A shared build is read, never written: a test that edits a site copies it first (``copy_site``).

``seed_reports`` gives such a copy the report documents of the site's shared build (``.itasite-cache/reports/``,
each file named by a hash of its report's content, date and renderer, so a changed report misses the cache), and
the copy's build lays out only the reports its edit changed, as a clerk's second build does.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import shutil
import tempfile
from pathlib import Path

import pytest
from browser_support import build_site
from conftest import ROOT, copy_site

REPORT_CACHE = Path(".itasite-cache") / "reports"


def run_folder(factory: pytest.TempPathFactory) -> Path:
    """The run's temporary folder: under xdist each process has its own below one shared by the run."""
    base = factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


def source_digest(name: str) -> str:
    """A hash of what a build of the site reads: its configuration, its content and the theme."""
    source = ROOT if name == "default" else ROOT / "examples" / name
    digest = hashlib.sha256()
    for folder in (source / "content", ROOT / "theme"):
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            digest.update(path.relative_to(ROOT).as_posix().encode() + b"\0" + path.read_bytes())
    digest.update((source / "site_config.yml").read_bytes())
    return digest.hexdigest()[:16]


def built_site(name: str, factory: pytest.TempPathFactory) -> Path:
    """The folder of a copy of the default site ("default") or an example, built with ``itasite build --strict``
    once per run; its site is ``built_site(...) / "site"``. Read it only."""
    shared = run_folder(factory) / "built-sites"
    shared.mkdir(exist_ok=True)
    key = f"{name}-{source_digest(name)}"
    final = shared / key
    with (shared / f"{key}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes, also when the build fails
        if not final.is_dir():
            work = Path(tempfile.mkdtemp(dir=shared, prefix=f".{key}-"))
            build_site(copy_site(name, work))
            work.rename(final)  # whole or not at all: a failed build leaves no folder a later test would trust
    return final / name


def seed_reports(root: Path, name: str, factory: pytest.TempPathFactory) -> Path:
    """Give ``root`` (a copy of site ``name``) the report cache of the site's shared build; returns ``root``."""
    shutil.copytree(built_site(name, factory) / REPORT_CACHE, root / REPORT_CACHE, dirs_exist_ok=True)
    return root
