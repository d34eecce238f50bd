"""PyYAML's own composer, made safe for a hostile file: the node tree within the limits, or why not.

Only the safe loader's scanner and composer run; no constructor for Python objects exists here.
Nesting deeper than MAX_DEPTH is refused while composing, long before Python's stack runs out (the
composer is recursive) and after reading at most about a kilobyte past the limit. The composer makes
at most ``max_nodes`` values; it shares the node of an anchor between all its aliases, so an alias
bomb costs only its own size here (the builder counts the expansion).
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.nodes import Node

from docpipe.errors import Problem
from docpipe.i18n import _
from docpipe.sources.limits import (
    MAX_DEPTH,
    MAX_NODES,
    SourceError,
    TooManyMessage,
    YamlSyntaxError,
    too_deep_message,
    too_many_message,
)
from docpipe.sources.yaml_syntax import syntax_problem, unreadable_character


class DepthLimitedLoader(yaml.SafeLoader):
    """The safe loader, refusing nesting deeper than MAX_DEPTH and more than ``max_nodes`` values.

    The scanner check stops ``[[[[...`` at the bracket that crosses the limit: left alone, PyYAML's
    scanner looks ahead up to 1024 characters for a possible key at every open bracket, which costs
    seconds on a line of brackets. The composer check covers block nesting (indented lines), which
    the scanner does not count, before the recursive composer can exhaust Python's stack. Counting
    the values composed stops a huge file of tiny values (5 MB of "- x" lines) after MAX_NODES of
    them, in about a second, instead of filling hundreds of MB with node objects.
    """

    def __init__(self, stream: str, name: str, max_nodes: int = MAX_NODES,
                 too_many: TooManyMessage = too_many_message) -> None:
        self.file_name = name
        self.depth = 0
        self.nodes = 0
        self.max_nodes = max_nodes
        self.too_many = too_many
        super().__init__(stream)

    def fetch_flow_collection_start(self, TokenClass: Any) -> None:
        if self.flow_level >= MAX_DEPTH:
            raise SourceError(Problem(self.file_name, self.get_mark().line + 1, "", too_deep_message()))
        super().fetch_flow_collection_start(TokenClass)

    def compose_node(self, parent: Node | None, index: int) -> Node | None:
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH:
                line = self.peek_event().start_mark.line + 1  # type: ignore[no-untyped-call]  # untyped stub
                raise SourceError(Problem(self.file_name, line, "", too_deep_message()))
            if not self.check_event(yaml.AliasEvent):
                self._count_node()
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1

    def _count_node(self) -> None:
        self.nodes += 1
        if self.nodes > self.max_nodes:
            line = self.peek_event().start_mark.line + 1  # type: ignore[no-untyped-call]  # untyped stub
            raise SourceError(Problem(self.file_name, line, "", self.too_many(False, self.max_nodes)))


def compose_carefully(name: str, text: str, max_nodes: int = MAX_NODES,
                      too_many: TooManyMessage = too_many_message) -> Node | None:
    """The node tree of ``text`` by PyYAML's pure-Python parser; SourceError saying why it cannot be read."""
    loader: DepthLimitedLoader | None = None
    try:
        # the reader checks every character here already
        loader = DepthLimitedLoader(text, name, max_nodes, too_many)
        return loader.get_single_node()
    except yaml.reader.ReaderError as error:
        raise YamlSyntaxError(unreadable_character(name, text, error)) from error
    except yaml.MarkedYAMLError as error:
        raise YamlSyntaxError(syntax_problem(name, error)) from error
    except yaml.YAMLError as error:
        raise YamlSyntaxError(Problem(name, None, "", _("not valid YAML: {reason}").format(reason=error))) from error
    finally:
        if loader is not None:
            loader.dispose()
