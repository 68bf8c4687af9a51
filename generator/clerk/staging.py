"""All-or-nothing edits of the content: new file texts are checked as a whole in a scratch copy of the content,
and only then do they replace the files."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from generator.errors import Finding, Severity
from generator.messages import Lang
from generator.pipeline import check_content


def content_prefix(content_dir: Path, root: Path) -> str:
    """What comes before a content file's own name in a finding: ``content/`` in ``content/2569/oit.yml``."""
    rel = _content_rel(content_dir, root)
    return f"{rel.as_posix()}/" if rel.as_posix() != "." else ""


def check_in_copy(content_dir: Path, root: Path, texts: dict[str, str], lang: Lang) -> list[Finding]:
    """The errors the content would have with ``texts`` (content file → new text) written; nothing real is touched."""
    with tempfile.TemporaryDirectory(prefix="itasite-import-") as tmp:
        copy_root = Path(tmp)
        copy = copy_root / _content_rel(content_dir, root)
        shutil.copytree(content_dir, copy)
        for file, text in texts.items():
            (copy / file).write_text(text, encoding="utf-8")
        _, findings = check_content(copy, copy_root, lang)
    return [f for f in findings if f.severity is Severity.error]


def replace_files(content_dir: Path, texts: dict[str, str]) -> list[str]:
    """Write every new text beside its file first, then swap them in; returns the files replaced."""
    staged = []
    for file, text in sorted(texts.items()):
        target = content_dir / file
        tmp = target.with_name(f".{target.name}.import-tmp")
        tmp.write_text(text, encoding="utf-8")
        staged.append((tmp, target))
    for tmp, target in staged:
        tmp.replace(target)
    return sorted(texts)


def _content_rel(content_dir: Path, root: Path) -> Path:
    content, site = content_dir.resolve(), root.resolve()
    return content.relative_to(site) if content.is_relative_to(site) else Path("content")
