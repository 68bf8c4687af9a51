"""A loaded content file: its data and where every key and value stands in it, so any stage can locate a finding."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.errors import Finding, format_path

Position = tuple[int, int]
KeyPath = tuple[str | int, ...]


@dataclass
class SourceFile:
    """A loaded YAML file: its data and the position of every value and key in it."""

    path: Path
    name: str
    data: Any
    values: dict[KeyPath, Position] = field(default_factory=dict)
    keys: dict[KeyPath, Position] = field(default_factory=dict)

    def position(self, path: KeyPath, *, key: bool = False) -> Position:
        """Where ``path`` stands; for a missing entry, the closest enclosing value that exists."""
        if key and path in self.keys:
            return self.keys[path]
        while path:
            if path in self.values:
                return self.values[path]
            path = path[:-1]
        return self.values.get((), (1, 1))

    def finding(self, path: KeyPath, message: str, *, key: bool = False, **kw: Any) -> Finding:
        line, col = self.position(path, key=key)
        return Finding(self.name, line, col, format_path(path), message, **kw)
