"""The page ``itasite serve`` shows while the content has errors: every finding, located, in the clerk's language,
instead of a browser left on the last good page with no word of what went wrong."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from generator.errors import Finding, Severity
from generator.messages import Lang, say
from generator.render.markdown import escape_markdown


@dataclass(frozen=True)
class ErrorNotice:
    """What the clerk reads: a heading, what to do, and each error (plain text, from the data: escape it)."""

    title: str
    advice: str
    errors: list[str]


def error_notice(findings: list[Finding], lang: Lang = "th") -> ErrorNotice:
    errors = [f.format() for f in findings if f.severity is Severity.error]
    return ErrorNotice(
        say(lang, "เนื้อหามีข้อผิดพลาด ยังแสดงเว็บไซต์ไม่ได้", "The content has errors; the site cannot be shown yet"),
        say(lang, f"พบข้อผิดพลาด {len(errors)} รายการ แก้ไขไฟล์ตามตำแหน่ง (ไฟล์:บรรทัด:คอลัมน์) แล้วบันทึก หน้านี้จะโหลดใหม่เอง",
            f"{len(errors)} error(s). Fix each file at its place (file:line:column) and save; this page reloads by itself."),
        errors,
    )


def render_error_page(findings: list[Finding], lang: Lang = "th") -> str:
    notice = error_notice(findings, lang)
    lines = [f"# {notice.title}", "", notice.advice, ""]
    lines += [f"- {escape_markdown(error)}" for error in notice.errors]
    return "\n".join(lines) + "\n"


def render_error_html(notice: ErrorNotice) -> str:
    """The notice as an HTML fragment, everything from the data escaped."""
    items = "".join(f"<li>{escape(error)}</li>" for error in notice.errors)
    return f"<h1>{escape(notice.title)}</h1><p>{escape(notice.advice)}</p><ul>{items}</ul>"
