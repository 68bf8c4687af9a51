"""The content files the editor opens and saves. A save is all or nothing: refused when the file changed on disk
since the form was opened, applied to the YAML with ruamel.yaml (comments and key order kept), checked as a whole in
a scratch copy of the content exactly as ``itasite check`` checks it, and only then swapped in."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from generator.clerk.editor.fields import FieldSpec
from generator.clerk.editor.formdata import Edit, diff_value, scalar_text
from generator.clerk.staging import check_in_copy, content_prefix, replace_files
from generator.clerk.yaml_edit import Change, apply_change, dump_yaml, roundtrip_yaml
from generator.errors import Finding, Severity
from generator.messages import Lang, say
from generator.model.source import KeyPath
from generator.pipeline import check_content
from generator.thai import parse_year

YEAR_FILES = ("result.yml", "measures.yml", "oit.yml")
ORGANISATION = "organisation.yml"
UPLOAD_DIR = "files"
UPLOAD_TYPES = (".pdf", ".doc", ".docx", ".xls", ".xlsx", ".odt", ".ods", ".ppt", ".pptx", ".csv", ".txt", ".jpg",
                ".jpeg", ".png", ".zip")
MAX_UPLOAD = 20_000_000
# Characters that mean something in an address or to a file system (Thai letters and their marks are kept).
_UNSAFE_NAME = re.compile(r"[\x00-\x1f\x7f<>:\"/\\|?*#%&{}$!'@+=`^\[\];,~]+")
# Device names Windows will not open as files, whatever their case or extension (a clerk may copy content/ to Windows).
_WINDOWS_DEVICE = re.compile(r"^(con|prn|aux|nul|com[1-9¹²³]|lpt[1-9¹²³])$", re.IGNORECASE)
MAX_NAME_BYTES = 200  # file systems allow 255 bytes; room left for "-2" and the extension


@dataclass(frozen=True)
class OpenFile:
    """A content file as it is on disk: its text, its YAML (round trip) and the fingerprint a save is checked against."""

    file: str
    text: str
    doc: Any
    fingerprint: str


@dataclass
class SaveResult:
    """What a save did: the files written, or why nothing was (a conflict, or the findings that refused it)."""

    written: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    conflict: str = ""
    unchanged: bool = False


def fingerprint(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest() if text else "new"


def content_years(content_dir: Path) -> list[int]:
    """The year folders of the content, newest first."""
    years = []
    for folder in content_dir.iterdir():
        if folder.is_dir() and not folder.name.startswith("."):
            try:
                years.append((parse_year(folder.name), folder.name))
            except ValueError:
                continue
    return [y for y, _ in sorted(years, reverse=True)]


def year_folder(content_dir: Path, year: int) -> str:
    """The folder name of a year as written on disk (``2569`` or ``๒๕๖๙``)."""
    for folder in content_dir.iterdir():
        try:
            if folder.is_dir() and parse_year(folder.name) == year:
                return folder.name
        except ValueError:
            continue
    return str(year)


def is_editable(content_dir: Path, file: str) -> bool:
    """``organisation.yml`` or ``<year>/<result|measures|oit>.yml`` of a year folder that exists: the files the forms
    know (a new year's folder is made by "start a new year", not by a save)."""
    if file == ORGANISATION:
        return True
    parts = file.split("/")
    if len(parts) != 2 or parts[1] not in YEAR_FILES:
        return False
    try:
        parse_year(parts[0])
    except ValueError:
        return False
    return (content_dir / parts[0]).is_dir()


def open_file(content_dir: Path, file: str) -> OpenFile:
    path = content_dir / file
    text = path.read_text(encoding="utf-8-sig") if path.is_file() else ""
    return OpenFile(file, text, roundtrip_yaml().load(text) if text else None, fingerprint(text))


def value_at(doc: Any, path: KeyPath) -> Any:
    node = doc
    for part in path:
        if isinstance(part, int) and isinstance(node, list) and part < len(node):
            node = node[part]
        elif isinstance(part, str) and isinstance(node, dict) and part in node:
            node = node[part]
        else:
            return None
    return node


def apply_edits(doc: Any, file: str, edits: list[Edit]) -> Any:
    for edit in edits:
        if edit.remove:
            parent = value_at(doc, edit.path[:-1])
            index = edit.path[-1]
            if isinstance(parent, list) and isinstance(index, int) and index < len(parent):
                del parent[index]
        else:
            _keep_comment_gap(value_at(doc, edit.path[:-1]), edit.path[-1], edit.value)
            doc = apply_change(doc, Change(file, edit.path, edit.value))
    return doc


def _keep_comment_gap(parent: Any, key: str | int, value: Any) -> None:
    """A comment after a value keeps its distance when the value gets longer or shorter (``status: done  # …``)."""
    if isinstance(parent, CommentedMap) and key in parent:
        old, slot = parent[key], 2
    elif isinstance(parent, CommentedSeq) and isinstance(key, int) and key < len(parent):
        old, slot = parent[key], 0
    else:
        return
    if isinstance(value, dict | list) or value is None or isinstance(old, dict | list):
        return
    token = (parent.ca.items.get(key) or [None, None, None])[slot]
    if token is None or getattr(token, "start_mark", None) is None:
        return
    token.start_mark.column = max(0, token.start_mark.column + len(scalar_text(value)) - len(scalar_text(old)))


def _key(finding: Finding) -> tuple[str, str, str]:
    return finding.file, finding.path, finding.message


def checked_save(content_dir: Path, root: Path, texts: dict[str, str], lang: Lang) -> list[Finding]:
    """The errors ``texts`` would bring into the content (errors it already has elsewhere do not block a save)."""
    _, before = check_content(content_dir, root, lang)
    known = {_key(f) for f in before if f.severity is Severity.error}
    return [f for f in check_in_copy(content_dir, root, texts, lang) if _key(f) not in known]


def conflict_message(file: str, lang: Lang) -> str:
    return say(
        lang,
        f"ไม่ได้บันทึก: มีผู้แก้ไฟล์ {file} หลังจากที่คุณเปิดแบบฟอร์มนี้ (อาจเป็นเจ้าหน้าที่อีกคนหรือโปรแกรมอื่น) "
        "ค่าที่คุณพิมพ์ยังอยู่ในแบบฟอร์มด้านล่าง ให้คัดลอกเก็บไว้ แล้วเปิดหน้านี้ใหม่เพื่อดูค่าล่าสุดก่อนแก้อีกครั้ง",
        f"not saved: {file} was changed by someone else after you opened this form; what you typed is still below, "
        "copy it, then reload the page to see the latest values before editing again",
    )


def save_record(
    content_dir: Path, root: Path, file: str, at: KeyPath, spec: FieldSpec, new: Any, opened: str, lang: Lang,
) -> SaveResult:
    """Write what a form for the record at ``at`` of ``file`` says, if the whole content stays valid."""
    current = open_file(content_dir, file)
    if current.fingerprint != opened:
        return SaveResult(conflict=conflict_message(file, lang))
    edits = diff_value(spec, value_at(current.doc, at), new, at)
    if not edits:
        return SaveResult(unchanged=True)
    text = dump_yaml(apply_edits(current.doc, file, edits))
    return _write_checked(content_dir, root, {file: text}, lang)


def delete_record(content_dir: Path, root: Path, file: str, at: KeyPath, opened: str, lang: Lang) -> SaveResult:
    """Remove the list entry at ``at`` (a measure, an OIT record, an indicator's result), if the content stays valid."""
    current = open_file(content_dir, file)
    if current.fingerprint != opened:
        return SaveResult(conflict=conflict_message(file, lang))
    if not at or not isinstance(at[-1], int) or value_at(current.doc, at) is None:
        return SaveResult(unchanged=True)
    text = dump_yaml(apply_edits(current.doc, file, [Edit(at, remove=True)]))
    return _write_checked(content_dir, root, {file: text}, lang)


def _write_checked(content_dir: Path, root: Path, texts: dict[str, str], lang: Lang) -> SaveResult:
    errors = checked_save(content_dir, root, texts, lang)
    if errors:
        return SaveResult(findings=errors)
    return SaveResult(written=replace_files(content_dir, texts))


def upload_name(filename: str) -> str:
    """A safe file name for an upload: its own name without folders and without characters that mean something in an
    address (Thai letters and marks kept), at most :data:`MAX_NAME_BYTES` bytes, never a Windows device name."""
    name = Path(filename.replace("\\", "/")).name
    stem, suffix = Path(name).stem, Path(name).suffix.lower()
    stem = _UNSAFE_NAME.sub("-", stem).strip(" .-")
    stem = stem.encode("utf-8")[:MAX_NAME_BYTES].decode("utf-8", "ignore").strip(" .-") or "document"
    if _WINDOWS_DEVICE.match(stem.split(".", 1)[0].rstrip(" ")):
        stem = f"_{stem}"
    return f"{stem}{suffix}"


def _only_extension(filename: str) -> bool:
    """A file named just ``.pdf``: its name is taken for the extension."""
    name = Path(filename.replace("\\", "/")).name.strip()
    return name.startswith(".") and name.lower() in UPLOAD_TYPES


def upload_document(
    content_dir: Path, root: Path, file: str, at: KeyPath, title: str, filename: str, data: bytes, opened: str,
    lang: Lang,
) -> SaveResult:
    """Put an uploaded document in ``content/files/`` and link it under the OIT record at ``at`` of ``file``; the
    document is removed again when the content with its link would not be valid."""
    name = upload_name(filename)
    suffix = Path(name).suffix
    problem = ""
    if _only_extension(filename):
        bare = filename.strip()
        problem = say(lang, f"ไฟล์ชื่อ '{bare}' มีแต่นามสกุล ไม่มีชื่อไฟล์ ให้เปลี่ยนชื่อไฟล์ เช่น 'แผนงาน{bare}' แล้วอัปโหลดใหม่",
                      f"the file '{bare}' has an extension but no name; rename it, e.g. 'plan{bare}', and upload again")
    elif suffix not in UPLOAD_TYPES:
        problem = say(lang, f"รับเฉพาะไฟล์ {' '.join(UPLOAD_TYPES)} (ได้ '{suffix or filename}')",
                      f"only {' '.join(UPLOAD_TYPES)} files are accepted (got '{suffix or filename}')")
    elif not data or len(data) > MAX_UPLOAD:
        problem = say(lang, "ไฟล์ว่างหรือใหญ่เกิน 20 MB", "the file is empty or over 20 MB")
    elif not title.strip():
        problem = say(lang, "ใส่ชื่อเอกสารที่จะแสดงเป็นข้อความลิงก์", "give the document a title for its link")
    if problem:
        return SaveResult(findings=[Finding(f"{content_prefix(content_dir, root)}{file}", 1, 1, "", problem)])
    current = open_file(content_dir, file)
    if current.fingerprint != opened:
        return SaveResult(conflict=conflict_message(file, lang))
    target = _free_path(content_dir / UPLOAD_DIR, name, data)
    links = value_at(current.doc, (*at, "links"))
    position = len(links) if isinstance(links, list) else 0
    link = CommentedMap(title=title.strip(), url=f"{UPLOAD_DIR}/{target.name}")
    text = dump_yaml(apply_edits(current.doc, file, [Edit((*at, "links", position), link)]))
    existed = target.exists()
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    result = _write_checked(content_dir, root, {file: text}, lang)
    if result.findings and not existed:
        target.unlink()
    elif not result.findings:
        result.written.append(f"{UPLOAD_DIR}/{target.name}")
    return result


def _free_path(folder: Path, name: str, data: bytes) -> Path:
    """``files/name.pdf``, or ``name-2.pdf`` … when another document already has that name."""
    candidate, n = folder / name, 1
    while candidate.exists() and candidate.read_bytes() != data:
        n += 1
        candidate = folder / f"{Path(name).stem}-{n}{Path(name).suffix}"
    return candidate
