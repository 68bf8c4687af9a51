"""What a rendered site tells the theme: ``extra.itasite``, the logo and the navigation.

The same values serve the plugin (applied to MkDocs' configuration in ``on_config``) and the publish stage
(written into the tree's ``mkdocs.yml``), so a site built either way is the same.
"""

from __future__ import annotations

from typing import Any

from mkdocs.config.defaults import MkDocsConfig

from generator.render.pages import RenderSettings
from generator.render.rendered import RenderedSite
from generator.thai import format_date
from generator.urls import ABOUT_PAGE, ACCESSIBILITY_PAGE, FEED_FILE, HOME_PAGE, PRIVACY_PAGE, SITEMAP_PAGE

FOOTER_LINKS = (
    ("เกี่ยวกับหน่วยงานและการติดต่อ", ABOUT_PAGE),
    ("นโยบายความเป็นส่วนตัว", PRIVACY_PAGE),
    ("การเข้าถึงเว็บไซต์", ACCESSIBILITY_PAGE),
    ("แผนผังเว็บไซต์", SITEMAP_PAGE),
)


def theme_values(rendered: RenderedSite, settings: RenderSettings, thai_search: bool) -> dict[str, Any]:
    """``extra.itasite``, read by the theme: the organisation for the print header and the footer, the date of the
    latest data (the footer's "last updated"), the footer's pages, the feed, the home page (the 404 page's way on)
    and which search worker the search box talks to."""
    return {
        "organisation": rendered.site.organisation.name,
        "updated": format_date(rendered.date, settings.date_style, settings.digits),
        "feed": settings.urls.url(FEED_FILE),
        "home": settings.urls.url(HOME_PAGE),
        "footer": [{"title": title, "url": settings.urls.url(page)} for title, page in FOOTER_LINKS],
        "thai_search": thai_search,
    }


def apply_to_config(config: MkDocsConfig, rendered: RenderedSite, settings: RenderSettings, thai_search: bool) -> None:
    """The logo, the navigation (unless the site gives its own) and the theme's values."""
    logo = rendered.site.organisation.logo
    if logo and not config.theme.get("logo"):
        config.theme["logo"] = logo  # an image in the content folder; MkDocs publishes it as a static file
    if config.nav is None:
        config.nav = rendered.nav
    config.extra["itasite"] = theme_values(rendered, settings, thai_search)
