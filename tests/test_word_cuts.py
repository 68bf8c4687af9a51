"""The word cuts a build keeps for the next (generator/publish/word_cuts.py): the next build's pages are the same,
and nothing another cutter made, or a damaged file holds, ever reaches a page."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import ROOT

from generator.publish.word_cuts import CUTS_FILE, read_word_cuts, write_word_cuts
from generator.render import word_breaks
from generator.render.word_breaks import cutter_version, segment_runs

RUN = "การเผยแพร่ตัวชี้วัดงบประมาณประจำปีของหน่วยงาน"  # a run no other test cuts


@pytest.fixture(autouse=True)
def own_cuts(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test starts from no cut at all, and leaves the process's own cuts as they were."""
    monkeypatch.setattr(word_breaks, "_CUTS", {})
    monkeypatch.setattr(word_breaks, "_USED", set())


def _write(root: Path, data: object) -> None:
    (root / CUTS_FILE).parent.mkdir(parents=True, exist_ok=True)
    (root / CUTS_FILE).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


BUILD = """
import hashlib, json, sys
from pathlib import Path
from generator.publish.word_cuts import read_word_cuts
from generator.pipeline import build_site
from generator.render.pages import RenderSettings
read_word_cuts(Path(sys.argv[1]))
pages = build_site(Path(sys.argv[2]) / "content", Path(sys.argv[2]), RenderSettings()).pages
print(json.dumps({"pythainlp": "pythainlp" in sys.modules,
                  "pages": hashlib.sha256(json.dumps(pages, sort_keys=True).encode()).hexdigest()}))
"""


def _build_in_a_new_process(cache_root: Path) -> dict[str, object]:
    done = subprocess.run([sys.executable, "-c", BUILD, str(cache_root), str(ROOT)], cwd=ROOT, capture_output=True,
                          text=True, check=True)
    result: dict[str, object] = json.loads(done.stdout)
    return result


def test_the_next_build_makes_the_same_pages_without_loading_pythainlp(tmp_path: Path) -> None:
    cold = _build_in_a_new_process(tmp_path)  # no file yet: PyThaiNLP cuts every run
    assert cold["pythainlp"] is True
    from generator.pipeline import build_site
    from generator.render.pages import RenderSettings

    read_word_cuts(tmp_path)
    pages = build_site(ROOT / "content", ROOT, RenderSettings()).pages
    write_word_cuts(tmp_path)
    assert cold["pages"] == hashlib.sha256(json.dumps(pages, sort_keys=True).encode()).hexdigest()
    warm = _build_in_a_new_process(tmp_path)
    assert warm == {"pythainlp": False, "pages": cold["pages"]}


@pytest.mark.parametrize("data", [
    {"cutter": "pythainlp 0.0.1; ตัวชี้วัด", "cuts": {RUN: [RUN]}},  # another PyThaiNLP
    {"cutter": "CUTTER", "cuts": {RUN: ["การเผยแพร่", "ตัวชี้วัด"]}},  # a cut that drops letters
    {"cutter": "CUTTER", "cuts": {RUN: [RUN[:5], 7]}},  # not words
    {"cutter": "CUTTER", "cuts": {"<b>": ["<b>"], RUN: [RUN]}},  # not a Thai run: the whole file is refused
    {"cutter": "CUTTER", "cuts": [RUN]},
    [RUN],
])
def test_cuts_another_cutter_made_or_that_do_not_join_back_are_not_used(tmp_path: Path, data: object) -> None:
    if isinstance(data, dict) and data.get("cutter") == "CUTTER":
        data["cutter"] = cutter_version()
    _write(tmp_path, data)
    read_word_cuts(tmp_path)
    assert segment_runs([RUN])[RUN] == ["การ", "เผยแพร่", "ตัวชี้วัด", "งบประมาณ", "ประจำปี", "ของ", "หน่วยงาน"]


def test_a_damaged_file_is_not_used_and_is_written_again(tmp_path: Path) -> None:
    (tmp_path / CUTS_FILE).parent.mkdir()
    (tmp_path / CUTS_FILE).write_text('{"cutter": "', encoding="utf-8")
    read_word_cuts(tmp_path)
    segment_runs([RUN])
    write_word_cuts(tmp_path)
    data = json.loads((tmp_path / CUTS_FILE).read_text(encoding="utf-8"))
    assert data == {"cutter": cutter_version(),
                    "cuts": {RUN: ["การ", "เผยแพร่", "ตัวชี้วัด", "งบประมาณ", "ประจำปี", "ของ", "หน่วยงาน"]}}


def test_only_the_runs_this_build_used_are_kept(tmp_path: Path) -> None:
    _write(tmp_path, {"cutter": cutter_version(), "cuts": {"ข้อความเก่า": ["ข้อความ", "เก่า"], "ตัวชี้วัด": ["ตัวชี้วัด"]}})
    read_word_cuts(tmp_path)
    assert segment_runs(["ตัวชี้วัด"]) == {"ตัวชี้วัด": ["ตัวชี้วัด"]}
    write_word_cuts(tmp_path)
    assert json.loads((tmp_path / CUTS_FILE).read_text(encoding="utf-8"))["cuts"] == {"ตัวชี้วัด": ["ตัวชี้วัด"]}


def test_a_cache_folder_that_cannot_be_written_is_no_error(tmp_path: Path) -> None:
    (tmp_path / CUTS_FILE.parent).write_text("a file where the folder should be", encoding="utf-8")
    read_word_cuts(tmp_path)
    segment_runs([RUN])
    write_word_cuts(tmp_path)
    assert (tmp_path / CUTS_FILE.parent).read_text(encoding="utf-8") == "a file where the folder should be"


def test_the_preview_keeps_its_first_render_s_cuts_for_the_next_start(copy_example: Callable[[str], Path]) -> None:
    from generator.publish.preview import Preview

    site = copy_example("default")
    preview = Preview(site / "site_config.yml")
    try:
        preview.update(search=False)
    finally:
        preview.close()
    data = json.loads((site / CUTS_FILE).read_text(encoding="utf-8"))
    assert data["cutter"] == cutter_version() and "ตัวชี้วัด" in data["cuts"]
