"""Text and attribute values in the XML files a build writes (feed, sitemap), the same bytes as
``xml.sax.saxutils.escape`` and ``quoteattr`` give: that module imports ``urllib.request`` and with it ``http.client``
and ``ssl``, 20 ms of every build for three replacements."""

from __future__ import annotations

_TEXT = (("&", "&amp;"), (">", "&gt;"), ("<", "&lt;"))
_ATTRIBUTE = (("\n", "&#10;"), ("\r", "&#13;"), ("\t", "&#9;"))


def xml_text(data: str) -> str:
    """``data`` as XML character data: ``&``, ``<`` and ``>`` as entities."""
    for char, entity in _TEXT:
        data = data.replace(char, entity)
    return data


def xml_attribute(data: str) -> str:
    """``data`` as a quoted XML attribute value, quotes included (double quotes unless the value holds one)."""
    data = xml_text(data)
    for char, entity in _ATTRIBUTE:
        data = data.replace(char, entity)
    if '"' not in data:
        return f'"{data}"'
    if "'" not in data:
        return f"'{data}'"
    return '"{}"'.format(data.replace('"', "&quot;"))
