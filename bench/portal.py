"""The portal at scale (issue 24): ``itasite build`` of a portal over N synthetic organisations × 8 years.

    python -m bench.portal [--orgs 100,500,8304] [--cache DIR] [--workdir DIR]

One cache of the largest N (written by :mod:`bench.synthetic_portal` into ``--cache`` unless it already holds at least
that many organisations in the current data format; 8,304 take about 16 minutes and 12.7 GB) serves every size: the
writer is deterministic per organisation, so the first N of a larger cache are what a cache of N would hold. For each N
a portal folder under ``--workdir`` lists the first N sources and links to that cache; ``itasite build -q`` runs in a
fresh child process (Python start-up included, as a user's run), into an empty site folder. Prints one
``name: value`` line per figure: ``portal_<N>.build_wall_s``, ``.build_cpu_s`` (user + system: unlike wall time it
does not grow when other work shares the machine), ``.peak_mb`` (the child's maximum resident set size),
``.pages`` (HTML pages built) and ``.cpu_ms_per_org``; ``portal.cpu_growth_<N>_over_<M>`` compares each size's CPU per
organisation with the smallest's (1.0: cost grows as the organisations do). Also written to
``<workdir>/portal-results.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import tempfile
from pathlib import Path
from typing import Any

from bench.run import CPU, ITASITE, count_pages, emit, timed_child
from bench.synthetic import ROOT
from bench.synthetic_portal import YEARS, portal_config, write_portal
from generator.portal.cache import CACHE_DIR
from generator.portal.config import PORTAL_FILE

SOURCE = re.compile(r"^  - url: ", re.M)


def cached_organisations(cache: Path) -> int:
    """How many organisations ``cache`` holds in the data format this checkout writes (0: none, or an older one)."""
    portal_yml = cache / "content" / PORTAL_FILE
    first = next((cache / CACHE_DIR).glob("*/site.json"), None) if portal_yml.is_file() else None
    if first is None:
        return 0
    document = json.loads(first.read_bytes())
    if "pages" not in document or not any("oit_coverage" in y for y in document.get("years", [])):
        return 0  # written before site.json gave page addresses and OIT coverage: the portal would show neither
    return len(SOURCE.findall(portal_yml.read_text(encoding="utf-8")))


def portal_folder(cache: Path, orgs: int, folder: Path) -> Path:
    """A portal of the first ``orgs`` sources of ``cache``, reading ``cache``'s ``portal-cache/`` through a link."""
    shutil.rmtree(folder, ignore_errors=True)
    (folder / "content").mkdir(parents=True)
    # this checkout's configuration and theme, whichever checkout wrote the cache
    name = f"ข้อมูล ITA/OIT ของหน่วยงานตัวอย่าง {orgs} แห่ง"
    (folder / "site_config.yml").write_text(portal_config(name, ROOT), encoding="utf-8")
    text = (cache / "content" / PORTAL_FILE).read_text(encoding="utf-8")
    head, _, sources = text.partition("sources:\n")
    head = re.sub(r"(?m)^name: .*$", f"name: {name}", head)  # the portal's own name says how many it lists
    entries = SOURCE.split(sources)[1: orgs + 1]
    (folder / "content" / PORTAL_FILE).write_text(head + "sources:\n" + "".join("  - url: " + e for e in entries),
                                                  encoding="utf-8")
    (folder / CACHE_DIR).symlink_to(cache / CACHE_DIR, target_is_directory=True)
    return folder


def measure(cache: Path, orgs: int, workdir: Path, results: dict[str, Any]) -> float:
    folder = portal_folder(cache, orgs, workdir / f"portal-{orgs}")
    seconds, rss, _ = timed_child([ITASITE, "build", "-q"], folder)
    cpu = CPU[-1]
    tag = f"portal_{orgs}"
    emit(results, f"{tag}.build_wall_s", round(seconds, 1))
    emit(results, f"{tag}.build_cpu_s", round(cpu, 1))
    emit(results, f"{tag}.peak_mb", round(rss))
    emit(results, f"{tag}.pages", count_pages(folder / "site"))
    emit(results, f"{tag}.cpu_ms_per_org", round(1000 * cpu / orgs))
    shutil.rmtree(folder / "site", ignore_errors=True)  # 8,304 organisations' site is gigabytes
    return cpu / orgs


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="the portal's build at scale (issue 24)")
    parser.add_argument("--orgs", default="100,500,8304", help="comma-separated organisation counts")
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "itasite-bench-portal-cache",
                        help="a bench.synthetic_portal folder to reuse (written there when it holds too few)")
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "itasite-bench")
    args = parser.parse_args(argv)
    sizes = sorted({int(s) for s in args.orgs.split(",") if s.strip()})
    args.workdir.mkdir(parents=True, exist_ok=True)
    results: dict[str, Any] = {}
    emit(results, "portal.load_average_at_start", " ".join(f"{x:.1f}" for x in os.getloadavg()))
    emit(results, "portal.years", YEARS)
    if cached_organisations(args.cache) < sizes[-1]:  # written (over an older one) in place, file by file
        args.cache.mkdir(parents=True, exist_ok=True)
        emit(results, f"portal.cache_mb_written_{sizes[-1]}", round(write_portal(args.cache, sizes[-1]) / 1e6))
    per_org = {n: measure(args.cache.resolve(), n, args.workdir, results) for n in sizes}
    for n in sizes[1:]:
        emit(results, f"portal.cpu_growth_{n}_over_{sizes[0]}", round(per_org[n] / per_org[sizes[0]], 2))
    (args.workdir / "portal-results.json").write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
