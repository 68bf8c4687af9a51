"""The theme's templates (theme/) in both template engines the site engines use: Jinja2 (MkDocs, ProperDocs) and
MiniJinja (Zensical), which accepts less (no Python string methods such as ``str.endswith``).

Every template is rendered by both with a minimal context and a stand-in ``base.html`` that has the blocks the theme
overrides, once as Material's theme renders it and once as Zensical's does (it passes ``generator``); both engines
must give the same page, and it must say what a citizen expects (Thai 404, footer links, escaped title).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jinja2
import minijinja
import pytest

ROOT = Path(__file__).resolve().parent.parent
THEME = ROOT / "theme"
TEMPLATES = sorted(p.relative_to(THEME).as_posix() for p in THEME.rglob("*.html"))

# The blocks theme/main.html overrides, each with what the theme's own block would write, so super() shows.
BASE = """<html><head>{% block site_meta %}<meta name="generator" content="engine">{% endblock %}
{% block htmltitle %}<title>theme title</title>{% endblock %}
{% block fonts %}<!-- theme fonts -->{% endblock %}
{% block extrahead %}{% endblock %}</head><body>
<header>{% include "partials/search.html" %}</header>
<article>{% block content %}<div class="theme-content">{{ page.content }}</div>{% endblock %}</article>
{% block footer %}<footer>{% include "partials/copyright.html" %}</footer>{% endblock %}
{% block config %}<script id="__config" type="application/json">{"search": "theme-worker.js"}</script>{% endblock %}
{% block scripts %}<script src="theme-bundle.js"></script>
{% for script in config.extra_javascript %}<script src="{{ script | url }}"></script>{% endfor %}{% endblock %}
</body></html>"""

SVG = "<svg></svg>"
HOSTILE = 'A &amp; B "c" &lt;/title&gt;&lt;script&gt;'  # a page title as MkDocs keeps it: HTML-escaped


class Lang:
    """Material's and Zensical's ``lang`` (partials/language.html): a translation per key."""

    def t(self, key: str) -> str:
        return {"search": "ค้นหา", "search.placeholder": "ค้นหา"}.get(key, key)


def url(value: str) -> str:
    return "/" + value if not value.startswith("/") else value


def striptags(value: str) -> str:
    return str(jinja2.filters.Markup(value).striptags())


def context(zensical: bool, *, thai_search: bool = True, title: str = HOSTILE) -> dict[str, Any]:
    values: dict[str, Any] = {
        "lang": Lang(),
        "base_url": ".",
        "features": [],
        "page": {"title": title, "meta": {}, "is_homepage": False, "content": "<p>เนื้อหา</p>"},
        "config": {
            "site_name": "ITA ทดสอบ",
            "copyright": None,
            "theme": {"icon": {}},
            "plugins": {},
            "extra_javascript": ["assets/javascripts/itasite-filters.js"],
            "extra": {"itasite": {
                "organisation": "เทศบาลทดสอบ",
                "updated": "๑๗ เมษายน ๒๕๖๙",
                "feed": "feed.xml",
                "home": "",
                "footer": [{"title": "แผนผังเว็บไซต์", "url": "sitemap/"}, {"title": "A & <b>", "url": "about/"}],
                "thai_search": thai_search,
            }},
        },
    }
    if zensical:
        values["generator"] = "zensical-0.0.73"
    else:
        values["mkdocs_version"] = "1.6.1"
    return values


def theme_sources() -> dict[str, str]:
    sources = {name: (THEME / name).read_text(encoding="utf-8") for name in TEMPLATES}
    return sources | {"base.html": BASE}


def icon_loader(sources: dict[str, str]) -> Callable[[str], str | None]:
    return lambda name: SVG if name.startswith(".icons/") else sources.get(name)


def render_jinja2(name: str, values: dict[str, Any]) -> str:
    sources = theme_sources()
    env = jinja2.Environment(loader=jinja2.FunctionLoader(icon_loader(sources)), undefined=jinja2.Undefined)
    env.filters["url"] = url
    env.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": False}
    return env.get_template(name).render(**values)


def render_minijinja(name: str, values: dict[str, Any]) -> str:
    sources = theme_sources()
    # No autoescape, as in MkDocs' and Zensical's environments (the templates escape what they write); no Python
    # compatibility methods (str.endswith and the like), as in Zensical.
    env = minijinja.Environment(loader=icon_loader(sources), filters={"url": url, "striptags": striptags},
                                auto_escape_callback=lambda name: False, pycompat=False)
    return str(env.render_template(name, **values))


def normal(html: str) -> str:
    """Whitespace between tags and runs of spaces do not matter to a browser, nor JSON spacing, nor which of the
    equivalent character references an escape writes."""
    for ref, char in (("&#34;", "&quot;"), ("&#x27;", "&#39;"), ("&#x2f;", "/")):
        html = html.replace(ref, char)
    html = re.sub(r'(<script id="__config" type="application/json">)(.*?)(</script>)',
                  lambda m: m[1] + json.dumps(json.loads(m[2]), sort_keys=True) + m[3], html, flags=re.S)
    html = re.sub(r">\s+<", "><", html)
    html = re.sub(r"\s+", " ", html)
    return html.replace('": ', '":').replace(", ", ",").strip()


# Each test runs in both template engines, on each theme's way of rendering (Material's, Zensical's).
EACH_ENGINE = pytest.mark.parametrize("render", [render_jinja2, render_minijinja], ids=["jinja2", "minijinja"])
EACH_THEME = pytest.mark.parametrize("zensical", [False, True], ids=["material", "zensical"])


@pytest.mark.parametrize("name", [n for n in TEMPLATES if not n.startswith("partials/")] + ["partials/copyright.html"])
@EACH_THEME
@pytest.mark.parametrize("thai_search", [True, False], ids=["thai-search", "stock-search"])
def test_every_template_renders_alike_in_jinja2_and_minijinja(name: str, zensical: bool, thai_search: bool) -> None:
    values = context(zensical, thai_search=thai_search)
    by_jinja2 = render_jinja2(name, values)
    by_minijinja = render_minijinja(name, values)
    assert normal(by_jinja2) == normal(by_minijinja)


@EACH_ENGINE
@EACH_THEME
def test_the_404_page_is_thai_with_links_home_and_to_the_footer_pages(render: Callable[..., str], zensical: bool) -> None:
    html = render("404.html", context(zensical))
    assert "<h1>ไม่พบหน้าที่ต้องการ</h1>" in html
    assert '<a href="/">หน้าหลัก</a>' in html and 'action="/"' in html
    assert '<a href="/sitemap/">แผนผังเว็บไซต์</a>' in html
    assert "A &amp; &lt;b&gt;" in html and "<b>" not in html.split("<article>")[1].split("</article>")[0]


@EACH_ENGINE
@EACH_THEME
def test_every_page_has_the_footer_feed_generator_print_header_and_escaped_title(render: Callable[..., str], zensical: bool) -> None:
    html = render("main.html", context(zensical))
    assert '<meta name="generator" content="itasite">' in html
    assert '<link rel="alternate feed" type="application/atom+xml"' in html and 'href="/feed.xml"' in html
    assert '<p class="itasite-print-header" aria-hidden="true">เทศบาลทดสอบ · ' in html
    assert "<div>เทศบาลทดสอบ · ข้อมูลปรับปรุงล่าสุด ๑๗ เมษายน ๒๕๖๙</div>" in html
    assert 'aria-label="ข้อมูลเว็บไซต์"' in html and '<a href="/sitemap/">แผนผังเว็บไซต์</a>' in html
    title = re.search(r"<title>(.*?)</title>", html, re.S)
    assert title and "<" not in title.group(1) and "&amp;" in title.group(1), html[:600]
    assert "<script>" not in html.split("</title>")[0]


@EACH_ENGINE
def test_material_gets_the_thai_worker_and_its_own_deferred_bundle(render: Callable[..., str]) -> None:
    html = render("main.html", context(zensical=False))
    assert '"search":"/assets/javascripts/itasite-search.js"' in normal(html)
    assert 'class="md-search" data-md-component="search" role="dialog" aria-label="ค้นหา"' in html
    assert '<script defer src="theme-bundle.js"></script>' in html  # the theme names its bundle; the page defers it
    assert '<script defer src="/assets/javascripts/itasite-filters.js"></script>' in html
    assert "itasite-search-box.js" not in html and "<dialog" not in html


@EACH_ENGINE
def test_zensical_gets_the_sites_own_search_box_and_keeps_its_own_config(render: Callable[..., str]) -> None:
    html = render("main.html", context(zensical=True))
    assert '"search": "theme-worker.js"' in html  # the theme's own block: its worker is never started
    assert '<dialog class="itasite-search" aria-label="ค้นหา" data-itasite-worker="/assets/javascripts/itasite-search.js">' in html
    # no .md-search element: Zensical's bundle mounts its own search only there, and downloads search.json for it
    assert "md-search\"" not in html and 'class="md-search ' not in html and "data-md-component=\"search\"" not in html
    assert '<script defer src="theme-bundle.js"></script>' in html
    assert html.index("itasite-filters.js") < html.index('<script defer src="/assets/javascripts/itasite-search-box.js"></script>')


@EACH_ENGINE
def test_without_thai_search_each_theme_keeps_its_own_search(render: Callable[..., str]) -> None:
    material = render("main.html", context(zensical=False, thai_search=False))
    assert '"search": "theme-worker.js"' in material and "itasite-search.js" not in material
    zensical = render("main.html", context(zensical=True, thai_search=False))
    assert '<div class="md-search" data-md-component="search" role="dialog" aria-label="ค้นหา">' in zensical
    assert "itasite-search" not in zensical
