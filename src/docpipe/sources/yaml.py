"""YAML reading with line numbers.

PyYAML's composer gives a node tree with marks; we build the plain data from it ourselves so that
every key's line is kept, duplicate keys are reported instead of silently overwritten, and alias
expansion is bounded.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from docpipe.errors import Problem
from docpipe.sources.document import Document, FieldPath, format_field_path

MAX_NODES = 200_000


class _TooLarge(Exception):
    pass


class _Builder:
    def __init__(self, name: str) -> None:
        self.name = name
        self.positions: dict[FieldPath, int] = {}
        self.problems: list[Problem] = []
        self.constructor = yaml.SafeLoader("")
        self.visited = 0

    def build(self, node: Node, path: FieldPath) -> Any:
        self.visited += 1
        if self.visited > MAX_NODES:
            raise _TooLarge
        self.positions.setdefault(path, node.start_mark.line + 1)
        if isinstance(node, MappingNode):
            return self._mapping(node, path)
        if isinstance(node, SequenceNode):
            return [self.build(item, (*path, index)) for index, item in enumerate(node.value)]
        assert isinstance(node, ScalarNode)
        return self._scalar(node)

    def _mapping(self, node: MappingNode, path: FieldPath) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = self._scalar(key_node) if isinstance(key_node, ScalarNode) else str(key_node.value)
            key = key if isinstance(key, str) else str(key)
            child = (*path, key)
            line = key_node.start_mark.line + 1
            if key in result:
                self.problems.append(
                    Problem(self.name, line, format_field_path(child),
                            f'"{key}" is given twice; keep one of them (the first is on line '
                            f"{self.positions[child]})")
                )
                continue
            self.positions[child] = line
            result[key] = self.build(value_node, child)
        return result

    def _scalar(self, node: ScalarNode) -> Any:
        try:
            return self.constructor.construct_object(node, deep=True)
        except (ValueError, yaml.YAMLError):
            # e.g. 2026-02-30 looks like a date but is none; keep the text and let validation say so
            return node.value


def parse_yaml(name: str, text: str) -> tuple[Document | None, list[Problem]]:
    """Parse ``text`` of the file shown to users as ``name``; a syntax error becomes a Problem."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark
        line = mark.line + 1 if mark else None
        reason = error.problem or "the file is not valid YAML"
        return None, [Problem(name, line, "", f"not valid YAML: {reason} (check indentation, colons "
                              "and quotes around this line)")]
    except yaml.YAMLError as error:
        return None, [Problem(name, None, "", f"not valid YAML: {error}")]
    if node is None:
        return Document(name, None, {}), []
    builder = _Builder(name)
    try:
        data = builder.build(node, ())
    except (_TooLarge, RecursionError):
        return None, [Problem(name, None, "", "the file expands to too many values (anchors and aliases "
                              f"nested too deep or more than {MAX_NODES} values); refused")]
    return Document(name, data, builder.positions), builder.problems
