"""bench/synthetic.py: the benchmark's sites are valid content (no error, no warning) and a pure function of the seed."""

from __future__ import annotations

from pathlib import Path

from bench.synthetic import collect_phrases, write_site
from generator.pipeline import check_content


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_synthetic_site_is_clean_content_of_about_the_asked_size(tmp_path: Path) -> None:
    pages = write_site(tmp_path, 150, seed=3)

    site, findings = check_content(tmp_path / "content", tmp_path)

    assert [f.format() for f in findings] == []
    assert site is not None and 150 <= pages < 250
    assert list(site.years) == [2563, 2564, 2565]  # 1 + 3 × 67 pages: 10 measures and 43 OIT items a year


def test_the_same_seed_writes_the_same_files_and_another_seed_does_not(tmp_path: Path) -> None:
    phrases = collect_phrases()
    write_site(tmp_path / "a", 100, seed=1, phrases=phrases)
    write_site(tmp_path / "b", 100, seed=1, phrases=phrases)
    write_site(tmp_path / "c", 100, seed=2, phrases=phrases)

    assert _files(tmp_path / "a") == _files(tmp_path / "b")
    assert _files(tmp_path / "a") != _files(tmp_path / "c")


def test_years_after_the_shipped_frameworks_extend_the_last_one(tmp_path: Path) -> None:
    write_site(tmp_path, 700, seed=0)

    assert (tmp_path / "content" / "frameworks" / "2570.yml").read_text(encoding="utf-8") == "extends: 2569\n"
