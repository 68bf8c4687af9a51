"""Thai words kept whole in table cells (generator/render/word_breaks.py): marks only between words, only in table
rows, never inside tags or badges, no character added to the text, and segmentation without the network."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT
from page_text import remove_word_marks

from generator.render.word_breaks import (
    BREAK,
    THAI_RUN,
    WORD_CLOSE,
    WORD_OPEN,
    keep_words_whole,
    segment_runs,
)

# The words issue 13 saw cut in narrow cells (ตัว|ชี้|วัด, การเผย|แพร่, งบ|ประมาณ) and the unit names around them.
WHOLE = ["ตัวชี้วัด", "เผยแพร่", "งบประมาณ", "ผู้รับผิดชอบ", "ยุทธศาสตร์", "ประชาสัมพันธ์", "ระยะเวลา"]


def _words(marked: str) -> list[str]:
    return re.findall(re.escape(WORD_OPEN) + "([^<]*)" + re.escape(WORD_CLOSE), marked)


def test_listed_words_are_each_one_unbreakable_word() -> None:
    line = "| ตัวชี้วัด | การเผยแพร่ | งานพัสดุ (กองยุทธศาสตร์และงบประมาณ) | ผู้รับผิดชอบ | ระยะเวลา | งานประชาสัมพันธ์ |"
    marked = keep_words_whole({"p.md": line})["p.md"]
    words = _words(marked)
    for word in WHOLE:
        assert word in words, (word, words)
    assert "การ</span><wbr><span class=\"itasite-w\">เผยแพร่" in marked  # a break between words, not inside them
    assert remove_word_marks(marked) == line


def test_only_table_text_is_marked_not_tags_badges_links_or_other_lines() -> None:
    page = (
        "# หัวข้อตัวชี้วัด\n\nย่อหน้างบประมาณ\n\n"
        '| <span class="itasite-label" data-label="ผู้รับผิดชอบ"></span>[การเผยแพร่](../a.md) '
        '| <span class="itasite-status itasite-status--planned">อยู่ในแผน</span> | ๒๕๖๙ |\n'
    )
    marked = keep_words_whole({"p.md": page})["p.md"]
    head, table = marked.rsplit("\n\n", 1)
    assert head == "# หัวข้อตัวชี้วัด\n\nย่อหน้างบประมาณ"  # headings and paragraphs as written
    assert 'data-label="ผู้รับผิดชอบ"' in table
    assert '<span class="itasite-status itasite-status--planned">อยู่ในแผน</span>' in table  # the badge is nowrap
    assert '[<span class="itasite-w">การ</span><wbr><span class="itasite-w">เผยแพร่</span>](../a.md)' in table
    assert "๒๕๖๙" in table


def test_no_character_is_added_to_the_text() -> None:
    marked = keep_words_whole({"p.md": "| การเปิดเผยข้อมูลสาธารณะ |"})["p.md"]
    text = re.sub(r"<[^>]*>", "", marked)
    assert text == "| การเปิดเผยข้อมูลสาธารณะ |"
    assert not re.search("[\u200b\u200c\u200d\u2060\ufeff]", marked)


def _site_runs(pages: dict[str, str]) -> list[str]:
    return [run for page in pages.values() for line in page.split("\n") if line.startswith("|")
            for run in THAI_RUN.findall(re.sub(r"<[^>]*>", " ", line))]


@pytest.fixture(scope="module")
def default_pages() -> dict[str, str]:
    from generator.load.content import load_content
    from generator.render.pages import RenderSettings, render_pages

    site, findings = load_content(ROOT / "content", ROOT)
    assert site is not None, findings
    return render_pages(site, RenderSettings())


def test_every_page_reads_as_before_without_its_marks(default_pages: dict[str, str]) -> None:
    for path, page in default_pages.items():
        unmarked = remove_word_marks(page)
        assert keep_words_whole({path: unmarked})[path] == page, path
        assert BREAK not in unmarked and WORD_OPEN not in unmarked, path


def test_the_words_present_give_the_same_cut_as_the_whole_dictionary(default_pages: dict[str, str]) -> None:
    """segment_runs hands newmm only the dictionary words found in the text: the cut must not change."""
    from pythainlp.corpus import thai_words
    from pythainlp.tokenize.newmm import segment
    from pythainlp.util import Trie

    from generator.render.word_breaks import REPORT_WORDS

    runs = _site_runs({p: remove_word_marks(t) for p, t in default_pages.items()})
    assert len(set(runs)) > 100
    whole = Trie(thai_words() | REPORT_WORDS)
    cuts = segment_runs(runs)
    assert [r for r in cuts if cuts[r] != segment(r, custom_dict=whole)] == []


def test_segmentation_makes_no_network_request_and_writes_no_file(tmp_path: Path) -> None:
    """PyThaiNLP's newmm works from the dictionary inside the package: any connection attempt fails the script."""
    script = (
        "import socket\n"
        "def refuse(*a, **k): raise SystemExit('network access: %r' % (a,))\n"
        "socket.socket.connect = refuse; socket.socket.connect_ex = refuse\n"
        "socket.create_connection = refuse; socket.getaddrinfo = refuse\n"
        "from generator.render.word_breaks import segment_runs\n"
        "print(segment_runs(['การเผยแพร่ตัวชี้วัด'])['การเผยแพร่ตัวชี้วัด'])\n"
    )
    data = tmp_path / "pythainlp-data"
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "PYTHAINLP_DATA": str(data)}
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "['การ', 'เผยแพร่', 'ตัวชี้วัด']"
    assert not data.exists() and list(tmp_path.iterdir()) == []
