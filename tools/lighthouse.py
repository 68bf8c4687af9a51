"""Lighthouse (mobile) on the built default site, as a citizen's phone sees it (issue 13).

    make lighthouse                                  # builds site/, installs Lighthouse, runs this
    .venv/bin/python -m tools.lighthouse [--runs 3] [--site site] [--page NAME=/path/] [--json DIR] [--gzip]

Serves ``site/`` on 127.0.0.1 (Python's ``http.server``: no compression, no cache headers, the worst case of a host;
``--gzip`` compresses text as GitHub Pages, GitLab Pages or a usual nginx do) and runs Lighthouse 12
(``tools/node``, installed by ``npm ci`` from the committed lock file) against Debian's chromium in headless mode,
with Lighthouse's defaults: mobile form factor (Moto G Power screen) and *simulated* throttling (slow 4G, 4x CPU
slowdown), so the figures depend on the page, not on how busy this shared machine is. Each page is run ``--runs``
times and the median of every figure is printed, one ``name: value`` line per figure (scores 0–100, CLS unitless,
LCP/FCP/TBT in milliseconds). Exit status 1 when a page misses the targets (performance >= 90, accessibility,
best practices and SEO 100, CLS < 0.1). Not part of the unit tests: it takes minutes.
"""

from __future__ import annotations

import argparse
import gzip
import http.server
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

from tools.browser import CHROMIUM, serve

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "tools" / "node" / "node_modules" / "lighthouse" / "cli" / "index.js"
# As root, without a sandbox; the background services would try to reach Google's hosts on a closed network.
CHROME_FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--no-first-run"]
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
# figure name -> Lighthouse audit id (numericValue)
METRICS = {"cls": "cumulative-layout-shift", "lcp_ms": "largest-contentful-paint", "fcp_ms": "first-contentful-paint",
           "tbt_ms": "total-blocking-time"}
PAGES = {
    "home": "/",
    "year": "/2568/",
    "measures": "/2569/measures/",
    "oit": "/2568/oit/",
    "measure": "/2569/measures/m1/",
}
TARGETS = {"performance": 90, "accessibility": 100, "best-practices": 100, "seo": 100}
CLS_LIMIT = 0.1
COMPRESSED = (".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".csv")


class _GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Text files gzip-compressed when the browser accepts it, as a usual static host sends them."""

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if not path.name.endswith(COMPRESSED) or "gzip" not in self.headers.get("Accept-Encoding", "") \
                or not path.is_file() or not self.path.split("?")[0].endswith(("/", path.name)):
            super().do_GET()
            return
        body = gzip.compress(path.read_bytes(), mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def serve_gzip(directory: Path) -> AbstractContextManager[str]:
    return serve(directory, _GzipHandler)


def run_lighthouse(url: str, out: Path) -> dict[str, float]:
    """One Lighthouse run of ``url``; the figures of it, with the full report written to ``out``."""
    if not LIGHTHOUSE.exists():
        sys.exit(f"Lighthouse is not installed: run 'npm ci --prefix {LIGHTHOUSE.parents[3].relative_to(ROOT)}' "
                 "(make lighthouse does)")
    command = ["node", str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={out}",
               f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={' '.join(CHROME_FLAGS)}"]
    env = {**os.environ, "CHROME_PATH": str(CHROMIUM)}
    subprocess.run(command, check=True, env=env, cwd=out.parent)
    report: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    if report.get("runtimeError"):
        raise RuntimeError(f"{url}: {report['runtimeError']}")
    figures = {name: round(report["categories"][name]["score"] * 100) for name in CATEGORIES}
    for name, audit in METRICS.items():
        figures[name] = float(report["audits"][audit]["numericValue"])
    return figures


def median_figures(runs: list[dict[str, float]]) -> dict[str, float]:
    return {name: statistics.median(run[name] for run in runs) for name in runs[0]}


def format_value(name: str, value: float) -> str:
    if name == "cls":
        return f"{value:.3f}"
    return f"{value:.0f}"


def misses(figures: dict[str, float]) -> list[str]:
    found = [f"{name} {figures[name]:.0f} < {target}" for name, target in TARGETS.items() if figures[name] < target]
    if figures["cls"] >= CLS_LIMIT:
        found.append(f"cls {figures['cls']:.3f} >= {CLS_LIMIT}")
    return found


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m tools.lighthouse", description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="built site to serve (default: site/)")
    parser.add_argument("--runs", type=int, default=3, help="runs per page; the median counts (default: 3)")
    parser.add_argument("--page", action="append", default=[], metavar="NAME=/path/",
                        help="measure only these pages (default: home, year, measures, oit, measure)")
    parser.add_argument("--json", type=Path, help="keep every run's Lighthouse report in this folder")
    parser.add_argument("--gzip", action="store_true", help="compress text responses, as most static hosts do")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if not (args.site / "index.html").exists():
        sys.exit(f"{args.site}/index.html is missing: build the site first (make site)")
    pages = dict(page.split("=", 1) for page in args.page) if args.page else PAGES
    keep = args.json
    work = Path(tempfile.mkdtemp(prefix="itasite-lighthouse-"))
    failed: list[str] = []
    try:
        with (serve_gzip if args.gzip else serve)(args.site) as base:
            print(f"# Lighthouse {lighthouse_version()}, {chromium_version()}, mobile, simulated throttling, "
                  f"median of {args.runs} runs, {'gzip' if args.gzip else 'uncompressed'}", flush=True)
            for name, path in pages.items():
                runs = []
                for i in range(args.runs):
                    out = (keep or work) / f"{name}-{i + 1}.json"
                    out.parent.mkdir(parents=True, exist_ok=True)
                    runs.append(run_lighthouse(base.rstrip("/") + path, out))
                figures = median_figures(runs)
                for figure, value in figures.items():
                    print(f"{name}.{figure}: {format_value(figure, value)}", flush=True)
                failed += [f"{name} ({path}): {miss}" for miss in misses(figures)]
    finally:
        shutil.rmtree(work, ignore_errors=True)
    for line in failed:
        print(f"# below target: {line}", file=sys.stderr)
    return 1 if failed else 0


def lighthouse_version() -> str:
    package = json.loads((LIGHTHOUSE.parents[1] / "package.json").read_text(encoding="utf-8"))
    return str(package["version"])


def chromium_version() -> str:
    result = subprocess.run([str(CHROMIUM), "--version"], capture_output=True, text=True, check=False)
    return result.stdout.strip() or str(CHROMIUM)


if __name__ == "__main__":
    raise SystemExit(main())
