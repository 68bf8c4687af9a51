"""bench.portal's folders (issue 24): a portal over the first N organisations of one synthetic cache, built as a
user's ``itasite build``; a cache in an older data format is not taken for a current one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.portal import cached_organisations, portal_folder
from bench.synthetic_portal import org_url, write_portal
from generator.cli import main
from generator.portal.cache import CACHE_DIR, source_folder


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("cache")
    write_portal(folder, orgs=3, years=2)
    return folder


def test_a_portal_of_the_first_n_organisations_reads_the_shared_cache_and_builds(cache: Path, tmp_path: Path) -> None:
    assert cached_organisations(cache) == 3
    folder = portal_folder(cache, 2, tmp_path / "portal-2")
    assert (folder / CACHE_DIR).resolve() == (cache / CACHE_DIR).resolve()
    assert main(["build", "--strict", "-q", "-f", str(folder / "site_config.yml")]) == 0
    members = sorted(p.parent.name for p in (folder / "site" / "organisations").glob("*/index.html"))
    assert len(members) == 2 and all(f"org0000{n}-" in " ".join(members) for n in (0, 1))
    assert "org00002-" not in " ".join(members)
    home = (folder / "site" / "index.html").read_text(encoding="utf-8")
    assert "name: ข้อมูล ITA/OIT ของหน่วยงานตัวอย่าง 2 แห่ง\n" in (folder / "content" / "portal.yml").read_text(encoding="utf-8")
    assert "หน่วยงานตัวอย่าง 2 แห่ง" in home and "3 แห่ง" not in home


def test_a_cache_written_before_site_json_had_page_addresses_is_not_reused(cache: Path, tmp_path: Path) -> None:
    old = tmp_path / "old"
    (old / "content").mkdir(parents=True)
    (old / "content" / "portal.yml").write_text((cache / "content" / "portal.yml").read_text(encoding="utf-8"), encoding="utf-8")
    copy = source_folder(old, org_url(0)) / "site.json"
    copy.parent.mkdir(parents=True)
    document = json.loads((source_folder(cache, org_url(0)) / "site.json").read_bytes())
    del document["pages"]
    for year in document["years"]:
        year.pop("oit_coverage", None)
    copy.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    assert cached_organisations(old) == 0
