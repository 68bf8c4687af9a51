"""The shape of a form, read from a content file's JSON Schema: which key is a group of fields, a list of groups,
a list of lines, a menu or a single value. The lenient branches the schema adds for the YAML reader (text for
numbers, one value for a list) are dropped, so each field gets the control of the value the model expects."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from generator.clerk.schema import model_schema
from generator.model.source import KeyPath

Kind = Literal["object", "list", "lines", "text", "number", "date", "choice", "multi", "raw"]

# Keys whose values are chosen from the site's own lists (units, rounds, indicators, OIT items).
MENU_KEYS = {"round", "indicator", "item", "parent", "status", "state"}
MULTI_KEYS = {"owners", "indicators"}
# Long lists at the top of a file get a page for each entry instead of one long form.
PAGED_LISTS = {"measures": "measures", "oit": "items", "result": "indicators"}
MAX_LIST_DEPTH = 4
FILE_SCHEMAS = {"organisation.yml": "organisation", "result.yml": "result", "measures.yml": "measures", "oit.yml": "oit"}


@dataclass(frozen=True)
class FieldSpec:
    """One field (or group of fields) of a form."""

    key: str
    kind: Kind
    label: str
    required: bool = False
    children: tuple[FieldSpec, ...] = ()
    item: FieldSpec | None = None
    enum: tuple[str, ...] = ()
    numeric: bool = False

    def child(self, key: str) -> FieldSpec | None:
        return next((c for c in self.children if c.key == key), None)


def schema_name(file: str) -> str:
    """``2569/measures.yml`` → ``measures``."""
    return FILE_SCHEMAS[file.rsplit("/", 1)[-1]]


def file_spec(file: str) -> FieldSpec:
    schema = model_schema(schema_name(file))
    return read_spec("", schema, schema.get("$defs", {}), required=True)


def spec_at(spec: FieldSpec, path: KeyPath) -> FieldSpec | None:
    """The field at ``path`` (list positions step into the list's item)."""
    node: FieldSpec | None = spec
    for part in path:
        if node is None:
            return None
        node = node.item if isinstance(part, int) else node.child(part)
    return node


def _main_branch(node: dict[str, Any], defs: dict[str, Any]) -> dict[str, Any]:
    """Follow ``$ref`` and drop the lenient and ``null`` branches of ``anyOf``; outer keys (description) are kept."""
    while True:
        if "$ref" in node:
            target = defs[node["$ref"].rsplit("/", 1)[-1]]
            node = {**target, **{k: v for k, v in node.items() if k != "$ref"}}
            continue
        if "anyOf" in node:
            branches = [b for b in node["anyOf"] if not isinstance(b.get("type"), list) and b.get("type") != "null"]
            outer = {k: v for k, v in node.items() if k != "anyOf"}
            node = {**(branches[0] if branches else {"type": "string"}), **outer}
            continue
        return node


def read_spec(key: str, node: dict[str, Any], defs: dict[str, Any], *, required: bool = False, depth: int = 0) -> FieldSpec:
    """The field a schema node describes; lists nested deeper than :data:`MAX_LIST_DEPTH` (a link's links' links)
    are left to the YAML."""
    main = _main_branch(node, defs)
    label = str(node.get("description") or ("" if "properties" in main else main.get("description", "")) or key)
    kind = main.get("type")
    item_type = _main_branch(main.get("items", {}), defs).get("type") if kind == "array" else None
    if key in MULTI_KEYS and item_type in ("integer", "string"):
        return FieldSpec(key, "multi", label, required, numeric=item_type == "integer")
    if "enum" in main:
        return FieldSpec(key, "choice", label, required, enum=tuple(str(v) for v in main["enum"]))
    if key in MENU_KEYS:
        return FieldSpec(key, "choice", label, required, numeric=kind == "integer")
    if kind == "object" and "properties" in main:
        needed = set(main.get("required", []))
        children = tuple(read_spec(k, v, defs, required=k in needed, depth=depth) for k, v in main["properties"].items())
        return FieldSpec(key, "object", label, required, children=children)
    if kind == "object":
        return FieldSpec(key, "raw", label, required)
    if kind == "array" and "prefixItems" not in main:
        if depth >= MAX_LIST_DEPTH:
            return FieldSpec(key, "raw", label, required)
        item = read_spec("", main.get("items", {}), defs, depth=depth + 1)
        if item.kind == "object":
            return FieldSpec(key, "list", label, required, item=item)
        return FieldSpec(key, "lines", label, required, item=item)
    if kind in ("number", "integer"):
        return FieldSpec(key, "number", label, required)
    if main.get("format") == "date":
        return FieldSpec(key, "date", label, required)
    return FieldSpec(key, "text", label, required)
