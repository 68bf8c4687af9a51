"""JSON Schema of every content file, generated from the models, for editors (VS Code's YAML extension).

The models read values leniently before validating them (Thai digits in numbers, dates as text, one value for a
list, Thai status labels), so every such field also accepts text and numbers here: the schema must never flag
what the build accepts. ``itasite schema`` (or ``python -m generator.clerk.schema``) rewrites ``schemas/``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema

from generator.model.types import FrameworkOverride, MeasurePlan, OitDisclosures, Organisation, Result
from generator.portal.config import Portal

SCHEMA_DIR = Path(__file__).resolve().parent.parent.parent / "schemas"
SCHEMAS: dict[str, type[BaseModel]] = {
    "organisation": Organisation,
    "result": Result,
    "measures": MeasurePlan,
    "oit": OitDisclosures,
    "framework": FrameworkOverride,
    "portal": Portal,
}


class _Lenient(GenerateJsonSchema):
    """Fields with a before-validator also accept what that validator converts: text and numbers (and nothing,
    for lists)."""

    def function_before_schema(self, schema: core_schema.BeforeValidatorFunctionSchema) -> JsonSchemaValue:
        inner = self.generate_inner(schema["schema"])
        loose: list[Any] = ["string", "number"]
        if inner.get("type") == "array":
            loose.append("null")
        return {"anyOf": [inner, {"type": loose}]}


def model_schema(name: str) -> dict[str, Any]:
    schema = SCHEMAS[name].model_json_schema(schema_generator=_Lenient, mode="validation")
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": f"{name}.schema.json", **schema}


def schema_text(name: str) -> str:
    return json.dumps(model_schema(name), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def write_schemas(folder: Path = SCHEMA_DIR) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name in SCHEMAS:
        path = folder / f"{name}.schema.json"
        path.write_text(schema_text(name), encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":
    for written in write_schemas():
        print(written)
