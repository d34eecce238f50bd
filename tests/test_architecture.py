"""The package's shape, read from its imports: one door for the faces, no cycle, engines apart.

Every ``import`` and ``from ... import`` in src/docpipe counts, also those inside a function: an
import hidden in a function still ties the modules together, it only moves the failure to run time.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest

SOURCE = Path(__file__).resolve().parents[1] / "src"
PACKAGE = SOURCE / "docpipe"
MAX_LINES = 400


def module_name(path: Path) -> str:
    parts = list(path.relative_to(SOURCE).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


@cache
def modules() -> dict[str, Path]:
    return {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def imported(module: str) -> Iterator[str]:
    """The docpipe modules ``module`` imports: ``from a import b`` is ``a.b`` when that is a module."""
    path = modules()[module]
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names if alias.name.startswith("docpipe"))
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            if not base.startswith("docpipe"):
                continue
            for alias in node.names:
                candidate = f"{base}.{alias.name}"
                yield candidate if candidate in modules() else base


@cache
def graph() -> dict[str, frozenset[str]]:
    return {module: frozenset(target for target in imported(module) if target != module) for module in modules()}


def cycle_through(start: str) -> list[str] | None:
    """A path of imports from ``start`` back to itself, or None."""
    stack: list[tuple[str, list[str]]] = [(start, [start])]
    seen: set[str] = set()
    while stack:
        module, path = stack.pop()
        for target in sorted(graph().get(module, ())):
            if target == start:
                return [*path, start]
            if target not in seen:
                seen.add(target)
                stack.append((target, [*path, target]))
    return None


def test_the_graph_is_read() -> None:
    """A guard for the guards below: a reader that finds no imports would let everything pass."""
    assert "docpipe.api" in graph()["docpipe.cli.cases"]
    assert "docpipe.ooxml.zipwriter" in graph()["docpipe.sheet.template"]
    assert len(modules()) > 60


def test_no_import_cycle_counting_imports_inside_functions() -> None:
    cycles = {" -> ".join(cycle) for module in modules() if (cycle := cycle_through(module))}
    assert not cycles, "import cycles:\n" + "\n".join(sorted(cycles))


@pytest.mark.parametrize("face", ["docpipe.cli", "docpipe.web"])
def test_the_faces_use_only_the_door(face: str) -> None:
    """The CLI and the web app reach docpipe through docpipe.api and their own modules; the CLI may
    start the web app (``docpipe serve``)."""
    allowed = ("docpipe.api", face, *(("docpipe.web",) if face == "docpipe.cli" else ()))
    strays = sorted(f"{module} imports {target}" for module, targets in graph().items()
                    if module == face or module.startswith(face + ".")
                    for target in targets if not target.startswith(allowed))
    assert not strays, "\n".join(strays)


@pytest.mark.parametrize(("package", "forbidden"), [
    ("docpipe.word", ("docpipe.sheet", "docpipe.render", "docpipe.deliverables", "docpipe.batch", "docpipe.api")),
    ("docpipe.sheet", ("docpipe.word", "docpipe.render", "docpipe.deliverables", "docpipe.batch", "docpipe.api")),
    ("docpipe.ooxml", ("docpipe.word", "docpipe.sheet", "docpipe.output", "docpipe.render")),
    ("docpipe.output", ("docpipe.word", "docpipe.sheet", "docpipe.render", "docpipe.deliverables")),
    ("docpipe.model", ("docpipe.deliverables", "docpipe.render", "docpipe.output", "docpipe.word", "docpipe.sheet",
                       "docpipe.intake")),
    ("docpipe.sources", ("docpipe.model", "docpipe.deliverables", "docpipe.render", "docpipe.word", "docpipe.sheet",
                         "docpipe.intake")),
    ("docpipe.redline", ("docpipe.batch", "docpipe.api", "docpipe.cli", "docpipe.web")),
    ("docpipe.deliverables", ("docpipe.render", "docpipe.output", "docpipe.ooxml", "docpipe.batch",
                              "docpipe.word.template")),
])
def test_layers_point_one_way(package: str, forbidden: tuple[str, ...]) -> None:
    """Data flows sources -> model -> deliverables -> render (engines over ooxml) -> output -> batch."""
    strays = sorted(f"{module} imports {target}" for module, targets in graph().items()
                    if module == package or module.startswith(package + ".")
                    for target in targets if target.startswith(forbidden))
    assert not strays, "\n".join(strays)


def test_no_module_over_the_line_limit() -> None:
    long = {module: count for module, path in modules().items()
            if (count := len(path.read_text("utf-8").splitlines())) > MAX_LINES}
    assert not long, f"modules over {MAX_LINES} lines: {long}"
