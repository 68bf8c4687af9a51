"""The editor's web server (bottle, served by the standard library's WSGI server on 127.0.0.1 only).

Routes: ``/`` the years and their records; ``/edit`` a record's form (GET) and its save, or adding/removing an
entry of a list (POST); ``/upload`` a document into ``content/files/`` linked from an OIT record; ``/new-year``;
``/git`` what the edits changed; ``/preview/…`` the built site. Requests for another host name are refused (a web
page elsewhere cannot drive the editor through the clerk's browser), and so are POSTs not sent from the editor's own
pages (:func:`is_own_post`); no answer may be framed by another site (:func:`add_safety_headers`). A refused or
unreadable request gets a page in the editor's language (:mod:`generator.clerk.editor.refusals`).
"""

from __future__ import annotations

import signal
import socketserver
import threading
import webbrowser
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any
from urllib.parse import quote
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

import bottle

from generator.clerk.editor.fields import PAGED_LISTS, FieldSpec, file_spec, schema_name, spec_at
from generator.clerk.editor.formdata import Entry, FormData, form_value, name_path, plain_value
from generator.clerk.editor.git import git_page
from generator.clerk.editor.menus import year_menus
from generator.clerk.editor.presentation import list_titles, preview_address, record_title, year_of
from generator.clerk.editor.preview import Preview, site_url_scheme
from generator.clerk.editor.records import (
    MAX_UPLOAD,
    SaveResult,
    content_years,
    delete_record,
    is_editable,
    open_file,
    save_record,
    upload_document,
    value_at,
    year_folder,
)
from generator.clerk.editor.refusals import MAX_FORM, error_page, refuse
from generator.clerk.editor.security import add_safety_headers, is_own_post
from generator.clerk.editor.view import record_page, render_page, template_env
from generator.clerk.scaffold import scaffold_year
from generator.clerk.staging import content_prefix
from generator.errors import ContentError, UserError
from generator.messages import Lang, both, say
from generator.model.source import KeyPath
from generator.pipeline import check_content
from generator.thai import parse_year
from generator.urls import (
    UrlScheme,
)

HOST = "127.0.0.1"
STATIC = Path(__file__).resolve().parent / "static"
# Sarabun as installed with the package (the report documents' copy), so the editor reads the same in every site
# folder and from an installed package.
FONTS = Path(__file__).parents[2] / "render" / "reports" / "fonts"


@dataclass
class Editor:
    """One site being edited."""

    content_dir: Path
    root: Path
    config_path: Path
    lang: Lang = "th"
    allowed_hosts: set[str] = field(default_factory=set)
    lock: threading.Lock = field(default_factory=threading.Lock)
    preview: Preview | None = None

    @cached_property
    def urls(self) -> UrlScheme:
        """The site's address scheme (its ``use_directory_urls``), for the preview links."""
        return site_url_scheme(self.config_path)

    def t(self, th: str, en: str) -> str:
        return say(self.lang, th, en)


def _form(editor: Editor, request: bottle.BaseRequest) -> FormData:
    """The submitted fields; a body that is not UTF-8 or not a readable form is refused (400), nothing written."""
    try:
        forms = request.forms.decode()
        return {key: forms.getall(key) for key in forms}
    except UnicodeError:
        raise refuse(400, editor.lang, "อ่านแบบฟอร์มที่ส่งมาไม่ได้ (ไม่ใช่ UTF-8)", "the form sent cannot be read (not UTF-8)") from None
    except ValueError:  # bottle's multipart reader: e.g. a NUL in a file name
        raise refuse(400, editor.lang, "อ่านแบบฟอร์มที่ส่งมาไม่ได้ ถ้าแนบไฟล์ ชื่อไฟล์อาจมีอักขระที่ใช้ไม่ได้ ให้เปลี่ยนชื่อไฟล์แล้วลองใหม่",
                     "the form sent cannot be read; if a file was attached, its name may hold a character that cannot be used: "
                     "rename the file and try again") from None


def _query(editor: Editor, request: bottle.BaseRequest) -> tuple[str, str]:
    """The ``file`` and ``at`` of a request's address."""
    try:
        query = request.query.decode()
    except UnicodeError:
        raise refuse(400, editor.lang, "อ่านที่อยู่ของหน้าไม่ได้ (ไม่ใช่ UTF-8)", "the address cannot be read (not UTF-8)") from None
    return query.get("file", ""), query.get("at", "")


def _home_years(editor: Editor) -> list[dict[str, Any]]:
    years = []
    for year in content_years(editor.content_dir):
        folder = year_folder(editor.content_dir, year)
        plan = open_file(editor.content_dir, f"{folder}/measures.yml").doc
        oit = open_file(editor.content_dir, f"{folder}/oit.yml").doc
        measures = [str(m.get("title", m.get("id", ""))) for m in value_at(plan, ("measures",)) or [] if isinstance(m, dict)]
        years.append({
            "year": year, "folder": folder, "plan": plan is not None, "oit": oit is not None,
            "result": (editor.content_dir / folder / "result.yml").is_file(), "measures": measures,
            "oit_items": list_titles(oit, "items"),
        })
    return years


def _reachable(doc: Any, path: tuple[str | int, ...]) -> bool:
    """A record that exists, or the next entry of its list (a new one): never a gap in a list."""
    for n, part in enumerate(path):
        if isinstance(part, int):
            entries = value_at(doc, path[:n])
            size = len(entries) if isinstance(entries, list) else 0
            if part > size or (part == size and n != len(path) - 1):
                return False
    return True


def show_record(
    editor: Editor, file: str, at: str, *, value: Any = None, fingerprint: str = "", result: SaveResult | None = None,
    saved: bool = False, focus: str = "", upload_title: str | None = None,
) -> str:
    """The form of the record at ``at`` of ``file``: from the file, or (after a refused save) as submitted; after a
    refused upload, its upload form keeps the title typed (``upload_title``; a browser never refills a file field)."""
    if not is_editable(editor.content_dir, file):
        raise refuse(404, editor.lang, "ไม่มีแบบฟอร์มของไฟล์นี้", "no form for this file")
    spec = spec_at(file_spec(file), name_path(at))
    if spec is None or spec.kind != "object":
        raise refuse(404, editor.lang, "ไม่มีรายการนี้", "no such record")
    current = open_file(editor.content_dir, file)
    if not _reachable(current.doc, name_path(at)):
        raise refuse(404, editor.lang, "ไม่มีรายการนี้", "no such record")
    if value is None:
        value = plain_value(spec, value_at(current.doc, name_path(at)))
        fingerprint = current.fingerprint
    site, _ = check_content(editor.content_dir, editor.root, editor.lang)
    menus = year_menus(editor.content_dir, site, year_of(file))
    paged_key = PAGED_LISTS.get(schema_name(file), "") if not at else ""
    result = result or SaveResult()
    exists = bool(at) and at.rsplit(".", 1)[-1].isdigit() and value_at(current.doc, name_path(at)) is not None
    upload = schema_name(file) == "oit" and exists
    env = template_env(editor.lang)
    return record_page(
        env, file=file, at=at, title=record_title(editor.lang, file, at, value), spec=spec, value=value,
        fingerprint=fingerprint, menus=menus, findings=result.findings,
        file_label=f"{content_prefix(editor.content_dir, editor.root)}{file}", paged=paged_key,
        paged_titles=list_titles(current.doc, paged_key) if paged_key else [], saved=saved, unchanged=result.unchanged,
        conflict=result.conflict, preview=preview_address(file, at, current.doc, editor.urls), upload=upload, removable=exists,
        focus=focus, upload_title=upload_title,
    )


def _list_of(file: str, at: str, action: str, target: str) -> KeyPath | None:
    """The list an add or remove button names (``target``): a list of the form of the record ``at``, else None."""
    path, record = name_path(target), name_path(at)
    listed = path if action == "add" else path[:-1]
    if path[:len(record)] != record or len(listed) <= len(record) or (action == "remove" and not isinstance(path[-1], int)):
        return None
    spec = spec_at(file_spec(file), listed)
    return listed if spec is not None and spec.kind == "list" else None


def _form_node(value: Any, parts: KeyPath) -> Any:
    """The group or list at ``parts`` of a submitted form's value (None when the form holds no such entry)."""
    node = value
    for part in parts:
        if isinstance(part, int) and isinstance(node, list) and part < len(node) and isinstance(node[part], Entry):
            node = node[part].value
        elif isinstance(part, str) and isinstance(node, dict):
            node = node.get(part)
        else:
            return None
    return node


def _first_field(spec: FieldSpec | None, target: str, index: int) -> str:
    """The first field of the entry just added to the list ``target``: the keyboard starts there."""
    if spec is None or spec.item is None or not spec.item.children:
        return ""
    return f"{target}.{index}.{spec.item.children[0].key}"


def _change_list(editor: Editor, file: str, at: str, value: Any, fingerprint: str, action: str, target: str) -> str:
    """The form again, as submitted, with an entry added to (or removed from) the list the button names."""
    listed = _list_of(file, at, action, target)
    if listed is None:
        raise refuse(400, editor.lang, "ไม่มีรายการนี้ในแบบฟอร์ม", "no such list in this form")
    entries = _form_node(value, listed[len(name_path(at)):])
    focus = ""
    if isinstance(entries, list) and action == "add":
        entries.append(Entry(None, {}))
        focus = _first_field(spec_at(file_spec(file), listed), target, len(entries) - 1)
    position = name_path(target)[-1]
    if isinstance(entries, list) and action == "remove" and isinstance(position, int) and position < len(entries):
        del entries[position]
    return show_record(editor, file, at, value=value, fingerprint=fingerprint, focus=focus)


def leave_paged_list(file: str, at: str, value: Any) -> Any:
    """A year file's top page shows its long list (measures, OIT items, indicators) as links only: the form holds
    none of its entries, so the list is marked not edited here (None) instead of read as emptied."""
    paged = PAGED_LISTS.get(schema_name(file), "") if not at else ""
    if paged and isinstance(value, dict):
        value[paged] = None
    return value


def edit_post(editor: Editor, request: bottle.BaseRequest) -> str:
    file, at = _query(editor, request)
    if not is_editable(editor.content_dir, file):
        raise refuse(404, editor.lang, "ไม่มีแบบฟอร์มของไฟล์นี้", "no form for this file")
    spec = spec_at(file_spec(file), name_path(at))
    if spec is None or spec.kind != "object" or not _reachable(open_file(editor.content_dir, file).doc, name_path(at)):
        raise refuse(404, editor.lang, "ไม่มีรายการนี้", "no such record")
    form = _form(editor, request)
    value = leave_paged_list(file, at, form_value(spec, form, at))
    fingerprint = (form.get("_hash") or [""])[0]
    if form.get("_delete"):
        return _delete(editor, file, at, fingerprint, confirmed=bool(form.get("_confirm")))
    for action in ("add", "remove"):
        target = (form.get(f"_{action}") or [""])[0]
        if target:
            return _change_list(editor, file, at, value, fingerprint, action, target)
    with editor.lock:
        result = save_record(editor.content_dir, editor.root, file, name_path(at), spec, value, fingerprint, editor.lang)
    if result.written:
        if editor.preview:
            editor.preview.mark_stale()
        bottle.redirect(f"/edit?file={quote(file)}&at={quote(at)}&saved=1", 303)
    return show_record(editor, file, at, value=value if not result.unchanged else None, fingerprint=fingerprint,
                       result=result)


def _delete(editor: Editor, file: str, at: str, fingerprint: str, *, confirmed: bool) -> str:
    """Ask once, then remove the record (checked like any save)."""
    doc = open_file(editor.content_dir, file).doc
    title = record_title(editor.lang, file, at, value_at(doc, name_path(at)))
    if not confirmed:
        env = template_env(editor.lang)
        return render_page(env, "delete.html.j2", title=title, file=file, at=at, fingerprint=fingerprint)
    with editor.lock:
        result = delete_record(editor.content_dir, editor.root, file, name_path(at), fingerprint, editor.lang)
    if result.written:
        if editor.preview:
            editor.preview.mark_stale()
        return home_page(editor, editor.t(f"ลบแล้ว: {title}", f"removed: {title}"))
    return show_record(editor, file, at, result=result)


def _oit_record(editor: Editor, file: str, at: str) -> KeyPath:
    """The OIT record ``("items", n)`` an upload is linked from: one already in the file, else refused (400)."""
    path = name_path(at)
    doc = open_file(editor.content_dir, file).doc
    if len(path) != 2 or path[0] != "items" or not isinstance(path[1], int) or not isinstance(value_at(doc, path), dict):
        raise refuse(400, editor.lang, "อัปโหลดได้เฉพาะรายการ OIT ที่บันทึกไว้แล้ว ให้บันทึกรายการก่อนแล้วอัปโหลด",
                     "a document can be uploaded to a saved OIT record only; save the record first")
    return path


def _uploaded(request: bottle.BaseRequest) -> tuple[str, bytes]:
    """The uploaded document's file name and bytes (empty when none was sent); read after :func:`_form`, which
    refuses a body bottle cannot parse."""
    upload = request.files.get("document")
    if upload is None:
        return "", b""
    filename = upload.raw_filename
    return filename.decode("utf-8", "replace") if isinstance(filename, bytes) else str(filename), upload.file.read(MAX_UPLOAD + 1)


def upload_post(editor: Editor, request: bottle.BaseRequest) -> str:
    file, at = _query(editor, request)
    if not is_editable(editor.content_dir, file) or schema_name(file) != "oit":
        raise refuse(404, editor.lang, "อัปโหลดได้เฉพาะรายการ OIT", "uploads go to OIT records only")
    record = _oit_record(editor, file, at)
    form = _form(editor, request)
    filename, data = _uploaded(request)
    title = (form.get("title") or [""])[0]
    with editor.lock:
        result = upload_document(editor.content_dir, editor.root, file, record, title, filename, data,
                                 (form.get("_hash") or [""])[0], editor.lang)
    if result.written:
        if editor.preview:
            editor.preview.mark_stale()
        bottle.redirect(f"/edit?file={quote(file)}&at={quote(at)}&saved=1", 303)
    return show_record(editor, file, at, result=result, upload_title=title)


def home_page(editor: Editor, message: str = "") -> str:
    env = template_env(editor.lang)
    return render_page(env, "home.html.j2", title=editor.t("แก้ไขข้อมูลเว็บไซต์ ITA/OIT", "Edit the ITA/OIT site"),
                       years=_home_years(editor), message=message)


def new_year_post(editor: Editor, request: bottle.BaseRequest) -> str:
    text = (_form(editor, request).get("year") or [""])[0]
    try:
        year = parse_year(text)
        with editor.lock:
            lines = scaffold_year(editor.content_dir, editor.root, year, editor.lang)
    except ValueError:
        return home_page(editor, editor.t(f"ต้องเป็นปี พ.ศ. เช่น 2570 ได้ '{text}'", f"a Buddhist-era year such as 2570, got '{text}'"))
    except (UserError, ContentError) as exc:
        return home_page(editor, str(exc))
    if editor.preview:
        editor.preview.mark_stale()
    return home_page(editor, " ".join(lines))


def preview_file(editor: Editor, path: str) -> Any:
    assert editor.preview is not None
    problem = editor.preview.ensure_built()
    if problem:
        env = template_env(editor.lang)
        return render_page(env, "text.html.j2", title=editor.t("สร้างตัวอย่างไม่สำเร็จ", "The preview failed"), intro="",
                           blocks=[("mkdocs", problem)])
    folder = editor.preview.folder
    target = path if path and not path.endswith("/") else f"{path}index.html"
    return bottle.static_file(target, root=str(folder))


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
    app.route("/edit", "GET", lambda: show_record(editor, *_query(editor, bottle.request),
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
