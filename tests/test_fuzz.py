"""Never a traceback: random and mutated content ends in success or located findings, and a failed build never
leaves a partial site (hypothesis, small example counts so the suite stays fast)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.check.completeness import check_completeness
from generator.cli import main
from generator.errors import Finding, Severity
from generator.model.types import Measure, MeasurePlan, Organisation, Result
from generator.pipeline import check_content

ROOT = Path(__file__).resolve().parent.parent
FILES = ["organisation.yml", "2568/result.yml", "2569/measures.yml"]
FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-(10**30), max_value=10**30), st.floats(allow_nan=True),
    st.text(max_size=20), st.sampled_from(["๙๔.๕๐", "2025", "2568-02-30", "o1-o5", "javascript:x", "\u202e\u0000", "🙂"]),
)
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
                      max_leaves=20)


def run_check(root: Path) -> list[Finding]:
    """load → validate → check (and completeness): findings, each located in a content file."""
    site, findings = check_content(root / "content", root)
    if site is not None:
        findings = findings + check_completeness(site, dt.date(2569, 10, 1))
    for f in findings:
        assert f.line >= 1 and f.col >= 1 and f.file.startswith("content") and f.message
    return findings


def write(root: Path, rel: str, data: bytes) -> None:
    path = root / "content" / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def fresh(tmp_path: Path, n: str) -> Path:
    root = tmp_path / n
    for rel in FILES:
        write(root, rel, (ROOT / "content" / rel).read_bytes())
    return root


@FAST
@given(rel=st.sampled_from(FILES), data=st.binary(max_size=200))
def test_random_bytes(tmp_path: Path, rel: str, data: bytes) -> None:
    root = fresh(tmp_path, "b")
    write(root, rel, data)
    run_check(root)


@FAST
@given(rel=st.sampled_from(FILES), value=values)
def test_random_yaml_values(tmp_path: Path, rel: str, value: object) -> None:
    root = fresh(tmp_path, "v")
    write(root, rel, yaml.safe_dump(value, allow_unicode=True).encode())
    run_check(root)


@FAST
@given(rel=st.sampled_from(FILES), index=st.integers(min_value=0), value=values,
       extra=st.sampled_from(["", "\ntotal: 1\ntotal: 2\n", "\n" + "- " * 80 + "x\n", "\x00", "\udcff"]))
def test_mutated_content(tmp_path: Path, rel: str, index: int, value: object, extra: str) -> None:
    """One value of a real file replaced (wrong type, huge number, nested junk), or a duplicate key, deep nesting,
    NUL or a lone surrogate appended."""
    root = fresh(tmp_path, "m")
    data = yaml.safe_load((ROOT / "content" / rel).read_text(encoding="utf-8"))
    keys = sorted(data)
    data[keys[index % len(keys)]] = value
    text = yaml.safe_dump(data, allow_unicode=True) + extra
    write(root, rel, text.encode("utf-8", "surrogateescape") if "\udcff" not in extra else text.encode("utf-8", "replace"))
    run_check(root)


def site_with_an_old_build(root: Path) -> None:
    """The default site's configuration and content files in ``root``, with a previous build whose home page says
    "old" (a failed build must leave it)."""
    config = (ROOT / "site_config.yml").read_text(encoding="utf-8").replace("custom_dir: theme", f"custom_dir: {ROOT / 'theme'}")
    root.mkdir()
    (root / "site_config.yml").write_text(config, encoding="utf-8")
    for rel in FILES:
        write(root, rel, (ROOT / "content" / rel).read_bytes())
    (root / "site").mkdir()
    (root / "site" / "index.html").write_text("old", encoding="utf-8")


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=values)
def test_failed_build_keeps_the_previous_site(tmp_path: Path, value: object) -> None:
    root = tmp_path / "site-root"
    if not root.exists():
        site_with_an_old_build(root)
    write(root, "2568/result.yml", yaml.safe_dump({"total": value, "level": "ผ่าน"}, allow_unicode=True).encode())
    code = main(["build", "-f", str(root / "site_config.yml"), "-q"])
    if code == 0:
        (root / "site" / "index.html").write_text("old", encoding="utf-8")  # the next round starts from a known site
    else:
        assert (root / "site" / "index.html").read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in root.iterdir()) == ["content", "site", "site_config.yml"]


# -- every family also has mutations that must be caught: a check that goes silent fails here ---------------------

MODELS = {"organisation.yml": Organisation, "2568/result.yml": Result, "2569/measures.yml": MeasurePlan}


def located_errors(findings: list[Finding], rel: str) -> list[Finding]:
    """The errors (not warnings or reminders) reported in ``content/<rel>``; run_check has asserted each is located."""
    return [f for f in findings if f.severity is Severity.error and f.file == f"content/{rel}"]


@pytest.mark.parametrize(("rel", "data"), [
    ("organisation.yml", b"name: [unclosed\n"),
    ("2568/result.yml", b"total: 94.5\n\tlevel: x\n"),
    ("2569/measures.yml", b"\xff\xfe\x00m"),
    ("organisation.yml", b"name: \xe0\xb8\n"),
])
def test_broken_bytes_give_a_located_error(tmp_path: Path, rel: str, data: bytes) -> None:
    root = fresh(tmp_path, "b")
    write(root, rel, data)
    assert located_errors(run_check(root), rel), f"{data!r} in {rel} passed silently"


@pytest.mark.parametrize("rel", FILES)
@pytest.mark.parametrize("value", [[1, 2], "ข้อความ", 42])
def test_a_file_that_is_not_a_mapping_gives_a_located_error(tmp_path: Path, rel: str, value: object) -> None:
    root = fresh(tmp_path, "v")
    write(root, rel, yaml.safe_dump(value, allow_unicode=True).encode())
    assert located_errors(run_check(root), rel), f"{value!r} as {rel} passed silently"


REQUIRED = [
    (rel, key)
    for rel, model in MODELS.items()
    for key, info in model.model_fields.items()
    if info.is_required() and key in yaml.safe_load((ROOT / "content" / rel).read_text(encoding="utf-8"))
]


def test_the_shipped_files_have_required_keys_to_remove() -> None:
    assert {rel for rel, _ in REQUIRED} == {"organisation.yml", "2568/result.yml"}  # measures.yml: none at its top


@pytest.mark.parametrize("key", [k for k, i in Measure.model_fields.items() if i.is_required()])
def test_a_measure_missing_a_required_key_gives_a_located_error_naming_it(tmp_path: Path, key: str) -> None:
    root = fresh(tmp_path, "n")
    data = yaml.safe_load((ROOT / "content" / "2569/measures.yml").read_text(encoding="utf-8"))
    del data["measures"][0][key]
    write(root, "2569/measures.yml", yaml.safe_dump(data, allow_unicode=True).encode())
    errors = located_errors(run_check(root), "2569/measures.yml")
    assert any(f"'{key}'" in f.message and f.path.startswith("measures") for f in errors), errors


@pytest.mark.parametrize(("rel", "key"), REQUIRED)
def test_a_missing_required_key_gives_a_located_error_naming_it(tmp_path: Path, rel: str, key: str) -> None:
    root = fresh(tmp_path, "m")
    data = yaml.safe_load((ROOT / "content" / rel).read_text(encoding="utf-8"))
    del data[key]
    write(root, rel, yaml.safe_dump(data, allow_unicode=True).encode())
    errors = located_errors(run_check(root), rel)
    assert any(f"'{key}'" in f.message for f in errors), f"removing {key!r} from {rel} passed silently: {errors}"


@pytest.mark.parametrize(("rel", "key", "value"), [
    ("2568/result.yml", "total", "เก้าสิบ"),
    ("2568/result.yml", "total", [94.5]),
    ("2569/measures.yml", "measures", {"a": 1}),
])
def test_a_value_of_the_wrong_type_gives_a_located_error(tmp_path: Path, rel: str, key: str, value: object) -> None:
    root = fresh(tmp_path, "w")
    data = yaml.safe_load((ROOT / "content" / rel).read_text(encoding="utf-8"))
    data[key] = value
    write(root, rel, yaml.safe_dump(data, allow_unicode=True).encode())
    errors = located_errors(run_check(root), rel)
    assert errors and all(f.path.startswith(key) for f in errors), errors


def test_a_build_with_a_broken_file_fails_and_keeps_the_previous_site(tmp_path: Path) -> None:
    root = tmp_path / "site-root"
    site_with_an_old_build(root)
    write(root, "2568/result.yml", yaml.safe_dump({"total": "เก้าสิบ", "level": "ผ่าน"}, allow_unicode=True).encode())
    assert main(["build", "-f", str(root / "site_config.yml"), "-q"]) == 1
    assert (root / "site" / "index.html").read_text(encoding="utf-8") == "old"
