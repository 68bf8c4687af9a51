"""The page ``itasite serve`` shows while the content has errors: every finding, located, in the clerk's language,
instead of a browser left on the last good page with no word of what went wrong."""

from __future__ import annotations

from generator.errors import Finding, Severity
from generator.messages import Lang, say
from generator.render.markdown import escape_markdown


def render_error_page(findings: list[Finding], lang: Lang = "th") -> str:
    errors = [f for f in findings if f.severity is Severity.error]
    lines = [
        "# " + say(lang, "เนื้อหามีข้อผิดพลาด ยังแสดงเว็บไซต์ไม่ได้", "The content has errors; the site cannot be shown yet"),
        "",
        say(lang, f"พบข้อผิดพลาด {len(errors)} รายการ แก้ไขไฟล์ตามตำแหน่ง (ไฟล์:บรรทัด:คอลัมน์) แล้วบันทึก หน้านี้จะโหลดใหม่เอง",
            f"{len(errors)} error(s). Fix each file at its place (file:line:column) and save; this page reloads by itself."),
        "",
    ]
    lines += [f"- {escape_markdown(f.format())}" for f in errors]
    return "\n".join(lines) + "\n"
