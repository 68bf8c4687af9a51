"""Editing content YAML in place with ruamel.yaml's round-trip mode: comments, key order, quoting and untouched
values stay as they were."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from generator.model.source import KeyPath


@dataclass(frozen=True)
class Change:
    """A value to set (or remove, when ``value`` is None) at ``path`` of a content file."""

    file: str  # "2569/measures.yml", relative to the content folder
    path: KeyPath
    value: Any


def roundtrip_yaml() -> YAML:
    """The YAML reader and writer for files a person also edits."""
    yaml = YAML()  # round-trip mode
    yaml.preserve_quotes = True
    yaml.width = 100_000
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def apply_change(doc: Any, change: Change) -> Any:
    """Set (or remove) one value in a round-trip document; returns the document (a new one if it was empty)."""
    if doc is None:
        doc = CommentedMap()
    node = doc
    for n, part in enumerate(change.path[:-1]):
        nxt = change.path[n + 1]
        child = None
        if isinstance(node, list) and isinstance(part, int) and part < len(node):
            child = node[part]
        elif isinstance(node, dict) and part in node:
            child = node[part]
        if isinstance(child, str) and isinstance(nxt, str):
            child = CommentedMap(text=child)  # `timeframe: ต.ค.66 – ก.ย.67` becomes a mapping when a date is set
        elif child is None:
            child = CommentedSeq() if isinstance(nxt, int) else CommentedMap()
        else:
            node = child
            continue
        if isinstance(node, list) and isinstance(part, int):
            node.append(child) if part == len(node) else node.__setitem__(part, child)
        else:
            node[part] = child
        node = child
    last = change.path[-1]
    if change.value is None:
        if isinstance(node, dict) and last in node:
            del node[last]
    elif isinstance(node, list) and isinstance(last, int) and last >= len(node):
        node.append(change.value)
    else:
        node[last] = change.value
    return doc


def dump_yaml(doc: Any) -> str:
    buffer = io.StringIO()
    roundtrip_yaml().dump(doc, buffer)
    return buffer.getvalue()


def edited_texts(content_dir: Path, changes: list[Change]) -> dict[str, str]:
    """New text of every file a change touches (a file that does not exist yet starts empty)."""
    docs: dict[str, Any] = {}
    for change in changes:
        if change.file not in docs:
            path = content_dir / change.file
            docs[change.file] = roundtrip_yaml().load(path.read_text(encoding="utf-8-sig")) if path.exists() else None
        docs[change.file] = apply_change(docs[change.file], change)
    return {file: dump_yaml(doc) for file, doc in docs.items()}
