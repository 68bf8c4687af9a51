"""Where a portal's build holds its memory (issue 24): ``itasite build`` of one portal folder, in this process, with
the resident set size (now and peak, from /proc/self/status) printed after each stage.

    python -m bench.portal_stages PORTAL_FOLDER

A folder made by :func:`bench.portal.portal_folder` (the first N organisations of a cache). Stages: the sources read
(the organisations' records), the view, the pages' Markdown, the open data and feed (``rendered``), the staged tree,
the tree written, MkDocs' files and navigation, every page read and converted (``on_env``), every 1,000 pages
written, the Thai search memo and index, the finished site. Linux only (/proc). Each line:
``<seconds> <stage> rss_mb <now> peak_mb <peak>``.
"""

from __future__ import annotations

import functools
import gc
import logging
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import mkdocs.commands.build as mkdocs_build
from mkdocs.plugins import BasePlugin

import generator.portal.site as portal_site
import generator.publish.build as publish_build

START = time.monotonic()


def memory_mb() -> tuple[int, int]:
    """The process's resident set size now and at its peak, in MB."""
    found = {}
    with Path("/proc/self/status").open(encoding="ascii") as status:
        for line in status:
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                found[key] = int(value.split()[0]) // 1024
    return found["VmRSS"], found["VmHWM"]


def mark(stage: str) -> None:
    now, peak = memory_mb()
    print(f"{time.monotonic() - START:7.1f}s {stage:36s} rss_mb {now:6d} peak_mb {peak:6d}", flush=True)


def after(module: Any, name: str, stage: Callable[[Any], str]) -> None:
    """Print the memory after each call of ``module.name`` (the stage's label made from its result)."""
    original = getattr(module, name)

    @functools.wraps(original)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        result = original(*args, **kwargs)
        gc.collect()
        mark(stage(result))
        return result

    setattr(module, name, wrapped)


class Probe(BasePlugin):  # type: ignore[type-arg]
    written = 0

    def on_files(self, files: Any, *, config: Any) -> Any:
        mark("mkdocs: files")
        return files

    def on_env(self, env: Any, *, config: Any, files: Any) -> Any:
        mark("mkdocs: every page read and converted")
        return env

    def on_post_page(self, output: str, *, page: Any, config: Any) -> str:
        self.written += 1
        if self.written % 1000 == 0:
            mark(f"mkdocs: {self.written} pages written")
        return output


def main() -> None:
    after(portal_site, "read_sources", lambda r: f"sources read ({len(r[0])})")
    after(portal_site, "render_portal_pages", lambda r: f"pages' Markdown ({sum(map(len, r.values())) // 10**6}M chars)")
    after(publish_build, "build_site", lambda r: f"rendered (open data {sum(map(len, r.files.values())) // 10**6}M chars)")
    after(publish_build, "stage_tree", lambda r: "tree staged")
    after(publish_build, "write_tree", lambda r: "tree written")
    after(publish_build, "build_with_mkdocs", lambda r: "mkdocs: built")
    after(publish_build, "search_index_files", lambda r: "Thai search index")
    build = mkdocs_build.build

    def probed(config: Any, **kwargs: Any) -> None:
        config.plugins["itasite-probe"] = Probe()
        build(config, **kwargs)

    mkdocs_build.build = probed  # build_with_mkdocs imports it when called
    logging.basicConfig(level=logging.WARNING)
    mark("start")
    os.chdir(sys.argv[1])
    publish_build.build_site_folder(Path("site_config.yml"))
    mark("site finished")


if __name__ == "__main__":
    main()
