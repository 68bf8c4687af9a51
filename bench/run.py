"""The benchmark of issue 7 (build cost and scaling) and of issue 3 (bytes and time of a first search).

    python -m bench.run [--sizes default,500,2000,5000] [--orgs 8] [--no-search] [--workdir DIR] [--repeat 3]

For every size, in fresh child processes (so each figure includes Python start-up, as a user's run does):
  (a) ``itasite build``: load + check + render + MkDocs + Thai search index;
  (b) plain ``mkdocs build`` of the same Markdown (written by generator.render into a docs folder) with the same
      theme, configuration and navigation, but without the itasite plugin (stock ``search`` plugin);
  (c) a no-op regeneration of the Markdown: load + check + render again and rewrite only files that changed
      (none), as ``mkdocs serve`` does on a rebuild; ``warm`` is that second pass in the same process, ``cold``
      a first pass in a new process including imports.
(a) is a rebuild, as in CI with the deploy templates' kept cache: the report documents, the pages' conversions and the
tables' Thai word cuts come from ``.itasite-cache/``, made by the first build. Also, for every size, (e) the build
with nothing kept but the report documents (``pages_not_kept``: without ``.itasite-cache/pages/`` and the word cuts,
as after an edit of every page; ``--repeat`` times on the default site, once on the others) and its ratio to (b);
and for the default site (d): ``itasite build`` without ``.itasite-cache/reports/``, so that every report PDF and DOCX
is laid out anew, and its ratio to (a).
(a) and (b) are built ``--repeat`` times in turn, each into an empty site folder, and the least time and memory of
each count: on a shared machine another job only ever adds. Peak memory is the child's maximum resident set size
(``os.wait4``). Search: the built site is served on 127.0.0.1, Debian chromium (Playwright) opens the home page and
fills the search box; *bytes* are the response bodies of every request from opening the page until the first result
is shown (page, assets, worker, index); *search bytes* only those of the search worker and index files. The same is
measured with ``thai_search: false`` (stock Material). Prints one ``name: value`` line per figure and ratio, and
writes them to ``<workdir>/results.json``.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.synthetic import ROOT, collect_phrases, write_site
from generator.publish.conversions import CONVERSIONS_DIR
from generator.publish.reports import CACHE_DIR
from generator.publish.word_cuts import CUTS_FILE
from tools.browser import launch_chromium, serve

PYTHON = sys.executable
ITASITE = str(Path(sys.executable).parent / "itasite")
MKDOCS = str(Path(sys.executable).parent / "mkdocs")
CPU: list[float] = []
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT)}


def emit(results: dict[str, Any], name: str, value: Any) -> None:
    results[name] = value
    print(f"{name}: {value}", flush=True)


def run_child(args: list[str], cwd: Path) -> str:
    """Stdout of a child process that is not timed; a failure stops the benchmark."""
    proc = subprocess.run(args, cwd=cwd, env=ENV, capture_output=True, text=True, check=False)
    if proc.returncode:
        raise SystemExit(f"failed: {' '.join(args)} in {cwd}\n{proc.stderr}")
    return proc.stdout


def timed_child(args: list[str], cwd: Path) -> tuple[float, float, str]:
    """Wall seconds, peak RSS (MB) and stdout of a child; the peak is this child's own (``os.wait4``).
    Its CPU seconds (user + system) go to ``CPU[-1]``: unlike wall time, they do not grow when other work
    shares the machine."""
    with tempfile.TemporaryFile("w+") as errors:
        start = time.perf_counter()
        proc = subprocess.Popen(args, cwd=cwd, env=ENV, stdout=subprocess.PIPE, stderr=errors, text=True)
        assert proc.stdout is not None
        out = proc.stdout.read()
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        proc.stdout.close()
        if proc.returncode:
            errors.seek(0)
            raise SystemExit(f"failed: {' '.join(args)} in {cwd}\n{errors.read()[-3000:]}")
    CPU.append(usage.ru_utime + usage.ru_stime)
    return seconds, usage.ru_maxrss / 1024, out


# -- preparing the sites --------------------------------------------------------------------------------------


def prepare_site(size: str, folder: Path, phrases: list[str]) -> None:
    """The default site itself (with the theme path made absolute) or a synthetic site of ``size`` pages."""
    shutil.rmtree(folder, ignore_errors=True)
    if size == "default":
        folder.mkdir(parents=True)
        shutil.copytree(ROOT / "content", folder / "content")
        config = (ROOT / "site_config.yml").read_text(encoding="utf-8")
        config = re.sub(r"(?m)^(\s*custom_dir:) .*$", rf"\1 {ROOT / 'theme'}", config)
        (folder / "site_config.yml").write_text(config, encoding="utf-8")
    else:
        write_site(folder, int(size), seed=int(size), phrases=phrases)


def stock_search_config(folder: Path) -> Path:
    """The same configuration with ``thai_search: false``: Material's own search (Lunr with its Thai support)."""
    text = (folder / "site_config.yml").read_text(encoding="utf-8")
    stock = "  - search:\n      lang: th\n  - itasite:\n      thai_search: false\n"
    text = text.replace("  - search\n  - itasite:\n", stock, 1)
    path = folder / "site_config.stock.yml"
    path.write_text(text.replace("site_dir: site", "site_dir: site-stock"), encoding="utf-8")
    return path


PLAIN_SCRIPT = """
import sys, yaml
from pathlib import Path
from generator.pipeline import build_site
from generator.render.pages import RenderSettings
folder = Path(sys.argv[1])
config = yaml.safe_load((folder / "site_config.yml").read_text(encoding="utf-8"))
options = next(p["itasite"] for p in config["plugins"] if isinstance(p, dict) and "itasite" in p)
settings = RenderSettings(digits=options.get("digits", "thai"), date_style=options.get("date_style", "long"))
generated = build_site(folder / "content", folder, settings)
docs = folder / "plain" / "docs"
for path, text in generated.pages.items():
    target = docs / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
config.update(docs_dir="docs", site_dir="site", nav=generated.nav)
config["plugins"] = [p for p in config["plugins"] if p != "itasite" and not (isinstance(p, dict) and "itasite" in p)]
(folder / "plain" / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
print(len(generated.pages))
"""

NOOP_SCRIPT = """
import time
start = time.perf_counter()
import sys
from pathlib import Path
from generator.pipeline import build_site
from generator.render.pages import RenderSettings

folder = Path(sys.argv[1])
docs = folder / "plain" / "docs"

def regenerate():
    generated = build_site(folder / "content", folder, RenderSettings())
    written = 0
    for path, text in generated.pages.items():
        target = docs / path
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
            written += 1
    return written

written_cold = regenerate()
cold = time.perf_counter() - start
start, cpu = time.perf_counter(), time.process_time()
written_warm = regenerate()
warm, warm_cpu = time.perf_counter() - start, time.process_time() - cpu
print(cold, warm, warm_cpu, written_cold + written_warm)
"""


# -- the measurements ------------------------------------------------------------------------------------------


def count_pages(site: Path) -> int:
    return sum(1 for _ in site.rglob("index.html"))


def fresh_build(args: list[str], cwd: Path, site: Path) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds and peak RSS (MB) of a build into an empty site folder: deleting the previous
    site is no part of a build's cost."""
    shutil.rmtree(site, ignore_errors=True)
    seconds, rss, _ = timed_child(args, cwd)
    return seconds, CPU[-1], rss


def measure_size(size: str, folder: Path, phrases: list[str], results: dict[str, Any], repeat: int) -> None:
    prepare_site(size, folder, phrases)
    tag = f"size_{size}"
    run_child([PYTHON, "-c", PLAIN_SCRIPT, str(folder)], folder)
    runs: dict[str, list[tuple[float, float, float]]] = {"itasite": [], "mkdocs": []}
    for _ in range(repeat):  # (a) and (b) in turn, so both meet the same load on a shared machine; the least counts
        runs["itasite"].append(fresh_build([ITASITE, "build", "-q"], folder, folder / "site"))
        runs["mkdocs"].append(fresh_build([MKDOCS, "build", "-q", "-f", "mkdocs.yml"], folder / "plain", folder / "plain" / "site"))
    ours, ours_cpu, ours_rss = (min(run[i] for run in runs["itasite"]) for i in range(3))
    plain, plain_cpu, plain_rss = (min(run[i] for run in runs["mkdocs"]) for i in range(3))
    pages = count_pages(folder / "site")
    _, _, noop = timed_child([PYTHON, "-c", NOOP_SCRIPT, str(folder)], folder)
    cold, warm, warm_cpu, rewritten = noop.split()
    emit(results, f"{tag}.pages", pages)
    emit(results, f"{tag}.itasite_build_s", round(ours, 2))
    emit(results, f"{tag}.mkdocs_build_s", round(plain, 2))
    emit(results, f"{tag}.ratio_itasite_over_mkdocs", round(ours / plain, 3))
    emit(results, f"{tag}.itasite_cpu_s", round(ours_cpu, 2))
    emit(results, f"{tag}.mkdocs_cpu_s", round(plain_cpu, 2))
    emit(results, f"{tag}.ratio_cpu_itasite_over_mkdocs", round(ours_cpu / plain_cpu, 3))
    emit(results, f"{tag}.itasite_ms_per_page", round(1000 * ours / pages, 2))
    emit(results, f"{tag}.mkdocs_ms_per_page", round(1000 * plain / pages, 2))
    emit(results, f"{tag}.itasite_cpu_ms_per_page", round(1000 * ours_cpu / pages, 2))
    emit(results, f"{tag}.mkdocs_cpu_ms_per_page", round(1000 * plain_cpu / pages, 2))
    emit(results, f"{tag}.noop_regeneration_warm_s", round(float(warm), 3))
    emit(results, f"{tag}.noop_regeneration_warm_cpu_s", round(float(warm_cpu), 3))
    emit(results, f"{tag}.noop_regeneration_cold_s", round(float(cold), 3))
    emit(results, f"{tag}.noop_files_rewritten", int(rewritten))
    emit(results, f"{tag}.itasite_peak_rss_mb", round(ours_rss, 1))
    emit(results, f"{tag}.mkdocs_peak_rss_mb", round(plain_rss, 1))
    emit(results, f"{tag}.html_mb", round(sum(p.stat().st_size for p in (folder / "site").rglob("*.html")) / 1e6, 1))
    anew = [fresh_build_without_cache(folder, CONVERSIONS_DIR, CUTS_FILE)[1] for _ in range(repeat if size == "default" else 1)]
    emit(results, f"{tag}.itasite_cpu_s_pages_not_kept", round(min(anew), 2))
    emit(results, f"{tag}.ratio_cpu_pages_not_kept_over_mkdocs", round(min(anew) / plain_cpu, 3))
    if size == "default":
        measure_reports(folder, tag, ours_cpu, results, repeat)


def fresh_build_without_cache(folder: Path, *parts: Path) -> tuple[float, float, float]:
    """``itasite build`` after removing these parts of the site's cache."""
    for part in parts:
        if (folder / part).is_dir():
            shutil.rmtree(folder / part)
        (folder / part).unlink(missing_ok=True)
    return fresh_build([ITASITE, "build", "-q"], folder, folder / "site")


def measure_reports(folder: Path, tag: str, warm_cpu: float, results: dict[str, Any], repeat: int) -> None:
    """The report documents' cost: (a) above reads them from ``.itasite-cache/reports/`` (every build after the first
    whose reports' inputs did not change); here each build starts without that folder and lays every PDF out."""
    cold = [fresh_build_without_cache(folder, Path(CACHE_DIR) / "reports")[1] for _ in range(repeat)]
    emit(results, f"{tag}.reports", len(list((folder / "site").rglob("reports/*.*"))))
    emit(results, f"{tag}.itasite_cpu_s_reports_not_cached", round(min(cold), 2))
    emit(results, f"{tag}.ratio_cpu_reports_not_cached_over_cached", round(min(cold) / warm_cpu, 3))


def measure_scaling(sizes: list[str], results: dict[str, Any]) -> None:
    numeric = [s for s in sizes if s != "default"]
    if len(numeric) < 2:
        return
    small, large = numeric[0], numeric[-1]
    for kind in ("itasite", "mkdocs", "itasite_cpu", "mkdocs_cpu"):
        a, b = results[f"size_{small}.{kind}_ms_per_page"], results[f"size_{large}.{kind}_ms_per_page"]
        emit(results, f"scaling.{kind}_per_page_{large}_over_{small}", round(b / a, 3))


# Material's meta line says "no results", "1 result" or "N results" once the worker has answered.
ANSWERED = """() => {
  const t = JSON.parse(document.getElementById('__config').textContent).translations
  const meta = document.querySelector('.md-search-result__meta')?.textContent.trim() ?? ''
  const [before, after] = t['search.result.other'].split('#')
  const many = meta.startsWith(before) && meta.endsWith(after) && /^[0-9]+$/.test(meta.slice(before.length, meta.length - after.length))
  return meta === t['search.result.none'] || meta === t['search.result.one'] || many
}"""


def is_search_file(url: str) -> bool:
    return "/search/" in url or "/workers/search" in url or "itasite-search.js" in url


def first_search(browser: Any, site: Path, query: str) -> dict[str, Any]:
    """Open the home page, fill the search box, wait until the results (or "no results") are shown; the bytes
    of every response since the page was opened and the time from filling the box to the answer."""
    with serve(site) as base:
        context = browser.new_context(service_workers="block")
        responses: list[Any] = []
        context.on("response", responses.append)
        page = context.new_page()
        page.goto(base, wait_until="networkidle")
        box = page.locator("input.md-search__input")
        box.click()
        start = time.perf_counter()
        box.fill(query)
        box.dispatch_event("keyup")  # Material reads the box on keyup
        found = True
        try:
            page.wait_for_function(ANSWERED, timeout=30000)
        except Exception:
            found = False
        seconds = time.perf_counter() - start
        count = page.locator(".md-search-result__item").count()
        answered = list(responses)
        sizes = {r.url: _body_size(r) for r in answered}
        context.close()
    return {
        "bytes": sum(sizes.values()),
        "search_bytes": sum(size for url, size in sizes.items() if is_search_file(url)),
        "ms": round(1000 * seconds) if found else None,
        "results": count,
    }


def _body_size(response: Any) -> int:
    try:
        return len(response.body())
    except Exception:
        return int(response.headers.get("content-length", 0))


def measure_search(size: str, folder: Path, query: str, results: dict[str, Any]) -> None:
    from playwright.sync_api import sync_playwright

    run_child([ITASITE, "build", "-q", "-f", str(stock_search_config(folder))], folder)
    tag = f"search_{size}"
    with sync_playwright() as p:
        browser = launch_chromium(p)
        ours = first_search(browser, folder / "site", query)
        stock = first_search(browser, folder / "site-stock", query)
        browser.close()
    for name, figures in (("ours", ours), ("stock", stock)):
        for key, value in figures.items():
            emit(results, f"{tag}.{name}_{key}", value)
    emit(results, f"{tag}.ratio_bytes_ours_over_stock", round(ours["bytes"] / stock["bytes"], 3))
    emit(results, f"{tag}.ratio_search_bytes_ours_over_stock", round(ours["search_bytes"] / stock["search_bytes"], 3))
    if ours["ms"] and stock["ms"]:
        emit(results, f"{tag}.ratio_ms_ours_over_stock", round(ours["ms"] / stock["ms"], 3))


def measure_many(workdir: Path, orgs: int, phrases: list[str], results: dict[str, Any]) -> None:
    """``itasite build-many`` over ``orgs`` synthetic organisations (about 140 pages each) with 1 and 2 jobs."""
    many = workdir / "many"
    shutil.rmtree(many, ignore_errors=True)
    for seed in range(orgs):
        write_site(many / f"org{seed:02d}", 130, seed=seed, phrases=phrases)
    times = {}
    for jobs in (1, 2):
        for cache in many.glob("*/.itasite-cache"):  # both runs lay the report documents out: the same work
            shutil.rmtree(cache)
        times[jobs], _, _ = timed_child([ITASITE, "build-many", str(many), "--jobs", str(jobs), "-q"], workdir)
        emit(results, f"many.{orgs}_orgs_jobs_{jobs}_s", round(times[jobs], 2))
        emit(results, f"many.{orgs}_orgs_jobs_{jobs}_cpu_s", round(CPU[-1], 2))
    emit(results, "many.speedup_2_jobs_over_1", round(times[1] / times[2], 2))


def machine(results: dict[str, Any]) -> None:
    emit(results, "machine.nproc", os.cpu_count())
    emit(results, "machine.platform", platform.platform())
    emit(results, "machine.python", platform.python_version())
    for package in ("mkdocs", "mkdocs-material", "playwright"):
        emit(results, f"machine.{package}", importlib.metadata.version(package))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="itasite benchmark (issues 3 and 7)")
    parser.add_argument("--sizes", default="default,500,2000,5000", help="comma-separated: default and page counts")
    parser.add_argument("--orgs", type=int, default=8, help="organisations for build-many (0: skip)")
    parser.add_argument("--query", default="งบประมาณ")
    parser.add_argument("--no-search", action="store_true", help="skip the browser measurements")
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "itasite-bench")
    parser.add_argument("--repeat", type=int, default=3, help="builds of (a) and (b) per size; the least time and memory count")
    args = parser.parse_args(argv)
    sizes = [s.strip() for s in args.sizes.split(",") if s.strip()]
    args.workdir.mkdir(parents=True, exist_ok=True)
    results: dict[str, Any] = {}
    machine(results)
    emit(results, "machine.load_average_at_start", " ".join(f"{x:.1f}" for x in os.getloadavg()))
    emit(results, "machine.builds_per_figure", max(1, args.repeat))
    phrases = collect_phrases()
    for size in sizes:
        measure_size(size, args.workdir / f"site-{size}", phrases, results, max(1, args.repeat))
    measure_scaling(sizes, results)
    if not args.no_search:
        for size in dict.fromkeys([sizes[0], sizes[-1]]):
            measure_search(size, args.workdir / f"site-{size}", args.query, results)
    if args.orgs:
        measure_many(args.workdir, args.orgs, phrases, results)
    (args.workdir / "results.json").write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
