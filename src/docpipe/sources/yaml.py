"""YAML reading with line numbers, within limits a hostile file cannot escape.

PyYAML's composer gives a node tree with marks; we build the plain data from it ourselves so that
every key's line is kept, duplicate keys are reported instead of silently overwritten, and nothing
but plain data comes out. A file with nothing to refuse or expand (no anchors, no duplicate keys:
every case docpipe ships) is built in one pass over libyaml's events instead, with the same result
(``read_in_one_pass``); anything else takes the general way described here:

- only the safe loader's scanner and composer run; no constructor for Python objects exists here,
  and a value with any tag other than the plain ones (``!!python/...``, ``!!binary``, ``!custom``)
  is refused rather than quietly turned into text;
- nesting deeper than ``MAX_DEPTH`` is refused while composing, long before Python's stack runs out
  (the composer is recursive) and after reading at most about a kilobyte past the limit;
- the composer makes at most ``MAX_NODES`` values; it shares the node of an anchor between all
  its aliases, so an alias bomb costs only its own size there. The expansion happens in
  ``_Builder``, which stops at ``MAX_NODES`` values too and refuses an alias that contains itself;
- numbers longer than ``MAX_NUMBER_DIGITS`` digits, infinity and not-a-number are refused: no field
  can use them and Python refuses to even convert an integer of more than 4300 digits.

A refused file gives no data at all, only its problems, like a syntax error does.

A reader for larger files than a case's (the mail merge's data lists) passes its own ``max_nodes``
and the sentence that refuses a file over it (``too_many``); whatever that limit, aliases may
repeat at most ``MAX_ALIASED_VALUES`` values, so an alias bomb costs it no more than it costs a case.

The work is split by job: docpipe.sources.limits (the limits and their sentences),
yaml_events (libyaml's events: the one pass and the limit check), yaml_compose (PyYAML's composer
within the limits), yaml_syntax (its errors in docpipe's words), yaml_build (plain data from the
node tree) and yaml_scalars (tags and the conversion of scalars). This module chooses the way.
"""

from __future__ import annotations

import re

import yaml
from yaml.nodes import Node

from docpipe.errors import Problem
from docpipe.sources.document import Document
from docpipe.sources.limits import (
    MAX_ALIASED_VALUES,
    MAX_DEPTH,
    MAX_KEY_LENGTH,
    MAX_NODES,
    MAX_NUMBER_DIGITS,
    SourceError,
    TooManyMessage,
    YamlSyntaxError,
    non_finite_message,
    number_refusal,
    too_deep_message,
    too_many_message,
)
from docpipe.sources.yaml_build import Builder as _Builder
from docpipe.sources.yaml_compose import compose_carefully as _compose_carefully
from docpipe.sources.yaml_events import read_in_one_pass
from docpipe.sources.yaml_events import within_limits as _within_limits
from docpipe.sources.yaml_scalars import plain_tag
from docpipe.sources.yaml_syntax import line_at

__all__ = [
    "MAX_ALIASED_VALUES", "MAX_DEPTH", "MAX_KEY_LENGTH", "MAX_NODES", "MAX_NUMBER_DIGITS", "SourceError",
    "TooManyMessage", "YamlSyntaxError", "_Builder", "line_at", "locate",
    "non_finite_message", "number_refusal", "parse_yaml", "plain_tag", "read_in_one_pass", "too_deep_message",
    "too_many_message",
]


def parse_yaml(name: str, text: str, max_nodes: int = MAX_NODES,
               too_many: TooManyMessage = too_many_message) -> tuple[Document | None, list[Problem]]:
    """Parse ``text`` of the file shown to users as ``name``; anything wrong becomes a Problem.

    ``max_nodes`` values at most, keys and what aliases expand to counted; ``too_many`` says so.
    """
    try:
        return locate(name, text, True, max_nodes, too_many)
    except SourceError as error:
        return None, [error.problem]


def locate(name: str, text: str, check_numbers: bool = True, max_nodes: int = MAX_NODES,
           too_many: TooManyMessage = too_many_message) -> tuple[Document | None, list[Problem]]:
    """The data of ``text`` with the line of every key and item, and the problems of its structure.

    Raises SourceError when the file cannot be read as a whole. Returns no Document (only problems)
    when it holds something refused; duplicate keys alone keep the Document so validation can still
    report the rest. ``check_numbers`` is off for JSON, whose numbers the json module checks.
    """
    if _fast_path_fits(text):
        located = read_in_one_pass(name, text, check_numbers, max_nodes)
        if located is not None:
            return located
    node = _compose(name, text, max_nodes, too_many)
    if node is None:
        return Document(name, None, {}), []
    builder = _Builder(name, check_numbers, max_nodes, too_many)
    data = builder.build(node, ())
    if builder.refusals:
        return None, builder.refusals + builder.duplicates
    return Document(name, data, builder.positions), builder.duplicates


def _compose(name: str, text: str, max_nodes: int = MAX_NODES,
             too_many: TooManyMessage = too_many_message) -> Node | None:
    """The node tree of ``text``: libyaml's C parser when the file is well within the limits,
    PyYAML's pure-Python parser otherwise.

    Reading a case spent most of its time in the pure-Python parser (22 of 29 ms). The C composer
    recurses, so the limits are checked on libyaml's event stream first (it parses without
    recursion); anything refused or wrong is left to the pure-Python path below, which says what is
    wrong in the words the rest of docpipe's messages use. A file without anchors or anything
    refused never gets here: ``read_in_one_pass`` builds it from the events directly.
    """
    if _fast_path_fits(text) and _within_limits(text, max_nodes):
        try:
            node: Node | None = yaml.compose(text, Loader=yaml.CSafeLoader)
            return node
        except yaml.YAMLError:
            pass  # the reference parser below names the problem
    return _compose_carefully(name, text, max_nodes, too_many)


_COMMENT_ON_BLOCK_HEADER = re.compile(r"[|>][-+0-9]*#")
"""A block scalar's header with a ``#`` and no space before it (``vision: >#``)."""


def _fast_path_fits(text: str) -> bool:
    """Whether libyaml is there and may read ``text`` (the limits are checked while it reads).

    Texts with a tab, a ``!`` or a ``#`` right after a block scalar's ``|``/``>`` go the careful way:
    there libyaml and PyYAML disagree (libyaml accepts a tab after a value and ``>#`` that PyYAML
    refuses, and reads a bare ``!`` tag differently), and docpipe's answer must not depend on which
    parser ran. Without a ``!`` no value has an explicit tag: every tag comes from the resolver.
    """
    return (bool(yaml.__with_libyaml__) and "\t" not in text and "!" not in text
            and not _COMMENT_ON_BLOCK_HEADER.search(text))
