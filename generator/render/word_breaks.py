"""Thai words kept whole in table cells: line breaks only between words.

Thai is written without spaces between words, and a browser finds where a line may break with its own dictionary
(ICU in Chromium), which cuts compounds into syllables as soon as a cell is narrow: ตัว|ชี้|วัด, การเผย|แพร่, งบ|ประมาณ.
CSS cannot stop it: ``word-break: keep-all`` leaves Thai alone in Chromium (checked on 156), and ``nowrap`` on a
whole cell would stop it wrapping at all. So the generator segments the Thai text of every table row at build time
with PyThaiNLP's newmm tokenizer and the dictionary bundled in the package (no network, no download), and writes each
word of two or more letters as ``<span class="itasite-w">word</span>``, which the theme keeps on one line
(``white-space: nowrap``), with ``<wbr>`` between words: the only places a Thai run may break. No character is added
to the text (no U+200B): the search index, the page's text and copied text are exactly as before.

Only text between the tags of table lines (Markdown lines starting with ``|``) is touched. Tag attributes, link
addresses (percent-encoded ASCII) and Markdown escapes hold no Thai letter, so nothing else changes.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from functools import cache

from generator.memo import Memo

# Thai letters, vowels and marks, ฯ and ๆ; not Thai digits (a number is never cut by the browser anyway).
THAI_RUN = re.compile(r"[\u0E01-\u0E4F]+")
TAG = re.compile(r"<[^>]*>")
WORD_OPEN, WORD_CLOSE, BREAK = '<span class="itasite-w">', "</span>", "<wbr>"
BADGE = '<span class="itasite-status'  # _macros.md.j2 status_badge: its text is one label, no tag inside
# Words of ITA reports missing from PyThaiNLP's general dictionary (which splits them into ตัว ชี้ วัด).
REPORT_WORDS = frozenset({"ตัวชี้วัด"})


def _read_only_pythainlp() -> None:
    """PyThaiNLP creates ``~/pythainlp-data`` for downloads on import; the generator reads only the dictionary inside
    the package, so it asks for PyThaiNLP's read-only mode (unless the user set a mode)."""
    if "PYTHAINLP_READ_ONLY" not in os.environ and "PYTHAINLP_READ_MODE" not in os.environ:
        os.environ["PYTHAINLP_READ_ONLY"] = "1"


@cache
def _dictionary() -> tuple[frozenset[str], dict[str, int]]:
    """PyThaiNLP's word list (bundled with the package), and the length of the longest word by its first three
    letters (for words of three letters or more)."""
    _read_only_pythainlp()
    from pythainlp.corpus import thai_words  # imported on first use, by a build that has a table

    words = thai_words()
    longest: dict[str, int] = {}
    for word in words:
        if len(word) > 2 and longest.get(word[:3], 0) < len(word):
            longest[word[:3]] = len(word)
    return words, longest


# Runs already cut in this process (``mkdocs serve`` rebuilds re-cut only new text), or by an earlier build of the
# site (``remember_cuts``). A run's cut depends on the run alone (newmm looks up only the run's own substrings), so
# the memo cannot change a page.
_CUTS: dict[str, tuple[str, ...]] = {}
_USED: set[str] = set()  # the runs asked for since the last ``remember_cuts``: what a build's pages hold


def segment_runs(runs: Iterable[str]) -> dict[str, list[str]]:
    """Each Thai run cut into words by newmm.

    newmm only ever looks up dictionary words that occur in the text it cuts, so it gets a dictionary made of those
    words only: the same cut as with the whole list, without building a trie of its 62,000 words (0.4 s)."""
    distinct = sorted(set(runs))
    _USED.update(distinct)
    new = [run for run in distinct if run not in _CUTS]
    if new:
        _CUTS.update(_cut(new))
    return {run: list(_CUTS[run]) for run in distinct}


@cache
def cutter_version() -> str:
    """What the cuts are made with: PyThaiNLP's version (its dictionary) and the report words added to it."""
    from importlib.metadata import version  # noqa: PLC0415 - only a build that keeps its cuts asks

    return f"pythainlp {version('pythainlp')}; {' '.join(sorted(REPORT_WORDS))}"


def remember_cuts(cuts: dict[str, list[str]]) -> bool:
    """Take the cuts an earlier build made with the same :func:`cutter_version` (PyThaiNLP is then not even
    imported when nothing new is cut); refuses them all (returns False) unless every cut joins back to its run.
    Starts a new count of the runs used."""
    _USED.clear()
    if not all(isinstance(w, list) and w and all(isinstance(x, str) and x for x in w) and "".join(w) == run
               and THAI_RUN.fullmatch(run) for run, w in cuts.items()):
        return False
    _CUTS.update({run: tuple(words) for run, words in cuts.items()})
    return True


def cuts_used() -> dict[str, list[str]]:
    """The cut of every run asked for since :func:`remember_cuts`, sorted: what the next build may take."""
    return {run: list(_CUTS[run]) for run in sorted(_USED)}


def _cut(runs: list[str]) -> dict[str, tuple[str, ...]]:
    words, longest = _dictionary()
    from pythainlp.tokenize.newmm import segment
    from pythainlp.util import Trie

    present = set(REPORT_WORDS)  # never empty: newmm takes an empty dictionary for "use the whole list"
    for run in runs:
        present.update(w for w in REPORT_WORDS if w in run)
        present.update(c for c in run if c in words)
        present.update(run[i:i + 2] for i in range(len(run) - 1) if run[i:i + 2] in words)
        for start in range(len(run) - 2):
            for end in range(start + 3, min(len(run), start + longest.get(run[start:start + 3], 0)) + 1):
                if run[start:end] in words:
                    present.add(run[start:end])
    trie = Trie(sorted(present))
    return {run: tuple(segment(run, custom_dict=trie)) for run in runs}


def _table_text(markdown: str) -> Iterator[str]:
    """The text (not the tags, not the badges) of a page's table lines that may break."""
    for line in markdown.split("\n"):
        if line.startswith("|"):
            yield from (text for text, _, breaks in _line_text(line) if breaks)


def _words_markup(words: list[str]) -> str:
    return BREAK.join(f"{WORD_OPEN}{w}{WORD_CLOSE}" if len(w) > 1 else w for w in words)


def _line_text(line: str) -> Iterator[tuple[str, str, bool]]:
    """(text, the tag after it, whether the text may break) along a table line; a status badge's text never breaks
    (the theme sets the badge ``nowrap``), so its words need no marks."""
    in_badge = False
    for text, tag in zip(TAG.split(line), [*TAG.findall(line), ""], strict=True):
        yield text, tag, not in_badge
        if tag.startswith(BADGE):
            in_badge = True
        elif tag == "</span>":
            in_badge = False


def _mark_line(line: str, cuts: dict[str, list[str]]) -> str:
    if not line.startswith("|"):
        return line
    return "".join(
        (THAI_RUN.sub(lambda m: _words_markup(cuts[m.group()]), text) if breaks else text) + tag
        for text, tag, breaks in _line_text(line)
    )


def keep_words_whole(pages: dict[str, str], memo: Memo | None = None) -> dict[str, str]:
    """Every page with its table rows' Thai words kept whole (see the module's description). With ``memo``, a page
    marked before from the same Markdown is not cut again."""
    if memo is None:
        return _mark_pages(pages)
    marked: dict[str, str] = {}
    for path, markdown in pages.items():
        made = memo.recall(("words", path))
        if made is not None and made[0] == markdown:
            marked[path] = made[1]
    fresh = _mark_pages({path: markdown for path, markdown in pages.items() if path not in marked})
    for path, markdown in pages.items():
        marked.setdefault(path, fresh.get(path, markdown))
        memo.keep(("words", path), (markdown, marked[path]))
    return {path: marked[path] for path in pages}


def _mark_pages(pages: dict[str, str]) -> dict[str, str]:
    runs = [run for markdown in pages.values() for text in _table_text(markdown) for run in THAI_RUN.findall(text)]
    if not runs:
        return pages
    cuts = segment_runs(runs)
    return {
        path: "\n".join(_mark_line(line, cuts) for line in markdown.split("\n")) for path, markdown in pages.items()
    }
