"""The cache of compiled templates (generator/render/compiled.py) may save time but never change what renders."""

from __future__ import annotations

from pathlib import Path

import jinja2
import pytest

from generator.render.compiled import CompiledTemplates, options_key, use_compiled_templates


def _env(folder: Path, cache: Path, **options: object) -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(folder), **options)  # type: ignore[arg-type]
    env.bytecode_cache = CompiledTemplates(env, str(cache))
    return env


def _theme(folder: Path, text: str) -> Path:
    folder.mkdir(parents=True)
    (folder / "main.html").write_text(text, encoding="utf-8")
    return folder


def test_a_theme_in_a_new_temporary_tree_reuses_what_the_last_build_compiled(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    first = _env(_theme(tmp_path / "tree-1", "{{ x }}!"), cache)
    assert first.get_template("main.html").render(x="ก") == "ก!"
    entries = sorted(cache.iterdir())
    assert len(entries) == 1
    second = _env(_theme(tmp_path / "tree-2", "{{ x }}!"), cache)
    compiled: list[str] = []
    original = second.compile
    second.compile = lambda *a, **k: compiled.append("x") or original(*a, **k)  # type: ignore[method-assign]
    assert second.get_template("main.html").render(x="ข") == "ข!"
    assert compiled == [] and sorted(cache.iterdir()) == entries


def test_a_changed_template_of_the_same_name_is_compiled_again(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    assert _env(_theme(tmp_path / "a", "old {{ x }}"), cache).get_template("main.html").render(x=1) == "old 1"
    assert _env(_theme(tmp_path / "b", "new {{ x }}"), cache).get_template("main.html").render(x=1) == "new 1"


def test_options_that_change_the_compiled_code_name_other_entries(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    text = "{% if x %}\n  a\n{% endif %}\n"
    plain = _env(_theme(tmp_path / "a", text), cache)
    trimmed = _env(_theme(tmp_path / "b", text), cache, trim_blocks=True, lstrip_blocks=True)
    assert options_key(plain) != options_key(trimmed)
    assert plain.get_template("main.html").render(x=True) == "\n  a\n"
    assert trimmed.get_template("main.html").render(x=True) == "  a\n"
    escaping = _env(_theme(tmp_path / "c", "{{ x }}"), cache, autoescape=True)
    assert escaping.get_template("main.html").render(x="<b>") == "&lt;b&gt;"
    assert _env(_theme(tmp_path / "d", "{{ x }}"), cache).get_template("main.html").render(x="<b>") == "<b>"


def test_a_damaged_cache_entry_is_compiled_again(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    _env(_theme(tmp_path / "a", "{{ x }}?"), cache).get_template("main.html")
    for entry in cache.iterdir():
        entry.write_bytes(entry.read_bytes()[:20])
    assert _env(_theme(tmp_path / "b", "{{ x }}?"), cache).get_template("main.html").render(x=2) == "2?"


def test_no_usable_cache_folder_means_no_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(self: object, *args: object, **kwargs: object) -> None:
        raise RuntimeError("shared temporary folder")

    monkeypatch.setattr(CompiledTemplates, "__init__", refuse)
    env = use_compiled_templates(jinja2.Environment(loader=jinja2.DictLoader({"t": "{{ 1 + 1 }}"})))
    assert env.bytecode_cache is None and env.get_template("t").render() == "2"
