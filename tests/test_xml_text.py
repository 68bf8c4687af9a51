"""The XML escaping of the feed and the sitemap (generator/render/xml_text.py) gives the bytes the standard
library's ``xml.sax.saxutils`` gives, for every awkward value."""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

import pytest

from generator.render.xml_text import xml_attribute, xml_text

VALUES = [
    "", "ITA เทศบาล", "a & b", "<script>alert(1)</script>", "&amp; already", "x > y < z", 'say "hi"', "it's",
    "both \" and '", "line\nbreak\r\ttab", "]]>", "https://example.go.th/a?b=1&c=<2>#\"'", "\u0e33\u0e4d\u0e32 ๑๒๓",
]


@pytest.mark.parametrize("value", VALUES)
def test_the_same_bytes_as_saxutils(value: str) -> None:
    assert xml_text(value) == escape(value)
    assert xml_attribute(value) == quoteattr(value)
