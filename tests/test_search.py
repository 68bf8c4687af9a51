"""The search index builder, and its agreement with the browser worker (run in Node) on normalisation and hashing."""

from __future__ import annotations

import json
import shutil
import string
import subprocess
import unicodedata
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from built_sites import seed_reports
from conftest import copy_site

from generator.publish import build, stage
from generator.publish.build import build_site_folder
from generator.render import search
from generator.render.search import (
    CHUNK_CHARS,
    INDEX_DIR,
    MAX_COUNT,
    POSTINGS_PER_SHARD,
    SearchPage,
    Section,
    build_search_index,
    chunk_sections,
    compact,
    extract_page,
    iter_search_index,
    normalize,
    shard_of,
)
from generator.thai import to_arabic_digits

ROOT = Path(__file__).resolve().parent.parent
WORKER = ROOT / "theme" / "assets" / "javascripts" / "itasite-search.js"
ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)

SAMPLES = [
    "การเปิดเผยข้อมูลการใช้จ่ายงบประมาณประจำปี",
    "คะแนน ๘๕.๘๘ ปี ๒๕๖๘",
    "E-Service และ No Gift Policy (O15)",
    "ผู้ใต้บังคับบัญชา\u200bซ่อมบำรุง",
    "ข้อ i๑ – o๑๕",
]


def test_normalize_maps_each_character_to_one_character() -> None:
    assert normalize("ITA ๒๕๖๘ O15") == "ita 2568 o15"
    for text in SAMPLES:
        assert len(normalize(text)) == len(text)


def test_compact_keeps_letters_marks_and_digits_only() -> None:
    assert compact("คู่มือ การปฏิบัติงาน") == "คู่มือการปฏิบัติงาน"  # tone and vowel marks survive
    assert compact("๘๕.๘๘") == compact("85.88") == "8588"
    assert compact("E-Service") == compact("e service") == "eservice"
    assert compact("ผู้ใต้บังคับบัญชา\u200b") == "ผู้ใต้บังคับบัญชา"


def test_extract_page_splits_sections_and_drops_permalinks_and_scripts() -> None:
    html = (
        '<h1 id="t">ตัวชี้วัดที่ ๑</h1><p>คะแนน <b>๙๕.๒๙</b></p><script>var x = "ไม่ค้น"</script>'
        '<h2 id="q">คะแนนรายข้อ<a class="headerlink" href="#q">¶</a></h2><table><tr><td>i1</td><td>94.12</td></tr></table>'
    )
    page = extract_page("2568/indicators/1/", "ตัวชี้วัดที่ ๑", html)
    assert page.sections == [("", "ตัวชี้วัดที่ ๑", "คะแนน ๙๕.๒๙"), ("q", "คะแนนรายข้อ", "i1 94.12")]


def test_chunks_hold_about_chunk_chars_and_keep_order() -> None:
    sections = [(f"s{i}", "หัวข้อ", "ก" * 2000) for i in range(10)]
    chunks = chunk_sections(sections)
    assert [s for chunk in chunks for s in chunk] == sections
    assert all(sum(len(h) + len(t) for _, h, t in chunk) <= CHUNK_CHARS for chunk in chunks)
    assert len(chunks) == 5


def test_index_finds_a_word_inside_unspaced_text_through_its_bigrams() -> None:
    pages = [
        SearchPage("a/", "หน้า ก", [("", "หน้า ก", "การเปิดเผยข้อมูลการใช้จ่ายงบประมาณประจำปี")]),
        SearchPage("b/", "หน้า ข", [("", "หน้า ข", "ทรัพย์สินของราชการ")]),
    ]
    files = build_search_index(pages)
    meta = json.loads(files[f"{INDEX_DIR}/meta.json"])
    assert meta == {"v": 2, "shards": 1, "docs": 2}
    table = json.loads(files[f"{INDEX_DIR}/s/0.json"])
    term = compact("งบประมาณ")
    hits = [set(_ids(table[term[i : i + 2]])) for i in range(len(term) - 1)]
    assert set.intersection(*hits) == {0}
    assert json.loads(files[f"{INDEX_DIR}/p/1.json"]) == {"u": "b/", "t": "หน้า ข", "k": 0, "s": [["", "หน้า ข", "ทรัพย์สินของราชการ"]]}


def test_index_is_deterministic_whatever_the_page_order() -> None:
    pages = [SearchPage(f"{i}/", f"หน้า {i}", [("", f"หน้า {i}", f"ข้อความ {i} งบประมาณ")]) for i in range(30)]
    assert build_search_index(pages) == build_search_index(list(reversed(pages)))


# -- the fast paths give what the plain ones gave (issue 10): the published index must not change ----------------


@pytest.fixture(scope="module")
def default_site_pages(tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[tuple[str, str, str]]]:
    """(address, title, content HTML) of every page the publish stage indexes when it builds the default site."""
    seen: list[tuple[str, str, str]] = []

    def record(url: str, title: str, html: str) -> SearchPage:
        seen.append((url, title, html))
        return extract_page(url, title, html)

    root = seed_reports(copy_site("default", tmp_path_factory.mktemp("search")), "default", tmp_path_factory)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(stage, "extract_page", record)  # the documents' text, and the HTML of an engine of its own
        patch.setattr(build, "extract_page", record)  # each page's HTML as the in-process build makes it
        build_site_folder(root / "site_config.yml", strict=True)
    assert len(seen) > 50
    yield seen


def _parsed_sections(html: str) -> list[Section]:
    return search._parse_sections(unicodedata.normalize("NFC", html)).sections


def _scanned_sections(html: str) -> list[Section] | None:
    scanned = search._Sections()
    return scanned.sections if search._scan(unicodedata.normalize("NFC", html), scanned) else None


@pytest.mark.slow  # the default site built with MkDocs
def test_scanner_reads_every_page_of_the_default_site_as_html_parser_does(
    default_site_pages: list[tuple[str, str, str]],
) -> None:
    for url, _, html in default_site_pages:
        assert _scanned_sections(html) == _parsed_sections(html), url


@pytest.mark.parametrize(
    "html",
    [
        '<H2 ID="a&amp;b">Q&amp;A <A CLASS="headerlink" href="#x">¶</A></H2><P>x &lt;y&gt; &#3665;&nbsp;z</P>',
        "<h2 id='single' title=\"a > b\">หัวข้อ</h2>text<br/>more<br />end<hr>",
        '<h3/>after an empty heading<h2 id="">empty id</h2><h2 id>bare id</h2><h2 id="1" id="2">last id wins</h2>',
        '<p>ก<!-- a comment --> ข<!---->ค</p><template><p>hidden</p></template>shown',
        '<a class="headerlink" href="#a">¶<a href="#b">nested</a> still skipped?</a> after',
        '<h2 id="a">open heading <h3 id="b">inner</h3> rest</h2>text</a></template>',
        '<svg viewBox="0 0 10 10"><title>กราฟ</title><text x="1">๘๕</text></svg>',
        "no markup at all & an ampersand &amp; an entity",
        "",
    ],
)
def test_scanner_reads_markdown_markup_as_html_parser_does(html: str) -> None:
    assert _scanned_sections(html) == _parsed_sections(html)


@pytest.mark.parametrize(
    "html",
    [
        "<p>a <script>if (a < b) {}</script> b</p>",
        "<style>p > a { }</style><p>x</p>",
        "<p>1 < 2</p>",
        "<p>unquoted <a href=x>link</a></p>",
        "<!DOCTYPE html><p>x</p>",
        "<p>a <!-- -- --> b</p>",
        '<a class="x"href="y">no space between attributes</a>',
    ],
)
def test_other_markup_goes_to_html_parser(html: str) -> None:
    assert _scanned_sections(html) is None


def _reference_compact(text: str) -> str:
    normal = to_arabic_digits(unicodedata.normalize("NFC", text)).translate(ASCII_LOWER)
    return "".join(c for c in normal if unicodedata.category(c)[0] in "LMN")


def _reference_index(pages: list[SearchPage]) -> dict[str, str]:
    """The index as first written: one Counter of bigram strings and one tuple per posting, all files in memory."""

    def grams(text: str) -> Counter[str]:
        return Counter(text[i : i + 2] for i in range(len(text) - 1))

    def dump(data: object) -> str:
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)

    docs = [(p, k, chunk) for p in sorted(pages, key=lambda p: p.url) for k, chunk in enumerate(chunk_sections(p.sections))]
    postings: dict[str, list[tuple[int, int]]] = {}
    for pid, (page, _, chunk) in enumerate(docs):
        title = _reference_compact(page.title)
        body = _reference_compact(" ".join(f"{heading} {text}" for _, heading, text in chunk))
        in_title = set(grams(title))
        for gram, count in sorted(grams(title + body).items()):
            postings.setdefault(gram, []).append((pid, min(count, MAX_COUNT) * 2 + (gram in in_title)))
    total = sum(len(p) for p in postings.values())
    shards = 1
    while shards < 4096 and total / shards > POSTINGS_PER_SHARD:
        shards *= 2
    grouped: dict[int, dict[str, list[int]]] = {}
    for gram in sorted(postings):
        flat: list[int] = []
        previous = 0
        for pid, weight in postings[gram]:
            flat += [pid - previous, weight]
            previous = pid
        grouped.setdefault(shard_of(gram, shards), {})[gram] = flat
    files = {f"{INDEX_DIR}/meta.json": dump({"v": 2, "shards": shards, "docs": len(docs)})}
    for shard, table in sorted(grouped.items()):
        files[f"{INDEX_DIR}/s/{shard:x}.json"] = dump(table)
    for pid, (page, k, chunk) in enumerate(docs):
        files[f"{INDEX_DIR}/p/{pid}.json"] = dump({"u": page.url, "t": page.title, "k": k, "s": chunk})
    return files


@pytest.mark.slow  # the default site built with MkDocs
def test_index_of_the_default_site_is_the_reference_index(default_site_pages: list[tuple[str, str, str]]) -> None:
    pages = [extract_page(*page) for page in default_site_pages]
    assert build_search_index(pages) == _reference_index(pages)


def test_index_edge_cases_are_the_reference_index(tmp_path: Path) -> None:
    pages = [
        SearchPage("z/", "", [("", "", "")]),
        SearchPage("a/", "ก", [("", "ก", "ข")]),
        SearchPage("m/", "ABC ๑๒", [("", "ABC ๑๒", "ab" * (MAX_COUNT + 5)), ("x", "Ｆｕｌｌ", "e\u0301 ผู้")]),
        SearchPage("b/", "งบประมาณ", [(f"s{i}", f"หัวข้อ {i}", "งบประมาณ " * 400) for i in range(12)]),
    ] + [SearchPage(f"n/{i}/", f"หน้า {i}", [("", f"หน้า {i}", f"ข้อความ {i} " * 50)]) for i in range(300)]
    files = build_search_index(pages)
    assert files == _reference_index(pages)
    assert json.loads(files[f"{INDEX_DIR}/meta.json"])["shards"] > 1
    assert dict(iter_search_index(pages)) == files
    assert pages == []  # taken over, so that a large site's text is not held twice


@pytest.mark.slow  # the default site built with MkDocs
def test_compact_is_the_reference_on_every_character_of_the_default_site(
    default_site_pages: list[tuple[str, str, str]],
) -> None:
    text = "".join(sorted({c for _, title, html in default_site_pages for c in title + html})) + "ABCXYZ๐๙Ａ"
    assert compact(text) == _reference_compact(text)
    assert normalize(text) == to_arabic_digits(unicodedata.normalize("NFC", text)).translate(ASCII_LOWER)


def _ids(flat: list[int]) -> list[int]:
    ids, current = [], 0
    for delta in flat[::2]:
        current += delta
        ids.append(current)
    return ids


def _run_worker_functions(expressions: list[str]) -> list[object]:
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is needed to check the search worker against generator/search.py")
    script = f"""
const vm = require("vm");
const context = {{ self: {{ location: {{ href: "http://127.0.0.1/assets/javascripts/itasite-search.js" }},
                           addEventListener() {{}}, postMessage() {{}} }}, URL, fetch: () => null }};
vm.createContext(context);
vm.runInContext(require("fs").readFileSync({json.dumps(str(WORKER))}, "utf8"), context);
console.log(JSON.stringify({json.dumps(expressions)}.map(e => vm.runInContext(e, context))));
"""
    out = subprocess.run([node, "-e", script], capture_output=True, text=True, check=True).stdout
    return json.loads(out)


def test_worker_normalises_exactly_like_the_indexer() -> None:
    expressions = [f"compact({json.dumps(text)})" for text in SAMPLES]
    assert _run_worker_functions(expressions) == [compact(text) for text in SAMPLES]


def test_worker_hashes_bigrams_to_the_same_shards() -> None:
    grams = ["งบ", "บป", "o1", "15", "สิ", "ผู้"[:2], "ai"]
    expressions = [f"shardOf({json.dumps(g)}, {n})" for g in grams for n in (1, 8, 1024)]
    assert _run_worker_functions(expressions) == [shard_of(g, n) for g in grams for n in (1, 8, 1024)]
