"""A page's text as a reader sees it, for the tests: the Markdown without the word marks of
:func:`generator.render.word_breaks.keep_words_whole` (a word's own span and the <wbr> between words show no space)."""

from __future__ import annotations

import re

from generator.render.word_breaks import BREAK, WORD_CLOSE, WORD_OPEN

MARKED_WORD = re.compile(re.escape(WORD_OPEN) + "([^<]*)" + re.escape(WORD_CLOSE) + "|" + re.escape(BREAK))


def remove_word_marks(markdown: str) -> str:
    """The Markdown as it was before ``keep_words_whole``."""
    return MARKED_WORD.sub(lambda m: m.group(1) or "", markdown)
