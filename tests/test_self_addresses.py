"""Every address the built site publishes about itself (open data, feed, sitemap) resolves, as RFC 3986 says a
client resolves it: against the address of the file it is written in. Only the built output is read."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit
from xml.etree import ElementTree

import pytest
from built_sites import seed_reports
from conftest import copy_site

from generator.cli import main

SITE_URL = "https://donsak.example/ita/"
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
ADDRESS_KEYS = {"url", "path", "href", "link_url", "page", "homepage", "evidence"}


def _json_addresses(value: object, key: str = "") -> Iterator[str]:
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _json_addresses(v, k)
    elif isinstance(value, list):
        for v in value:
            yield from _json_addresses(v, key)
    elif isinstance(value, str) and key in ADDRESS_KEYS and value:
        yield value


def published_addresses(site: Path) -> Iterator[tuple[str, str]]:
    """``(file, address)`` of every address in the open data, the feed and the sitemap, file relative to the site."""
    for path in sorted((site / "data").rglob("*")):
        rel = path.relative_to(site).as_posix()
        if path.suffix == ".json":
            for address in _json_addresses(json.loads(path.read_text(encoding="utf-8"))):
                yield rel, address
        elif path.suffix == ".csv":
            for row in csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))):
                for key, value in row.items():
                    if key in ADDRESS_KEYS and value:
                        for address in value.split(";"):
                            yield rel, address
    for entry in ElementTree.parse(site / "feed.xml").getroot().iter(f"{ATOM}link"):
        yield "feed.xml", entry.attrib["href"]
    for loc in ElementTree.parse(site / "sitemap.xml").getroot().iter(f"{SITEMAP}loc"):
        yield "sitemap.xml", loc.text or ""


def resolves_to(site: Path, file: str, address: str) -> Path | None:
    """The built file an address written in ``file`` names, as a browser on the published site finds it."""
    absolute = urljoin(SITE_URL + file, address)
    if not absolute.startswith(SITE_URL):
        return None
    path = unquote(urlsplit(absolute).path.removeprefix(urlsplit(SITE_URL).path))
    target = site / path
    if path == "" or path.endswith("/"):
        target = target / "index.html"
    return target if target.is_file() else None


@pytest.fixture(scope="module", params=[False, True], ids=["file-urls", "directory-urls"])
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = seed_reports(copy_site("default", tmp_path_factory.mktemp("addresses")), "default", tmp_path_factory)
    config = root / "site_config.yml"
    text = re.sub(r"(?m)^site_url:.*$", f"site_url: {SITE_URL}", config.read_text(encoding="utf-8"))
    text = re.sub(r"(?m)^use_directory_urls:.*\n", "", text) + f"use_directory_urls: {str(request.param).lower()}\n"
    config.write_text(text, encoding="utf-8")
    assert main(["build", "-q", "-f", str(config)]) == 0
    return root / "site"


@pytest.mark.slow  # builds the default site twice (make test, not make test-fast)
def test_every_published_self_address_resolves_to_a_built_file(built: Path) -> None:
    addresses = list(published_addresses(built))
    own = [(file, address) for file, address in addresses if not urlsplit(address).scheme or address.startswith(SITE_URL)]
    assert len(own) > 100
    assert [(file, address) for file, address in own if resolves_to(built, file, address) is None] == []


@pytest.mark.slow  # builds the default site twice (make test, not make test-fast)
def test_with_a_site_url_every_open_data_and_feed_address_is_absolute(built: Path) -> None:
    """Except the package's resource paths, which the Data Package standard defines relative to the descriptor (and
    which a validator of a downloaded copy must not fetch from the live site)."""
    relative = [
        (file, address) for file, address in published_addresses(built)
        if not urlsplit(address).scheme and file != "data/datapackage.json"
    ]
    assert relative == []
