"""The editor's error pages: a refused or malformed request, a form too large, a page that does not exist, or an
internal error, each a page in the editor's language (never bottle's English page, never a traceback)."""

from __future__ import annotations

import bottle

from generator.clerk.editor.view import render_page, template_env
from generator.messages import Lang, say

MAX_FORM = 5_000_000  # bytes of a form (not an upload's file); bottle's own limit (100 KB) is ~11,000 Thai characters
_TITLES = {
    400: ("คำขอไม่ถูกต้อง", "Bad request"),
    403: ("ไม่อนุญาต", "Forbidden"),
    404: ("ไม่พบหน้าที่ต้องการ", "Not found"),
    405: ("คำขอไม่ถูกต้อง", "Method not allowed"),
    413: ("ข้อมูลที่ส่งมาใหญ่เกินไป", "The form is too large"),
    500: ("เกิดข้อผิดพลาดภายใน ไฟล์ไม่ถูกแก้ไข", "Internal error; no file was changed"),
}
_INTROS = {
    400: ("ตัวแก้ไขอ่านคำขอนี้ไม่ได้ ไฟล์ไม่ถูกแก้ไข ให้กลับไปที่หน้าแรกของตัวแก้ไขแล้วเปิดแบบฟอร์มใหม่",
          "The editor cannot read this request; no file was changed. Go back to the editor home and open the form again."),
    403: ("ตัวแก้ไขรับเฉพาะคำขอจากหน้าของตัวแก้ไขเอง ไฟล์ไม่ถูกแก้ไข",
          "The editor accepts requests from its own pages only; no file was changed."),
    404: ("ไม่มีหน้านี้ในตัวแก้ไข ให้เลือกจากหน้าแรกของตัวแก้ไข", "There is no such page; choose from the editor home."),
    405: ("ตัวแก้ไขไม่รับคำขอแบบนี้ ไฟล์ไม่ถูกแก้ไข", "The editor does not accept this request; no file was changed."),
    413: (f"แบบฟอร์มที่ส่งมาใหญ่เกิน {MAX_FORM // 1_000_000} MB ไฟล์ไม่ถูกแก้ไข ให้แก้ทีละรายการ หรือแก้ในไฟล์ YAML โดยตรง",
          f"The form sent is over {MAX_FORM // 1_000_000} MB; no file was changed. Edit one record at a time, or the YAML file."),
    500: ("ตัวแก้ไขทำคำขอนี้ไม่สำเร็จ และไม่ได้เขียนไฟล์ใด ให้ลองอีกครั้ง ถ้ายังเกิดขึ้นให้แจ้งผู้ดูแลพร้อมขั้นตอนที่ทำ",
          "The editor could not complete this request and wrote no file. Try again; if it recurs, tell the maintainer what you did."),
}


class Refused(bottle.HTTPError):  # type: ignore[misc]
    """A request the editor refuses, with what to tell the clerk (already in the editor's language)."""

    def __init__(self, status: int, message: str = "") -> None:
        super().__init__(status, message)


def refuse(status: int, lang: Lang, th: str = "", en: str = "") -> Refused:
    return Refused(status, say(lang, th, en) if th else "")


def error_page(lang: Lang, error: bottle.HTTPError) -> str:
    """The page of a refused request: its status in the editor's language, and the editor's own reason if it gave one."""
    status = error.status_code if error.status_code in _TITLES else 400
    title = say(lang, *_TITLES[status])
    reason = str(error.body) if isinstance(error, Refused) and error.body else ""
    return render_page(template_env(lang), "text.html.j2", title=title, intro=reason, notes=[say(lang, *_INTROS[status])],
                       blocks=[])
