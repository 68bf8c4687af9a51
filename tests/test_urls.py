"""The address scheme: sources, output files and addresses under both values of ``use_directory_urls``, and a
whole site built without directory URLs whose every address about itself resolves."""

from __future__ import annotations

import csv
import html
import io
import json
import os
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.cli import main
from generator.pipeline import check_content
from generator.urls import (
    DATA_PAGE,
    UrlScheme,
    page_candidates,
    redirect_file,
    relative_address,
    site_files,
    site_pages,
)

FOLDERS = UrlScheme(directory_urls=True)
FILES = UrlScheme(directory_urls=False)


@pytest.mark.parametrize(("source", "folder_url", "file_url", "folder_out", "file_out"), [
    ("index.md", "", "index.html", "index.html", "index.html"),
    ("2568/index.md", "2568/", "2568/index.html", "2568/index.html", "2568/index.html"),
    ("2568/oit/o15.md", "2568/oit/o15/", "2568/oit/o15.html", "2568/oit/o15/index.html", "2568/oit/o15.html"),
    ("trends.md", "trends/", "trends.html", "trends/index.html", "trends.html"),
    ("data/2568/oit.csv", "data/2568/oit.csv", "data/2568/oit.csv", "data/2568/oit.csv", "data/2568/oit.csv"),
])
def test_addresses_follow_use_directory_urls(source: str, folder_url: str, file_url: str, folder_out: str, file_out: str) -> None:
    assert FOLDERS.url(source) == folder_url and FILES.url(source) == file_url
    assert FOLDERS.output_file(source) == folder_out and FILES.output_file(source) == file_out


def test_absolute_addresses_and_relative_links() -> None:
    assert FOLDERS.absolute("2568/oit/o1.md", "https://ita.example.go.th/sub") == "https://ita.example.go.th/sub/2568/oit/o1/"
    assert FILES.absolute("2568/oit/o1.md", None) == "2568/oit/o1.html"
    assert relative_address("2568/oit/o30/index.html", "2568/oit/o27/") == "../o27/"
    assert relative_address("2568/oit/o30/index.html", "2568/oit/o27.html") == "../o27.html"
    assert relative_address("ita2568.html", "") == "./"


def test_addresses_a_clerk_writes_name_pages() -> None:
    assert page_candidates("") == ("index.md",)
    assert page_candidates("2568/oit/o1/") == ("2568/oit/o1.md", "2568/oit/o1/index.md")
    assert page_candidates("2568/oit/o1.html") == ("2568/oit/o1.md",)
    assert page_candidates("feed.xml") == ()
    assert redirect_file("2568/oit/o30/") == "2568/oit/o30/index.html"
    assert redirect_file("ita2568.html") == "ita2568.html"


def test_the_site_knows_its_pages_and_files_without_rendering(copy_example: Callable[[str], Path]) -> None:
    root = copy_example("default")
    site, _ = check_content(root / "content", root)
    assert site is not None
    pages, files = site_pages(site), site_files(site)
    assert DATA_PAGE in pages and "2568/oit/o28.md" in pages and "2569/measures/m7.md" in pages
    assert "data/2569/measures.csv" in files and "data/2568/scores.json" in files and "feed.xml" in files
    assert len(pages) == len(set(pages)) and len(files) == len(set(files))


def test_an_old_address_of_a_page_is_refused_under_either_scheme(copy_example: Callable[[str], Path]) -> None:
    root = copy_example("default")
    (root / "content" / "redirects.yml").write_text("2568/oit/o1.html: 2568/oit/o2/\n2568/oit/o3/: 2568/oit/o4.html\n", encoding="utf-8")
    _, with_folders = check_content(root / "content", root, "en", FOLDERS)
    _, with_files = check_content(root / "content", root, "en", FILES)
    refused = "is a page the generator makes"
    assert [f.path for f in with_folders if refused in f.message] == ["2568/oit/o3/"]
    assert [f.path for f in with_files if refused in f.message] == ["2568/oit/o1.html"]
    assert not [f for f in with_folders + with_files if "is not a page" in f.message]  # both new addresses are pages


# -- a whole site without directory URLs ---------------------------------------------------------------------------

SITE_URL = "https://ita.example.go.th/donsak/"


@pytest.fixture
def flat_site(copy_example_with_reports: Callable[[str], Path]) -> Path:
    """The default site built with ``use_directory_urls: false``, a ``site_url`` and a redirect."""
    root = copy_example_with_reports("default")
    config = root / "site_config.yml"
    settings = f"docs_dir: content\nuse_directory_urls: false\nsite_url: {SITE_URL}\n"
    config.write_text(config.read_text(encoding="utf-8").replace("docs_dir: content\n", settings), encoding="utf-8")
    (root / "content" / "redirects.yml").write_text("2568/oit/o30/: 2568/oit/o27/\nita2568.html: 2568/\n", encoding="utf-8")
    assert main(["build", "-q", "--strict", "-f", str(config)]) == 0
    os.environ.pop("SOURCE_DATE_EPOCH", None)
    return root / "site"


def _published(site: Path, address: str) -> Path:
    """The file an address relative to the site root serves."""
    path = site / address
    return path / "index.html" if address == "" or address.endswith("/") else path


@pytest.mark.e2e
def test_without_directory_urls_every_address_the_site_publishes_about_itself_resolves(flat_site: Path) -> None:
    site = flat_site
    assert (site / "2568" / "oit" / "o15.html").is_file() and not (site / "2568" / "oit" / "o15").exists()
    addresses: list[str] = []
    # the open data's page addresses
    for path in site.joinpath("data").rglob("*.csv"):
        addresses += [row["url"] for row in csv.DictReader(io.StringIO(path.read_text("utf-8"), newline="")) if row.get("url")]
    for path in site.joinpath("data").rglob("*.json"):
        addresses += re.findall(r'"url": "([^"]*)"', path.read_text("utf-8"))
    # with a site_url, the open data gives its own pages' addresses in full (tests/test_self_addresses.py resolves
    # every address against its file's own address, as RFC 3986 says a client must)
    assert addresses and all(a.startswith(("http://", "https://", "mailto:")) for a in addresses)
    addresses = [a.removeprefix(SITE_URL) for a in addresses if a.startswith(SITE_URL)]
    # the feed and the sitemap (absolute, under site_url)
    atom = "{http://www.w3.org/2005/Atom}"
    feed = ET.fromstring((site / "feed.xml").read_text("utf-8"))
    links = [e.attrib["href"] for e in feed.iter(f"{atom}link")]
    sitemap = ET.fromstring((site / "sitemap.xml").read_text("utf-8"))
    links += [e.text or "" for e in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert links and all(link.startswith(SITE_URL) for link in links)
    addresses += [link.removeprefix(SITE_URL) for link in links]
    assert len(addresses) > 170
    missing = sorted({a for a in addresses if not _published(site, a).is_file()})
    assert missing == []
    # the redirect pages lead to the new pages' files
    for old, new in (("2568/oit/o30/index.html", "../o27.html"), ("ita2568.html", "2568/index.html")):
        page = (site / old).read_text("utf-8")
        assert f'url={new}"' in page
        assert (site / old).parent.joinpath(new).resolve().is_file()
    # every link on every page, the footer's included
    for page in site.rglob("*.html"):
        if page.name == "404.html":
            continue
        for href in re.findall(r'href="([^"]+)"', page.read_text(encoding="utf-8")):
            if href.startswith(("http://", "https://", "mailto:", "#")):
                continue
            target = (page.parent / html.unescape(href).split("#")[0]).resolve()
            assert target.is_file() or (target / "index.html").is_file(), f"{page.relative_to(site)} links to missing {href}"
    measures = json.loads((site / "data" / "2569" / "measures.json").read_text("utf-8"))["measures"]
    assert measures[0]["url"] == f"{SITE_URL}2569/measures/m1.html"
