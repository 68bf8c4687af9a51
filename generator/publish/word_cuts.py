"""The Thai word cuts of a site's table text kept between builds (``.itasite-cache/word-cuts.json``): a build whose
tables hold no new Thai run does not load PyThaiNLP and its dictionary at all (a tenth of a second on the default
site). The file names the cutter it was made with; another version's, or a damaged file, is not used."""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from pathlib import Path

from generator.publish.reports import CACHE_DIR
from generator.render.word_breaks import cuts_used, cutter_version, remember_cuts

CUTS_FILE = Path(CACHE_DIR) / "word-cuts.json"


def read_word_cuts(root: Path) -> None:
    """Take the cuts the site's last build kept, if they were made by this cutter."""
    try:
        data = json.loads((root / CUTS_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        remember_cuts({})
        return
    if not isinstance(data, dict) or data.get("cutter") != cutter_version() or not isinstance(data.get("cuts"), dict):
        remember_cuts({})
        return
    remember_cuts(data["cuts"])


def write_word_cuts(root: Path) -> None:
    """Keep the cuts this build used (only those: the file never grows past the site's text), written whole or not
    at all; a cache folder that cannot be written is no error."""
    text = json.dumps({"cutter": cutter_version(), "cuts": cuts_used()}, ensure_ascii=False, indent=0) + "\n"
    target = root / CUTS_FILE
    with contextlib.suppress(OSError):
        if target.is_file() and target.read_text(encoding="utf-8") == text:
            return
        target.parent.mkdir(exist_ok=True)
        handle, name = tempfile.mkstemp(dir=target.parent, prefix=".word-cuts-")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write(text)
            os.replace(name, target)
        except OSError:
            Path(name).unlink(missing_ok=True)
