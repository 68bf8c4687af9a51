"""Read YAML files into plain data, remembering where every key and value stands.

PyYAML's composer gives a node tree with line/column marks; we build the Python values from it ourselves so that
positions survive, duplicate keys are caught (PyYAML would silently keep the last one) and every plain scalar but
null and true/false stays the text the clerk typed (see :func:`_core_resolvers`).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from generator.errors import Finding, format_path
from generator.load.yaml_errors import WORD_SPACES, describe_syntax_error, find_word_spaces, word_space_message
from generator.messages import Lang, both
from generator.model.source import KeyPath, Position, SourceFile

MAX_DEPTH = 50
MAX_NODES = 200_000
MAX_BYTES = 5_000_000
TOO_DEEP = both("ซ้อนกันลึกเกินไป", "nested too deeply")
TOO_MANY = both("มีข้อมูลมากเกินไป", "too many values")


def _core_resolvers() -> dict[str | None, list[tuple[str, re.Pattern[str]]]]:
    """Plain scalars are text, except the YAML 1.2 core schema's null and booleans. YAML 1.1's number rules would
    rewrite what a clerk typed (phone ``075612345`` → octal 16192741, id ``010`` → 8, ``1:30`` → 90, ``1.10`` → 1.1,
    and ``2568-10-01`` would be a Common-Era timestamp); the models read numbers, years and dates from the text where
    they expect one, Thai digits included."""
    resolvers: dict[str | None, list[tuple[str, re.Pattern[str]]]] = {}
    rules = (
        ("tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""]),
        ("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")),
    )
    for tag, pattern, first in rules:
        for char in first:
            resolvers.setdefault(char or None, []).append((tag, pattern))
    return resolvers


_RESOLVERS = _core_resolvers()
SCALAR_TAGS = {"tag:yaml.org,2002:str", "tag:yaml.org,2002:null", "tag:yaml.org,2002:bool"}


class _Loader(yaml.SafeLoader):
    """Safe loader with the core resolvers; its messages and positions are the ones we report."""

    yaml_implicit_resolvers = _RESOLVERS


class _FastLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """The same, parsed by libyaml (several times faster) for files without syntax errors."""

    yaml_implicit_resolvers = _RESOLVERS


def _build_fast(text: str, source: SourceFile) -> list[Finding] | None:
    """Build with libyaml; None when it finds a syntax problem (the pure-Python loader then words the error)."""
    loader = _FastLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return []
        builder = _Builder(source, loader)
        source.data = builder.build(node, ())
        return builder.findings
    except yaml.YAMLError:
        source.values.clear()
        source.keys.clear()
        source.data = None
        return None
    finally:
        loader.dispose()


class _TooLarge(Exception):
    def __init__(self, node: yaml.Node, what: str) -> None:
        self.node, self.what = node, what


class _Builder:
    def __init__(self, source: SourceFile, loader: _Loader) -> None:
        self.source = source
        self.loader = loader
        self.findings: list[Finding] = []
        self.count = 0

    def build(self, node: yaml.Node, path: KeyPath) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise _TooLarge(node, "nodes")
        if len(path) > MAX_DEPTH:
            raise _TooLarge(node, "depth")
        self.source.values[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(child, (*path, i)) for i, child in enumerate(node.value)]
        return self._scalar(node, path)

    def _scalar(self, node: yaml.Node, path: KeyPath) -> Any:
        """Text, null or true/false. An explicit tag (``!!timestamp``, ``!!binary``, ``!custom``) is reported and the
        value kept as the text written."""
        if node.tag not in SCALAR_TAGS:
            where = (node.start_mark.line + 1, node.start_mark.column + 1)
            self._add(where, path, both(
                f"ไม่รองรับแท็ก YAML '{node.tag.replace('tag:yaml.org,2002:', '!!')}' ให้ลบแท็กนี้ออก เหลือแต่ค่า",
                f"YAML tag '{node.tag.replace('tag:yaml.org,2002:', '!!')}' is not supported; remove the tag and keep the value",
            ))
            return str(node.value)
        return self.loader.construct_object(node, deep=True)

    def _mapping(self, node: yaml.MappingNode, path: KeyPath) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            where = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            if not isinstance(key_node, yaml.ScalarNode):
                self._add(where, path, both("คีย์ต้องเป็นข้อความธรรมดา", "a key must be plain text"))
                continue
            key = str(self._scalar(key_node, path))
            if key in out:
                first = self.source.keys[(*path, key)]
                self._add(
                    where,
                    (*path, key),
                    f"คีย์ '{key}' ซ้ำกับบรรทัด {first[0]} ให้ลบหรือรวมเป็นคีย์เดียว "
                    f"(duplicate key, first defined on line {first[0]})",
                )
                continue
            self.source.keys[(*path, key)] = where
            out[key] = self.build(value_node, (*path, key))
        return out

    def _add(self, where: Position, path: KeyPath, message: str) -> None:
        self.findings.append(Finding(self.source.name, where[0], where[1], format_path(path), message))


def load_yaml(path: Path, name: str, lang: Lang = "th") -> tuple[SourceFile | None, list[Finding]]:
    """Load one YAML file. Returns the file (None when unreadable) and the problems found while reading it."""
    source = SourceFile(path=path, name=name, data=None)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return None, [Finding(name, 1, 1, "", f"อ่านไฟล์ไม่ได้ (cannot read file): {exc.strerror}")]
    if len(raw) > MAX_BYTES:
        return None, [Finding(name, 1, 1, "", both(f"ไฟล์ใหญ่เกิน {MAX_BYTES // 1_000_000} MB", "file too large"))]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        data = exc.object  # the bytes after a BOM, which exc.start counts in
        line = data[: exc.start].count(b"\n") + 1
        line_start = data.rfind(b"\n", 0, exc.start) + 1
        # Columns count characters, as YAML positions and editors do (a Thai character is three UTF-8 bytes).
        col = len(data[line_start : exc.start].decode("utf-8")) + 1
        return None, [
            Finding(
                name, line, col, "",
                "ไฟล์ไม่ได้บันทึกเป็น UTF-8 ให้บันทึกใหม่โดยเลือกการเข้ารหัส UTF-8 (file is not UTF-8)",
            )
        ]
    if any(space in text for space in WORD_SPACES) and (pasted := find_word_spaces(text)):
        return None, [Finding(name, pasted.line, pasted.col, "", word_space_message(lang))]
    if hasattr(yaml, "CSafeLoader") and "\x00" not in text:
        try:
            fast = _build_fast(text, source)
        except _TooLarge as exc:
            return None, [_too_large(name, exc)]
        except RecursionError:
            return None, [Finding(name, 1, 1, "", TOO_DEEP)]
        if fast is not None:
            return source, fast
    try:
        loader = _Loader(text)  # the reader refuses control characters (NUL …) here already
    except yaml.YAMLError as exc:
        return None, [Finding(name, 1, 1, "", f"รูปแบบ YAML ไม่ถูกต้อง (YAML syntax error): {exc}")]
    try:
        node = loader.get_single_node()
        if node is None:
            return source, []
        builder = _Builder(source, loader)
        source.data = builder.build(node, ())
    except yaml.MarkedYAMLError as exc:
        problem = describe_syntax_error(exc, text, lang)
        return None, [Finding(name, problem.line, problem.col, "", problem.message)]
    except yaml.YAMLError as exc:
        return None, [Finding(name, 1, 1, "", f"รูปแบบ YAML ไม่ถูกต้อง (YAML syntax error): {exc}")]
    except _TooLarge as exc:
        return None, [_too_large(name, exc)]
    except RecursionError:
        return None, [Finding(name, 1, 1, "", TOO_DEEP)]
    finally:
        loader.dispose()
    return source, builder.findings


def _too_large(name: str, exc: _TooLarge) -> Finding:
    mark = exc.node.start_mark
    what = TOO_DEEP if exc.what == "depth" else TOO_MANY
    return Finding(name, mark.line + 1, mark.column + 1, "", what)
