"""Serving a built site on 127.0.0.1 and starting Debian's chromium with Playwright: shared by the browser tests,
the benchmark and the screenshot script. Only Debian's chromium is used, never a browser download."""

from __future__ import annotations

import functools
import http.server
import os
import socketserver
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Playwright

CHROMIUM = Path(os.environ.get("ITASITE_CHROMIUM", "/usr/bin/chromium"))
# As root, without a sandbox; the background services would try to reach Google's hosts on a closed network.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]


def launch_chromium(playwright: Playwright, executable: Path = CHROMIUM) -> Browser:
    return playwright.chromium.launch(executable_path=str(executable), args=CHROMIUM_ARGS, headless=True)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def in_background(server: socketserver.BaseServer) -> Iterator[str]:
    """Run ``server`` (listening on 127.0.0.1) from a background thread; yields its base URL, then stops it."""
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"  # type: ignore[index]
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@contextmanager
def serve(directory: Path, handler: type[http.server.SimpleHTTPRequestHandler] = _QuietHandler) -> Iterator[str]:
    """Serve ``directory`` on a free port of 127.0.0.1 (with ``handler``, a quiet static file server unless given);
    yields the base URL."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(directory)))
    with in_background(server) as url:
        yield url
