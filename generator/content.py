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

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from generator.errors import Finding, display_path
from generator.frameworks import resolve_framework
from generator.load import SourceFile, load_yaml
from generator.model import (
    Framework,
    FrameworkOverride,
    MeasurePlan,
    OitDisclosures,
    Organisation,
    Redirects,
    Result,
    site_path,
)
from generator.thai import parse_year, to_arabic_digits
from generator.validate import Lang, validate_file

YEAR_FILES = {"result.yml": Result, "measures.yml": MeasurePlan, "oit.yml": OitDisclosures}
ORGANISATION_FILE = "organisation.yml"
REDIRECTS_FILE = "redirects.yml"
FRAMEWORKS_DIR = "frameworks"


@dataclass(frozen=True)
class YearContent:
    """Everything the content says about one fiscal year."""

    year: int
    framework: Framework
    result: Result | None = None
    plan: MeasurePlan | None = None
    oit: OitDisclosures | None = None

    @property
    def based_on(self) -> int:
        """The assessment year the measures of this year answer (normally the year before)."""
        return self.plan.based_on if self.plan and self.plan.based_on else self.year - 1


@dataclass(frozen=True)
class Site:
    """The whole validated content of one site."""

    organisation: Organisation
    years: dict[int, YearContent]
    frameworks: dict[int, Framework]
    sources: dict[str, SourceFile] = field(default_factory=dict)
    content_files: tuple[str, ...] = ()
    redirects: dict[str, str] = field(default_factory=dict)

    def source(self, year: int, filename: str) -> SourceFile:
        return self.sources[f"{year}/{filename}"]


def is_content_file(rel_path: str) -> bool:
    """Whether a path relative to the content folder is data this generator consumes (and must not publish)."""
    parts = rel_path.split("/")
    if parts in ([ORGANISATION_FILE], [REDIRECTS_FILE]):
        return True
    if len(parts) == 2 and parts[0] == FRAMEWORKS_DIR:
        return parts[1].endswith((".yml", ".yaml"))
    return len(parts) == 2 and _year_dir(parts[0]) is not None and parts[1].endswith((".yml", ".yaml"))


def _year_dir(name: str) -> int | None:
    try:
        return parse_year(to_arabic_digits(name))
    except ValueError:
        return None


def _looks_like_year(name: str) -> bool:
    return to_arabic_digits(name).isdigit() and len(name) == 4


class _Reader:
    def __init__(self, content_dir: Path, root: Path, lang: Lang) -> None:
        self.content_dir, self.root, self.lang = content_dir, root, lang
        self.findings: list[Finding] = []
        self.sources: dict[str, SourceFile] = {}

    def name(self, path: Path) -> str:
        return display_path(path, self.root)

    def read(self, path: Path, key: str, model: type):  # type: ignore[no-untyped-def]
        source, findings = load_yaml(path, self.name(path))
        self.findings += findings
        if source is None:
            return None
        self.sources[key] = source
        obj, findings = validate_file(source, model, self.lang)
        self.findings += findings
        return obj

    def file_finding(self, path: Path, th: str, en: str) -> None:
        self.findings.append(Finding(self.name(path), 1, 1, "", th if self.lang == "th" else en))


def load_content(content_dir: Path, root: Path, lang: Lang = "th") -> tuple[Site | None, list[Finding]]:
    """Load and validate every content file. Returns the site, or None with every finding when anything is wrong."""
    reader = _Reader(content_dir, root, lang)
    if not content_dir.is_dir():
        reader.file_finding(content_dir, "ไม่พบโฟลเดอร์เนื้อหา", "content folder not found")
        return None, reader.findings

    org_path = content_dir / ORGANISATION_FILE
    organisation = None
    if org_path.exists():
        organisation = reader.read(org_path, ORGANISATION_FILE, Organisation)
    else:
        reader.file_finding(
            org_path,
            "ไม่พบไฟล์ organisation.yml ให้สร้างไฟล์นี้โดยใส่อย่างน้อย name และ type ของหน่วยงาน",
            "organisation.yml is missing; create it with at least the organisation's name and type",
        )

    overrides: dict[int, tuple[SourceFile, FrameworkOverride]] = {}
    for path in sorted((content_dir / FRAMEWORKS_DIR).glob("*.y*ml")):
        year = _year_dir(path.stem)
        if year is None:
            reader.file_finding(path, "ชื่อไฟล์ต้องเป็นปี พ.ศ. เช่น 2569.yml", "file name must be a Buddhist-era year, e.g. 2569.yml")
            continue
        override = reader.read(path, f"frameworks/{year}", FrameworkOverride)
        if override is not None:
            overrides[year] = (reader.sources[f"frameworks/{year}"], override)

    redirects: Redirects | None = None
    if (content_dir / REDIRECTS_FILE).exists():
        redirects = reader.read(content_dir / REDIRECTS_FILE, REDIRECTS_FILE, Redirects)

    parsed: dict[int, dict[str, object]] = {}
    content_files: list[str] = []
    for entry in sorted(content_dir.iterdir()):
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
            ce = to_arabic_digits(entry.name)
            reader.file_finding(
                entry,
                f"โฟลเดอร์ {entry.name} ต้องตั้งชื่อเป็นปี พ.ศ. (เช่น {int(ce) + 543})",
                f"folder {entry.name} must be named by the Buddhist-era year (e.g. {int(ce) + 543})",
            )
            continue
        files = parsed.setdefault(year, {})
        for path in sorted(entry.iterdir()):
            if path.suffix not in (".yml", ".yaml"):
                continue
            model = YEAR_FILES.get(path.name)
            if model is None:
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
            content_files.append(display_path(path, content_dir))
            files[path.name] = reader.read(path, key, model)

    frameworks: dict[int, Framework] = {}
    needed = set(parsed) | set(overrides)
    for year, files in parsed.items():
        plan = files.get("measures.yml")
        if isinstance(plan, MeasurePlan):
            needed.add(plan.based_on or year - 1)
    for year in sorted(needed):
        framework, findings = resolve_framework(year, overrides, lang)
        reader.findings += findings
        if framework is not None:
            frameworks[year] = framework
        elif year in parsed and not findings:
            reader.file_finding(
                content_dir / str(year),
                f"ไม่มีกรอบการประเมิน ITA ของปี {year} ให้สร้าง frameworks/{year}.yml โดยใส่ extends: ปีที่ใกล้ที่สุด",
                f"no ITA framework for {year}; create frameworks/{year}.yml with extends: the closest year",
            )

    if reader.findings or organisation is None:
        return None, reader.findings
    years = {
        year: YearContent(
            year=year,
            framework=frameworks[year],
            result=files.get("result.yml"),  # type: ignore[arg-type]
            plan=files.get("measures.yml"),  # type: ignore[arg-type]
            oit=files.get("oit.yml"),  # type: ignore[arg-type]
        )
        for year, files in sorted(parsed.items())
        if files
    }
    site_redirects = dict(redirects.root) if redirects else {}
    return Site(organisation, years, frameworks, reader.sources, tuple(content_files), site_redirects), []


def page_candidates(address: str) -> tuple[str, ...]:
    """The Markdown pages that would be published at a folder address (``2568/oit/o1/`` → ``2568/oit/o1.md``)."""
    if address == "":
        return ("index.md",)
    if not address.endswith("/"):
        return ()
    stem = address.rstrip("/")
    return (f"{stem}.md", f"{stem}/index.md")


def check_redirects(site: Site, pages: Iterable[str], files: Iterable[str] = (), lang: Lang = "th") -> list[Finding]:
    """Every redirect must lead to a generated page (``pages``: Markdown paths) and must not take the address of a
    page or of another generated file (``files``), or the old link would hide a real page."""
    if not site.redirects:
        return []
    source = site.sources[REDIRECTS_FILE]
    pages, files = set(pages), set(files)
    findings = []
    written: dict[str, str] = {}
    for key in source.data:
        old = str(site_path(key))
        if old in written:
            findings.append(source.finding((key,), (
                f"ที่อยู่เดิมนี้ซ้ำกับ '{written[old]}' (คือที่อยู่เดียวกัน)" if lang == "th"
                else f"this old address is the same as '{written[old]}'"
            ), key=True))
            continue
        written[old] = key
        new = site.redirects[old]
        if any(p in pages for p in page_candidates(old)) or old.rstrip("/") in files or old in files:
            findings.append(source.finding((key,), (
                f"ที่อยู่เดิม '/{old}' เป็นหน้าที่ระบบสร้างอยู่แล้ว ลบบรรทัดนี้ หรือแก้เป็นที่อยู่เดิมที่ไม่มีแล้ว"
                if lang == "th" else
                f"old address '/{old}' is a page the generator makes; remove the line or give an address that is gone"
            ), key=True))
        if not any(p in pages for p in page_candidates(new)):
            findings.append(source.finding((key,), (
                f"ที่อยู่ใหม่ '/{new}' ไม่ใช่หน้าที่ระบบสร้าง ให้ใช้ที่อยู่ของหน้าที่มีอยู่ เช่น 2568/oit/o15/"
                if lang == "th" else
                f"new address '/{new}' is not a page of the site; use the address of an existing page, e.g. 2568/oit/o15/"
            )))
    return findings
