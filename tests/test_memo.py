"""A preview's render after an edit, made with what it kept from the render before (:class:`generator.memo.Memo`),
is the render of the edited content from nothing: every page, file, report, date and finding, for every content
file of the default site and of every example, edited in the ways a clerk edits (text, a number, an entry removed,
a mistake, a file that no longer reads)."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.errors import ContentError
from generator.load.content import LoadMemo
from generator.memo import Memo, remembered
from generator.pipeline import build_site
from generator.publish.settings import load_settings
from tests.conftest import copy_site

SITES = ["default", "kong-koi", "muang-mu", "pak-chong", "talad-sai"]
TEXT_KEYS = {"title", "name", "steps", "summary", "note", "intro", "approach", "actions", "outcome", "conclusion",
             "guidelines", "findings", "text", "label"}
LISTS = ("measures", "items", "units", "links", "results", "questions")


def _edit_text(data: Any, key: str | None = None) -> Any:
    if isinstance(data, dict):
        return {k: _edit_text(v, k) for k, v in data.items()}
    if isinstance(data, list):
        return [_edit_text(v, key) for v in data]
    if isinstance(data, str) and key in TEXT_KEYS:
        return data + " แก้ไข"
    return data


def _drop_entry(data: Any) -> Any:
    """The last entry of the first list of records the file has (a measure, an OIT item, a unit, a link…)."""
    data = copy.deepcopy(data)
    stack = [data]
    while stack:
        node = stack.pop(0)
        if isinstance(node, dict):
            for key, value in node.items():
                if key in LISTS and isinstance(value, list) and len(value) >= 2:
                    value.pop()
                    return data
                stack.append(value)
        elif isinstance(node, list):
            stack += node
    return data


def _change_number(data: Any) -> Any:
    if isinstance(data, dict) and isinstance(data.get("total"), (int, float)):
        return {**data, "total": round(data["total"] + 0.5, 2)}  # past the checks' tolerance
    return data


def _wrong_owner(data: Any) -> Any:
    """A measure owned by a unit the organisation does not have: an error the checks find."""
    if isinstance(data, dict) and data.get("measures"):
        data = copy.deepcopy(data)
        data["measures"][0]["owners"] = ["ไม่มีหน่วยงานนี้"]
    return data


EDITS: dict[str, Callable[[Any], Any]] = {
    "text": _edit_text, "entry removed": _drop_entry, "number": _change_number, "wrong owner": _wrong_owner,
}


def _outcome(site: Path, memo: LoadMemo | None = None, kept: Memo | None = None) -> Any:
    settings = load_settings(site / "site_config.yml")
    try:
        rendered = build_site(site / "content", site, settings.render, "th", memo, kept)
    except ContentError as exc:
        return [f.format() for f in exc.findings]
    if kept is not None:
        kept.end_round()
    return (rendered.pages, rendered.files, rendered.hand_written, rendered.nav, rendered.page_dates, rendered.date,
            rendered.reports, [f.format() for f in rendered.warnings])


def _assert_same(site: Path, memo: LoadMemo, kept: Memo, what: str) -> None:
    kept_render, whole = _outcome(site, memo, kept), _outcome(site)
    if kept_render != whole and isinstance(whole, tuple) and isinstance(kept_render, tuple):
        pages = [p for p in whole[0] if kept_render[0].get(p) != whole[0][p]]
        files = [p for p in whole[1] if kept_render[1].get(p) != whole[1][p]]
        pytest.fail(f"{what}: pages {pages[:5]} files {files[:5]} differ from a whole render")
    assert kept_render == whole, what


@pytest.mark.parametrize("name", SITES)
def test_each_edit_renders_what_a_whole_render_of_the_edited_content_does(name: str, tmp_path: Path) -> None:
    site = copy_site(name, tmp_path)
    memo: LoadMemo = {}
    kept = Memo()
    _assert_same(site, memo, kept, "first render")
    files = sorted((site / "content").rglob("*.yml"))
    edited_files = set()
    for path in files:
        original = path.read_text(encoding="utf-8")
        data = yaml.safe_load(original)
        for label, edit in EDITS.items():
            edited = edit(data)
            if edited == data:
                continue
            path.write_text(yaml.safe_dump(edited, allow_unicode=True, sort_keys=False), encoding="utf-8")
            _assert_same(site, memo, kept, f"{path.relative_to(site)}: {label}")
            edited_files.add(path)
        path.write_text(original + "\n  : : ไม่ใช่ YAML\n", encoding="utf-8")
        _assert_same(site, memo, kept, f"{path.relative_to(site)}: broken YAML")
        path.write_text(original, encoding="utf-8")
        _assert_same(site, memo, kept, f"{path.relative_to(site)}: as it was")
    assert edited_files == set(files)  # every file was edited in at least one way


def test_a_year_added_and_removed_renders_what_a_whole_render_does(tmp_path: Path) -> None:
    site = copy_site("default", tmp_path)
    memo: LoadMemo = {}
    kept = Memo()
    _assert_same(site, memo, kept, "first render")
    year = site / "content" / "2570"
    year.mkdir()
    (year / "oit.yml").write_text("items:\n  - item: o1\n    links:\n      - title: แผน\n        url: https://example.go.th/plan.pdf\n",
                                  encoding="utf-8")
    _assert_same(site, memo, kept, "a year added")
    (year / "oit.yml").unlink()
    year.rmdir()
    _assert_same(site, memo, kept, "the year removed")


def test_a_result_is_made_again_only_for_inputs_that_are_not_equal() -> None:
    memo = Memo()
    made: list[str] = []

    def make(text: str) -> Callable[[], str]:
        return lambda: made.append(text) or text

    assert memo.get("a", (1, [2]), make("first")) == "first"
    assert memo.get("a", (1, [2]), make("again")) == "first"  # equal inputs, this round
    memo.end_round()
    assert memo.get("a", (1, [2]), make("again")) == "first"  # equal inputs, the next round
    assert memo.get("a", (1, [3]), make("changed")) == "changed"
    memo.end_round()
    memo.end_round()  # a round that did not use "a" drops it
    assert memo.get("a", (1, [3]), make("dropped")) == "dropped"
    assert remembered(None, "a", (1, [3]), make("no memo")) == "no memo"
    assert made == ["first", "changed", "dropped", "no memo"]
