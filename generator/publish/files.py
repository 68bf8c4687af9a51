"""The PDF and DOCX documents the site hosts from its content folder, and their text for the Thai search index."""

from __future__ import annotations

import itertools
import logging
import posixpath
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from generator.model.site import Site
from generator.render.search import CHUNK_CHARS, SearchPage
from generator.urls import UrlScheme, link_sources, resolve_link

log = logging.getLogger("mkdocs.plugins.itasite")

SEARCHED_DOCUMENTS = (".pdf", ".docx")
# A document past these limits is skipped (size) or indexed only so far (pages, characters): a scanned 500-page
# annual report must not slow every build or swell the index.
MAX_DOCUMENT_BYTES = 20_000_000
MAX_DOCUMENT_PAGES = 300
MAX_DOCUMENT_CHARS = 200_000


# -- hosted documents in the search index --------------------------------------------------------------------------


@dataclass(frozen=True)
class HostedDocument:
    """A PDF or DOCX file the site publishes from the content folder."""

    source: str
    title: str
    size: int


def hosted_documents(site: Site) -> list[HostedDocument]:
    """Every PDF and DOCX file of the content folder, titled as the first OIT link to it says (else by its name)."""
    sources = link_sources(site)
    titles: dict[str, str] = {}
    for year in site.years.values():
        for disclosure in year.oit.items if year.oit else []:
            for title, url in disclosure.documents():
                target = resolve_link(url, sources, None)
                if target is not None and target.source is not None:
                    titles.setdefault(target.source, title)
    return [
        HostedDocument(source, titles.get(source) or posixpath.basename(source), site.file_sizes.get(source, 0))
        for source in site.files
        if source.lower().endswith(SEARCHED_DOCUMENTS)
    ]


def document_search_pages(content_dir: Path, documents: list[HostedDocument], urls: UrlScheme) -> list[SearchPage]:
    """One search page per document with text, at the document's own address; a document that cannot be read is
    left out (an info line says so), never failing the build."""
    pages = []
    for document in documents:
        parts = read_document_text(content_dir / document.source, document.size)
        if parts:
            pages.append(document_page(urls.url(document.source), document.title, parts, document.source.lower().endswith(".pdf")))
    return pages


def document_page(url: str, title: str, parts: list[str], paged: bool) -> SearchPage:
    """A PDF's pages as sections that open the viewer at the page (``plan.pdf#page=3``); a DOCX's text in sections of
    about a search chunk each."""
    if paged:
        sections = [("" if i == 1 else f"page={i}", title if i == 1 else f"หน้า {i}", text) for i, text in enumerate(parts, 1) if text]
    else:
        blocks: list[list[str]] = [[]]
        for text in parts:
            if blocks[-1] and sum(map(len, blocks[-1])) + len(text) > CHUNK_CHARS:
                blocks.append([])
            blocks[-1].append(text)
        sections = [("", title if i == 0 else "", " ".join(block)) for i, block in enumerate(blocks)]
    return SearchPage(url, unicodedata.normalize("NFC", title), sections)


def read_document_text(path: Path, size: int) -> list[str] | None:
    """A PDF's text page by page or a DOCX's paragraph by paragraph (blank ones dropped from a DOCX), within the
    limits; None when the document is too large, holds no text or cannot be read."""
    name = path.name
    if size > MAX_DOCUMENT_BYTES:
        log.info(f"itasite: {name} is larger than {MAX_DOCUMENT_BYTES // 1_000_000} MB; its text is not searchable")
        return None
    try:
        parts = _pdf_text(path) if path.suffix.lower() == ".pdf" else (t for t in _docx_text(path) if t)
        kept: list[str] = []
        budget = MAX_DOCUMENT_CHARS
        for part in parts:
            text = " ".join(unicodedata.normalize("NFC", part).split())[:budget]
            kept.append(text)
            budget -= len(text)
            if budget <= 0:
                break
    except Exception as exc:  # a broken or unusual document is left out of the search, never failing the build
        log.info(f"itasite: {name} could not be read ({type(exc).__name__}: {exc}); its text is not searchable")
        return None
    if not any(kept):
        log.info(f"itasite: {name} holds no text (a scan?); its text is not searchable")
        return None
    return kept


# pypdf and python-docx (with lxml) take about 0.08 s to import: only a site that hosts documents pays for them.


def _pdf_text(path: Path) -> Iterator[str]:
    from pypdf import PdfReader

    reader = PdfReader(path)
    for page in itertools.islice(reader.pages, MAX_DOCUMENT_PAGES):
        yield page.extract_text()


def _docx_text(path: Path) -> Iterator[str]:
    """Paragraphs and table cells in the order the document has them (a merged cell once)."""
    from docx import Document as open_docx
    from docx.table import Table

    for block in open_docx(str(path)).iter_inner_content():
        if isinstance(block, Table):
            for row in block.rows:
                previous = None
                for cell in row.cells:  # a merged cell is listed once per grid column it spans
                    if cell._tc is not previous:
                        previous = cell._tc
                        yield cell.text
        else:
            yield block.text
