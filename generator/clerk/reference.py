"""The content-format reference (docs/content-format.md), written from the models so it never drifts from them.

Regenerate with ``python -m generator.clerk.reference > docs/content-format.md``; a test fails when it is stale.
"""

from __future__ import annotations

import enum
import types
import typing

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from generator.model import types as model
from generator.portal.config import Portal

FILES: list[tuple[str, type[BaseModel], str]] = [
    ("organisation.yml", model.Organisation, "The organisation (หน่วยงาน) and its responsible units."),
    ("<year>/result.yml", model.Result, "The ITA result of that fiscal year (ผลการประเมิน)."),
    ("<year>/measures.yml", model.MeasurePlan, "The measures (มาตรการ) of that fiscal year and their reports."),
    ("<year>/oit.yml", model.OitDisclosures, "Where each OIT item of that year is published."),
    ("frameworks/<year>.yml", model.FrameworkOverride, "Corrections/extensions of the shipped ITA framework."),
    ("portal.yml", Portal, "A portal's sources instead of an organisation's content (see README: Portal)."),
]


def _type_name(annotation: object) -> str:
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is typing.Annotated:
        return _type_name(args[0])
    if origin in (typing.Union, types.UnionType):
        return " or ".join(_type_name(a) for a in args if a is not type(None))
    if origin is list:
        return f"list of {_type_name(args[0])}"
    if origin is dict:
        return f"mapping {_type_name(args[0])} → {_type_name(args[1])}"
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return " / ".join(m.value for m in annotation)
    if typing.get_origin(annotation) is typing.Literal:
        return " / ".join(map(str, args))
    name = getattr(annotation, "__name__", str(annotation))
    if name == "CodeRange":
        return "code or code range (i1, o1-o5)"
    return {"float": "number", "int": "whole number", "str": "text", "date": "date", "bool": "true/false"}.get(name, name)


def _nested(annotation: object) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [found for arg in typing.get_args(annotation) for found in _nested(arg)]


def _table(cls: type[BaseModel]) -> list[str]:
    lines = ["| key | type | required | meaning |", "|---|---|---|---|"]
    for name, info in cls.model_fields.items():
        lines.append(f"| `{name}` | {_type_name(info.annotation)} | {'yes' if _required(info) else ''} | "
                     f"{info.description or ''} |")
    return lines


def _required(info: FieldInfo) -> bool:
    return info.is_required()


def content_reference() -> str:
    out = [
        "# Content format reference",
        "",
        "Generated from `generator/model/types.py` by `python -m generator.clerk.reference`; do not edit by hand.",
        "Numbers may use Thai or Arabic digits; years are Buddhist era; dates are written `2568-10-01` (พ.ศ.),",
        "`1 ต.ค. 2568` or `๑ ตุลาคม ๒๕๖๘`. A key that is not listed here is an error.",
        "",
    ]
    seen: set[type[BaseModel]] = set()
    for filename, cls, summary in FILES:
        out += [f"## `{filename}`", "", summary, ""]
        queue = [cls]
        while queue:
            current = queue.pop(0)
            if current in seen:
                continue
            seen.add(current)
            out += [f"### {current.__name__}", ""]
            out += _table(current)
            out.append("")
            for info in current.model_fields.values():
                queue += [n for n in _nested(info.annotation) if n not in seen]
    return "\n".join(out)


if __name__ == "__main__":
    print(content_reference(), end="")
