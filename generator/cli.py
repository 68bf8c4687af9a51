"""``itasite``: build, preview and check a site. Like ``mkdocs``, works in the folder of a ``site_config.yml``
or with ``-f/--config-file``. Each command is a few lines that hand over to :mod:`generator.commands` or a clerk
tool. User errors print located messages and exit 1; anything else is a bug and keeps its traceback.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path

import click

from generator.check.links import LINKS_TIMEOUT
from generator.commands import find_config, run_build, run_check, run_portal_fetch, run_render, run_report, run_serve, site_folders
from generator.errors import ContentError, UserError
from generator.messages import Lang, both
from generator.publish.engines import DEFAULT_ENGINE, ENGINES
from generator.publish.logs import setup_logging
from generator.publish.settings import load_settings
from generator.thai import parse_date, parse_year

CONFIG_HELP = "MkDocs configuration file (default: site_config.yml, then mkdocs.yml, in the current folder)"
STRICT_HELP = "treat warnings as errors (what CI should use)"
LANG_HELP = "language of messages: th (default) or en"
ENGINE_HELP = "the program that makes the HTML pages: mkdocs (default), properdocs or zensical (installed with pip install 'itasite[NAME]')"


def _parse_today(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return parse_date(value)
    except ValueError:
        raise click.BadParameter(both(f"วันที่ไม่ถูกต้อง '{value}' ให้เขียนเช่น 2569-04-01", "invalid date")) from None


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="itasite")
def cli() -> None:
    """itasite: เว็บไซต์ผลการประเมิน ITA มาตรการ และการเปิดเผยข้อมูล OIT จากไฟล์ YAML"""


@cli.command("check")
@click.option("-f", "--config-file", help=CONFIG_HELP)
@click.option("-s", "--strict", is_flag=True, help=STRICT_HELP)
@click.option("--lang", type=click.Choice(["th", "en"]), default=None, help=LANG_HELP)
@click.option("--today", callback=_parse_today, help="date deadlines are judged against (default: today), e.g. 2569-04-01")
@click.option("--links", is_flag=True, help="also request every external http(s) link: broken, moved and http:// links are warnings")
@click.option("--links-timeout", type=click.FloatRange(min=0, min_open=True), default=LINKS_TIMEOUT, show_default=True,
              help="seconds to wait for each link with --links")
def check_command(config_file: str | None, strict: bool, lang: Lang | None, today: dt.date | None, links: bool,
                  links_timeout: float) -> None:
    """ตรวจข้อมูลทั้งหมดโดยไม่สร้างเว็บไซต์ (check the content without building)"""
    sys.exit(run_check(find_config(config_file), strict=strict, lang=lang, today=today, links=links,
                       links_timeout=links_timeout))


@cli.command("build")
@click.option("-f", "--config-file", help=CONFIG_HELP)
@click.option("-s/-S", "--strict/--no-strict", default=True, show_default=True, help="MkDocs warnings fail the build")
@click.option("-v", "--verbose", is_flag=True)
@click.option("-q", "--quiet", is_flag=True)
@click.option("--engine", type=click.Choice(list(ENGINES)), default=DEFAULT_ENGINE, show_default=True, help=ENGINE_HELP)
def build_command(config_file: str | None, strict: bool, verbose: bool, quiet: bool, engine: str) -> None:
    """สร้างเว็บไซต์ในโฟลเดอร์ site/ (build the site; the old site/ stays until the new one is complete)"""
    setup_logging(verbose, quiet)
    sys.exit(run_build(find_config(config_file), strict=strict, engine=engine))


@cli.command("report")
@click.option("-f", "--config-file", help=CONFIG_HELP)
@click.option("--year", default=None, callback=lambda c, p, v: _parse_year_option(v), help="fiscal year (พ.ศ.), default: every year")
@click.option("--kind", type=click.Choice(["measures", "result"]), default=None, help="which report (default: both)")
@click.option("-o", "--out", type=click.Path(file_okay=False, path_type=Path), default=Path("reports"), show_default=True,
              help="folder to write <year>/<kind>.pdf and .docx into")
def report_command(config_file: str | None, year: int | None, kind: str | None, out: Path) -> None:
    """เขียนรายงานมาตรการและรายงานผลการประเมินเป็น PDF และ DOCX โดยไม่สร้างเว็บไซต์ (the report documents only)"""
    for line in run_report(find_config(config_file), out, year, kind):
        click.echo(line)


@cli.command("render")
@click.option("-f", "--config-file", help=CONFIG_HELP)
@click.option("-o", "--out", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="folder for mkdocs.yml, docs/ and theme/ (replaced whole when the render succeeds)")
def render_command(config_file: str | None, out: Path) -> None:
    """เขียนเว็บไซต์เป็นไฟล์ Markdown ที่ mkdocs สร้างได้โดยไม่ต้องใช้ itasite (the site as a plain Markdown tree)"""
    for line in run_render(find_config(config_file), out):
        click.echo(line)


@cli.command("serve")
@click.option("-f", "--config-file", help=CONFIG_HELP)
@click.option("-a", "--dev-addr", default="127.0.0.1:8000", show_default=True, help="address to serve on")
@click.option("--engine", type=click.Choice(list(ENGINES)), default=DEFAULT_ENGINE, show_default=True, help=ENGINE_HELP)
def serve_command(config_file: str | None, dev_addr: str, engine: str) -> None:
    """แสดงตัวอย่างเว็บไซต์และโหลดใหม่เมื่อแก้ไฟล์ (preview with live reload, also on YAML edits)"""
    setup_logging(False, False)
    sys.exit(run_serve(find_config(config_file), dev_addr, engine))


@cli.command("build-many")
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=os.cpu_count() or 1, show_default="CPU count",
              help="parallel build processes")
@click.option("--shard", default=None, help="build only shard i of n (i/n, 1-based): every n-th organisation from the i-th")
@click.option("-s/-S", "--strict/--no-strict", default=True, show_default=True, help="MkDocs warnings fail a build")
@click.option("-q", "--quiet", is_flag=True, help="list only the organisations that failed")
def build_many_command(folder: Path, jobs: int, shard: str | None, strict: bool, quiet: bool) -> None:
    """สร้างเว็บไซต์ของทุกหน่วยงานในโฟลเดอร์พร้อมกัน (build every folder with a site_config.yml, in parallel)"""
    from generator.publish.many import build_many

    sys.exit(build_many(folder, jobs, shard, strict=strict, quiet=quiet))


@cli.command("export")
@click.option("-f", "--config-file", help=CONFIG_HELP)
@click.option("--year", required=True, callback=lambda c, p, v: _parse_year_option(v), help="fiscal year (พ.ศ.), e.g. 2569")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path), help="the .xlsx file to write")
@click.option("--csv", "csv_dir", type=click.Path(file_okay=False, path_type=Path), help="folder for the CSV files (default: next to -o)")
@click.option("--oit", "oit_form", is_flag=True,
              help="the assessor's form instead: one row per OIT item with full URLs, to copy into ITAS (-o file + <stem>.csv)")
def export_command(config_file: str | None, year: int, output: Path, csv_dir: Path | None, oit_form: bool) -> None:
    """ส่งออกมาตรการ ผลการดำเนินงาน คะแนน และลิงก์ OIT ของปีเป็นไฟล์ Excel และ CSV (export a year to a workbook);
    --oit: แบบฟอร์ม OIT สำหรับคัดลอกลงระบบ ITAS (the OIT form for ITAS)"""
    config_path = find_config(config_file)
    if oit_form:
        from generator.clerk.oit_form import export_oit_form

        settings = load_settings(config_path)
        written, warnings = export_oit_form(
            settings.content_dir, settings.root, year, output, csv_dir,
            urls=settings.urls, site_url=settings.render.site_url or None, lang=settings.lang,
        )
    else:
        from generator.clerk.export import export_year

        content_dir, root, lang = site_folders(config_path)
        written, warnings = export_year(content_dir, root, year, output, csv_dir, lang), []
    for path in written:
        click.echo(f"{both('เขียนแล้ว', 'written')}: {path}")
    for warning in warnings:
        click.echo(f"{both('คำเตือน', 'warning')}: {warning}", err=True)


@cli.command("import")
@click.argument("workbook", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-f", "--config-file", help=CONFIG_HELP)
@click.option("--year", default=None, callback=lambda c, p, v: _parse_year_option(v), help="fiscal year (default: the one export wrote)")
@click.option("--lang", type=click.Choice(["th", "en"]), default=None, help=LANG_HELP)
def import_command(workbook: Path, config_file: str | None, year: int | None, lang: Lang | None) -> None:
    """นำค่าจากไฟล์ Excel กลับเข้า YAML ทั้งหมดหรือไม่นำเข้าเลย (import a workbook into the YAML, all or nothing)"""
    from generator.clerk.workbook_import import import_workbook

    content_dir, root, site_lang = site_folders(find_config(config_file))
    errors, written = import_workbook(workbook, content_dir, root, year=year, lang=lang or site_lang)
    for finding in errors:
        click.echo(finding.format(), err=True)
    if errors:
        click.echo(both(f"พบข้อผิดพลาด {len(errors)} รายการ ไม่ได้แก้ไฟล์ใด", f"found {len(errors)} error(s); no file was changed"), err=True)
        sys.exit(1)
    for file in written:
        click.echo(f"{both('แก้ไขแล้ว', 'updated')}: {content_dir / file}")
    if not written:
        click.echo(both("ไม่มีค่าที่เปลี่ยน ไม่ได้แก้ไฟล์ใด", "nothing changed"))


@cli.command("new-year")
@click.argument("year", callback=lambda c, p, v: _parse_year_option(v))
@click.option("-f", "--config-file", help=CONFIG_HELP)
def new_year_command(year: int, config_file: str | None) -> None:
    """สร้างไฟล์ตั้งต้นของปีงบประมาณใหม่ (scaffold content/<year>/: measures carried forward, OIT items listed empty)"""
    from generator.clerk.scaffold import scaffold_year

    content_dir, root, lang = site_folders(find_config(config_file))
    for line in scaffold_year(content_dir, root, year, lang):
        click.echo(line)


@cli.command("new-portal")
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@click.option("--from", "organisations", type=click.Path(exists=True, file_okay=False, path_type=Path), default=None,
              help="list every organisation folder under this folder (as build-many finds them)")
@click.option("--name", default="ข้อมูล ITA/OIT ของหน่วยงาน", show_default=True, help="the portal's name")
def new_portal_command(folder: Path, organisations: Path | None, name: str) -> None:
    """สร้างโฟลเดอร์พอร์ทัลใหม่ที่รวมข้อมูลของหลายหน่วยงาน (a new portal over many organisations' published data)"""
    from generator.clerk.portal_scaffold import new_portal

    for line in new_portal(folder, organisations, name):
        click.echo(line)


@cli.group("portal")
def portal_group() -> None:
    """คำสั่งของพอร์ทัล (portal commands)"""


@portal_group.command("fetch")
@click.option("-f", "--config-file", help=CONFIG_HELP)
@click.option("--timeout", type=click.FloatRange(min=0.1), default=10.0, show_default=True, help="seconds per request")
@click.option("-j", "--jobs", type=click.IntRange(min=1, max=64), default=8, show_default=True, help="requests at a time")
@click.option("--lang", type=click.Choice(["th", "en"]), default=None, help=LANG_HELP)
def portal_fetch_command(config_file: str | None, timeout: float, jobs: int, lang: Lang | None) -> None:
    """อ่านข้อมูลที่เผยแพร่ของทุกหน่วยงานที่มี url: เก็บไว้ใน portal-cache/ (fetch the url: sources into portal-cache/)"""
    sys.exit(run_portal_fetch(find_config(config_file), timeout=timeout, concurrency=jobs, lang=lang))


@cli.command("edit")
@click.option("-f", "--config-file", help=CONFIG_HELP)
@click.option("-p", "--port", type=click.IntRange(0, 65535), default=8010, show_default=True, help="port on 127.0.0.1")
@click.option("--no-browser", is_flag=True, help="do not open the browser")
@click.option("--lang", type=click.Choice(["th", "en"]), default=None, help=LANG_HELP)
@click.option("--allow-host", multiple=True, help="another Host the editor answers to (behind a reverse proxy), e.g. ita.example.go.th")
def edit_command(config_file: str | None, port: int, no_browser: bool, lang: Lang | None, allow_host: tuple[str, ...]) -> None:
    """แก้ไขข้อมูลด้วยแบบฟอร์มในเบราว์เซอร์ บนเครื่องนี้เท่านั้น (a form editor for the content, on 127.0.0.1)"""
    from generator.clerk.editor.server import run_editor
    from generator.clerk.editor.session import Editor

    config_path = find_config(config_file)
    content_dir, root, site_lang = site_folders(config_path)
    editor = Editor(content_dir, root, config_path.resolve(), lang or site_lang, set(allow_host))
    run_editor(editor, port, open_browser=not no_browser)


@cli.command("schema")
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path), default=None, help="folder (default: schemas/)")
def schema_command(output: Path | None) -> None:
    """เขียน JSON Schema ของไฟล์เนื้อหาสำหรับ VS Code (regenerate schemas/*.schema.json from the models)"""
    from generator.clerk.schema import SCHEMA_DIR, write_schemas

    for path in write_schemas(output or SCHEMA_DIR):
        click.echo(f"เขียนแล้ว (written): {path}")


def _parse_year_option(value: str | None) -> int | None:
    if value is None:
        return None
    try:
        return parse_year(value)
    except ValueError:
        raise click.BadParameter(both(f"ต้องเป็นปี พ.ศ. เช่น 2569 ได้ '{value}'", f"a Buddhist-era year such as 2569, got '{value}'")) from None


def _speak_utf8() -> None:
    """Thai messages must reach the clerk even when the machine's locale is not UTF-8 (``LANG=C``, a Latin-1
    terminal): such a stream is switched to UTF-8 instead of failing on the first Thai character."""
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
        if encoding != "utf8" and hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="replace")


def main(argv: list[str] | None = None) -> int:
    # Material's end-of-life banner is known (see README) and would bury the clerk's messages.
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    _speak_utf8()
    try:
        cli.main(args=argv, prog_name="itasite", standalone_mode=False)
    except ContentError as exc:
        click.echo(exc.report(), err=True)
        return 1
    except UserError as exc:
        click.echo(str(exc), err=True)
        return 1
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except click.ClickException as exc:
        exc.show()
        return exc.exit_code
    except click.exceptions.Abort:
        return 1
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else 1
    return 0
