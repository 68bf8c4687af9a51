"""What each ``itasite`` command does, below the command line: find the site's configuration, run the pipeline
(directly, or through MkDocs and the plugin) and report. Raises :class:`UserError` or :class:`ContentError` for the
command line to print; returns the exit code otherwise."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from generator.check.completeness import check_completeness
from generator.check.config import check_site_url
from generator.check.links import LINKS_TIMEOUT
from generator.errors import ContentError, Severity, UserError, sort_findings
from generator.messages import Lang, both, say
from generator.pipeline import build_site, check_content, compose_reports
from generator.publish.engines import DEFAULT_ENGINE
from generator.publish.settings import load_settings
from generator.publish.staging import Staging

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


def site_folders(config_path: Path) -> tuple[Path, Path, Lang]:
    """(content folder, site folder, message language) of the site a configuration file describes."""
    settings = load_settings(config_path)
    return settings.content_dir, settings.root, settings.lang


def run_portal_fetch(config_path: Path, *, timeout: float, concurrency: int, lang: Lang | None) -> int:
    """``itasite portal fetch``: read every url: source's published data into the portal's cache (the only command
    that goes to the network for a portal; build and check read the cache). Exit 0 when every source was read."""
    from generator.portal.config import is_portal, load_portal  # noqa: PLC0415
    from generator.portal.fetch import fetch_sources, summarise  # noqa: PLC0415

    settings = load_settings(config_path)
    lang = lang or settings.lang
    if not is_portal(settings.content_dir):
        raise UserError(say(lang, f"{config_path} ไม่ใช่พอร์ทัล (ไม่มี content/portal.yml) ใช้ itasite new-portal เพื่อสร้าง",
                            f"{config_path} is not a portal (no content/portal.yml); itasite new-portal makes one"))
    config, findings = load_portal(settings.content_dir, settings.root, lang)
    if config is None:
        raise ContentError(findings)
    urls = [entry.url for entry in config.entries if entry.url]
    sources = fetch_sources(urls, settings.root, timeout=timeout, concurrency=concurrency, lang=lang,
                            on_done=lambda s: click.echo(f"{s.url}: {s.reason}", err=True))
    for line in summarise(sources, lang):
        click.echo(line)
    return 0 if all(s.status == "ok" for s in sources) else 1


def run_check(
    config_path: Path, *, strict: bool, lang: Lang | None, today: dt.date | None = None, links: bool = False,
    links_timeout: float = LINKS_TIMEOUT,
) -> int:
    """Print every finding of the content; the exit code says whether it may be built (and published).
    Completeness (deadlines, gaps) is judged against ``today``: only here, never in a build. With ``links``, every
    external link is requested too (answers cached in ``.itasite-cache/`` next to the configuration)."""
    settings = load_settings(config_path)
    lang = lang or settings.lang
    site, findings = check_content(settings.content_dir, settings.root, lang, settings.urls)
    findings += check_site_url(config_path, settings.root, settings.render.site_url, lang)
    if site is not None:
        findings += check_completeness(site, today or dt.date.today(), lang)
        if links:  # the network modules are imported only by a check that asks for them
            from generator.check.link_health import CACHE_FILE, check_link_health  # noqa: PLC0415

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


def run_build(config_path: Path, *, strict: bool, engine: str = DEFAULT_ENGINE) -> int:
    """Render once, publish the tree, build it with ``engine``; the old ``site/`` stays unless it all succeeds."""
    from generator.publish.build import build_site_folder  # noqa: PLC0415 - the engines: only for a build

    return build_site_folder(config_path, engine=engine, strict=strict)


def run_render(config_path: Path, out: Path) -> list[str]:
    """Write the engine-neutral tree of the site into ``out`` (replaced whole when complete); returns the lines to print."""
    from generator.publish.stage import TREE_CONFIG, stage_tree, write_tree  # noqa: PLC0415

    settings = load_settings(config_path)
    rendered = build_site(settings.content_dir, settings.root, settings.render, settings.lang)
    for finding in rendered.warnings:
        click.echo(finding.format(), err=True)
    tree = stage_tree(rendered, settings)
    staging = Staging(out.resolve())
    try:
        write_tree(tree, staging.folder)
    except OSError as exc:
        staging.finish(succeeded=False)
        raise UserError(both(f"เขียนโฟลเดอร์ {out} ไม่ได้: {exc.strerror}", f"cannot write {out}")) from None
    staging.finish(succeeded=True)
    config = out / TREE_CONFIG
    return [both(
        f"เขียนแล้ว {len(tree.files)} ไฟล์ใน {out} สร้างเว็บไซต์ด้วย mkdocs build -f {config} --strict "
        f"(หรือ properdocs build -f {config} หรือ zensical build -f {config})",
        f"wrote {len(tree.files)} files; build with mkdocs build -f {config} --strict (or properdocs / zensical build -f {config})",
    )]


def run_report(config_path: Path, out: Path, year: int | None = None, kind: str | None = None) -> list[str]:
    """Write the report documents (all, or of one year, one kind) into ``out/<year>/`` without building the site;
    returns the lines to print."""
    settings = load_settings(config_path)
    every, date = compose_reports(settings.content_dir, settings.root, settings.render, settings.lang)
    reports = [r for r in every if (year is None or r.year == year) and (kind is None or r.kind == kind)]
    if not reports:
        shown = " ".join(filter(None, [kind, str(year) if year else None]))
        available = ", ".join(f"{r.kind} {r.year}" for r in every) or "-"
        raise UserError(say(
            settings.lang,
            f"ไม่มีรายงาน {shown} (รายงานมาตรการมีเฉพาะปีที่มี measures.yml รายงานผลการประเมินเฉพาะปีที่มี result.yml) มีรายงาน: {available}",
            f"no {shown} report (measures need measures.yml, a result needs result.yml); available: {available}",
        ))
    from generator.publish.stage import write_reports  # noqa: PLC0415 - WeasyPrint: loaded only for this command

    return [f"{both('เขียนแล้ว', 'written')}: {target}" for target in write_reports(reports, date, settings, out)]


def run_serve(config_path: Path, dev_addr: str, engine: str = DEFAULT_ENGINE) -> int:
    """Preview with live reload: MkDocs in this process, rebuilding only what an edit changed
    (:mod:`generator.publish.live`); another engine serves the preview tree, written again (only the files that
    changed) after each edit of the content."""
    if engine == DEFAULT_ENGINE:
        from generator.publish.live import serve_with_mkdocs  # noqa: PLC0415

        return serve_with_mkdocs(config_path, dev_addr)
    from generator.publish.preview import serve_tree  # noqa: PLC0415

    return serve_tree(config_path, dev_addr, engine)
