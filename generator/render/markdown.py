"""Writing untrusted text into Markdown safely.

Everything that comes from content is text, never markup: HTML special characters become entities (so no tag or
script can be injected) and Markdown punctuation is backslash-escaped (so no link, emphasis, table cell or heading
can be forged). Templates get this automatically: every ``{{ value }}`` that is not :class:`Markup` is escaped.
"""

from __future__ import annotations

import posixpath
import re
from urllib.parse import quote

from markupsafe import Markup

# Inline syntax of Python-Markdown and the extensions we enable (tables, attr_list, toc).
_INLINE = re.compile(r"([\\`*_{}\[\]|])")
# Syntax that only counts at the start of a block: headings, bullet and numbered lists.
_BLOCK_START = re.compile(r"^(?:([#+-])|(\d+)\.)")


# Anything escape_markdown would change: most Thai text has none of it, and is returned at once.
_NEEDS_ESCAPE = re.compile(r"[\\`*_{}\[\]|&<>\r\n]|^[\s#+\-]|^\d|\s$")


def escape_markdown(value: object) -> Markup:
    """Escape text for use anywhere in a Markdown document (inline or at the start of a block)."""
    if isinstance(value, Markup):
        return value
    text = str(value)
    if not _NEEDS_ESCAPE.search(text):
        return Markup(text)
    return Markup(escape_text(text))


def escape_text(text: str) -> str:
    """The escaping itself (:func:`escape_markdown` skips it for text that has nothing to escape)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _INLINE.sub(r"\\\1", text)
    text = _BLOCK_START.sub(lambda m: "\\" + m.group(1) if m.group(1) else m.group(2) + "\\.", text.lstrip())
    # One value is one block: inner line breaks stay visible without starting new Markdown blocks.
    return re.sub(r"[ \t]*\n[ \t]*", "<br>", text.strip())


# In an attribute of inline HTML inside Markdown, the punctuation Markdown reads before it sees the tag (escapes,
# code spans, links, emphasis, table cells) is written as a character reference; the browser reads it back as typed.
_ATTRIBUTE_CHARACTERS = {c: f"&#{ord(c)};" for c in "&<>\"'\\`*_{}[]()|!#"}


def escape_attribute(value: object) -> Markup:
    """Text for a quoted HTML attribute value inside Markdown (``data-label="…"`` in a table cell)."""
    return Markup("".join(_ATTRIBUTE_CHARACTERS.get(c, c) for c in " ".join(str(value).split())))


def escape_url(url: str) -> str:
    """Percent-encode what could end a Markdown link destination early (spaces, brackets, quotes, non-ASCII)."""
    return quote(url, safe=":/?#@!$&*+,;=%~-._")


def link(title: object, url: str) -> Markup:
    """``[title](url)`` with the title escaped and the address encoded. ``url`` must be validated already. ``&`` is
    written ``&amp;``: Python-Markdown leaves an entity such as ``&#58;`` as it is, and the browser would decode it
    into the address."""
    return Markup(f"[{escape_markdown(title)}]({escape_url(url).replace('&', '&amp;')})")


def relative(from_page: str, to_page: str) -> str:
    """Link from one generated page to another, as a relative path between their Markdown sources."""
    return posixpath.relpath(to_page, posixpath.dirname(from_page) or ".")
