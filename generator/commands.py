"""What each ``itasite`` command does, below the command line: find the site's configuration, run the pipeline
(directly, or through MkDocs and the plugin) and report. Raises :class:`UserError` or :class:`ContentError` for the
command line to print; returns the exit code otherwise."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click
from mkdocs.config.defaults import MkDocsConfig

from generator.check.completeness import check_completeness
from generator.check.config import check_site_url
from generator.check.link_health import CACHE_FILE, DEFAULT_TIMEOUT, check_link_health
from generator.errors import Severity, UserError, sort_findings
from generator.messages import Lang, both, say
from generator.pipeline import build_site, check_content, compose_reports
from generator.publish.mkdocs_build import build_with_mkdocs, load_mkdocs_config
from generator.publish.site_config import render_settings
from generator.urls import UrlScheme

DEFAULT_CONFIGS = ("site_config.yml", "mkdocs.yml")


def find_config(config_file: str | None) -> Path:
    if config_file:
        path = Path(config_file)
        if not path.is_file():
            raise UserError(both(f"ไม่พบไฟล์ตั้งค่า {config_file}", "config file not found"))
        return path
    for name in DEFAULT_CONFIGS:
        if Path(name).is_file():
            return Path(name)
    raise UserError(both(
        "ไม่พบ site_config.yml ในโฟลเดอร์นี้ ให้ cd ไปที่โฟลเดอร์ของเว็บไซต์ หรือระบุ -f ไฟล์ตั้งค่า",
        "no site_config.yml here; cd to the site folder or pass -f FILE",
    ))


def plugin_lang(config: MkDocsConfig) -> Lang:
    plugin = config.plugins.get("itasite")
    lang: Lang = plugin.config.lang if plugin else "th"
    return lang


def site_folders(config_path: Path) -> tuple[Path, Path, Lang]:
    """(content folder, site folder, message language) of the site a configuration file describes."""
    config = load_mkdocs_config(config_path)
    return Path(config.docs_dir), config_path.parent, plugin_lang(config)


def run_check(
    config_path: Path, *, strict: bool, lang: Lang | None, today: dt.date | None = None, links: bool = False,
    links_timeout: float = DEFAULT_TIMEOUT,
) -> int:
    """Print every finding of the content; the exit code says whether it may be built (and published).
    Completeness (deadlines, gaps) is judged against ``today``: only here, never in a build. With ``links``, every
    external link is requested too (answers cached in ``.itasite-cache/`` next to the configuration)."""
    config = load_mkdocs_config(config_path)
    lang = lang or plugin_lang(config)
    urls = UrlScheme(directory_urls=bool(config.use_directory_urls))
    site, findings = check_content(Path(config.docs_dir), config_path.parent, lang, urls)
    findings += check_site_url(config_path, config_path.parent, config.site_url, lang)
    if site is not None:
        findings += check_completeness(site, today or dt.date.today(), lang)
        if links:
            findings += check_link_health(site, lang, timeout=links_timeout, cache=config_path.parent / CACHE_FILE)
    findings = sort_findings(findings)
    for finding in findings:
        click.echo(finding.format())
    errors = sum(f.severity is Severity.error for f in findings)
    warnings = sum(f.severity is Severity.warning for f in findings)
    reminders = len(findings) - errors - warnings
    summary_th = f"ตรวจแล้ว: ข้อผิดพลาด {errors} รายการ คำเตือน {warnings} รายการ"
    summary_en = f"checked: {errors} error(s), {warnings} warning(s)"
    if reminders:
        summary_th += f" เรื่องที่ถึงกำหนดแล้ว {reminders} รายการ (ไม่ทำให้การตรวจไม่ผ่าน)"
        summary_en += f", {reminders} date reminder(s) (these never fail the check)"
    click.echo(say(lang, summary_th, summary_en), err=True)
    return 1 if errors or (strict and warnings) else 0


def run_build(config_path: Path, *, strict: bool) -> int:
    """``mkdocs build`` with the plugin, which runs the pipeline once; the old ``site/`` stays unless it succeeds."""
    return build_with_mkdocs(config_path, strict=strict)


def run_render(config_path: Path, out: Path) -> list[str]:
    """Write the engine-neutral Markdown tree of the site into ``out``; returns the lines to print."""
    config = load_mkdocs_config(config_path)
    plugin = config.plugins.get("itasite")
    options = plugin.config if plugin else None
    settings = render_settings(
        config, getattr(options, "digits", "thai"), getattr(options, "date_style", "long")
    )
    from generator.publish.tree import write_tree  # ruamel.yaml and Markdown: loaded only for this command

    thai_search = bool(getattr(options, "thai_search", True))
    rendered = build_site(Path(config.docs_dir), config_path.parent, settings, plugin_lang(config))
    for finding in rendered.warnings:
        click.echo(finding.format(), err=True)
    try:
        count = write_tree(config_path, config, rendered, settings, thai_search, out)
    except OSError as exc:
        raise UserError(both(f"เขียนโฟลเดอร์ {out} ไม่ได้: {exc.strerror}", f"cannot write {out}")) from None
    return [both(
        f"เขียนแล้ว {count} ไฟล์ใน {out} สร้างเว็บไซต์ด้วย mkdocs build -f {out / 'mkdocs.yml'} --strict",
        f"wrote {count} files; build with mkdocs build -f {out / 'mkdocs.yml'} --strict",
    )]



def run_report(config_path: Path, out: Path, year: int | None = None, kind: str | None = None) -> list[str]:
    """Write the report documents (all, or of one year, one kind) into ``out/<year>/`` without building the site;
    returns the lines to print."""
    config = load_mkdocs_config(config_path)
    plugin = config.plugins.get("itasite")
    options = plugin.config if plugin else None
    settings = render_settings(config, getattr(options, "digits", "thai"), getattr(options, "date_style", "long"))
    lang = plugin_lang(config)
    every, date = compose_reports(Path(config.docs_dir), config_path.parent, settings, lang)
    reports = [r for r in every if (year is None or r.year == year) and (kind is None or r.kind == kind)]
    if not reports:
        shown = " ".join(filter(None, [kind, str(year) if year else None]))
        available = ", ".join(f"{r.kind} {r.year}" for r in every) or "-"
        raise UserError(say(
            lang,
            f"ไม่มีรายงาน {shown} (รายงานมาตรการมีเฉพาะปีที่มี measures.yml รายงานผลการประเมินเฉพาะปีที่มี result.yml) มีรายงาน: {available}",
            f"no {shown} report (measures need measures.yml, a result needs result.yml); available: {available}",
        ))
    from generator.publish.reports import CACHE_DIR, build_reports  # WeasyPrint: loaded only for this command

    documents = build_reports(reports, date, config_path.parent / CACHE_DIR)
    lines = []
    for path, data in documents.items():
        target = out / path.replace("/reports/", "/")
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        except OSError as exc:
            raise UserError(both(f"เขียนไฟล์ {target} ไม่ได้: {exc.strerror}", f"cannot write {target}")) from None
        lines.append(f"{both('เขียนแล้ว', 'written')}: {target}")
    return lines
