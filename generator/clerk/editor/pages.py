"""The editor's pages and form posts: each takes the editor and the request and gives the page to answer (or a
redirect, or a refusal in the editor's language); the routes that lead to them are in
:mod:`generator.clerk.editor.routes`."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

import bottle

from generator.clerk.editor.fields import PAGED_LISTS, file_spec, schema_name, spec_at
from generator.clerk.editor.formdata import FormData, form_value, name_path, plain_value
from generator.clerk.editor.lists import change_list, leave_paged_list
from generator.clerk.editor.menus import year_menus
from generator.clerk.editor.presentation import list_titles, preview_address, record_title, year_of
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
from generator.clerk.editor.refusals import refuse
from generator.clerk.editor.session import Editor
from generator.clerk.editor.view import record_page, render_page, template_env
from generator.clerk.scaffold import scaffold_year
from generator.clerk.staging import content_prefix
from generator.errors import ContentError, UserError
from generator.model.source import KeyPath
from generator.pipeline import check_content
from generator.thai import parse_year


def read_form(editor: Editor, request: bottle.BaseRequest) -> FormData:
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


def read_query(editor: Editor, request: bottle.BaseRequest) -> tuple[str, str]:
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


def edit_post(editor: Editor, request: bottle.BaseRequest) -> str:
    file, at = read_query(editor, request)
    if not is_editable(editor.content_dir, file):
        raise refuse(404, editor.lang, "ไม่มีแบบฟอร์มของไฟล์นี้", "no form for this file")
    spec = spec_at(file_spec(file), name_path(at))
    if spec is None or spec.kind != "object" or not _reachable(open_file(editor.content_dir, file).doc, name_path(at)):
        raise refuse(404, editor.lang, "ไม่มีรายการนี้", "no such record")
    form = read_form(editor, request)
    value = leave_paged_list(file, at, form_value(spec, form, at))
    fingerprint = (form.get("_hash") or [""])[0]
    if form.get("_delete"):
        return _delete(editor, file, at, fingerprint, confirmed=bool(form.get("_confirm")))
    for action in ("add", "remove"):
        target = (form.get(f"_{action}") or [""])[0]
        if target:
            focus = change_list(file, at, value, action, target)
            if focus is None:
                raise refuse(400, editor.lang, "ไม่มีรายการนี้ในแบบฟอร์ม", "no such list in this form")
            return show_record(editor, file, at, value=value, fingerprint=fingerprint, focus=focus)
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
    """The uploaded document's file name and bytes (empty when none was sent); read after :func:`read_form`, which
    refuses a body bottle cannot parse."""
    upload = request.files.get("document")
    if upload is None:
        return "", b""
    filename = upload.raw_filename
    return filename.decode("utf-8", "replace") if isinstance(filename, bytes) else str(filename), upload.file.read(MAX_UPLOAD + 1)


def upload_post(editor: Editor, request: bottle.BaseRequest) -> str:
    file, at = read_query(editor, request)
    if not is_editable(editor.content_dir, file) or schema_name(file) != "oit":
        raise refuse(404, editor.lang, "อัปโหลดได้เฉพาะรายการ OIT", "uploads go to OIT records only")
    record = _oit_record(editor, file, at)
    form = read_form(editor, request)
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
    text = (read_form(editor, request).get("year") or [""])[0]
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
