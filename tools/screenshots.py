"""Screenshots for the README: the default site's home page and a year overview, taken by headless chromium.

    .venv/bin/python -m tools.screenshots            # writes docs/screenshots/*.png

Builds the default site into a temporary folder, serves it on 127.0.0.1 and photographs each page with Debian's
chromium through Playwright (never a browser download). Re-run it after a visible change and commit the PNGs.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from tools.browser import launch_chromium, serve

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
# (file, page, viewport width, viewport height, element scrolled to the top or "")
SHOTS = [
    ("home.png", "/", 1280, 900, ""),
    ("year-2568.png", "/2568/", 1280, 1100, ""),
    ("measures-2569-phone.png", "/2569/measures/", 375, 812, "article table:has(.itasite-row)"),  # the list as cards
]


def build_default_site(target: Path) -> None:
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(ROOT / "site_config.yml"), "-d", str(target)],
                   check=True, env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"})


def take_screenshots(site: Path, out: Path) -> list[Path]:
    written = []
    with serve(site) as base, sync_playwright() as p:
        browser = launch_chromium(p)
        for name, path, width, height, element in SHOTS:
            page = browser.new_page(viewport={"width": width, "height": height})
            page.goto(base.rstrip("/") + path, wait_until="networkidle")
            page.evaluate("document.fonts.ready")
            if element:  # its top just below Material's header bar
                page.evaluate("s => window.scrollTo(0, document.querySelector(s).getBoundingClientRect().top + scrollY - 64)",
                              element)
            page.screenshot(path=str(out / name))
            written.append(out / name)
            page.close()
        browser.close()
    return written


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        build_default_site(site)
        for path in take_screenshots(site, OUT):
            print(path.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
