"""The search index builder, and its agreement with the browser worker (run in Node) on normalisation and hashing."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from generator.render.search import (
    CHUNK_CHARS,
    INDEX_DIR,
    SearchPage,
    build_search_index,
    chunk_sections,
    compact,
    extract_page,
    normalize,
    shard_of,
)

ROOT = Path(__file__).resolve().parent.parent
WORKER = ROOT / "theme" / "assets" / "javascripts" / "itasite-search.js"

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
