"""One table of the links the content may and may not hold (generator/model/url_safety.py), each judged as the
models judge a `url:` of the content."""

from __future__ import annotations

import pytest
from pydantic import TypeAdapter, ValidationError

from generator.model.types import Url
from generator.model.url_safety import ALLOWED_SCHEMES, decoded_address, is_external, safe_url

FINE = [
    "https://www.donsak.go.th/ita/2569",
    "http://example.go.th/plan.pdf",
    "HTTPS://EXAMPLE.GO.TH/",
    "mailto:saraban@donsak.go.th",
    "2569/measures/m1/",
    "/2569/oit/o15/",
    "files/แผน 2569.pdf",
    "files/plan.pdf#page=2",
    "2568/oit/o1.html",
    "about/?from=footer",
]

HOSTILE = [
    ("javascript:alert(1)", "url_scheme:javascript"),
    ("JavaScript:alert(1)", "url_scheme:javascript"),
    ("javascript&#58;alert(1)", "url_scheme:javascript"),
    ("jav&#x09;ascript:alert(1)", "url_scheme:javascript"),
    ("&amp;#106;avascript:alert(1)", "url_scheme:javascript"),
    ("java\u200bscript:alert(1)", "url_scheme:javascript"),
    ("\u00adjavascript:alert(1)", "url_scheme:javascript"),
    ("data:text/html,<script>alert(1)</script>", "url_scheme:data"),
    ("vbscript:msgbox", "url_scheme:vbscript"),
    ("file:///etc/passwd", "url_scheme:file"),
    ("ftp://example.com/a", "url_scheme:ftp"),
    ("//evil.example/x", "url_host"),
    ("\\\\server\\share", "url_host"),
    ("www.donsak.go.th/ita", "url_no_scheme"),
    ("donsak.go.th", "url_no_scheme"),
    ("../../etc/passwd", "url_parent"),
    ("files/../secret.pdf", "url_parent"),
    ("files/a.pdf\" onmouseover=\"alert(1)", "url_form"),
    ("https://x.example/<script>", "url_form"),
    ("files/a\nb.pdf", "url_form"),
]


@pytest.mark.parametrize("url", FINE)
def test_fine_links_are_kept_as_written(url: str) -> None:
    assert safe_url(f"  {url} ") == url
    assert TypeAdapter(Url).validate_python(url) == url


@pytest.mark.parametrize(("url", "code"), HOSTILE)
def test_hostile_links_are_refused_with_their_reason(url: str, code: str) -> None:
    with pytest.raises(ValueError, match=rf"^{code}"):
        safe_url(url)
    with pytest.raises(ValidationError):
        TypeAdapter(Url).validate_python(url)


def test_only_the_schemes_in_the_table_are_external() -> None:
    assert ALLOWED_SCHEMES == ("http", "https", "mailto")
    assert all(is_external(u) for u in FINE if u.lower().startswith(("http", "mailto")))
    assert not any(is_external(u) for u in FINE if not u.lower().startswith(("http", "mailto")))
    assert not is_external("javascript:alert(1)") and not is_external("https:evil")


def test_an_address_is_judged_as_a_browser_reads_it() -> None:
    assert decoded_address("jav&#x09;ascript&#58;x") == "javascript:x"
    assert decoded_address("&amp;amp;#106;s") == "js"
