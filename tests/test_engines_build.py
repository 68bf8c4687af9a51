"""The default site built every way there is (issue 21), compared file by file with the build through the plugin.

    plugin                 ``mkdocs build -f site_config.yml`` (the itasite plugin as an adapter): the reference
    render+<engine>        ``itasite render --out T``, then the engine's own build of ``T/mkdocs.yml`` from its venv
    build+<engine>         ``itasite build --engine <engine>`` from the engine's venv

for the engines MkDocs, ProperDocs and Zensical at the versions tools/engines.py pins.

Every file that is not an HTML page must be the same bytes on every route, except the files an engine writes of its
own, listed below with the reason; every file itasite publishes (the non-Markdown files of the rendered tree's
``docs/``: open data, feed, sitemap, robots, reports, the Thai search index, documents, redirects, the theme's own
assets) must be there on every route, byte for byte. The HTML pages: the same set everywhere; on MkDocs and
ProperDocs the same bytes apart from the engine's ``generator`` meta; on Zensical (its own theme) the same page
content.

The engines' venvs: ``make test`` depends on ``make engines``, which makes .engines/<name>/ before pytest starts its
workers (two workers making one venv at once would break it); a test run by hand without them makes each missing
venv here from the package index (about a minute and a half), as tests/test_engines_browser.py does. Never a skip:
a skipped comparison would leave the byte-for-byte promise unchecked in a green run.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from built_sites import seed_reports
from conftest import copy_site

from tools.engines import PINS, build_command, ensure_engine

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
PROJECT_BIN = Path(sys.executable).parent
REFERENCE = "plugin"
ROUTES = [f"{kind}+{engine}" for kind in ("render", "build") for engine in PINS]
MATERIAL_ENGINES = ("mkdocs", "properdocs")  # both run Material for MkDocs 9.8.2: its files are the same bytes

# Files an engine's theme writes of its own (never a file of the rendered tree: checked below), by engine.
MATERIAL_OWN = {
    "assets/javascripts/bundle.*.min.js": "Material's page script (hashed name of its build)",
    "assets/javascripts/bundle.*.min.js.map": "its source map",
    "assets/javascripts/workers/search.*.min.js": "Material's search worker, which the Thai worker answers for",
    "assets/javascripts/workers/search.*.min.js.map": "its source map",
    "assets/javascripts/lunr/*": "Lunr and its languages, bundled by Material's search plugin",
    "assets/javascripts/lunr/min/*": "the same",
    "assets/stylesheets/main.*.min.css": "Material's stylesheet",
    "assets/stylesheets/main.*.min.css.map": "its source map",
    "assets/stylesheets/palette.*.min.css": "Material's colours",
    "assets/stylesheets/palette.*.min.css.map": "its source map",
    "search/search_index.json": "Material's search plugin's index (itasite empties it: the Thai index replaces it)",
}
ZENSICAL_OWN = {
    "assets/javascripts/LICENSE": "the licence of Zensical's bundled scripts",
    "assets/javascripts/bundle.*.min.js": "Zensical's page script (hashed name of its build)",
    "assets/javascripts/workers/search.*.min.js": "Zensical's search worker (the site's own search box replaces it)",
    "assets/stylesheets/classic/*.min.css": "Zensical's classic look (stylesheet and colours)",
    "assets/stylesheets/modern/*.min.css": "Zensical's modern look (stylesheet and colours)",
    "search.json": "Zensical's own search index, empty: the Thai index replaces it",
}
ENGINE_GENERATOR = re.compile(rb'<meta name="generator" content="(?!itasite")[^"]*">')
SKIP_LINK = '<a id="__skip" tabindex="-1"></a>'  # Zensical puts the skip link's target inside the article
ARTICLE = re.compile(r"<article\b.*?</article>", re.S)


@dataclass(frozen=True)
class Site:
    route: str
    folder: Path

    @property
    def engine(self) -> str:
        return self.route.split("+")[-1] if "+" in self.route else "mkdocs"

    def files(self) -> set[str]:
        return {p.relative_to(self.folder).as_posix() for p in self.folder.rglob("*") if p.is_file()}

    def pages(self) -> set[str]:
        return {rel for rel in self.files() if rel.endswith(".html")}

    def read(self, rel: str) -> bytes:
        return (self.folder / rel).read_bytes()


def run(command: list[str], cwd: Path) -> None:
    done = subprocess.run(command, cwd=cwd, env=ENV, capture_output=True, text=True, check=False)
    assert done.returncode == 0, f"{' '.join(command)}:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return seed_reports(copy_site("default", tmp_path_factory.mktemp("engines-build")), "default", tmp_path_factory)


@pytest.fixture(scope="module")
def tree(root: Path) -> Path:
    """``itasite render --out`` of the default site, once."""
    out = root.parent / "tree"
    run([str(PROJECT_BIN / "itasite"), "render", "-f", "site_config.yml", "--out", str(out)], root)
    return out


_built: dict[str, Site] = {}


def built(route: str, root: Path, tree: Path) -> Site:
    """The default site built by ``route``, once per module (only the routes the selected tests need)."""
    if route in _built:
        return _built[route]
    target = root.parent / "sites" / route
    target.parent.mkdir(exist_ok=True)
    kind, _, engine = route.partition("+")
    if route == REFERENCE:
        run([str(PROJECT_BIN / "mkdocs"), "build", "-q", "--strict", "-f", "site_config.yml", "-d", str(target)], root)
    elif kind == "render":
        copy = root.parent / f"tree-{engine}"
        shutil.copytree(tree, copy)
        run(build_command(engine, copy / "mkdocs.yml"), root)
        (copy / "site").rename(target)
    else:
        run([str(ensure_engine(engine) / "bin" / "itasite"), "build", "-q", "--strict", "--engine", engine, "-f", "site_config.yml"], root)
        (root / "site").rename(target)
    _built[route] = Site(route, target)
    return _built[route]


def engine_own(site: Site, rel: str) -> str | None:
    """Why ``rel`` is the engine's own file on ``site`` (None: itasite's, compared byte for byte)."""
    own = ZENSICAL_OWN if site.engine == "zensical" else MATERIAL_OWN
    return next((why for pattern, why in own.items() if matches(rel, pattern)), None)


def matches(rel: str, pattern: str) -> bool:
    """``*`` stands for any characters of one path segment (never a ``/``)."""
    return re.fullmatch(re.escape(pattern).replace(r"\*", "[^/]*"), rel) is not None


def published_by_itasite(tree: Path) -> set[str]:
    """Every file of the rendered tree's docs/ that is not a page: what itasite publishes on every engine."""
    docs = tree / "docs"
    return {p.relative_to(docs).as_posix() for p in docs.rglob("*") if p.is_file() and p.suffix != ".md"}


def test_no_engine_file_is_one_itasite_publishes(tree: Path) -> None:
    """The exemptions below can never hide a file of ours: none of their patterns names a file of the tree."""
    ours = published_by_itasite(tree)
    assert {"data/site.json", "feed.xml", "sitemap.xml", "sitemap.xml.gz", "robots.txt", "search/itasite/meta.json",
            "assets/itasite.css", "assets/javascripts/itasite-search.js", "2569/reports/measures.pdf"} <= ours
    for engine in PINS:
        site = Site(f"render+{engine}", tree)
        assert [rel for rel in sorted(ours) if engine_own(site, rel)] == []


@pytest.mark.parametrize("route", ROUTES)
def test_every_route_publishes_the_same_pages(route: str, root: Path, tree: Path) -> None:
    reference = built(REFERENCE, root, tree).pages()
    assert len(reference) > 80
    assert sorted(built(route, root, tree).pages() ^ reference) == []


@pytest.mark.parametrize("route", ROUTES)
def test_every_file_besides_the_pages_is_the_same_bytes(route: str, root: Path, tree: Path) -> None:
    reference, site = built(REFERENCE, root, tree), built(route, root, tree)
    mine = {rel for rel in site.files() if not rel.endswith(".html")}
    theirs = {rel for rel in reference.files() if not rel.endswith(".html")}
    if site.engine in MATERIAL_ENGINES:
        assert sorted(mine ^ theirs) == []  # Material's own files too: the same Material on MkDocs and ProperDocs
    else:
        assert sorted(rel for rel in mine - theirs if not engine_own(site, rel)) == []
        assert sorted(rel for rel in theirs - mine if not engine_own(reference, rel)) == []
        assert [p for p in ZENSICAL_OWN if not any(matches(rel, p) for rel in mine)] == []  # no exemption left over
    ours = published_by_itasite(tree)
    assert sorted(ours - mine) == []
    assert sorted(rel for rel in mine & theirs if site.read(rel) != reference.read(rel)) == []
    docs = tree / "docs"
    assert sorted(rel for rel in ours if site.read(rel) != (docs / rel).read_bytes()) == []


@pytest.mark.parametrize("route", [r for r in ROUTES if r.endswith(MATERIAL_ENGINES)])
def test_pages_on_mkdocs_and_properdocs_are_the_same_bytes_apart_from_the_generator_meta(route: str, root: Path, tree: Path) -> None:
    reference, site = built(REFERENCE, root, tree), built(route, root, tree)
    differ = []
    for rel in sorted(reference.pages()):
        mine, theirs = site.read(rel), reference.read(rel)
        if site.engine == "mkdocs":
            if mine != theirs:
                differ.append(rel)
            continue
        assert b'<meta name="generator" content="mkdocs-ProperDocs 1.6.7, mkdocs-material-9.8.2">' in mine, rel
        if ENGINE_GENERATOR.sub(b"", mine) != ENGINE_GENERATOR.sub(b"", theirs):
            differ.append(rel)
    assert differ == []


@pytest.mark.parametrize("route", [r for r in ROUTES if r.endswith("zensical")])
def test_pages_on_zensical_have_the_same_content(route: str, root: Path, tree: Path) -> None:
    """Zensical frames a page with its own theme; what the page says (its article) is the same as on MkDocs."""

    def article(site: Site, rel: str) -> str:
        found = ARTICLE.search(site.read(rel).decode("utf-8"))
        assert found, f"{site.route}: {rel} has no article"
        return re.sub(r"\s+", " ", found.group().replace(SKIP_LINK, ""))

    reference, site = built(REFERENCE, root, tree), built(route, root, tree)
    assert [rel for rel in sorted(reference.pages()) if article(site, rel) != article(reference, rel)] == []
