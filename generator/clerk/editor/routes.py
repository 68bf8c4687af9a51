"""The editor's routes: which address and method lead to which page (:mod:`generator.clerk.editor.pages`), the
checks every request passes first (its host name; a POST sent from the editor's own pages, :func:`is_own_post`), the
safety headers every answer carries (:func:`add_safety_headers`) and the error pages in the editor's language.

``/`` the years and their records; ``/edit`` a record's form (GET) and its save, or adding/removing an entry of a
list (POST); ``/upload`` a document into ``content/files/`` linked from an OIT record; ``/new-year``; ``/git`` what
the edits changed; ``/preview/…`` the built site; ``/static/…`` and ``/fonts/…`` the editor's own styles and fonts.
"""

from __future__ import annotations

from pathlib import Path

import bottle

from generator.clerk.editor.git import git_page
from generator.clerk.editor.pages import edit_post, home_page, new_year_post, preview_file, read_query, show_record, upload_post
from generator.clerk.editor.refusals import MAX_FORM, error_page, refuse
from generator.clerk.editor.security import add_safety_headers, is_own_post
from generator.clerk.editor.session import Editor

STATIC = Path(__file__).resolve().parent / "static"
# Sarabun as installed with the package (the report documents' copy), so the editor reads the same in every site
# folder and from an installed package.
FONTS = Path(__file__).parents[2] / "render" / "reports" / "fonts"


def _error_page(editor: Editor, error: bottle.HTTPError) -> str:
    add_safety_headers(bottle.response, bottle.request.path)  # a 500 is made after the after_request hook ran
    return error_page(editor.lang, error)


def editor_app(editor: Editor) -> bottle.Bottle:
    app = bottle.Bottle()
    bottle.BaseRequest.MEMFILE_MAX = MAX_FORM  # a year's result form is ~32 KB of URL-encoded Thai already
    for status in (400, 403, 404, 405, 413, 500):
        app.error(status)(lambda error: _error_page(editor, error))

    @app.hook("after_request")  # type: ignore[untyped-decorator]
    def _safety_headers() -> None:
        add_safety_headers(bottle.response, bottle.request.path)

    @app.hook("before_request")  # type: ignore[untyped-decorator]
    def _same_host() -> None:
        host = bottle.request.get_header("Host", "")
        if host not in editor.allowed_hosts:
            raise refuse(403, editor.lang, f"ตัวแก้ไขไม่ตอบชื่อโฮสต์ '{host}' (เปิดผ่าน reverse proxy ให้เพิ่ม --allow-host)",
                         f"the editor does not answer to the host '{host}' (behind a reverse proxy, add --allow-host)")
        if bottle.request.method == "POST" and not is_own_post(bottle.request, host):
            raise refuse(403, editor.lang, "ไม่รับแบบฟอร์มที่ส่งมาจากเว็บไซต์อื่น", "a form sent from another web site is refused")

    app.route("/", "GET", lambda: home_page(editor))
    app.route("/edit", "GET", lambda: show_record(editor, *read_query(editor, bottle.request),
                                                   saved=bottle.request.query.get("saved") == "1"))
    app.route("/edit", "POST", lambda: edit_post(editor, bottle.request))
    app.route("/upload", "POST", lambda: upload_post(editor, bottle.request))
    app.route("/new-year", "POST", lambda: new_year_post(editor, bottle.request))
    app.route("/git", "GET", lambda: git_page(editor.content_dir, editor.lang))
    app.route("/preview/", "GET", lambda: preview_file(editor, ""))
    app.route("/preview/<path:path>", "GET", lambda path: preview_file(editor, path))
    app.route("/static/<name>", "GET", lambda name: bottle.static_file(name, root=str(STATIC)))
    # Sarabun as shipped in the package (FONTS), so Thai reads as on the site; system fonts otherwise.
    app.route("/fonts/<name>", "GET", lambda name: bottle.static_file(name, root=str(FONTS)))
    return app
