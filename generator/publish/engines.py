"""The engines that turn the published tree into HTML: MkDocs (the default), ProperDocs and Zensical.

Each builds the tree's ``mkdocs.yml`` with its own command into the tree's ``site/``; MkDocs runs in this process
(it is installed with itasite), the others as their own programs from the same environment. An engine that is not
installed is a Thai message with the command that installs it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from generator.errors import UserError
from generator.messages import both


@dataclass(frozen=True)
class Engine:
    name: str
    program: str
    extra: str  # pip install 'itasite[<extra>]' brings it
    build_args: tuple[str, ...]
    serve_args: tuple[str, ...]


ENGINES: dict[str, Engine] = {
    "mkdocs": Engine("mkdocs", "mkdocs", "", ("build", "-q"), ("serve", "--livereload", "--dirty")),
    # A preview never stops at a warning: ProperDocs warns of every --dirty build, and a strict site would abort.
    "properdocs": Engine("properdocs", "properdocs", "properdocs", ("build", "-q"),
                         ("serve", "--livereload", "--dirty", "--no-strict")),
    "zensical": Engine("zensical", "zensical", "zensical", ("build", "--clean"), ("serve",)),
}
DEFAULT_ENGINE = "mkdocs"


def find_program(engine: Engine) -> Path:
    """The engine's program in this environment (next to the running Python first, then on ``PATH``)."""
    beside = Path(sys.executable).parent / engine.program
    if beside.is_file() and os.access(beside, os.X_OK):
        return beside
    found = shutil.which(engine.program)
    if found:
        return Path(found)
    install = f"pip install 'itasite[{engine.extra}]'" if engine.extra else "pip install itasite"
    raise UserError(both(
        f"ไม่พบโปรแกรม {engine.program} ที่ใช้สร้างเว็บไซต์ด้วย --engine {engine.name} ให้ติดตั้งก่อนด้วยคำสั่ง {install} "
        f"(ในโฟลเดอร์ของโปรแกรม: .venv/bin/pip install -e '.[{engine.extra or 'test'}]')",
        f"{engine.program} is not installed; install it with: {install}",
    ))


def run_engine(engine: Engine, config_file: Path, *, strict: bool, serve_addr: str | None = None) -> int:
    """Run the engine's own build (or, with ``serve_addr``, its preview server) on a tree's configuration."""
    args = list(engine.serve_args if serve_addr else engine.build_args)
    if strict:
        args.append("--strict")
    if serve_addr:
        args += ["-a", serve_addr] if engine.name != "zensical" else ["--dev-addr", serve_addr]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run([str(find_program(engine)), *args, "-f", str(config_file)], env=env, check=False)
    return done.returncode
