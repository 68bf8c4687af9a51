"""Request security of the editor: which POSTs are its own, and the headers every answer carries (no framing, no
sniffing, no foreign referrer, a content policy for the editor's pages and another for the preview)."""

from __future__ import annotations

from urllib.parse import urlsplit

import bottle

# The editor's own pages: nothing but its own styles and fonts, never inside another site's frame, forms post home.
EDITOR_POLICY = "default-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'"
# The preview is the site as built, on the editor's origin: its theme's own (and inline) scripts run, but a script from
# elsewhere that the site's configuration names is not loaded, and no script can send anything to another address.
PREVIEW_POLICY = "script-src 'self' 'unsafe-inline'; connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'self'"


def is_own_post(request: bottle.BaseRequest, host: str) -> bool:
    """A form sent from the editor's own pages: the browser says so (``Sec-Fetch-Site``, when it sends it), and the
    ``Origin`` (or, without one, the ``Referer``) names this host; a request naming neither is refused too."""
    fetch_site = request.get_header("Sec-Fetch-Site")
    if fetch_site is not None and fetch_site not in ("same-origin", "none"):
        return False
    source = request.get_header("Origin") or request.get_header("Referer") or ""
    return urlsplit(source).netloc == host


def add_safety_headers(response: bottle.BaseResponse, path: str) -> None:
    """No framing (clickjacking), no content sniffing, no address sent elsewhere, and the page's content policy."""
    response.set_header("X-Frame-Options", "DENY")
    response.set_header("X-Content-Type-Options", "nosniff")
    response.set_header("Referrer-Policy", "same-origin")
    response.set_header("Content-Security-Policy", PREVIEW_POLICY if path.startswith("/preview/") else EDITOR_POLICY)
