"""The live-preview benchmark of issue 23: how long a clerk waits for ``itasite serve`` and for each edit to show.

    python -m bench.preview [--sizes default,2000] [--modes mkdocs,properdocs,zensical,plain] [--edits 3] [--workdir DIR]

For every size (the default site, or a synthetic site of that many pages from bench.synthetic) and mode:
  ``mkdocs``, ``properdocs``, ``zensical``: ``itasite serve --engine X`` from the engine's venv (.engines/X/, made by
      tools/engines.py with the pinned engine), on the site's own ``site_config.yml``;
  ``plain``: plain ``mkdocs serve --livereload`` of ``itasite render``'s tree (MkDocs' own floor: no itasite at all).
*start* is from launching the command until the home page answers 200; *search_ready* until the Thai search index
answers too (``itasite serve`` writes it after the first pages are served). Then, ``--edits`` times, the first step of
the first measure in the latest year's ``measures.yml`` is changed as a text editor saves a file (the whole file
read, the step's line changed, the file written in place; for ``plain``, the same step in that measure's Markdown
page of the tree, the only source plain MkDocs watches), and that measure's page is polled every 20 ms until the
changed text is on it; *edit* is the median of those waits. Between edits the server is given the time of the last
edit again (at least 1 s) to finish what it still does. The server runs on 127.0.0.1 at a port the OS chose, in its
own process group, and is stopped at the end. Every mode starts from a fresh copy of the site as it is after a
clerk's first ``itasite build`` (its report documents and page conversions in its cache; the cache is kept between
runs), so edits of one mode never reach another.
Prints one ``name: value`` line per figure (``preview_<size>.<mode>.start_s``, ``.search_ready_s``, ``.edit_s``, ``.edit_s_each``; a
mode whose server fails: ``.error`` with the server's last warning and line, and exit 1 after the other modes) and
writes them to ``<workdir>/preview.json``.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from bench.run import emit, prepare_site
from bench.synthetic import collect_phrases
from generator.publish.reports import CACHE_DIR
from generator.urls import SEARCH_INDEX_DIR
from tools.engines import PINS, ensure_engine

MODES = [*PINS, "plain"]
POLL = 0.02
START_TIMEOUT = 900.0
EDIT_TIMEOUT = 300.0
SEARCH_META = f"{SEARCH_INDEX_DIR}/meta.json"  # the Thai index's first file
MARKS = "กขคงจฉชซฌญ"  # one Thai letter per edit: digits may be shown as Thai digits, letters as typed
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


class ServeFailed(Exception):
    """The server stopped or never showed the page; the message says why, from its own output."""


@dataclass(frozen=True)
class Target:
    """The step a clerk edits: the file, the step's text as written there, and the page that shows it."""

    file: Path
    text: str
    page: str  # site-relative address


def free_port() -> int:
    """A port the OS picks (port 0), released for the server to take."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def latest_measure(content: Path) -> tuple[int, str, str]:
    """(year, measure id, first step) of the first measure of the latest year that has measures."""
    plans = sorted((p for p in content.glob("*/measures.yml") if p.parent.name.isdigit()), key=lambda p: int(p.parent.name))
    if not plans:
        raise SystemExit(f"no <year>/measures.yml under {content}")
    plan = yaml.safe_load(plans[-1].read_text(encoding="utf-8"))
    measure = next(m for m in plan["measures"] if m.get("steps"))
    return int(plans[-1].parent.name), str(measure["id"]), str(measure["steps"][0])


def edit_step(target: Target, mark: str) -> str:
    """Append `` แก้ไข<mark>`` to the step where it is written, as an editor saves: read all, write all in place.
    Returns the text the page must show."""
    text = target.file.read_text(encoding="utf-8")
    current = re.search(re.escape(target.text) + "(?: แก้ไข[" + MARKS + "])?", text)
    if current is None:
        raise SystemExit(f"the step {target.text[:40]!r} is not in {target.file}")
    edited = f"{target.text} แก้ไข{mark}"
    with target.file.open("w", encoding="utf-8") as handle:
        handle.write(text[:current.start()] + edited + text[current.end():])
    return edited


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            body: bytes = response.read()
            return body.decode("utf-8", errors="replace") if response.status == 200 else None
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return None


def wait_for(url: str, text: str | None, timeout: float, server: subprocess.Popen[bytes], log: Path) -> float:
    """Seconds until ``url`` answers (with ``text`` on it, when given)."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        body = fetch(url)
        if body is not None and (text is None or html.escape(text, quote=False) in body):
            return time.perf_counter() - start
        if server.poll() is not None:
            raise ServeFailed(f"the server stopped (exit {server.returncode}): {last_words(log)} (all its output: {log})")
        time.sleep(POLL)
    raise ServeFailed(f"{url} did not show {text!r} within {timeout:.0f} s (the server's output: {log})")


def last_words(log: Path) -> str:
    """The server's last warning or error, then its last line (what it said when it stopped)."""
    lines = [line.strip() for line in log.read_text(encoding="utf-8", errors="replace").splitlines() if line.strip()]
    flagged = [line for line in lines if line.startswith(("WARNING", "ERROR", "Error", "Traceback"))]
    said = [*flagged[-1:], *lines[-1:]]
    return " / ".join(dict.fromkeys(said)) or "no output"


def serve_command(mode: str, folder: Path, address: str) -> tuple[list[str], Target]:
    """The command of ``mode`` on the site in ``folder`` and the step its edits change."""
    year, measure, step = latest_measure(folder / "content")
    page = f"{year}/measures/{measure}/"
    if mode != "plain":
        itasite = ensure_engine(mode) / "bin" / "itasite"
        command = [str(itasite), "serve", "--engine", mode, "-a", address, "-f", str(folder / "site_config.yml")]
        return command, Target(folder / "content" / str(year) / "measures.yml", step, page)
    tree = folder / "tree"
    subprocess.run([str(ensure_engine("mkdocs") / "bin" / "itasite"), "render", "-f", str(folder / "site_config.yml"),
                    "--out", str(tree)], cwd=folder, env=ENV, check=True, capture_output=True)
    markdown = tree / "docs" / str(year) / "measures" / f"{measure}.md"
    command = [str(ensure_engine("mkdocs") / "bin" / "mkdocs"), "serve", "--livereload", "-a", address, "-f", str(tree / "mkdocs.yml")]
    return command, Target(markdown, step, page)


def prepare_base(size: str, base: Path, phrases: list[str]) -> None:
    """The site of ``size`` in ``base`` as a clerk's site is after its first ``itasite build``: its report documents
    and its pages' conversions are in its cache (the cache of an earlier run is kept: it is keyed by content hashes)."""
    kept = base.parent / f"{base.name}.cache"
    if (base / CACHE_DIR).is_dir():
        shutil.rmtree(kept, ignore_errors=True)
        (base / CACHE_DIR).rename(kept)
    prepare_site(size, base, phrases)
    if kept.is_dir():
        kept.rename(base / CACHE_DIR)
    subprocess.run([str(ensure_engine("mkdocs") / "bin" / "itasite"), "build"], cwd=base, env=ENV, check=True, capture_output=True)
    shutil.rmtree(base / "site")


def measure_mode(size: str, mode: str, base: Path, edits: int, results: dict[str, Any]) -> bool:
    """The figures of one mode on a fresh copy of ``base``; a mode whose server fails gets an ``.error`` line
    instead (False)."""
    folder = base.parent / f"{base.name}-{mode}"
    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(base, folder)
    port = free_port()
    command, target = serve_command(mode, folder, f"127.0.0.1:{port}")
    base = f"http://127.0.0.1:{port}/"
    log = folder / f"serve-{mode}.log"
    with log.open("wb") as output:
        started = time.perf_counter()
        server = subprocess.Popen(command, cwd=folder, env=ENV, stdout=output, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            wait_for(base, None, START_TIMEOUT, server, log)
            start = time.perf_counter() - started
            wait_for(base + SEARCH_META, None, EDIT_TIMEOUT, server, log)  # the pages may come before the index
            ready = time.perf_counter() - started
            wait_for(base + target.page, target.text, EDIT_TIMEOUT, server, log)
            waits = []
            for n in range(edits):
                shown = edit_step(target, MARKS[n % len(MARKS)])
                waits.append(wait_for(base + target.page, shown, EDIT_TIMEOUT, server, log))
                time.sleep(max(1.0, waits[-1]))  # let the server finish what it still does before the next edit
        except ServeFailed as failure:
            emit(results, f"preview_{size}.{mode}.error", str(failure))
            return False
        finally:
            stop(server)
    tag = f"preview_{size}.{mode}"
    emit(results, f"{tag}.start_s", round(start, 2))
    emit(results, f"{tag}.search_ready_s", round(ready, 2))
    emit(results, f"{tag}.edit_s", round(statistics.median(waits), 3))
    emit(results, f"{tag}.edit_s_each", " ".join(f"{w:.3f}" for w in waits))
    return True


def stop(server: subprocess.Popen[bytes]) -> None:
    """Stop the server and what it started (its own process group), by its id."""
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGINT)  # as Ctrl+C would
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


def main(argv: list[str] | None = None) -> int:
    """Exit code 1 when a mode could not be measured (its ``.error`` line says why), after measuring the others."""
    parser = argparse.ArgumentParser(description="itasite live-preview benchmark (issue 23)")
    parser.add_argument("--sizes", default="default,2000", help="comma-separated: default and page counts")
    parser.add_argument("--modes", default=",".join(MODES), help=f"comma-separated, of {', '.join(MODES)}")
    parser.add_argument("--edits", type=int, default=3, help="edits per mode; the median counts")
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "itasite-bench")
    args = parser.parse_args(argv)
    sizes = [s.strip() for s in args.sizes.split(",") if s.strip()]
    modes = [m.strip() for m in args.modes.split(",") if m.strip()]
    unknown = sorted(set(modes) - set(MODES))
    if unknown or args.edits < 1:
        parser.error(f"unknown modes {unknown}; known: {', '.join(MODES)}" if unknown else "--edits must be at least 1")
    args.workdir.mkdir(parents=True, exist_ok=True)
    results: dict[str, Any] = {}
    emit(results, "preview.load_average_at_start", " ".join(f"{x:.1f}" for x in os.getloadavg()))
    phrases = collect_phrases()
    measured = []
    for size in sizes:
        base = args.workdir / f"preview-{size}"
        prepare_base(size, base, phrases)
        measured += [measure_mode(size, mode, base, args.edits, results) for mode in modes]
    (args.workdir / "preview.json").write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0 if all(measured) else 1


if __name__ == "__main__":
    sys.exit(main())
