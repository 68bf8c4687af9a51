"""The site engines, each in its own virtual environment: the project (``-e .``) and the engine's pinned packages.

    .venv/bin/python -m tools.engines properdocs      # creates (or reuses) .engines/properdocs/, prints its path
    make engines                                      # all of them

A venv is reused while its stamp (the pinned versions and pyproject.toml) is unchanged, as the project's own venv
is by the Makefile; otherwise it is made again from scratch. Packages come from the package index through pip.
The pins live here only; pyproject's extras ``[properdocs]`` and ``[zensical]`` repeat them.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ENGINES_DIR = ROOT / ".engines"
STAMP = ".itasite-stamp"

# The packages of each engine, exact. Zensical 0.0.74 and later need `zensical-ui`, which is not on the package index.
PINS: dict[str, tuple[str, ...]] = {
    "mkdocs": ("mkdocs==1.6.1", "mkdocs-material==9.8.2"),
    "properdocs": ("properdocs==1.6.7", "mkdocs-material==9.8.2"),
    "zensical": ("zensical==0.0.73",),
}

# The command that builds a tree written by `itasite render` (run from the engine's venv's bin/ folder).
BUILD_COMMANDS: dict[str, tuple[str, ...]] = {
    "mkdocs": ("mkdocs", "build", "--strict", "-f"),
    "properdocs": ("properdocs", "build", "--strict", "-f"),
    "zensical": ("zensical", "build", "--clean", "--strict", "-f"),  # --clean: not from its cache
}


class EngineError(RuntimeError):
    """An engine's venv could not be made (the message says which command failed and what it printed)."""


def engine_stamp(name: str) -> str:
    """What the venv of ``name`` was made from: its pins and the project's own requirements."""
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()[:16]
    return json.dumps({"engine": name, "pins": list(PINS[name]), "pyproject": digest, "python": sys.version.split()[0]})


def ensure_engine(name: str) -> Path:
    """The venv of engine ``name`` (``.engines/<name>/``), made or remade when its stamp changed."""
    if name not in PINS:
        raise EngineError(f"unknown engine {name!r}; known: {', '.join(PINS)}")
    target = ENGINES_DIR / name
    stamp = engine_stamp(name)
    if (target / STAMP).is_file() and (target / STAMP).read_text(encoding="utf-8") == stamp:
        return target
    if target.exists():
        shutil.rmtree(target)
    venv.EnvBuilder(with_pip=True).create(target)
    _run([str(target / "bin" / "python"), "-m", "pip", "install", "--quiet", "-e", str(ROOT), *PINS[name]])
    (target / STAMP).write_text(stamp, encoding="utf-8")
    return target


def build_command(name: str, config: Path) -> list[str]:
    """The engine's own build command for a rendered tree's ``mkdocs.yml``, from the engine's venv."""
    program, *args = BUILD_COMMANDS[name]
    return [str(ensure_engine(name) / "bin" / program), *args, str(config)]


def _run(command: list[str]) -> None:
    done = subprocess.run(command, check=False, capture_output=True, text=True)
    if done.returncode != 0:
        printed = "\n".join(line for line in (done.stdout + done.stderr).splitlines() if "is ignored" not in line)
        raise EngineError(f"{' '.join(command)} failed ({done.returncode}):\n{printed[-4000:]}")


def main(argv: list[str] | None = None) -> int:
    names = (argv if argv is not None else sys.argv[1:]) or list(PINS)
    for name in names:
        try:
            print(ensure_engine(name))
        except EngineError as error:
            print(error, file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
