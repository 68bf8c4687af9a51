"""``itasite build-many``: build every organisation under a folder in parallel processes.

An organisation is a folder holding a ``site_config.yml``. Each is built exactly as ``itasite build`` would, in a
worker process, with its messages captured and shown together, so one broken organisation never stops or scrambles
the others. ``--shard i/n`` keeps every n-th organisation (in sorted order) starting at the i-th, so a CI matrix
or a batch scheduler can spread the organisations over n machines and together they build each exactly once.
"""

from __future__ import annotations

import contextlib
import io
import time
import traceback
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import click

from generator.errors import ContentError, UserError
from generator.publish.build import build_site_folder
from generator.publish.logs import setup_logging

CONFIG_NAME = "site_config.yml"


@dataclass(frozen=True)
class Outcome:
    """How the build of one organisation ended; ``output`` is everything it printed."""

    name: str
    code: int
    seconds: float
    output: str


def find_sites(folder: Path) -> list[Path]:
    """Every folder under ``folder`` (at any depth) with a site_config.yml, sorted by path; built sites are skipped."""
    found = []
    for config in folder.rglob(CONFIG_NAME):
        parts = config.relative_to(folder).parts[:-1]
        if not any(p == "site" or p.startswith(("site.tmp-", "site.old-", ".")) for p in parts):
            found.append(config.parent)
    return sorted(found, key=lambda p: p.relative_to(folder).as_posix())


def parse_shard(text: str) -> tuple[int, int]:
    """``"2/4"`` → (2, 4): the second of four shards (1-based, as CI matrices count)."""
    try:
        index, count = (int(part) for part in text.split("/"))
    except ValueError:
        index = count = 0
    if not 1 <= index <= count:
        raise UserError(f"--shard ต้องอยู่ในรูป i/n โดย 1 ≤ i ≤ n เช่น 1/4 (got {text!r}; expected i/n with 1 ≤ i ≤ n)")
    return index, count


def select_shard(sites: list[Path], index: int, count: int) -> list[Path]:
    return sites[index - 1 :: count]


def build_organisation(site: Path, name: str, strict: bool = True) -> Outcome:
    """Build one organisation as ``itasite build -q`` would, capturing what it prints; never raises."""
    buffer = io.StringIO()
    start = time.perf_counter()
    with contextlib.redirect_stderr(buffer), contextlib.redirect_stdout(buffer):
        setup_logging(verbose=False, quiet=True)
        try:
            code = build_site_folder(site / CONFIG_NAME, strict=strict)
        except ContentError as exc:
            print(exc.report())
            code = 1
        except UserError as exc:
            print(exc)
            code = 1
        except Exception:  # a bug in one organisation's build must not stop the others
            traceback.print_exc(file=buffer)
            code = 1
    return Outcome(name, code, time.perf_counter() - start, buffer.getvalue())


def _collect(name: str, future: Future[Outcome]) -> Outcome:
    try:
        return future.result()
    except Exception as exc:  # the worker process died (killed, out of memory)
        return Outcome(name, 1, 0.0, f"worker process failed: {exc!r}\n")


def build_many(folder: Path, jobs: int, shard: str | None = None, strict: bool = True, quiet: bool = False) -> int:
    """Build every organisation under ``folder`` with ``jobs`` processes; exit code 1 if any failed."""
    if not folder.is_dir():
        raise UserError(f"ไม่พบโฟลเดอร์ {folder} (folder not found)")
    sites = find_sites(folder)
    if shard:
        sites = select_shard(sites, *parse_shard(shard))
    if not sites:
        raise UserError(f"ไม่พบ {CONFIG_NAME} ในโฟลเดอร์ {folder} (no {CONFIG_NAME} under {folder})")
    names = {site: site.relative_to(folder).as_posix() for site in sites}
    start = time.perf_counter()
    outcomes: list[Outcome] = []
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        futures = {site: pool.submit(build_organisation, site, names[site], strict) for site in sites}
        for site, future in futures.items():
            outcome = _collect(names[site], future)
            outcomes.append(outcome)
            if not quiet or outcome.code:
                state = "ok" if outcome.code == 0 else "FAILED"
                click.echo(f"{state:6} {outcome.name} ({outcome.seconds:.1f} s)", err=True)
    return report(outcomes, time.perf_counter() - start)


def report(outcomes: list[Outcome], seconds: float) -> int:
    """One summary at the end: the count, then every failed organisation with what its build printed."""
    failed = [o for o in outcomes if o.code]
    for outcome in failed:
        click.echo(f"\n== {outcome.name}", err=True)
        click.echo(outcome.output.rstrip() or "(no output)", err=True)
    built = len(outcomes) - len(failed)
    click.echo(
        f"\nสร้างสำเร็จ {built} จาก {len(outcomes)} หน่วยงาน ใน {seconds:.1f} วินาที "
        f"(built {built} of {len(outcomes)} in {seconds:.1f} s)",
        err=True,
    )
    if failed:
        click.echo("ไม่สำเร็จ (failed): " + ", ".join(o.name for o in failed), err=True)
    return 1 if failed else 0
