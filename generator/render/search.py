"""Thai-aware site search: a sharded character-bigram index written at build time, queried by a web worker.

Why not words: Thai is written without spaces, and no two segmenters agree (pythainlp at build time and the
browser's ``Intl.Segmenter`` split ผู้ใต้บังคับบัญชา or เศรษฐกิจพอเพียง differently), so a word index misses
whenever index and query are cut differently. Instead every page is reduced to a *compact* form (letters, marks
and digits only; Thai digits as Arabic; ASCII lower-cased) and a query term matches when its compact form is a
substring of the page's. That finds a word inside an unspaced run, a phrase typed with or without spaces, both digit
styles, and codes such as ``o15`` or ``E-Service``, with no segmenter at all.

To keep downloads small on large sites, candidate pages come from an inverted index of character bigrams, split
into shards by a hash of the bigram: a query fetches only the shards of its own bigrams, then the few candidate
pages' texts to verify the match, rank and cut a highlighted snippet. The same normalisation and hash are
implemented in ``theme/assets/javascripts/itasite-search.js``; tests keep the two in step.
"""

from __future__ import annotations

import itertools
import json
import operator
import re
import sys
import unicodedata
from array import array
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from html import unescape
from html.parser import HTMLParser

from generator.memo import Memo
from generator.thai import to_arabic_digits
from generator.urls import SEARCH_INDEX_DIR

INDEX_DIR = SEARCH_INDEX_DIR
FORMAT_VERSION = 2
POSTINGS_PER_SHARD = 4000
MAX_SHARDS = 4096
MAX_COUNT = 1000
# Long pages (a year's measures report) are indexed in chunks of about this many characters, so a query downloads
# only the parts of a page that can match, not the whole report.
CHUNK_CHARS = 6000


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def _normalize_char(c: str) -> str:
    return to_arabic_digits(c).translate(_ASCII_LOWER)


def _kept(c: str) -> bool:
    return unicodedata.category(c)[0] in "LMN"


class _CharTable(dict[int, int | None]):
    """``str.translate`` table filled as characters are met. Every character gets an entry: a table that misses
    (``str.maketrans``) costs an exception per character, and a per-character Python loop made indexing the slowest
    step of a large build."""

    def __init__(self, drop: bool) -> None:
        super().__init__()
        self.drop = drop

    def __missing__(self, code: int) -> int | None:
        c = _normalize_char(chr(code))
        self[code] = mapped = None if self.drop and not _kept(c) else ord(c)
        return mapped


_NORMALIZE = _CharTable(drop=False)
_COMPACT = _CharTable(drop=True)


def normalize(text: str) -> str:
    """One-to-one character mapping shared with the browser: NFC, Thai digits → Arabic, ASCII lower case."""
    return unicodedata.normalize("NFC", text).translate(_NORMALIZE)


def compact(text: str) -> str:
    """Only letters, combining marks (Thai vowels and tones) and digits survive: spaces and punctuation vanish."""
    return unicodedata.normalize("NFC", text).translate(_COMPACT)


def _bigram_codes(text: str) -> Counter[int]:
    """The bigrams of ``text`` counted as integers, each the two characters' UTF-32 code units read as one 64-bit
    word (:func:`_bigram_text` turns one back): counting integers read from a buffer takes a third less time than
    making and hashing a two-character string per position, the largest cost of the index."""
    if len(text) < 2:
        return Counter()
    data = text.encode("utf-32-le")
    pairs = len(text) // 2
    counts = Counter(memoryview(data[: 8 * pairs]).cast("Q"))
    counts.update(memoryview(data[4 : 4 + 8 * ((len(text) - 1) // 2)]).cast("Q"))
    return counts


def _bigram_text(code: int) -> str:
    return code.to_bytes(8, sys.byteorder).decode("utf-32-le")


def shard_of(bigram: str, shards: int) -> int:
    """FNV-1a over code points, identical to the worker's ``shardOf``."""
    h = 0x811C9DC5
    for c in bigram:
        h = ((h ^ ord(c)) * 0x01000193) & 0xFFFFFFFF
    return h % shards


@dataclass
class Section:
    anchor: str
    title: str
    text: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class SearchPage:
    url: str
    title: str
    sections: list[tuple[str, str, str]]  # (anchor, heading, text); the first has anchor "" (page intro)


class _Sections:
    """Splits rendered page content into sections at h2–h3 headings; drops permalink symbols and scripts. Fed tag
    by tag, by :class:`_SectionParser` or by :func:`_scan`."""

    HEADINGS = {"h1", "h2", "h3"}
    SKIP = {"script", "style", "template"}
    SPACED = {"br", "p", "li", "td", "th", "tr", "div"}
    # Only these start tags read their attributes.
    WITH_ATTRIBUTES = HEADINGS | {"a"}

    def __init__(self) -> None:
        self.sections = [Section("", "")]
        self.heading: list[str] | None = None
        self.heading_id = ""
        self.skip = 0

    def start(self, tag: str, attributes: dict[str, str | None]) -> None:
        if tag in self.SKIP or (tag == "a" and "headerlink" in (attributes.get("class") or "")):
            self.skip += 1
        elif tag in self.HEADINGS:
            self.heading = []
            self.heading_id = attributes.get("id") or ""
        elif tag in self.SPACED:
            self.add(" ")

    def end(self, tag: str) -> None:
        if tag in self.SKIP or (tag == "a" and self.skip):
            self.skip = max(0, self.skip - 1)
        elif tag in self.HEADINGS and self.heading is not None:
            title = " ".join("".join(self.heading).split())
            if tag == "h1":
                self.sections[0].title = title
            else:
                self.sections.append(Section(self.heading_id, title))
            self.heading = None

    def data(self, text: str) -> None:
        if not self.skip:
            self.add(text)

    def add(self, text: str) -> None:
        if self.heading is not None:
            self.heading.append(text)
        else:
            self.sections[-1].text.append(text)


class _SectionParser(HTMLParser):
    """Any HTML, through the standard library's parser."""

    def __init__(self, sections: _Sections) -> None:
        super().__init__(convert_charrefs=True)
        self.out = sections

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.out.start(tag, dict(attrs))

    def handle_endtag(self, tag: str) -> None:
        self.out.end(tag)

    def handle_data(self, data: str) -> None:
        self.out.data(data)


# The markup Python-Markdown writes, read by a regular expression (html.parser took a third of the search's cost):
# tags with quoted attribute values separated by ASCII white space, end tags, comments without "--". Anything else (a
# stray "<", an unquoted value, a doctype, script or style) sends the page to html.parser, which reads this subset the
# same way; tests compare the two on every page of the default site.
_SPACE = r"[ \t\n\r\f]"
_TAG = "[a-zA-Z][a-zA-Z0-9]*"
_KEY = "[a-zA-Z_:][-a-zA-Z0-9_:.]*"
_VALUE = r""""[^"]*"|'[^']*'"""
_ATTRIBUTES = re.compile(rf"{_SPACE}+({_KEY})(?:{_SPACE}*={_SPACE}*({_VALUE}))?")
_MARKUP = re.compile(
    rf"<(?:({_TAG})((?:{_SPACE}+{_KEY}(?:{_SPACE}*={_SPACE}*(?:{_VALUE}))?)*){_SPACE}*(/?)>|/({_TAG}){_SPACE}*>"
    r"|!--(?:(?!--)[\s\S])*-->)"
)
# Elements whose content html.parser reads as raw text, in this Python version or a later one.
_RAW_TEXT = {"script", "style", "textarea", "xmp", "iframe", "noembed", "noframes", "noscript", "plaintext"}


def _scan(html: str, out: _Sections) -> bool:
    """Feed ``html`` to ``out`` as html.parser would; False (``out`` half fed) when the page holds other markup."""
    position = 0
    for match in _MARKUP.finditer(html):
        if match.start() > position:
            text = html[position : match.start()]
            if "<" in text:
                return False
            out.data(unescape(text))
        position = match.end()
        name, attributes, closed, end_name = match.groups()
        if name is not None:
            tag = name.lower()
            if tag in _RAW_TEXT:
                return False
            values: dict[str, str | None] = {}
            if attributes and tag in out.WITH_ATTRIBUTES:
                for key, value in _ATTRIBUTES.findall(attributes):
                    values[key.lower()] = unescape(value[1:-1]) if value else None
            out.start(tag, values)
            if closed:
                out.end(tag)
        elif end_name is not None:
            out.end(end_name.lower())
    if position < len(html):
        text = html[position:]
        if "<" in text:
            return False
        out.data(unescape(text))
    return True


def extract_page(url: str, title: str, html: str) -> SearchPage:
    """The searchable text of a page's content (never its navigation), by section."""
    html = unicodedata.normalize("NFC", html)
    parsed = _Sections()
    if not _scan(html, parsed):
        parsed = _parse_sections(html)
    sections = []
    for i, s in enumerate(parsed.sections):
        text = " ".join("".join(s.text).split())
        if i == 0 or text or s.title:
            sections.append((s.anchor, s.title if i else (s.title or title), text))
    return SearchPage(url, unicodedata.normalize("NFC", title), sections)


def _parse_sections(html: str) -> _Sections:
    parsed = _Sections()
    parser = _SectionParser(parsed)
    parser.feed(html)
    parser.close()
    return parsed


def chunk_sections(sections: list[tuple[str, str, str]]) -> list[list[tuple[str, str, str]]]:
    """Consecutive sections grouped into chunks of about CHUNK_CHARS characters (a longer section stays whole)."""
    chunks: list[list[tuple[str, str, str]]] = [[]]
    size = 0
    for section in sections:
        length = len(section[1]) + len(section[2])
        if chunks[-1] and size + length > CHUNK_CHARS:
            chunks.append([])
            size = 0
        chunks[-1].append(section)
        size += length
    return chunks


def build_search_index(pages: list[SearchPage], memo: Memo | None = None) -> dict[str, str]:
    """Every file of the index, keyed by path under the site folder; deterministic for the same pages. With ``memo``
    (a preview's), the documents of a page that did not change are not made again."""
    return dict(iter_search_index(list(pages), memo))


Postings = Iterable[tuple[int, int]]
"""A document's bigrams as (code, weight)."""


def _page_documents(page: SearchPage) -> Iterator[tuple[str, Postings]]:
    """Each chunk of a page as the index holds it: its file's text and its bigrams."""
    title = compact(page.title)
    in_title = set(_bigram_codes(title))
    for k, chunk in enumerate(chunk_sections(page.sections)):
        body = compact(" ".join(f"{heading} {text}" for _, heading, text in chunk))
        counts = _bigram_codes(title + body)
        yield (_json({"u": page.url, "t": page.title, "k": k, "s": chunk}),
               ((code, (count if count < MAX_COUNT else MAX_COUNT) * 2 + (code in in_title)) for code, count in counts.items()))


def _kept_documents(page: SearchPage) -> list[tuple[str, Postings]]:
    """:func:`_page_documents` made to be kept (a preview's memo): the bigrams as one flat array, 16 bytes each."""
    documents: list[tuple[str, Postings]] = []
    for text, postings in _page_documents(page):
        flat = array("q", itertools.chain.from_iterable(postings))  # a bigram's code takes more than 32 bits
        documents.append((text, _Pairs(flat)))
    return documents


class _Pairs:
    """A flat ``[code, weight, …]`` array read as (code, weight) pairs, as often as asked."""

    def __init__(self, flat: array[int]) -> None:
        self.flat = flat

    def __iter__(self) -> Iterator[tuple[int, int]]:
        pairs = iter(self.flat)
        return zip(pairs, pairs, strict=True)


def iter_search_index(pages: list[SearchPage], memo: Memo | None = None) -> Iterator[tuple[str, str]]:
    """Every file of the index as (path under the site folder, text), one at a time: the pages' files as their
    postings are collected, then the shards and meta.json. Takes ``pages`` over and empties it, letting each page's
    text go once its files are made.

    A document of the index is one chunk of a page; its file holds the page's address and title and the chunk's
    sections, and the worker merges chunks of the same page into one result. A bigram's postings are one array of
    32-bit numbers, ``[id, weight, id, weight, …]`` in document order, as the file holds them: a tuple per posting
    made the index the largest use of memory in a build."""
    postings: dict[int, array[int]] = {}
    pid = 0
    pages.sort(key=lambda p: p.url, reverse=True)
    while pages:
        page = pages.pop()
        documents = _page_documents(page) if memo is None else memo.get(("search", page.url), page, partial(_kept_documents, page))
        for text, pairs in documents:
            for code, weight in pairs:
                flat = postings.get(code)
                if flat is None:
                    postings[code] = flat = array("i")
                flat.append(pid)
                flat.append(weight)
            yield f"{INDEX_DIR}/p/{pid}.json", text
            pid += 1
    total = sum(len(flat) for flat in postings.values()) // 2
    shards = 1
    while shards < MAX_SHARDS and total / shards > POSTINGS_PER_SHARD:
        shards *= 2
    grouped: dict[int, dict[str, array[int]]] = {}
    for code, flat in postings.items():
        ids = flat[0::2]
        flat[2::2] = array("i", map(operator.sub, ids[1:], ids[:-1]))  # each id as the gap from the one before
        bigram = _bigram_text(code)
        grouped.setdefault(shard_of(bigram, shards), {})[bigram] = flat
    del postings
    for shard in sorted(grouped):
        yield f"{INDEX_DIR}/s/{shard:x}.json", _json({bigram: flat.tolist() for bigram, flat in grouped.pop(shard).items()})
    yield f"{INDEX_DIR}/meta.json", _json({"v": FORMAT_VERSION, "shards": shards, "docs": pid})


def _json(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
