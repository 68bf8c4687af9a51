"""Find the content files of a site, load and validate each, and gather them into one :class:`Site`.

Layout (everything under the MkDocs ``docs_dir``)::

    organisation.yml            the organisation and its units
    <year>/result.yml           ITA result of that fiscal year (Buddhist era)
    <year>/measures.yml         measures of that fiscal year and their reports
    <year>/oit.yml              where each OIT item of that year is published
    frameworks/<year>.yml       corrections/extensions of the shipped ITA framework of that year
    redirects.yml               old address: new address (static redirect pages keep old links working)
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar, cast

from pydantic import BaseModel

from generator.errors import Finding, display_path
from generator.load.frameworks import SHIPPED_DIR, resolve_framework
from generator.load.validate import validate_file
from generator.load.yaml import load_yaml
from generator.messages import Lang, say
from generator.model.site import (
    MEASURES_FILE,
    OIT_FILE,
    ORGANISATION_FILE,
    REDIRECTS_FILE,
    RESULT_FILE,
    Site,
    YearContent,
)
from generator.model.source import SourceFile
from generator.model.types import (
    Framework,
    FrameworkOverride,
    MeasurePlan,
    OitDisclosures,
    Organisation,
    Redirects,
    Result,
)
from generator.thai import is_ascii_digits, parse_year, to_arabic_digits

YEAR_FILES = {RESULT_FILE: Result, MEASURES_FILE: MeasurePlan, OIT_FILE: OitDisclosures}
FRAMEWORKS_DIR = "frameworks"


def is_content_file(rel_path: str) -> bool:
    """Whether a path relative to the content folder is data this generator consumes (and must not publish)."""
    parts = rel_path.split("/")
    if parts in ([ORGANISATION_FILE], [REDIRECTS_FILE]):
        return True
    if len(parts) == 2 and parts[0] == FRAMEWORKS_DIR:
        return parts[1].endswith((".yml", ".yaml"))
    return len(parts) == 2 and _year_dir(parts[0]) is not None and parts[1].endswith((".yml", ".yaml"))


BACKUP_SUFFIXES = ("~", ".bak", ".orig", ".swp", ".swo", ".tmp", ".temp")


def is_ignored_file(rel_path: str) -> bool:
    """Editors' backups and lock files (``measures.yml~``, ``report.bak``, ``~$plan.docx``, ``#notes.md#``) and hidden
    files: never published, never read."""
    name = rel_path.rsplit("/", 1)[-1]
    hidden = any(part.startswith(".") for part in rel_path.split("/"))
    return hidden or name.endswith(BACKUP_SUFFIXES) or name.startswith(("~$", "#", ".~lock")) or name.endswith("#")


def _year_dir(name: str) -> int | None:
    try:
        return parse_year(to_arabic_digits(name))
    except ValueError:
        return None


def _looks_like_year(name: str) -> bool:
    return name.isdigit() and len(name) == 4  # any digits, so ``²⁵⁶⁸`` is reported rather than published


M = TypeVar("M", bound=BaseModel)


LoadMemo = dict[tuple[str, str, str, str, str], tuple[SourceFile | None, list[Finding], Any]]
"""Files read and validated before, by path, name, language, model and a hash of their bytes (the models are
frozen, so a file's model can be handed out again): a preview reads again only the files an edit changed."""


class _Reader:
    """Reads and validates files one by one, collecting every finding (nothing stops at the first problem)."""

    def __init__(self, content_dir: Path, root: Path, lang: Lang, memo: LoadMemo | None = None) -> None:
        self.content_dir, self.root, self.lang = content_dir, root, lang
        self.memo = memo
        self.used: LoadMemo = {}
        self.findings: list[Finding] = []
        self.sources: dict[str, SourceFile] = {}
        self.content_files: list[str] = []

    def name(self, path: Path) -> str:
        return display_path(path, self.root)

    def read(self, path: Path, key: str, model: type[M]) -> M | None:
        name = self.name(path)
        memo_key = None
        if self.memo is not None:
            with contextlib.suppress(OSError):  # load_yaml says what is wrong with the file
                memo_key = (str(path), name, self.lang, model.__qualname__, hashlib.sha256(path.read_bytes()).hexdigest())
        entry = self.memo.get(memo_key) if self.memo is not None and memo_key else None
        if entry is None:
            source, findings = load_yaml(path, name, self.lang)
            obj = None
            if source is not None:
                obj, more = validate_file(source, model, self.lang)
                findings = findings + more
            entry = (source, findings, obj)
        if memo_key is not None:
            self.used[memo_key] = entry
        source, findings, obj = entry
        self.findings += findings
        if source is None:
            return None
        self.sources[key] = source
        return cast("M | None", obj)

    def file_finding(self, path: Path, th: str, en: str) -> None:
        # The folder is resolved, not the file: a symbolic link is named where it is, not where it points.
        name = f"{self.name(path.parent)}/{path.name}" if path != self.content_dir else self.name(path)
        self.findings.append(Finding(name, 1, 1, "", say(self.lang, th, en)))


@dataclass
class _YearFiles:
    result: Result | None = None
    plan: MeasurePlan | None = None
    oit: OitDisclosures | None = None
    read: bool = False  # at least one file of the year was found


def load_content(content_dir: Path, root: Path, lang: Lang = "th", memo: LoadMemo | None = None) -> tuple[Site | None, list[Finding]]:
    """Load and validate every content file. Returns the site, or None with every finding when anything is wrong.
    ``memo`` keeps the files read between calls (only this call's are kept)."""
    reader = _Reader(content_dir, root, lang, memo)
    try:
        return _load(reader, content_dir)
    finally:
        if memo is not None:
            memo.clear()
            memo.update(reader.used)


def _load(reader: _Reader, content_dir: Path) -> tuple[Site | None, list[Finding]]:
    if not content_dir.is_dir():
        reader.file_finding(content_dir, "ไม่พบโฟลเดอร์เนื้อหา", "content folder not found")
        return None, reader.findings
    organisation = _read_organisation(reader)
    overrides = _read_framework_overrides(reader)
    redirects = reader.read(content_dir / REDIRECTS_FILE, REDIRECTS_FILE, Redirects) if (content_dir / REDIRECTS_FILE).exists() else None
    years = _read_years(reader)
    frameworks = _resolve_frameworks(reader, years, overrides)
    files = _list_files(reader)
    if reader.findings or organisation is None:
        return None, reader.findings
    contents = {
        year: YearContent(year, frameworks[year], files.result, files.plan, files.oit)
        for year, files in sorted(years.items())
        if files.read
    }
    site_redirects = dict(redirects.root) if redirects else {}
    return Site(organisation, contents, frameworks, reader.sources, tuple(reader.content_files), site_redirects, files), []


def _list_files(reader: _Reader) -> dict[str, int]:
    """Every file of the content folder the site publishes as it is (pages, documents, images) with its size in
    bytes, without following links: a symbolic link could publish a file from anywhere on the machine (or loop), so
    it is an error."""
    found: dict[str, int] = {}
    for folder, dirs, names in os.walk(reader.content_dir):
        here = Path(folder)
        descend = []
        for name in sorted([*dirs, *names]):
            path = here / name
            rel = path.relative_to(reader.content_dir).as_posix()
            if is_ignored_file(rel):
                continue
            if path.is_symlink():
                reader.file_finding(
                    here / name,
                    f"{rel} เป็นลิงก์ไปยังไฟล์หรือโฟลเดอร์อื่น (symbolic link) ซึ่งระบบไม่เผยแพร่ ให้คัดลอกไฟล์จริงมาไว้ในโฟลเดอร์ content แทน",
                    f"{rel} is a symbolic link, which is never published; copy the real file into the content folder instead",
                )
            elif name in dirs:
                descend.append(name)
            elif not is_content_file(rel):
                found[rel] = path.stat().st_size
        dirs[:] = descend
    return dict(sorted(found.items()))


def _read_organisation(reader: _Reader) -> Organisation | None:
    path = reader.content_dir / ORGANISATION_FILE
    if path.exists():
        return reader.read(path, ORGANISATION_FILE, Organisation)
    reader.file_finding(
        path,
        "ไม่พบไฟล์ organisation.yml ให้สร้างไฟล์นี้โดยใส่อย่างน้อย name และ type ของหน่วยงาน",
        "organisation.yml is missing; create it with at least the organisation's name and type",
    )
    return None


def _read_framework_overrides(reader: _Reader) -> dict[int, tuple[SourceFile, FrameworkOverride]]:
    overrides: dict[int, tuple[SourceFile, FrameworkOverride]] = {}
    for path in sorted((reader.content_dir / FRAMEWORKS_DIR).glob("*.y*ml")):
        year = _year_dir(path.stem)
        if year is None:
            reader.file_finding(path, "ชื่อไฟล์ต้องเป็นปี พ.ศ. เช่น 2569.yml", "file name must be a Buddhist-era year, e.g. 2569.yml")
            continue
        override = reader.read(path, f"frameworks/{year}", FrameworkOverride)
        if override is not None:
            overrides[year] = (reader.sources[f"frameworks/{year}"], override)
    return overrides


def _read_years(reader: _Reader) -> dict[int, _YearFiles]:
    """Every year folder's files; other YAML files at the top of the content folder are reported."""
    years: dict[int, _YearFiles] = {}
    for entry in sorted(reader.content_dir.iterdir()):
        if entry.is_file() and entry.suffix in (".yml", ".yaml") and entry.name not in (ORGANISATION_FILE, REDIRECTS_FILE):
            reader.file_finding(
                entry,
                f"ไม่รู้จักไฟล์ {entry.name} ไฟล์ข้อมูลต้องอยู่ในโฟลเดอร์ปี เช่น 2568/result.yml",
                f"unknown file {entry.name}; data files belong in a year folder, e.g. 2568/result.yml",
            )
        if not entry.is_dir() or not _looks_like_year(entry.name):
            continue
        year = _year_dir(entry.name)
        if year is None:
            digits = to_arabic_digits(entry.name)
            if is_ascii_digits(digits):
                reader.file_finding(
                    entry,
                    f"โฟลเดอร์ {entry.name} ต้องตั้งชื่อเป็นปี พ.ศ. (เช่น {int(digits) + 543})",
                    f"folder {entry.name} must be named by the Buddhist-era year (e.g. {int(digits) + 543})",
                )
            else:
                reader.file_finding(
                    entry,
                    f"โฟลเดอร์ {entry.name} ต้องตั้งชื่อเป็นปี พ.ศ. ด้วยเลขอารบิกหรือเลขไทย เช่น 2569",
                    f"folder {entry.name} must be named by the Buddhist-era year in Arabic or Thai digits, e.g. 2569",
                )
            continue
        _read_year_folder(reader, entry, year, years.setdefault(year, _YearFiles()))
    return years


def _read_year_folder(reader: _Reader, folder: Path, year: int, files: _YearFiles) -> None:
    for path in sorted(folder.iterdir()):
        if path.suffix not in (".yml", ".yaml"):
            continue
        if path.name not in YEAR_FILES:
            reader.file_finding(
                path,
                f"ไม่รู้จักไฟล์ {path.name} ชื่อที่ใช้ได้: {', '.join(YEAR_FILES)}",
                f"unknown file {path.name}; allowed names: {', '.join(YEAR_FILES)}",
            )
            continue
        key = f"{year}/{path.name}"
        if key in reader.sources:
            reader.file_finding(path, f"มีข้อมูลปี {year} ซ้ำสองโฟลเดอร์", f"two folders hold year {year}")
            continue
        reader.content_files.append(display_path(path, reader.content_dir))
        files.read = True
        if path.name == RESULT_FILE:
            files.result = reader.read(path, key, Result)
        elif path.name == MEASURES_FILE:
            files.plan = reader.read(path, key, MeasurePlan)
        else:
            files.oit = reader.read(path, key, OitDisclosures)


def _frameworks_digest(reader: _Reader) -> str:
    """A hash of every framework file a year's framework is made from: the shipped ones and the site's own."""
    digest = hashlib.sha256()
    for path in [*sorted(SHIPPED_DIR.glob("*.yml")), *sorted((reader.content_dir / FRAMEWORKS_DIR).glob("*.y*ml"))]:
        with contextlib.suppress(OSError):
            digest.update(path.name.encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def _resolve_frameworks(
    reader: _Reader, years: dict[int, _YearFiles], overrides: dict[int, tuple[SourceFile, FrameworkOverride]]
) -> dict[int, Framework]:
    """The framework of every year the content has, every year a framework file names, and every year a plan answers."""
    needed = set(years) | set(overrides)
    needed |= {files.plan.based_on or year - 1 for year, files in years.items() if files.plan}
    frameworks: dict[int, Framework] = {}
    digest = _frameworks_digest(reader) if reader.memo is not None else ""
    for year in sorted(needed):
        key = ("frameworks", str(year), reader.lang, Framework.__qualname__, digest)
        entry = reader.memo.get(key) if reader.memo is not None else None
        if entry is None:
            framework, findings = resolve_framework(year, overrides, reader.lang)
            entry = (None, findings, framework)
        if reader.memo is not None:
            reader.used[key] = entry  # the same Framework object while no framework file changes
        _, findings, framework = entry
        reader.findings += findings
        if framework is not None:
            frameworks[year] = framework
        elif year in years and not findings:
            reader.file_finding(
                reader.content_dir / str(year),
                f"ไม่มีกรอบการประเมิน ITA ของปี {year} ให้สร้าง frameworks/{year}.yml โดยใส่ extends: ปีที่ใกล้ที่สุด",
                f"no ITA framework for {year}; create frameworks/{year}.yml with extends: the closest year",
            )
    return frameworks


