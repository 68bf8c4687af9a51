"""Between the YAML and a submitted form: the form's view of the values on disk (:func:`plain_value`), the values a
form submits (:func:`form_value`), and the edits that turn one into the other (:func:`diff_value`). Only fields
whose text changed become edits, so every other value, comment and line of the file stays as it was."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from generator.clerk.editor.fields import FieldSpec
from generator.clerk.yaml_edit import dump_yaml, roundtrip_yaml
from generator.model.source import KeyPath
from generator.model.types import DISCLOSURE_LABELS, STATUS_LABELS
from generator.thai import parse_number

FormData = Mapping[str, Sequence[str]]
_CODE_BY_LABEL: dict[str, str] = {label: str(code) for code, label in STATUS_LABELS.items()} | {
    label: str(code) for code, label in DISCLOSURE_LABELS.items()
}
_NUMBER = re.compile(r"^-?[0-9]+(\.[0-9]+)?$")
_ISO_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
MAX_NUMBER_TEXT = 30  # longer "numbers" stay text (the checker reports them); YAML would refuse over 4,300 digits
FROM = "_from"  # hidden field: the position an entry of a list had in the file when the form was opened


@dataclass(frozen=True)
class Entry:
    """An entry of a list of groups: where it stood in the file (None for a new one) and its values."""

    origin: int | None
    value: dict[str, Any]


@dataclass(frozen=True)
class Edit:
    """Set the value at ``path`` (remove the key when ``value`` is None), or remove a list entry (``remove``)."""

    path: KeyPath
    value: Any = None
    remove: bool = False


def field_name(path: KeyPath) -> str:
    """A form field's name: the key path joined with dots (``measures.0.results.1.status``)."""
    return ".".join(str(p) for p in path)


def index_of(part: str) -> int | None:
    """A list position in a field name: 0–9 only (``²`` passes ``isdigit`` but is no index), at most 6 digits."""
    return int(part) if part.isascii() and part.isdecimal() and len(part) < 7 else None


def name_path(name: str) -> KeyPath:
    return tuple(p if index_of(p) is None else int(p) for p in name.split(".")) if name else ()


def scalar_text(value: Any) -> str:
    """A YAML value as the clerk typed it: dates as ``2569-04-17``, numbers as written (``94.50`` stays)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int | float):
        return dump_yaml(value).removesuffix("\n").removesuffix("...").strip()
    return str(value)


def choice_code(spec: FieldSpec, value: Any) -> str:
    """The menu value of a YAML value: a status written as its Thai label is its code; ``๗`` is ``7``."""
    text = scalar_text(value).strip()
    if spec.numeric:
        try:
            number = parse_number(text)
        except ValueError:
            return text
        return str(int(number)) if isinstance(number, int | float) and float(number).is_integer() else text
    return _CODE_BY_LABEL.get(text, text)


def _lines(value: Any) -> list[str]:
    if value is None:
        return []
    return [scalar_text(v) for v in value] if isinstance(value, list) else [scalar_text(value)]


def plain_value(spec: FieldSpec, raw: Any) -> Any:
    """The form's view of a value in the file: groups as dicts, lists of groups as :class:`Entry` lists, lists of
    lines as strings, everything else as its text."""
    if spec.kind == "object":
        if raw is not None and not isinstance(raw, dict) and spec.child("text") is not None:
            raw = {"text": raw}  # a step written as one line
        source = raw if isinstance(raw, dict) else {}
        return {c.key: plain_value(c, source.get(c.key)) for c in spec.children}
    if spec.kind == "list":
        assert spec.item is not None
        return [Entry(i, plain_value(spec.item, v)) for i, v in enumerate(raw)] if isinstance(raw, list) else []
    if spec.kind == "lines":
        return _lines(raw)
    if spec.kind == "multi":
        return [choice_code(spec, v) for v in (raw if isinstance(raw, list) else [] if raw is None else [raw])]
    if spec.kind == "choice":
        return "" if raw is None else choice_code(spec, raw)
    if spec.kind == "raw":
        return raw
    return scalar_text(raw)


def _list_indices(form: FormData, name: str) -> list[int]:
    prefix = f"{name}."
    found = {index_of(k[len(prefix):].split(".", 1)[0]) for k in form if k.startswith(prefix)}
    return sorted(i for i in found if i is not None)


def _first(form: FormData, name: str) -> str | None:
    values = form.get(name)
    return values[0].strip() if values else None


def form_value(spec: FieldSpec, form: FormData, name: str) -> Any:
    """What a submitted form says for ``spec`` (None for a field the form did not hold)."""
    if spec.kind == "object":
        return {c.key: form_value(c, form, f"{name}.{c.key}" if name else c.key) for c in spec.children}
    if spec.kind == "list":
        assert spec.item is not None
        entries = []
        for i in _list_indices(form, name):
            origin = index_of(_first(form, f"{name}.{i}.{FROM}") or "")
            entries.append(Entry(origin, form_value(spec.item, form, f"{name}.{i}")))
        return entries
    if spec.kind == "lines":
        text = _first(form, name)
        return None if text is None else [line.strip() for line in text.splitlines() if line.strip()]
    if spec.kind == "multi":
        return [v for v in form.get(name, []) if v] if f"{name}._multi" in form else None
    if spec.kind == "raw":
        return None
    return _first(form, name)


def is_empty(value: Any) -> bool:
    if isinstance(value, Entry):
        return is_empty(value.value)
    if isinstance(value, dict):
        return all(is_empty(v) for v in value.values())
    if isinstance(value, list):
        return all(is_empty(v) for v in value)
    return value is None or value == ""


def yaml_value(spec: FieldSpec, text: str) -> Any:
    """The YAML value of a typed text: Arabic numbers and ISO dates become numbers and dates (written as typed);
    anything else (Thai digits, ``17 เม.ย. 2569``) stays text, which the models read as they read the YAML."""
    if spec.kind == "number" and _NUMBER.match(text) and len(text) <= MAX_NUMBER_TEXT:
        return roundtrip_yaml().load(text)
    if spec.kind == "date" and _ISO_DATE.match(text):
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            return text
    if spec.kind in ("choice", "multi") and spec.numeric and index_of(text) is not None:
        return int(text)
    return text


def built_value(spec: FieldSpec, value: Any) -> Any:
    """A whole new YAML value from a form's value (empty fields left out)."""
    if spec.kind == "object":
        out = CommentedMap()
        for child in spec.children:
            if not is_empty(value.get(child.key)):
                out[child.key] = built_value(child, value[child.key])
        return out
    if spec.kind == "list":
        assert spec.item is not None
        return CommentedSeq(built_value(spec.item, e.value) for e in value if not is_empty(e))
    if spec.kind in ("lines", "multi"):
        item = spec.item or spec
        return CommentedSeq(yaml_value(item, v) for v in value)
    return yaml_value(spec, value)


def diff_value(spec: FieldSpec, raw: Any, new: Any, path: KeyPath) -> list[Edit]:
    """The edits that turn ``raw`` (the file's value at ``path``) into ``new`` (the form's); none when equal."""
    if new is None or spec.kind == "raw":
        return []
    if spec.kind == "object":
        return _diff_object(spec, raw, new, path)
    if spec.kind == "list":
        return _diff_list(spec, raw, new, path)
    if spec.kind in ("lines", "multi"):
        if new == plain_value(spec, raw):
            return []
        item = spec.item or spec
        if isinstance(raw, list) and len(raw) == len(new):
            old = plain_value(spec, raw)
            return [Edit((*path, i), yaml_value(item, v)) for i, v in enumerate(new) if v != old[i]]
        return [Edit(path, built_value(spec, new) if new else None)]
    if new == plain_value(spec, raw):
        return []
    return [Edit(path, yaml_value(spec, new) if new else None)]


def _diff_object(spec: FieldSpec, raw: Any, new: dict[str, Any], path: KeyPath) -> list[Edit]:
    if raw is not None and not isinstance(raw, dict):  # a one-line step: it stays one line unless sub-steps are added
        others = {k: v for k, v in new.items() if k != "text"}
        if is_empty(others):
            return [] if new.get("text") == scalar_text(raw) else [Edit(path, yaml_value(spec, new.get("text") or ""))]
        return [Edit(path, built_value(spec, new))]
    source = raw if isinstance(raw, dict) else {}
    edits: list[Edit] = []
    for child in spec.children:
        edits += diff_value(child, source.get(child.key), new.get(child.key), (*path, child.key))
    return edits


def _diff_list(spec: FieldSpec, raw: Any, new: list[Entry], path: KeyPath) -> list[Edit]:
    assert spec.item is not None
    old = raw if isinstance(raw, list) else []
    entries = [e for e in new if e.origin is not None or not is_empty(e)]
    kept = [e.origin for e in entries if e.origin is not None and e.origin < len(old)]
    first_new = next((n for n, e in enumerate(entries) if e.origin is None), len(entries))
    if kept != sorted(kept) or len(set(kept)) != len(kept) or len(kept) > first_new:  # moved entries: written anew
        return [Edit(path, built_value(spec, entries))]
    edits = [Edit((*path, i), remove=True) for i in sorted(set(range(len(old))) - set(kept), reverse=True)]
    for position, entry in enumerate(entries):
        before = old[entry.origin] if entry.origin is not None and entry.origin < len(old) else None
        edits += diff_value(spec.item, before, entry.value, (*path, position))
    return edits
