"""A portal folder, start to finish below the pipeline: portal.yml → every source read → the view → pages, open
data and feed. :func:`check_portal` is what ``itasite check`` runs; :func:`render_portal` what every build runs."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from generator.errors import ContentError, Finding, Severity
from generator.load.content import is_ignored_file
from generator.messages import Lang
from generator.model.site import Site
from generator.portal.check import check_readings
from generator.portal.config import PORTAL_FILE, is_portal, load_portal
from generator.portal.opendata import portal_updates, render_portal_data
from generator.portal.pages import portal_nav, portal_organisation, render_portal_pages
from generator.portal.sources import SITE_CONFIGS, CacheReader, SourceError, read_sources, site_settings
from generator.portal.view import PortalView, make_view
from generator.render.feed import page_dates, render_feed, site_date
from generator.render.pages import RenderSettings
from generator.render.rendered import RenderedSite, robots_file, take_hand_written
from generator.urls import FEED_FILE, SITE_PAGES


def _own_files(content_dir: Path) -> dict[str, int]:
    """The portal folder's own files published as they are (hand-written pages, a logo): never YAML, backups,
    hidden files or symbolic links."""
    found: dict[str, int] = {}
    for folder, dirs, names in os.walk(content_dir):
        here = Path(folder)
        dirs[:] = sorted(d for d in dirs if not (here / d).is_symlink() and not d.startswith("."))
        for name in sorted(names):
            path = here / name
            rel = path.relative_to(content_dir).as_posix()
            if is_ignored_file(rel) or path.is_symlink() or path.suffix in (".yml", ".yaml"):
                continue
            found[rel] = path.stat().st_size
    return dict(sorted(found.items()))


def _view(content_dir: Path, root: Path, lang: Lang, cache: CacheReader | None) -> tuple[PortalView | None, Site | None, list[Finding]]:
    config, findings = load_portal(content_dir, root, lang)
    if config is None:
        return None, None, findings
    readings, errors = read_sources(config, root, lang, cache)
    findings = errors + check_readings(readings, config.source_file, lang)
    view = make_view(config.portal, readings)
    site = Site(portal_organisation(view), {}, {}, file_sizes=_own_files(content_dir))
    return view, site, findings


def source_inputs(content_dir: Path, root: Path) -> list[Path]:
    """What the portal's ``path:`` sources are read from (each organisation's configuration and content folder):
    a preview of the portal watches them, so that an organisation's edit shows on the portal. None when the folder
    is not a portal or portal.yml cannot be read (its own errors are shown by the build)."""
    if not is_portal(content_dir):
        return []
    config, _ = load_portal(content_dir, root, "th")
    found: list[Path] = []
    for entry in config.entries if config is not None else []:
        folder = entry.folder
        settings = next((folder / name for name in SITE_CONFIGS if (folder / name).is_file()), None) if folder else None
        if folder is None or settings is None:
            continue
        try:
            docs = str(site_settings(settings).get("docs_dir") or "docs")
        except SourceError:
            docs = "docs"
        found += [p for p in (settings, folder / docs) if p.exists() and p not in found]
    return found


def check_portal(content_dir: Path, root: Path, lang: Lang = "th", cache: CacheReader | None = None) -> tuple[Site | None, list[Finding]]:
    """Every finding of the portal: portal.yml's errors, and a warning for each honest gap."""
    _, site, findings = _view(content_dir, root, lang, cache)
    return site, findings


def render_portal(
    content_dir: Path, root: Path, settings: RenderSettings, lang: Lang = "th", cache: CacheReader | None = None
) -> RenderedSite:
    """The portal rendered once, or :class:`ContentError` when portal.yml is not right."""
    view, site, findings = _view(content_dir, root, lang, cache)
    if view is None or site is None or any(f.severity is Severity.error for f in findings):
        raise ContentError(findings)
    updates = portal_updates(view)
    date = site_date(site, updates)
    pages = render_portal_pages(view, settings, date)
    hand_written = take_hand_written(site, pages)
    files = {
        **render_portal_data(view, settings.urls, settings.site_url),
        FEED_FILE: render_feed(site, updates, settings.urls, settings.site_url),
        **robots_file(site, settings.site_url),
    }
    return RenderedSite(
        site=site,
        warnings=[f for f in findings if f.severity is Severity.warning],
        pages=pages,
        files=dict(sorted(files.items())),
        hand_written=hand_written,
        nav=_with_hand_written(portal_nav(view, settings.digits), [p for p in hand_written if p not in SITE_PAGES]),
        page_dates=page_dates(site, sorted([*pages, *hand_written]), updates),
        date=date,
        reports=[],
    )


def _with_hand_written(nav: list[Any], pages: list[str]) -> list[Any]:
    """The portal's own hand-written pages before the pages about the site, as an organisation's are."""
    return [*nav[:-1], *pages, nav[-1]]


__all__ = ["PORTAL_FILE", "check_portal", "render_portal", "source_inputs"]
