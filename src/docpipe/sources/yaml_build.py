"""Plain data from PyYAML's node tree, with the line of every key and item, counting every value.

The builder takes what the general way composed (docpipe.sources.yaml): it keeps every key's line,
reports duplicate keys instead of silently overwriting them, refuses every tag but the plain ones,
and lets nothing but plain data out. The composer shares the node of an anchor between all its
aliases; the expansion happens here, so here it is counted: at most ``max_nodes`` values in all and
at most MAX_ALIASED_VALUES of them repeated by aliases, and an alias that contains itself is refused.
"""

from __future__ import annotations

import math
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from docpipe.errors import Problem
from docpipe.i18n import _
from docpipe.sources.characters import forbidden_character_message, shorten
from docpipe.sources.document import FieldPath, format_field_path
from docpipe.sources.limits import (
    MAX_ALIASED_VALUES,
    MAX_DEPTH,
    MAX_KEY_LENGTH,
    MAX_NODES,
    SourceError,
    TooManyMessage,
    non_finite_message,
    number_refusal,
    too_aliased_message,
    too_deep_message,
    too_many_message,
)
from docpipe.sources.yaml_scalars import INT_TAG, MERGE_TAG, NUMBER_TAGS, PLAIN_TAGS, TEXT_ONLY_TAGS, shown_tag


class Builder:
    """Plain data from the node tree, counting every value an alias expands to."""

    def __init__(self, name: str, check_numbers: bool, max_nodes: int = MAX_NODES,
                 too_many: TooManyMessage = too_many_message) -> None:
        self.name = name
        self.check_numbers = check_numbers
        self.max_nodes = max_nodes
        self.too_many = too_many
        self.positions: dict[FieldPath, int] = {}
        self.duplicates: list[Problem] = []
        self.refusals: list[Problem] = []
        self.constructor = yaml.SafeLoader("")
        self.visited = 0
        self.repeated = 0  # values visited again through an alias
        self.seen: set[int] = set()
        self.open: set[int] = set()

    def build(self, node: Node, path: FieldPath) -> Any:
        self.positions.setdefault(path, node.start_mark.line + 1)
        self._count(node, path)
        if isinstance(node, ScalarNode) and node.tag in TEXT_ONLY_TAGS:
            return node.value
        if node.tag not in PLAIN_TAGS:
            self._refuse(path, _('uses the YAML tag "{tag}"; docpipe reads plain values only and never runs or '
                                 "converts tagged ones: remove the tag").format(tag=shown_tag(node.tag)))
            return None
        if isinstance(node, ScalarNode):
            return self._scalar(node, path)
        self.open.add(id(node))
        try:
            if isinstance(node, MappingNode):
                return self._mapping(node, path)
            assert isinstance(node, SequenceNode)
            return [self.build(item, (*path, index)) for index, item in enumerate(node.value)]
        finally:
            self.open.discard(id(node))

    def _count(self, node: Node, path: FieldPath) -> None:
        """Stop an alias bomb (too many values) or an alias inside itself (never ends) as a SourceError."""
        line = self.positions[path]
        if id(node) in self.open:
            raise SourceError(Problem(self.name, line, format_field_path(path), _(
                "an alias (*name) here refers to the list or group it is itself part of, which never ends; refused")))
        self.visited += 1
        aliased = id(node) in self.seen
        self.seen.add(id(node))
        if len(path) > MAX_DEPTH:  # aliases of deep lists inside deep lists: the composer saw each alone
            raise SourceError(Problem(self.name, line, "", too_deep_message()))
        if self.visited > self.max_nodes:
            self._too_many(path, line, self.too_many(aliased, self.max_nodes))
        if aliased:
            self.repeated += 1
            if self.repeated > MAX_ALIASED_VALUES:  # only reached where max_nodes is larger
                self._too_many(path, line, too_aliased_message())

    def _too_many(self, path: FieldPath, line: int, message: str) -> None:
        top = path[:1]
        raise SourceError(Problem(self.name, self.positions.get(top, line), format_field_path(top), message))

    def _mapping(self, node: MappingNode, path: FieldPath) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1
            key = self._key(key_node, path, line)
            if key is None:
                continue
            child = (*path, key)
            if key in result:
                self.duplicates.append(
                    Problem(self.name, line, format_field_path(child),
                            _('"{key}" is given twice; keep one of them (the first is on line {line})').format(
                                key=key, line=self.positions[child]))
                )
                continue
            self.positions[child] = line
            result[key] = self.build(value_node, child)
        return result

    def _key(self, node: Node, path: FieldPath, line: int) -> str | None:
        """The key as written, or None (and a refusal) when it cannot be the name of a field."""
        where = format_field_path(path)
        if node.tag == MERGE_TAG:
            reason = _('"<<" (a YAML merge key) is not supported; write the fields out in full here')
        elif not isinstance(node, ScalarNode):
            reason = _('a key must be a plain name such as "title", not a list or group of fields')
        elif node.tag not in PLAIN_TAGS | TEXT_ONLY_TAGS:
            reason = _('the key "{key}" uses the YAML tag "{tag}"; remove the tag').format(
                key=shorten(node.value), tag=shown_tag(node.tag))
        elif len(node.value) > MAX_KEY_LENGTH:
            reason = _('a key of {length} characters ("{key}") is not a field docpipe knows; keys are short names '
                       'such as "title"').format(length=len(node.value), key=shorten(node.value))
        elif (message := forbidden_character_message(node.value)) is not None:
            # TRANSLATORS: {problem} is the sentence "contains a character Word and Excel cannot store ..."
            reason = _("a key {problem}").format(problem=message)
        else:
            return str(node.value)
        self.refusals.append(Problem(self.name, line, where, reason))
        return None

    def _scalar(self, node: ScalarNode, path: FieldPath) -> Any:
        if self.check_numbers and node.tag in NUMBER_TAGS:
            refusal = number_refusal(node.value, hexadecimal=node.tag == INT_TAG)
            if refusal:
                self._refuse(path, refusal)
                return None
        try:
            value = self.constructor.construct_object(node, deep=True)
        except (ValueError, ArithmeticError, TypeError, yaml.YAMLError):
            # e.g. 2026-02-30 looks like a date but is none; keep the text and let validation say so
            return node.value
        if self.check_numbers and isinstance(value, float) and not math.isfinite(value):
            self._refuse(path, non_finite_message(node.value))
            return None
        return value

    def _refuse(self, path: FieldPath, message: str) -> None:
        self.refusals.append(Problem(self.name, self.positions.get(path), format_field_path(path), message))
