"""JSON Schemas (generator/schema.py): shipped files equal fresh ones, and they accept every shipped content file."""

from __future__ import annotations

from pathlib import Path

import jsonschema
import pytest

from generator.clerk.schema import SCHEMA_DIR, SCHEMAS, model_schema, schema_text
from generator.load.yaml import load_yaml

ROOT = Path(__file__).resolve().parent.parent
KINDS = {"organisation.yml": "organisation", "result.yml": "result", "measures.yml": "measures", "oit.yml": "oit", "portal.yml": "portal"}
FILES = sorted(p for base in [ROOT / "content", *(ROOT / "examples").glob("*/content")] for p in base.rglob("*.yml") if p.name in KINDS)


@pytest.mark.parametrize("name", list(SCHEMAS))
def test_shipped_schema_is_up_to_date(name: str) -> None:
    shipped = (SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8")
    assert shipped == schema_text(name), "run: itasite schema"


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_schema_accepts_every_content_file(path: Path) -> None:
    source, findings = load_yaml(path, path.name)
    assert source is not None and not findings
    errors = [e.message for e in jsonschema.Draft202012Validator(model_schema(KINDS[path.name])).iter_errors(source.data)]
    assert errors == []


def test_schema_accepts_lenient_values_and_rejects_unknown_keys() -> None:
    validator = jsonschema.Draft202012Validator(model_schema("result"))
    assert not list(validator.iter_errors({"total": "๙๔.๕๐", "level": "ผ่านดี", "indicators": [{"indicator": "๑", "score": 95}]}))
    assert [e.message for e in validator.iter_errors({"total": 90, "level": "ผ่าน", "totl": 1})] == [
        "Additional properties are not allowed ('totl' was unexpected)"
    ]
    plan = jsonschema.Draft202012Validator(model_schema("measures"))
    assert not list(plan.iter_errors({"measures": [{"id": "m1", "title": "t", "indicators": 5, "status": "อยู่ในแผน",
                                                    "timeframe": "ต.ค.66 - ก.ย.67", "steps": ["ขั้นที่ 1"]}]}))


def test_vscode_maps_every_schema() -> None:
    settings = (ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8")
    for name in SCHEMAS:
        assert f"./schemas/{name}.schema.json" in settings
