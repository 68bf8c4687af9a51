"""Careless and hostile inputs, tried as a clerk would make them, with the outcome of each.

    python -m tools.careless_inputs            # prints one `name: value` line per outcome, then the cases

Every content file of the default site and of the examples gets each mutation below (a tab, a missing colon, a
paste from Word, a formula, an entity-encoded script link, a truncated file …). For each mutated site
``itasite check`` runs; when it reports no error, ``itasite build --strict`` must succeed too (check and build
agree). Outcomes: ``faithful`` (no error, and the build succeeds), ``located`` (every finding names a content file
and a line), ``traceback`` (a bug) and ``disagree`` (check passed, the build failed: a bug).
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import sys
import tempfile
import traceback
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

Mutation = Callable[[str], str]


def _lines(fn: Callable[[list[str]], list[str]]) -> Mutation:
    def apply(text: str) -> str:
        lines = text.split("\n")
        return "\n".join(fn(lines))
    return apply


def _at_value_line(fn: Callable[[str], str]) -> Mutation:
    """Apply ``fn`` to the first line that holds ``key: value`` (not a comment)."""
    def apply(lines: list[str]) -> list[str]:
        for i, line in enumerate(lines):
            if ": " in line and not line.lstrip().startswith("#") and line.split(": ", 1)[1].strip():
                lines[i] = fn(line)
                break
        return lines
    return _lines(apply)


def _middle(fn: Callable[[str], str]) -> Mutation:
    def apply(lines: list[str]) -> list[str]:
        i = len(lines) // 2
        lines[i] = fn(lines[i])
        return lines
    return _lines(apply)


MUTATIONS: dict[str, Mutation] = {
    "tab at a line start": _middle(lambda line: "\t" + line.lstrip(" ")),
    "missing colon": _at_value_line(lambda line: line.replace(": ", " ", 1)),
    "word non-breaking spaces": _middle(lambda line: line.replace("  ", "\u00a0\u00a0", 1)),
    "curly quotes around a value": _at_value_line(lambda line: line.replace(": ", ": “", 1) + "”"),
    "colon inside a value": _at_value_line(lambda line: line + ": เพิ่มเติม"),
    "deeper indentation": _middle(lambda line: "   " + line),
    "shallower indentation": _middle(lambda line: line[1:] if line.startswith("  ") else line),
    "formula at a value start": _at_value_line(lambda line: line.replace(": ", ': "=HYPERLINK(\\"x\\")', 1) + '"'),
    "vertical tab from word": _at_value_line(lambda line: line + "\v"),
    "entity-encoded script link": lambda text: text + "\n# hostile\n" if "links" not in text else text.replace(
        "url: https://", "url: javascript&#58;alert(1)//https://", 1),
    "truncated in the middle": lambda text: text[: len(text) // 2],
    "duplicated line": _lines(lambda lines: lines[: len(lines) // 2] + [lines[len(lines) // 2]] + lines[len(lines) // 2 :]),
    "thai digits everywhere": lambda text: text.translate(str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")),
    "decimal comma": lambda text: text.replace(".", ",", 1) if "." in text else text,
    "windows line ends": lambda text: text.replace("\n", "\r\n"),
    "byte order mark": lambda text: "\ufeff" + text,
    "number of 400 digits": _at_value_line(lambda line: line.split(": ", 1)[0] + ": " + "9" * 400),
    "explicit timestamp tag": _at_value_line(lambda line: line.replace(": ", ": !!timestamp ", 1)),
    "octal-looking phone": _at_value_line(lambda line: line.split(": ", 1)[0] + ": 075612345"),
    "very long line": _middle(lambda line: line + "ก" * 20000),
    "empty file": lambda text: "",
    "only a comment": lambda text: "# ว่าง\n",
    "a list instead of a mapping": lambda text: "- " + text.replace("\n", "\n  "),
    "control character in a key": _at_value_line(lambda line: line.replace(":", "\x01:", 1)),
    "second document": lambda text: text + "\n---\nextra: 1\n",
}


@dataclass(frozen=True)
class Case:
    site: str
    file: str
    mutation: str
    outcome: str
    detail: str


def sites() -> dict[str, Path]:
    found = {"default": ROOT}
    found |= {p.parent.parent.name: p.parent.parent for p in sorted((ROOT / "examples").glob("*/content/organisation.yml"))}
    return found


def _copy(name: str, source: Path, parent: Path) -> Path:
    target = parent / name
    shutil.copytree(source / "content", target / "content")
    config = (source / "site_config.yml").read_text(encoding="utf-8").replace("custom_dir: ../../theme", f"custom_dir: {ROOT / 'theme'}")
    config = config.replace("custom_dir: theme", f"custom_dir: {ROOT / 'theme'}")
    (target / "site_config.yml").write_text(config, encoding="utf-8")
    return target


def _quiet(fn: Callable[[], int]) -> tuple[int, str]:
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer), contextlib.redirect_stderr(buffer):
        try:
            code = fn()
        except BaseException:  # noqa: BLE001 - a traceback is what this tool counts
            return -1, traceback.format_exc()
    return code, buffer.getvalue()


def try_case(name: str, source: Path, rel: str, mutation: str, work: Path) -> Case:
    from generator.cli import main
    from generator.pipeline import check_content

    root = _copy(name, source, work)
    path = root / "content" / rel
    path.write_text(MUTATIONS[mutation](path.read_text(encoding="utf-8")), encoding="utf-8")
    try:
        site, findings = check_content(root / "content", root)
    except Exception:  # noqa: BLE001
        return Case(name, rel, mutation, "traceback", traceback.format_exc(limit=3))
    errors = [f for f in findings if f.severity.value == "error"]
    if errors:
        bad = [f for f in errors if not f.file.startswith("content") or f.line < 1]
        return Case(name, rel, mutation, "traceback" if bad else "located", errors[0].format()[:160])
    code, output = _quiet(lambda: main(["build", "-q", "--strict", "-f", str(root / "site_config.yml")]))
    os.environ.pop("SOURCE_DATE_EPOCH", None)
    if code == -1:
        return Case(name, rel, mutation, "traceback", output[-400:])
    return Case(name, rel, mutation, "faithful" if code == 0 else "disagree", output[-300:].strip())


def run(limit_sites: list[str] | None = None) -> list[Case]:
    cases = []
    with tempfile.TemporaryDirectory(prefix="itasite-careless-") as tmp:
        for name, source in sites().items():
            if limit_sites and name not in limit_sites:
                continue
            files = sorted(p.relative_to(source / "content").as_posix() for p in (source / "content").rglob("*.yml"))
            for rel in files:
                for mutation in MUTATIONS:
                    work = Path(tmp) / f"{len(cases)}"
                    work.mkdir()
                    cases.append(try_case(name, source, rel, mutation, work))
                    shutil.rmtree(work, ignore_errors=True)
    return cases


def main() -> int:
    cases = run(sys.argv[1:] or None)
    counts = Counter(c.outcome for c in cases)
    print(f"inputs: {len(cases)}")
    for outcome in ("faithful", "located", "traceback", "disagree"):
        print(f"{outcome}: {counts[outcome]}")
    for case in cases:
        if case.outcome in ("traceback", "disagree"):
            print(f"\n{case.outcome} {case.site} {case.file} [{case.mutation}]\n{case.detail}")
    return 1 if counts["traceback"] or counts["disagree"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
