"""Shared fixtures. Golden files live in tests/golden/; regenerate them with `pytest --update-goldens` and review
the diff before committing."""

from __future__ import annotations

import logging
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).resolve().parent / "golden"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-goldens", action="store_true", help="rewrite golden files from the current output")


# Seconds the longest modules take alone (wall, `pytest tests/test_x.py -p no:xdist`, 2 cores shared with other jobs,
# 2026-12-07), to start them first; only their order matters. Any other module counts as its marks say.
LONGEST_MODULES = {
    "test_site_browser.py": 145, "test_site_accessibility_browser.py": 68, "test_search_browser.py": 65,
    "test_reports.py": 54, "test_engines_browser.py": 48, "test_portal_browser.py": 47, "test_live.py": 39,
    "test_careless_inputs.py": 35, "test_plugin.py": 22, "test_e2e.py": 27, "test_editor_browser.py": 24,
    "test_editor.py": 29, "test_tree.py": 25, "test_cli.py": 22, "test_search.py": 20, "test_engines_build.py": 19,
    "test_render.py": 17, "test_deploy.py": 17, "test_self_addresses.py": 16, "test_scaffold.py": 15,
}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The longest modules first: make test hands whole modules (``--dist loadfile --no-loadscope-reorder``) to its
    processes in this order, each process taking the next when it is nearly done, so the short ones fill in at the
    end instead of one process still running a long module when the other has finished. A module keeps its tests'
    order."""
    seconds: dict[Path, float] = {}
    for item in items:
        marks = {mark.name for mark in item.iter_markers()}
        guess = 30.0 if "browser" in marks else 10.0 if marks & {"e2e", "slow"} else 1.0
        seconds[item.path] = max(LONGEST_MODULES.get(item.path.name, guess), seconds.get(item.path, 0.0))
    items.sort(key=lambda item: -seconds[item.path])


@pytest.fixture(autouse=True)
def _fresh_process_state(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Each test runs as a new process would: the plugin sets SOURCE_DATE_EPOCH from the content and ``build``
    points the mkdocs logger at the current stderr; neither may leak into the next test."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    logger = logging.getLogger("mkdocs")
    saved = (logger.handlers[:], logger.level, logger.propagate)
    yield
    logger.handlers[:], logger.level, logger.propagate = saved


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Callable[[str, str], None]:
    """golden("render/home.md", text): compare text with tests/golden/render/home.md (or rewrite it)."""
    update = request.config.getoption("--update-goldens")

    def check(name: str, actual: str) -> None:
        path = GOLDEN / name
        if update:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(actual, encoding="utf-8")
            return
        assert path.exists(), f"missing golden file {path}; run pytest --update-goldens and review it"
        assert actual == path.read_text(encoding="utf-8"), f"output differs from {path} (pytest --update-goldens)"

    return check


@pytest.fixture
def site_dir(tmp_path: Path) -> Callable[[dict[str, str]], Path]:
    """Write a site (site_config.yml + content files given as {relative path: text}) into tmp_path."""

    def make(files: dict[str, str], config: str | None = None) -> Path:
        (tmp_path / "site_config.yml").write_text(config or minimal_config(), encoding="utf-8")
        for rel, text in files.items():
            path = tmp_path / "content" / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        return tmp_path

    return make


def minimal_config(digits: str = "arabic", site_url: str | None = "https://test.example/") -> str:
    address = f"site_url: {site_url}\n" if site_url else ""
    return f"""site_name: Test
{address}docs_dir: content
site_dir: site
theme:
  name: material
  custom_dir: {ROOT / 'theme'}
  language: th
  font: false
plugins:
  - search
  - itasite:
      digits: {digits}
markdown_extensions:
  - tables
  - toc
"""


@pytest.fixture
def copy_example(tmp_path: Path) -> Callable[[str], Path]:
    """Copy the default site ("default") or an example (its folder name) into tmp_path."""
    return lambda name: copy_site(name, tmp_path)


@pytest.fixture
def copy_example_with_reports(tmp_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Path]:
    """copy_example, with the report cache of the site's build shared by the run (tests/built_sites.py): for a test
    that builds an edited copy and is not about laying the reports out (only the reports it changed are)."""
    from built_sites import seed_reports

    return lambda name: seed_reports(copy_site(name, tmp_path), name, tmp_path_factory)


def copy_site(name: str, parent: Path) -> Path:
    """Copy the default site ("default") or an example, with its own copy of the theme, into parent/name."""
    target = parent / name
    if name == "default":
        shutil.copytree(ROOT / "content", target / "content")
        text = (ROOT / "site_config.yml").read_text(encoding="utf-8")
    else:
        src = ROOT / "examples" / name
        shutil.copytree(src / "content", target / "content")
        text = (src / "site_config.yml").read_text(encoding="utf-8")
    text = text.replace("custom_dir: ../../theme", "custom_dir: theme")
    shutil.copytree(ROOT / "theme", target / "theme")
    (target / "site_config.yml").write_text(text, encoding="utf-8")
    return target


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Debian's chromium through Playwright, one per test module (the browser tests fail, never skip, without it)."""
    from browser_support import launch_chromium, require_chromium
    from playwright.sync_api import sync_playwright

    chromium = require_chromium()
    with sync_playwright() as p:
        b = launch_chromium(p, chromium)
        yield b
        b.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A page in a browser context of its own (no cookies or storage from another test), closed after the test."""
    context = browser.new_context()
    page = context.new_page()
    yield page
    context.close()
