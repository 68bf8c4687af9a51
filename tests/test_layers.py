"""The package's layers: imports run one way, from the command line down to the domain, and never in a cycle.

    __main__, cli           the command line
    commands                what each command does
    publish | clerk         MkDocs integration and builds | the clerk's tools (neither imports the other)
    pipeline                load → check → render, once
    render                  pages, navigation, open data, feed, redirects, search index
    check                   rules across files
    load                    YAML, validation, site assembly, frameworks
    urls                    the address scheme
    model                   the content's types, the site and its lookups, scoring
    errors, messages, thai  shared by every layer
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
    "generator.model": 1,
    "generator.urls": 2,
    "generator.load": 3,
    "generator.check": 4,
    "generator.render": 5,
    "generator.pipeline": 6,
    "generator.publish": 7,
    "generator.clerk": 7,
    "generator.commands": 8,
    "generator.cli": 9,
    "generator.__main__": 10,
}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def unit_of(module: str) -> str:
    """The layer unit a module belongs to: its top-level module or sub-package (``generator.render.feed`` →
    ``generator.render``)."""
    parts = module.split(".")
    return ".".join(parts[:2])


def internal_imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.split(".")[0] == "generator"}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0 and node.module.split(".")[0] == "generator":
            for alias in node.names:  # `from generator.render import charts` imports a module
                candidate = f"{node.module}.{alias.name}"
                found.add(candidate if candidate in MODULES else node.module)
    return found


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
        "generator.clerk.export (layer 7) imports generator.publish.plugin (layer 7)",
        "generator.model.site (layer 1) imports generator.render.pages (layer 5)",
    ]
    assert _cycle(graph) == ["generator.model.site", "generator.render.pages", "generator.model.site"]
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
