"""How the generator speaks to people: Thai by default, English on request.

Two forms, used everywhere:
- :func:`say` picks one language (``itasite check --lang en``), for findings about the content;
- :func:`both` writes Thai with the English in brackets, for messages printed before a language is known
  (a missing config file, a bad command-line option, YAML syntax errors found while reading).
"""

from __future__ import annotations

from typing import Literal

Lang = Literal["th", "en"]


def say(lang: Lang, th: str, en: str) -> str:
    """The message in the reader's language."""
    return th if lang == "th" else en


def both(th: str, en: str) -> str:
    """Thai first, English in brackets: ``ไม่พบไฟล์ (file not found)``."""
    return f"{th} ({en})"
