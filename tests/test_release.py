"""The release's facts in one place each: the version (pyproject.toml → package metadata → itasite --version → the
changelog's top entry) and the generated content-format reference (docs/content-format.md)."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from importlib.metadata import version
from pathlib import Path

from generator.clerk.reference import content_reference

ROOT = Path(__file__).resolve().parent.parent


def pyproject_version() -> str:
    return str(tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"])


def changelog_top_version() -> str:
    found = re.search(r"^## \[(\d+\.\d+\.\d+)\]", (ROOT / "CHANGELOG.md").read_text(encoding="utf-8"), re.MULTILINE)
    assert found, "CHANGELOG.md has no '## [x.y.z]' version heading"
    return found.group(1)


def test_version_is_one_fact_from_pyproject_to_the_changelog() -> None:
    assert version("itasite") == pyproject_version(), "reinstall (pip install -e .) after changing the version"
    printed = subprocess.run([sys.executable, "-m", "generator", "--version"], capture_output=True, text=True, check=True)
    assert printed.stdout.split()[-1] == pyproject_version()
    assert changelog_top_version() == pyproject_version(), "the changelog's top entry must be the package's version"


def test_changelog_versions_are_semantic_and_newest_first() -> None:
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    found = [tuple(map(int, v.split("."))) for v in re.findall(r"^## \[(\d+\.\d+\.\d+)\]", text, re.MULTILINE)]
    assert found == sorted(found, reverse=True) and len(found) == len(set(found)) >= 2


def test_content_format_reference_is_what_the_models_generate() -> None:
    written = (ROOT / "docs" / "content-format.md").read_text(encoding="utf-8")
    assert written == content_reference(), "regenerate: .venv/bin/python -m generator.clerk.reference > docs/content-format.md"
