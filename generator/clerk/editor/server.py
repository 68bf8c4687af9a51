"""The editor's server, its lifecycle: listen on 127.0.0.1 only (a free port when asked for 0), say the address,
open the clerk's browser, serve each request in a thread (the app of :mod:`generator.clerk.editor.routes`) until
Ctrl+C or SIGTERM, then close the port and remove the preview folder."""

from __future__ import annotations

import signal
import socketserver
import webbrowser
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from generator.clerk.editor.preview import Preview
from generator.clerk.editor.routes import editor_app
from generator.clerk.editor.session import Editor
from generator.errors import UserError
from generator.messages import both

HOST = "127.0.0.1"


class _Server(socketserver.ThreadingMixIn, WSGIServer):
    daemon_threads = True


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def make_editor_server(editor: Editor, port: int) -> WSGIServer:
    """The server on 127.0.0.1:``port`` (0: a free port); never on another interface."""
    try:
        server = make_server(HOST, port, editor_app(editor), server_class=_Server, handler_class=_QuietHandler)
    except OSError as exc:
        raise UserError(both(f"เปิดพอร์ต {port} ไม่ได้ ({exc.strerror}) ให้ลองพอร์ตอื่น เช่น --port 8011",
                             f"cannot listen on port {port}; try another with --port")) from None
    bound = server.server_address[1]
    editor.allowed_hosts |= {f"{HOST}:{bound}", f"localhost:{bound}"}
    editor.preview = editor.preview or Preview(editor.config_path)
    return server


def _stop(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def run_editor(editor: Editor, port: int, *, open_browser: bool) -> None:
    """Serve until interrupted (Ctrl+C)."""
    server = make_editor_server(editor, port)
    url = f"http://{HOST}:{server.server_address[1]}/"
    print(both(f"ตัวแก้ไขเปิดที่ {url} กด Ctrl+C เพื่อปิด", f"the editor is at {url}; Ctrl+C stops it"), flush=True)
    if open_browser:
        webbrowser.open(url)
    signal.signal(signal.SIGTERM, _stop)  # a service manager's stop cleans up like Ctrl+C
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        if editor.preview:
            editor.preview.remove()
