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

import json
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser

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


def normalize(text: str) -> str:
    """One-to-one character mapping shared with the browser: NFC, Thai digits → Arabic, ASCII lower case."""
    return to_arabic_digits(unicodedata.normalize("NFC", text)).translate(_ASCII_LOWER)


def _kept(c: str) -> bool:
    return unicodedata.category(c)[0] in "LMN"


class _DropTable(dict[int, int | None]):
    """``str.translate`` table that keeps letters, marks and digits and drops the rest, filled as characters are met
    (a per-character Python loop made indexing the slowest step of a large build)."""

    def __missing__(self, code: int) -> int | None:
        self[code] = kept = code if _kept(chr(code)) else None
        return kept


_DROP = _DropTable()


def compact(text: str) -> str:
    """Only letters, combining marks (Thai vowels and tones) and digits survive: spaces and punctuation vanish."""
    return normalize(text).translate(_DROP)


def bigrams(text: str) -> Counter[str]:
    return Counter(text[i : i + 2] for i in range(len(text) - 1))


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


class _SectionParser(HTMLParser):
    """Splits rendered page content into sections at h2–h3 headings; drops permalink symbols and scripts."""

    HEADINGS = {"h1", "h2", "h3"}
    SKIP = {"script", "style", "template"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.sections = [Section("", "")]
        self.heading: list[str] | None = None
        self.heading_id = ""
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag in self.SKIP or (tag == "a" and "headerlink" in (attributes.get("class") or "")):
            self.skip += 1
        elif tag in self.HEADINGS:
            self.heading = []
            self.heading_id = attributes.get("id") or ""
        elif tag in ("br", "p", "li", "td", "th", "tr", "div"):
            self._add(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP or (tag == "a" and self.skip):
            self.skip = max(0, self.skip - 1)
        elif tag in self.HEADINGS and self.heading is not None:
            title = " ".join("".join(self.heading).split())
            if tag == "h1":
                self.sections[0].title = title
            else:
                self.sections.append(Section(self.heading_id, title))
            self.heading = None

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self._add(data)

    def _add(self, text: str) -> None:
        if self.heading is not None:
            self.heading.append(text)
        else:
            self.sections[-1].text.append(text)


def extract_page(url: str, title: str, html: str) -> SearchPage:
    """The searchable text of a page's content (never its navigation), by section."""
    parser = _SectionParser()
    parser.feed(unicodedata.normalize("NFC", html))
    parser.close()
    sections = []
    for i, s in enumerate(parser.sections):
        text = " ".join("".join(s.text).split())
        if i == 0 or text or s.title:
            sections.append((s.anchor, s.title if i else (s.title or title), text))
    return SearchPage(url, unicodedata.normalize("NFC", title), sections)


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


def build_search_index(pages: list[SearchPage]) -> dict[str, str]:
    """Every file of the index, keyed by path under the site folder; deterministic for the same pages.

    A document of the index is one chunk of a page; its file holds the page's address and title and the chunk's
    sections, and the worker merges chunks of the same page into one result."""
    docs = [
        (page, k, chunk)
        for page in sorted(pages, key=lambda p: p.url)
        for k, chunk in enumerate(chunk_sections(page.sections))
    ]
    postings: dict[str, list[tuple[int, int]]] = {}
    for pid, (page, _, chunk) in enumerate(docs):
        title = compact(page.title)
        body = compact(" ".join(f"{heading} {text}" for _, heading, text in chunk))
        in_title = set(bigrams(title))
        for bigram, count in sorted(bigrams(title + body).items()):
            postings.setdefault(bigram, []).append((pid, min(count, MAX_COUNT) * 2 + (bigram in in_title)))
    total = sum(len(p) for p in postings.values())
    shards = 1
    while shards < MAX_SHARDS and total / shards > POSTINGS_PER_SHARD:
        shards *= 2
    grouped: dict[int, dict[str, list[int]]] = {}
    for bigram in sorted(postings):
        flat: list[int] = []
        previous = 0
        for pid, weight in postings[bigram]:
            flat += [pid - previous, weight]
            previous = pid
        grouped.setdefault(shard_of(bigram, shards), {})[bigram] = flat
    files = {f"{INDEX_DIR}/meta.json": _json({"v": FORMAT_VERSION, "shards": shards, "docs": len(docs)})}
    for shard, table in sorted(grouped.items()):
        files[f"{INDEX_DIR}/s/{shard:x}.json"] = _json(table)
    for pid, (page, k, chunk) in enumerate(docs):
        files[f"{INDEX_DIR}/p/{pid}.json"] = _json({"u": page.url, "t": page.title, "k": k, "s": chunk})
    return files


def _json(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
