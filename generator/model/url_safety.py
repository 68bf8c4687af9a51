"""Which links the content may hold: the site's safety depends on these rules, so they live here together.

A link is an ``http(s)://`` or ``mailto:`` address, or an address inside the site (``2569/measures/m1/``,
``files/plan.pdf``). Everything else is refused before it reaches a page: other schemes (``javascript:``,
``data:``, ``vbscript:``, ``file:``), also when hidden by HTML entities or invisible characters; another host
without a scheme (``//evil.example``, ``www.example.com``: the clerk forgot ``https://``); parent folders (``..``);
markup characters. Judged as a browser reads the address (:func:`decoded_address`), by check and build alike.
"""

from __future__ import annotations

import html
import re

ALLOWED_SCHEMES = ("http", "https", "mailto")
"""The only schemes a link may name; every other rule below is about addresses inside the site."""

_EXTERNAL_PREFIXES = tuple(f"{scheme}:" if scheme == "mailto" else f"{scheme}://" for scheme in ALLOWED_SCHEMES)
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
# The characters a link may hold as written: an allowed scheme's address, or a site address (which may hold spaces,
# file names such as "แผน 2569.pdf", percent-encoded when published) that names no scheme.
_SAFE_FORM = re.compile(
    r"^(https?://[^\s<>\"]+|mailto:[^\s<>\"]+|(?![a-zA-Z][a-zA-Z0-9+.-]*:)[^\s<>\"]([^\t\n\r<>\"]*[^\s<>\"])?)$", re.IGNORECASE
)
# Whitespace and invisible characters a browser drops from an address before it reads the scheme.
_INVISIBLE = re.compile(r"[\x00-\x20\x7f-\x9f\u00ad\u200b-\u200f\u2028\u2029\u2060\ufeff]")
# An address without a scheme whose first part is a host name: the clerk forgot https://.
_HOST_LIKE = re.compile(
    r"^(?:www\.[^/]+|[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:go\.th|ac\.th|or\.th|co\.th|in\.th|mi\.th|net\.th|th|com|net|org|info"
    r"|biz|io|gov|edu))(?::[0-9]+)?(?:[/?#]|$)",
    re.IGNORECASE,
)
_IMAGE_PATH = re.compile(r"^(?!/)(?!.*(?:^|/)\.\.(?:/|$))[A-Za-z0-9_./-]+\.(?:png|svg|jpe?g|webp|gif)$", re.IGNORECASE)


def decoded_address(url: str) -> str:
    """What a browser follows: HTML entities decoded (repeatedly) and whitespace and invisible characters removed.
    ``javascript&#58;alert(1)`` and ``jav&#x09;ascript:`` are ``javascript:`` links."""
    text = url
    for _ in range(5):
        decoded = html.unescape(text)
        if decoded == text:
            break
        text = decoded
    return _INVISIBLE.sub("", text)


def is_external(url: str) -> bool:
    """An http(s) or mailto link (the others are addresses inside the site)."""
    return url.lower().startswith(_EXTERNAL_PREFIXES)


def safe_url(value: object) -> object:
    """A link of the content, stripped, or ValueError with the message code (``url_scheme:…``, ``url_host``,
    ``url_no_scheme:…``, ``url_parent:…``, ``url_form``) the validation words for the clerk."""
    if not isinstance(value, str):
        return value
    url = value.strip()
    decoded = decoded_address(url)
    scheme = _SCHEME.match(decoded)
    if scheme and scheme.group(1).lower() not in ALLOWED_SCHEMES:
        raise ValueError(f"url_scheme:{scheme.group(1).lower()}")
    if decoded.startswith(("//", "\\")):  # another host, or a Windows share
        raise ValueError("url_host")
    if not scheme and _HOST_LIKE.match(decoded.lstrip("/")):
        raise ValueError(f"url_no_scheme:{url}")
    if not scheme and any(part in (".", "..") for part in decoded.split("?")[0].split("#")[0].split("/")):
        raise ValueError(f"url_parent:{url}")
    if not _SAFE_FORM.match(url) or (not scheme and decoded != url.replace(" ", "")):
        raise ValueError("url_form")
    return url


def safe_image_path(value: object) -> object:
    """An image of the content folder (``files/logo.png``): no leading /, no parent folder, an image's extension."""
    if isinstance(value, str) and not _IMAGE_PATH.match(value.strip()):
        raise ValueError(f"image_path:{value.strip()}")
    return value.strip() if isinstance(value, str) else value
