"""The Atom feed and the sitemap dates: what changed and when, from the content's own dates only."""

from __future__ import annotations

import datetime as dt
import gzip
import os
import subprocess
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import ROOT, minimal_config
from test_plugin import FILES, MKDOCS

from generator.load.content import load_content
from generator.model.site import Site
from generator.render.feed import collect_updates, page_dates, render_feed, site_date
from generator.render.pages import render_pages
from generator.urls import DIRECTORY_URLS

ATOM = "{http://www.w3.org/2005/Atom}"

MEASURES = """\
document:
  title: รายงาน
  date: 2568-10-15
rounds:
  - {id: 6m, label: รอบ 6 เดือน, start: 2568-10-01, end: 2569-03-31}
  - {id: 12m, label: รอบ 12 เดือน, start: 2568-10-01, end: 2569-09-30}
measures:
  - id: m1
    title: "มาตรการ <b>หนึ่ง</b> & สอง"
    status: in_progress
    results:
      - round: 6m
        status: in_progress
        actions: [จัดประชุมแล้ว]
  - id: m2
    title: เผยแพร่ข้อมูล
    status: done
    results:
      - round: 6m
        status: done
        date: 2569-04-02
"""


def _site(tmp_path: Path, files: dict[str, str]) -> Site:
    content = tmp_path / "content"
    for rel, text in {"organisation.yml": "name: อบต.ทดสอบ\ntype: อบต.\n", **files}.items():
        (content / rel).parent.mkdir(parents=True, exist_ok=True)
        (content / rel).write_text(text, encoding="utf-8")
    site, findings = load_content(content, tmp_path)
    assert site is not None, findings
    return site


def test_updates_take_their_dates_from_the_data(tmp_path: Path) -> None:
    site = _site(tmp_path, {
        "2568/result.yml": "total: 90\nlevel: ผ่านดี\n",  # no document date: the fiscal year's first day
        "2569/measures.yml": MEASURES,
        "2568/oit.yml": "items:\n  - {item: o1, updated: 2568-12-01, links: [{title: ก, url: https://x.go.th}]}\n",
    })
    updates = collect_updates(site, "arabic")
    assert [(u.date.isoformat(), u.key) for u in updates] == [
        ("2026-04-02", "2569/measures/m2/6m"),  # the round result's own date
        ("2026-03-31", "2569/measures/m1/6m"),  # no date: the round's end
        ("2025-12-01", "2568/oit/o1"),
        ("2025-10-15", "2569/measures"),  # the plan document's date
        ("2024-10-01", "2568/result"),  # fiscal year 2568 starts on 1 October 2567
    ]
    by_key = {u.key: u for u in updates}
    assert by_key["2569/measures/m1/6m"].title == "มาตรการ m1 มาตรการ <b>หนึ่ง</b> & สอง: รอบ 6 เดือน — อยู่ระหว่างดำเนินการ"
    assert by_key["2568/result"].title == "ผลการประเมิน ITA ปีงบประมาณ 2568: 90.00 คะแนน ระดับ ผ่านดี"
    assert site_date(site, updates) == dt.date(2026, 4, 2)
    thai = {u.key: u for u in collect_updates(site, "thai")}
    assert thai["2569/measures/m1/6m"].title.endswith(": รอบ ๖ เดือน — อยู่ระหว่างดำเนินการ")  # the site's digits


def test_feed_is_atom_with_stable_ids_escaped_text_and_relative_links(tmp_path: Path) -> None:
    site = _site(tmp_path, {"2569/measures.yml": MEASURES})
    text = render_feed(site, collect_updates(site), DIRECTORY_URLS)
    root = ET.fromstring(text)  # well-formed: the title's <b> and & are escaped
    assert "<b>" not in text and "&lt;b&gt;หนึ่ง&lt;/b&gt; &amp; สอง" in text
    assert root.tag == f"{ATOM}feed"
    assert root.findtext(f"{ATOM}updated") == "2026-04-02T00:00:00+07:00"
    assert root.findtext(f"{ATOM}author/{ATOM}name") == "อบต.ทดสอบ"
    entries = root.findall(f"{ATOM}entry")
    ids = [root.findtext(f"{ATOM}id")] + [e.findtext(f"{ATOM}id") for e in entries]
    assert all(i and i.startswith("urn:uuid:") for i in ids) and len(set(ids)) == 4
    assert [e.find(f"{ATOM}link").get("href") for e in entries] == [  # type: ignore[union-attr]
        "2569/measures/m2/", "2569/measures/m1/", "2569/measures/"]
    assert entries[1].findtext(f"{ATOM}summary") == "จัดประชุมแล้ว"


def test_feed_with_site_url_has_absolute_links_and_ids(tmp_path: Path) -> None:
    site = _site(tmp_path, {"2569/measures.yml": MEASURES})
    root = ET.fromstring(render_feed(site, collect_updates(site), DIRECTORY_URLS, "https://ita.example.go.th/sub"))
    self_link = root.find(f"{ATOM}link[@rel='self']")
    assert self_link is not None and self_link.get("href") == "https://ita.example.go.th/sub/feed.xml"
    entry = root.findall(f"{ATOM}entry")[0]
    assert entry.findtext(f"{ATOM}id") == "https://ita.example.go.th/sub/feed.xml#2569/measures/m2/6m"
    assert entry.find(f"{ATOM}link").get("href") == "https://ita.example.go.th/sub/2569/measures/m2/"  # type: ignore[union-attr]


def test_feed_ids_do_not_change_when_a_result_is_reported_later(tmp_path: Path) -> None:
    """An entry names the thing (measure m1, round 6m), so a corrected date updates it instead of adding one."""
    site = _site(tmp_path, {"2569/measures.yml": MEASURES})
    later = _site(tmp_path / "later", {"2569/measures.yml": MEASURES.replace("date: 2569-04-02", "date: 2569-05-09")})
    keys = sorted(u.key for u in collect_updates(site))
    assert keys == sorted(u.key for u in collect_updates(later))
    assert render_feed(site, collect_updates(site), DIRECTORY_URLS) != render_feed(later, collect_updates(later), DIRECTORY_URLS)


def test_page_dates_follow_the_updates_that_touch_each_page(tmp_path: Path) -> None:
    site = _site(tmp_path, {"2568/result.yml": "total: 90\nlevel: ผ่านดี\n", "2569/measures.yml": MEASURES})
    pages = sorted(render_pages(site)) + ["notes.md"]
    dates = page_dates(site, pages, collect_updates(site))
    assert dates["2569/measures/m2.md"] == dt.date(2026, 4, 2)
    assert dates["2569/measures/m1.md"] == dt.date(2026, 3, 31)
    assert dates["2569/measures/index.md"] == dt.date(2026, 4, 2)
    assert dates["2569/oit/o1.md"] == dt.date(2025, 10, 1)  # nothing reported: the fiscal year's first day
    assert dates["2568/indicators/index.md"] == dt.date(2024, 10, 1)
    assert dates["index.md"] == dates["data/index.md"] == dates["notes.md"] == dt.date(2026, 4, 2)


def test_default_site_feed_is_the_same_every_time() -> None:
    site, _ = load_content(ROOT / "content", ROOT)
    assert site is not None
    first = render_feed(site, collect_updates(site), DIRECTORY_URLS)
    again, _ = load_content(ROOT / "content", ROOT)
    assert again is not None
    assert first == render_feed(again, collect_updates(again), DIRECTORY_URLS)
    assert first.count("<id>urn:uuid:") == first.count("<id>") > 1


# -- in a build -------------------------------------------------------------------------------------------------------


def _build(root: Path, epoch: str | None) -> Path:
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"} | ({"SOURCE_DATE_EPOCH": epoch} if epoch else {})
    result = subprocess.run([str(MKDOCS), "build", "--strict", "-q", "-f", str(root / "site_config.yml")],
                            cwd=root, capture_output=True, text=True, timeout=120, check=False, env=env)
    assert result.returncode == 0, result.stderr
    return root / "site"


@pytest.mark.slow
def test_sitemap_lastmod_and_feed_come_from_the_data_not_the_clock(tmp_path: Path) -> None:
    sites = []
    for folder, epoch in (("a", None), ("b", "0")):  # the second build pretends the clock says 1970
        root = tmp_path / folder
        for rel, text in FILES.items():
            (root / "content" / rel).parent.mkdir(parents=True, exist_ok=True)
            (root / "content" / rel).write_text(text, encoding="utf-8")
        (root / "site_config.yml").write_text(
            minimal_config().replace("https://test.example/", "https://ita.example.go.th/"), encoding="utf-8")
        sites.append(_build(root, epoch))
    first, second = sites
    for name in ("sitemap.xml", "sitemap.xml.gz", "feed.xml"):
        assert (first / name).read_bytes() == (second / name).read_bytes(), name
    sitemap = ET.fromstring((first / "sitemap.xml").read_bytes())
    ns = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    lastmod = {u.findtext(f"{ns}loc"): u.findtext(f"{ns}lastmod") for u in sitemap.findall(f"{ns}url")}
    base = "https://ita.example.go.th/"
    assert lastmod[base + "2568/"] == "2026-04-17"  # the result's document date (FILES' result.yml)
    assert lastmod[base + "2568/oit/o15/"] == "2026-04-17"
    assert lastmod[base + "2569/measures/m1/"] == "2025-10-01"  # nothing reported yet: fiscal year 2569 starts
    assert lastmod[base] == lastmod[base + "data/"] == "2026-04-17"
    assert gzip.decompress((first / "sitemap.xml.gz").read_bytes()) == (first / "sitemap.xml").read_bytes()
    feed = ET.fromstring((first / "feed.xml").read_bytes())
    assert feed.findtext(f"{ATOM}entry/{ATOM}id") == "https://ita.example.go.th/feed.xml#2568/result"


@pytest.mark.slow
def test_every_page_links_the_feed(site_dir: Callable[..., Path]) -> None:
    root = site_dir(FILES)
    site = _build(root, None)
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 10
    for page in pages:
        if page.name == "404.html":
            continue
        depth = len(page.relative_to(site).parts) - 1
        href = "../" * depth + "feed.xml" if depth else "feed.xml"
        link = f'<link rel="alternate feed" type="application/atom+xml" title="ความเคลื่อนไหว ITA (Atom)" href="{href}">'
        assert link in page.read_text(encoding="utf-8"), page
    assert ET.fromstring((site / "feed.xml").read_bytes()).tag == f"{ATOM}feed"


def test_feed_ids_differ_between_organisations_without_site_url(tmp_path: Path) -> None:
    """Two municipalities' feeds must not share ids, or feed readers merge their entries (issue 13)."""
    site = _site(tmp_path, {"2569/measures.yml": MEASURES})
    other = _site(tmp_path / "other", {"2569/measures.yml": MEASURES, "organisation.yml": "name: อบต.อื่น\ntype: อบต.\n"})

    def ids(s: Site) -> set[str]:
        root = ET.fromstring(render_feed(s, collect_updates(s), DIRECTORY_URLS))
        return {i.text or "" for i in root.iter(f"{ATOM}id")}

    assert ids(site) == ids(_site(tmp_path / "again", {"2569/measures.yml": MEASURES}))  # stable
    assert not ids(site) & ids(other)


def test_robots_names_the_sitemap_only_with_a_site_url() -> None:
    from generator.render.feed import render_robots

    assert render_robots("https://ita.example.go.th/sub/") == (
        "User-agent: *\nAllow: /\nSitemap: https://ita.example.go.th/sub/sitemap.xml\n")
    assert render_robots(None) == "User-agent: *\nAllow: /\n"
