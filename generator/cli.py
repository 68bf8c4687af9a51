"""``itasite``: build, preview and check a site. Like ``mkdocs``, works in the folder of a ``site_config.yml``
or with ``-f/--config-file``. User errors print located messages and exit 1; anything else is a bug and keeps its
traceback.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import sys
from pathlib import Path
from typing import Any

import click

from generator.build import check_content
from generator.check import check_completeness
from generator.errors import ContentError, Severity, UserError, sort_findings
from generator.thai import parse_date, parse_year
from generator.validate import Lang

DEFAULT_CONFIGS = ("site_config.yml", "mkdocs.yml")

CONFIG_HELP = "MkDocs configuration file (default: site_config.yml, then mkdocs.yml, in the current folder)"
STRICT_HELP = "treat warnings as errors (what CI should use)"
LANG_HELP = "language of messages: th (default) or en"


def find_config(config_file: str | None) -> Path:
    if config_file:
        path = Path(config_file)
        if not path.is_file():
            raise UserError(f"ไม่พบไฟล์ตั้งค่า {config_file} (config file not found)")
        return path
    for name in DEFAULT_CONFIGS:
        if Path(name).is_file():
            return Path(name)
    raise UserError(
        "ไม่พบ site_config.yml ในโฟลเดอร์นี้ ให้ cd ไปที่โฟลเดอร์ของเว็บไซต์ หรือระบุ -f ไฟล์ตั้งค่า "
        "(no site_config.yml here; cd to the site folder or pass -f FILE)"
    )


def _load_mkdocs_config(path: Path, **overrides: Any):  # type: ignore[no-untyped-def]
    from mkdocs.config import load_config
    from mkdocs.exceptions import ConfigurationError

    try:
        return load_config(config_file=str(path), **overrides)
    except ConfigurationError as exc:
        raise UserError(f"{path}: {exc}") from None


def _setup_logging(verbose: bool, quiet: bool) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    logger = logging.getLogger("mkdocs")
    logger.handlers[:] = [handler]
    logger.setLevel(logging.DEBUG if verbose else logging.WARNING if quiet else logging.INFO)
    logger.propagate = False


def _plugin_lang(config) -> Lang:  # type: ignore[no-untyped-def]
    plugin = config.plugins.get("itasite")
    return plugin.config.lang if plugin else "th"


def run_check(config_path: Path, *, strict: bool, lang: Lang | None, today: dt.date | None = None) -> int:
    """Print every finding of the content; the exit code says whether it may be built (and published).
    Completeness (deadlines, gaps) is judged against ``today``: only here, never in a build."""
    config = _load_mkdocs_config(config_path)
    lang = lang or _plugin_lang(config)
    site, findings = check_content(Path(config.docs_dir), config_path.parent, lang)
    if site is not None:
        findings += check_completeness(site, today or dt.date.today(), lang)
    findings = sort_findings(findings)
    for finding in findings:
        click.echo(finding.format())
    errors = sum(f.severity is Severity.error for f in findings)
    warnings = len(findings) - errors
    if lang == "th":
        click.echo(f"ตรวจแล้ว: ข้อผิดพลาด {errors} รายการ คำเตือน {warnings} รายการ", err=True)
    else:
        click.echo(f"checked: {errors} error(s), {warnings} warning(s)", err=True)
    return 1 if errors or (strict and warnings) else 0


def run_build(config_path: Path, *, strict: bool) -> int:
    from mkdocs.commands.build import build
    from mkdocs.exceptions import Abort, BuildError

    config = _load_mkdocs_config(config_path, strict=strict)
    site, findings = check_content(Path(config.docs_dir), config_path.parent, _plugin_lang(config))
    if any(f.severity is Severity.error for f in findings):
        raise ContentError(findings)
    plugin = config.plugins.get("itasite")
    if plugin is not None:
        plugin.checked = (site, findings)  # type: ignore[attr-defined]  # the plugin renders without reading again
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    except (Abort, BuildError) as exc:
        raise UserError(str(exc)) from None
    finally:
        config.plugins.on_shutdown()
    return 0


def _parse_today(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return parse_date(value)
    except ValueError:
        raise click.BadParameter(f"วันที่ไม่ถูกต้อง '{value}' ให้เขียนเช่น 2569-04-01 (invalid date)") from None


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="itasite")
def cli() -> None:
    """itasite: เว็บไซต์ผลการประเมิน ITA มาตรการ และการเปิดเผยข้อมูล OIT จากไฟล์ YAML"""


@cli.command("check")
@click.option("-f", "--config-file", help=CONFIG_HELP)
@click.option("-s", "--strict", is_flag=True, help=STRICT_HELP)
@click.option("--lang", type=click.Choice(["th", "en"]), default=None, help=LANG_HELP)
@click.option("--today", callback=_parse_today, help="date deadlines are judged against (default: today), e.g. 2569-04-01")
def check_command(config_file: str | None, strict: bool, lang: Lang | None, today: dt.date | None) -> None:
    """ตรวจข้อมูลทั้งหมดโดยไม่สร้างเว็บไซต์ (check the content without building)"""
    sys.exit(run_check(find_config(config_file), strict=strict, lang=lang, today=today))


@cli.command("build")
@click.option("-f", "--config-file", help=CONFIG_HELP)
@click.option("-s/-S", "--strict/--no-strict", default=True, show_default=True, help="MkDocs warnings fail the build")
@click.option("-v", "--verbose", is_flag=True)
@click.option("-q", "--quiet", is_flag=True)
def build_command(config_file: str | None, strict: bool, verbose: bool, quiet: bool) -> None:
    """สร้างเว็บไซต์ในโฟลเดอร์ site/ (build the site; the old site/ stays until the new one is complete)"""
    _setup_logging(verbose, quiet)
    sys.exit(run_build(find_config(config_file), strict=strict))


@cli.command("serve")
@click.option("-f", "--config-file", help=CONFIG_HELP)
@click.option("-a", "--dev-addr", default="127.0.0.1:8000", show_default=True, help="address to serve on")
def serve_command(config_file: str | None, dev_addr: str) -> None:
    """แสดงตัวอย่างเว็บไซต์และโหลดใหม่เมื่อแก้ไฟล์ (preview with live reload, also on YAML edits)"""
    from mkdocs.commands.serve import serve

    _setup_logging(False, False)
    serve(config_file=str(find_config(config_file)), dev_addr=dev_addr, livereload=True)


@cli.command("build-many")
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=os.cpu_count() or 1, show_default="CPU count",
              help="parallel build processes")
@click.option("--shard", default=None, help="build only shard i of n (i/n, 1-based): every n-th organisation from the i-th")
@click.option("-s/-S", "--strict/--no-strict", default=True, show_default=True, help="MkDocs warnings fail a build")
@click.option("-q", "--quiet", is_flag=True, help="list only the organisations that failed")
def build_many_command(folder: Path, jobs: int, shard: str | None, strict: bool, quiet: bool) -> None:
    """สร้างเว็บไซต์ของทุกหน่วยงานในโฟลเดอร์พร้อมกัน (build every folder with a site_config.yml, in parallel)"""
    from generator.many import build_many

    sys.exit(build_many(folder, jobs, shard, strict=strict, quiet=quiet))


def _content_of(config_file: str | None) -> tuple[Path, Path, Lang]:
    """(content folder, site folder, message language) of the site whose config is found."""
    config_path = find_config(config_file)
    config = _load_mkdocs_config(config_path)
    return Path(config.docs_dir), config_path.parent, _plugin_lang(config)


@cli.command("export")
@click.option("-f", "--config-file", help=CONFIG_HELP)
@click.option("--year", required=True, callback=lambda c, p, v: _parse_year_option(v), help="fiscal year (พ.ศ.), e.g. 2569")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path), help="the .xlsx file to write")
@click.option("--csv", "csv_dir", type=click.Path(file_okay=False, path_type=Path), help="folder for the CSV files (default: next to -o)")
def export_command(config_file: str | None, year: int, output: Path, csv_dir: Path | None) -> None:
    """ส่งออกมาตรการ ผลการดำเนินงาน คะแนน และลิงก์ OIT ของปีเป็นไฟล์ Excel และ CSV (export a year to a workbook)"""
    from generator.spreadsheet import export_year

    content_dir, root, lang = _content_of(config_file)
    for path in export_year(content_dir, root, year, output, csv_dir, lang):
        click.echo(f"เขียนแล้ว (written): {path}")


@cli.command("import")
@click.argument("workbook", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-f", "--config-file", help=CONFIG_HELP)
@click.option("--year", default=None, callback=lambda c, p, v: _parse_year_option(v), help="fiscal year (default: the one export wrote)")
@click.option("--lang", type=click.Choice(["th", "en"]), default=None, help=LANG_HELP)
def import_command(workbook: Path, config_file: str | None, year: int | None, lang: Lang | None) -> None:
    """นำค่าจากไฟล์ Excel กลับเข้า YAML ทั้งหมดหรือไม่นำเข้าเลย (import a workbook into the YAML, all or nothing)"""
    from generator.spreadsheet import import_workbook

    content_dir, root, site_lang = _content_of(config_file)
    errors, written = import_workbook(workbook, content_dir, root, year=year, lang=lang or site_lang)
    for line in errors:
        click.echo(line, err=True)
    if errors:
        click.echo(f"พบข้อผิดพลาด {len(errors)} รายการ ไม่ได้แก้ไฟล์ใด (found {len(errors)} error(s); no file was changed)", err=True)
        sys.exit(1)
    for file in written:
        click.echo(f"แก้ไขแล้ว (updated): {content_dir / file}")
    if not written:
        click.echo("ไม่มีค่าที่เปลี่ยน ไม่ได้แก้ไฟล์ใด (nothing changed)")


@cli.command("new-year")
@click.argument("year", callback=lambda c, p, v: _parse_year_option(v))
@click.option("-f", "--config-file", help=CONFIG_HELP)
def new_year_command(year: int, config_file: str | None) -> None:
    """สร้างไฟล์ตั้งต้นของปีงบประมาณใหม่ (scaffold content/<year>/: measures carried forward, OIT items listed empty)"""
    from generator.scaffold import scaffold_year

    content_dir, root, lang = _content_of(config_file)
    for line in scaffold_year(content_dir, root, year, lang):
        click.echo(line)


@cli.command("schema")
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path), default=None, help="folder (default: schemas/)")
def schema_command(output: Path | None) -> None:
    """เขียน JSON Schema ของไฟล์เนื้อหาสำหรับ VS Code (regenerate schemas/*.schema.json from the models)"""
    from generator.schema import SCHEMA_DIR, write_schemas

    for path in write_schemas(output or SCHEMA_DIR):
        click.echo(f"เขียนแล้ว (written): {path}")


def _parse_year_option(value: str | None) -> int | None:
    if value is None:
        return None
    try:
        return parse_year(value)
    except ValueError:
        raise click.BadParameter(f"ต้องเป็นปี พ.ศ. เช่น 2569 (a Buddhist-era year such as 2569), ได้/got '{value}'") from None


def main(argv: list[str] | None = None) -> int:
    # Material's end-of-life banner is known (see README) and would bury the clerk's messages.
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
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
