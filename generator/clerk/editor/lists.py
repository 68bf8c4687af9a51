"""List editing in a record's form: the add and remove buttons change the form as submitted (nothing is written
until the record is saved), and a year file's top page leaves its long list alone."""

from __future__ import annotations

from typing import Any

from generator.clerk.editor.fields import PAGED_LISTS, FieldSpec, file_spec, schema_name, spec_at
from generator.clerk.editor.formdata import Entry, name_path
from generator.model.source import KeyPath


def _list_of(file: str, at: str, action: str, target: str) -> KeyPath | None:
    """The list an add or remove button names (``target``): a list of the form of the record ``at``, else None."""
    path, record = name_path(target), name_path(at)
    listed = path if action == "add" else path[:-1]
    if path[:len(record)] != record or len(listed) <= len(record) or (action == "remove" and not isinstance(path[-1], int)):
        return None
    spec = spec_at(file_spec(file), listed)
    return listed if spec is not None and spec.kind == "list" else None


def _form_node(value: Any, parts: KeyPath) -> Any:
    """The group or list at ``parts`` of a submitted form's value (None when the form holds no such entry)."""
    node = value
    for part in parts:
        if isinstance(part, int) and isinstance(node, list) and part < len(node) and isinstance(node[part], Entry):
            node = node[part].value
        elif isinstance(part, str) and isinstance(node, dict):
            node = node.get(part)
        else:
            return None
    return node


def _first_field(spec: FieldSpec | None, target: str, index: int) -> str:
    """The first field of the entry just added to the list ``target``: the keyboard starts there."""
    if spec is None or spec.item is None or not spec.item.children:
        return ""
    return f"{target}.{index}.{spec.item.children[0].key}"


def change_list(file: str, at: str, value: Any, action: str, target: str) -> str | None:
    """Add an entry to (or remove one from) the list the button names (``target``), in the submitted ``value``;
    returns the field the keyboard starts at ("" when none), or None when the form of ``at`` has no such list."""
    listed = _list_of(file, at, action, target)
    if listed is None:
        return None
    entries = _form_node(value, listed[len(name_path(at)):])
    focus = ""
    if isinstance(entries, list) and action == "add":
        entries.append(Entry(None, {}))
        focus = _first_field(spec_at(file_spec(file), listed), target, len(entries) - 1)
    position = name_path(target)[-1]
    if isinstance(entries, list) and action == "remove" and isinstance(position, int) and position < len(entries):
        del entries[position]
    return focus


def leave_paged_list(file: str, at: str, value: Any) -> Any:
    """A year file's top page shows its long list (measures, OIT items, indicators) as links only: the form holds
    none of its entries, so the list is marked not edited here (None) instead of read as emptied."""
    paged = PAGED_LISTS.get(schema_name(file), "") if not at else ""
    if paged and isinstance(value, dict):
        value[paged] = None
    return value
