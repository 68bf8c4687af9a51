"""The package's layers: imports run one way, from the command line down to the domain, and never in a cycle.

    __main__, cli           the command line
    commands                what each command does
    publish | clerk         MkDocs integration and builds | the clerk's tools (neither imports the other)
    pipeline                load → check → render, once (or a portal's)
    portal                  a portal over many organisations' published data: reads load/check/render's output
    render                  pages, navigation, open data, feed, redirects, search index
    check                   rules across files
    load                    YAML, validation, site assembly, frameworks
    urls                    the address scheme
    model                   the content's types, the site and its lookups, scoring
    errors, messages, thai  shared by every layer
    memo                    what a preview keeps between renders (check and render use it)
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "generator"

LAYERS: dict[str, int] = {
    "generator": 0,
    "generator.errors": 0,
    "generator.messages": 0,
    "generator.thai": 0,
    "generator.memo": 0,
    "generator.model": 1,
    "generator.urls": 2,
    "generator.load": 3,
    "generator.check": 4,
    "generator.render": 5,
    "generator.portal": 6,
    "generator.pipeline": 7,
    "generator.publish": 8,
    "generator.clerk": 8,
    "generator.commands": 9,
    "generator.cli": 10,
    "generator.__main__": 11,
}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def unit_of(module: str) -> str:
    """The layer unit a module belongs to: its top-level module or sub-package (``generator.render.feed`` →
    ``generator.render``)."""
    parts = module.split(".")
    return ".".join(parts[:2])


def absolute_module(importer: str, is_package: bool, module: str | None, level: int) -> str:
    """The absolute name a `from ... import` names: `from ..render import x` inside ``generator.model.site``
    is ``generator.render``."""
    if level == 0:
        return module or ""
    base = importer.split(".") if is_package else importer.split(".")[:-1]
    base = base[: len(base) - (level - 1)] if level > 1 else base
    return ".".join([*base, module] if module else base)


def imports_of(source: str, importer: str, is_package: bool = False) -> set[str]:
    """The package's own modules a module's source imports, absolute (`import generator.x`, `from generator.x import y`)
    or relative (`from . import y`, `from ..x import y`)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.split(".")[0] == "generator"}
        elif isinstance(node, ast.ImportFrom):
            target = absolute_module(importer, is_package, node.module, node.level)
            if target.split(".")[0] != "generator":
                continue
            for alias in node.names:  # `from generator.render import charts` imports a module
                candidate = f"{target}.{alias.name}"
                found.add(candidate if candidate in MODULES else target)
    return found


def internal_imports(path: Path) -> set[str]:
    return imports_of(path.read_text(encoding="utf-8"), module_name(path), path.name == "__init__.py")


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}
GRAPH = {name: internal_imports(path) for name, path in MODULES.items()}


def test_every_module_has_a_layer() -> None:
    assert {unit_of(m) for m in MODULES} <= set(LAYERS), "add the new module or sub-package to LAYERS and the docstring"


def upward_imports(graph: dict[str, set[str]]) -> list[str]:
    """Every import of a module from a higher layer (or from a sibling unit of the same layer)."""
    found = []
    for module, imports in sorted(graph.items()):
        unit = unit_of(module)
        for imported in sorted(imports):
            target = unit_of(imported)
            if target in (unit, "generator") or LAYERS[target] < LAYERS[unit] or LAYERS[target] == LAYERS[unit] == 0:
                continue
            found.append(f"{module} (layer {LAYERS[unit]}) imports {imported} (layer {LAYERS[target]})")
    return found


def test_imports_run_one_way() -> None:
    assert upward_imports(GRAPH) == [], "imports must run downward (see this module's docstring)"


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt):] + [nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return None


def test_no_import_cycle() -> None:
    assert _cycle(GRAPH) is None, " → ".join(_cycle(GRAPH) or [])


def test_the_checks_fail_on_an_upward_import_a_sibling_import_and_a_cycle() -> None:
    graph = {
        "generator.model.site": {"generator.render.pages", "generator.thai"},
        "generator.clerk.export": {"generator.publish.plugin", "generator.pipeline"},
        "generator.render.pages": {"generator.model.site"},
    }
    assert upward_imports(graph) == [
        "generator.clerk.export (layer 8) imports generator.publish.plugin (layer 8)",
        "generator.model.site (layer 1) imports generator.render.pages (layer 5)",
    ]
    assert _cycle(graph) == ["generator.model.site", "generator.render.pages", "generator.model.site"]
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]


def test_relative_imports_are_resolved_and_checked() -> None:
    source = "from ..render import pages\nfrom . import scoring\nfrom .. import urls\nfrom .types import Site\n"
    assert imports_of(source, "generator.model.site") == {
        "generator.render.pages", "generator.model.scoring", "generator.urls", "generator.model.types",
    }
    assert imports_of("from .site import Site\nfrom ..load import yaml\n", "generator.model", is_package=True) == {
        "generator.model.site", "generator.load.yaml",
    }
    graph = {"generator.model.site": imports_of("from ..render import pages\n", "generator.model.site")}
    assert upward_imports(graph) == ["generator.model.site (layer 1) imports generator.render.pages (layer 5)"]
