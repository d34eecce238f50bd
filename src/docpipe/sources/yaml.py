"""YAML reading with line numbers, within limits a hostile file cannot escape.

PyYAML's composer gives a node tree with marks; we build the plain data from it ourselves so that
every key's line is kept, duplicate keys are reported instead of silently overwritten, and nothing
but plain data comes out:

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
"""

from __future__ import annotations

import math
import re
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from docpipe.errors import Problem
from docpipe.sources.characters import describe_character, forbidden_character_message, shorten
from docpipe.sources.document import Document, FieldPath, format_field_path

MAX_NODES = 50_000  # a shipped case file has fewer than 500
MAX_DEPTH = 50
MAX_NUMBER_DIGITS = 50
MAX_KEY_LENGTH = 100

_CORE = "tag:yaml.org,2002:"
_PLAIN_TAGS = frozenset(_CORE + kind for kind in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map"))
_NUMBER_TAGS = frozenset((_CORE + "int", _CORE + "float"))
_MERGE_TAG = _CORE + "merge"
# PyYAML resolves a plain "<<" or "=" to these even as a value, where they can only mean the text
_TEXT_ONLY_TAGS = frozenset((_MERGE_TAG, _CORE + "value", _CORE + "yaml"))
_DIGIT = re.compile(r"[0-9]")
_HEX_DIGIT = re.compile(r"[0-9a-fA-F]")


class SourceError(Exception):
    """A file refused as a whole (syntax, nesting, size of expansion); carries the Problem saying why."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


class YamlSyntaxError(SourceError):
    """The text is not YAML at all (for a .json file this only means the line numbers are lost)."""


def parse_yaml(name: str, text: str) -> tuple[Document | None, list[Problem]]:
    """Parse ``text`` of the file shown to users as ``name``; anything wrong becomes a Problem."""
    try:
        return locate(name, text)
    except SourceError as error:
        return None, [error.problem]


def locate(name: str, text: str, check_numbers: bool = True) -> tuple[Document | None, list[Problem]]:
    """The data of ``text`` with the line of every key and item, and the problems of its structure.

    Raises SourceError when the file cannot be read as a whole. Returns no Document (only problems)
    when it holds something refused; duplicate keys alone keep the Document so validation can still
    report the rest. ``check_numbers`` is off for JSON, whose numbers the json module checks.
    """
    node = _compose(name, text)
    if node is None:
        return Document(name, None, {}), []
    builder = _Builder(name, check_numbers)
    data = builder.build(node, ())
    if builder.refusals:
        return None, builder.refusals + builder.duplicates
    return Document(name, data, builder.positions), builder.duplicates


class _DepthLimitedLoader(yaml.SafeLoader):
    """The safe loader, refusing nesting deeper than MAX_DEPTH and more than MAX_NODES values.

    The scanner check stops ``[[[[...`` at the bracket that crosses the limit: left alone, PyYAML's
    scanner looks ahead up to 1024 characters for a possible key at every open bracket, which costs
    seconds on a line of brackets. The composer check covers block nesting (indented lines), which
    the scanner does not count, before the recursive composer can exhaust Python's stack. Counting
    the values composed stops a huge file of tiny values (5 MB of "- x" lines) after MAX_NODES of
    them, in about a second, instead of filling hundreds of MB with node objects.
    """

    def __init__(self, stream: str, name: str) -> None:
        self.file_name = name
        self.depth = 0
        self.nodes = 0
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
        if self.nodes > MAX_NODES:
            line = self.peek_event().start_mark.line + 1  # type: ignore[no-untyped-call]  # untyped stub
            raise SourceError(Problem(self.file_name, line, "", too_many_message(aliased=False)))


def too_deep_message() -> str:
    return (f"has lists or groups of fields nested more than {MAX_DEPTH} levels deep here; a case needs "
            "far fewer, so the file is refused (is a bracket [ or { left open?)")


def _compose(name: str, text: str) -> Node | None:
    """The node tree of ``text``: libyaml's C parser when the file is well within the limits,
    PyYAML's pure-Python parser otherwise.

    Reading a case spent most of its time in the pure-Python parser (22 of 29 ms). The C composer
    recurses, so the limits are checked on libyaml's event stream first (it parses without
    recursion); anything refused or wrong is left to the pure-Python path below, which says what is
    wrong in the words the rest of docpipe's messages use.
    """
    if _fast_path_fits(text):
        try:
            node: Node | None = yaml.compose(text, Loader=yaml.CSafeLoader)
            return node
        except yaml.YAMLError:
            pass  # the reference parser below names the problem
    return _compose_carefully(name, text)


def _fast_path_fits(text: str) -> bool:
    """Whether libyaml is there and parses ``text`` within MAX_DEPTH and MAX_NODES, without error.

    Texts with a tab or a ``!`` go the careful way: there libyaml and PyYAML disagree (libyaml
    accepts a tab after a value that PyYAML refuses, and reads a bare ``!`` tag differently), and
    docpipe's answer must not depend on which parser ran.
    """
    if not yaml.__with_libyaml__ or "\t" in text or "!" in text:
        return False
    depth = nodes = 0
    try:
        for event in yaml.parse(text, Loader=yaml.CSafeLoader):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                nodes += 1
                if depth > MAX_DEPTH:
                    return False
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
            elif isinstance(event, yaml.ScalarEvent):
                nodes += 1
            if nodes > MAX_NODES:
                return False
    except yaml.YAMLError:
        return False
    return True


def _compose_carefully(name: str, text: str) -> Node | None:
    loader: _DepthLimitedLoader | None = None
    try:
        loader = _DepthLimitedLoader(text, name)  # the reader checks every character here already
        return loader.get_single_node()
    except yaml.reader.ReaderError as error:
        raise YamlSyntaxError(_unreadable_character(name, text, error)) from error
    except yaml.MarkedYAMLError as error:
        raise YamlSyntaxError(_syntax_problem(name, error)) from error
    except yaml.YAMLError as error:
        raise YamlSyntaxError(Problem(name, None, "", f"not valid YAML: {error}")) from error
    finally:
        if loader is not None:
            loader.dispose()


def _unreadable_character(name: str, text: str, error: yaml.reader.ReaderError) -> Problem:
    """PyYAML refuses control characters in the text itself; say which and on what line."""
    position = int(error.position)
    line = line_at(text, position)
    char = text[position] if position < len(text) else chr(int(error.character))
    return Problem(name, line, "", f"contains a character a YAML file may not hold ({describe_character(char)}) "
                   "on this line; delete it (it is often pasted in by accident)")


def line_at(text: str, position: int) -> int:
    """1-based line of ``text[position]``, counting line breaks the way YAML and editors do."""
    before = text[:position]
    return before.count("\n") + before.count("\r") - before.count("\r\n") + 1


def _syntax_problem(name: str, error: yaml.MarkedYAMLError) -> Problem:
    mark = error.problem_mark
    line = mark.line + 1 if mark else None
    problem = error.problem or ""
    if problem == "but found another document":
        return Problem(name, line, "", "holds a second YAML document (a line with --- starts one); a case file "
                       "holds one: remove the --- line and what should not be there")
    if problem.startswith("found undefined alias"):
        return Problem(name, line, "", f"not valid YAML: {problem.removeprefix('found ')}: an alias (*name) "
                       "needs an anchor (&name) of the same name above it")
    if problem == "second occurrence" and error.context_mark is not None:
        anchor = (error.context or "").removeprefix("found duplicate anchor ").split(";")[0].strip("'")
        return Problem(name, line, "", f"not valid YAML: the anchor &{anchor} is defined twice (first on line "
                       f"{error.context_mark.line + 1}); give one of them another name")
    reason = problem or "the file is not valid YAML"
    return Problem(name, line, "", f"not valid YAML: {reason} (check indentation, colons and quotes around "
                   "this line)")


class _Builder:
    """Plain data from the node tree, counting every value an alias expands to."""

    def __init__(self, name: str, check_numbers: bool) -> None:
        self.name = name
        self.check_numbers = check_numbers
        self.positions: dict[FieldPath, int] = {}
        self.duplicates: list[Problem] = []
        self.refusals: list[Problem] = []
        self.constructor = yaml.SafeLoader("")
        self.visited = 0
        self.seen: set[int] = set()
        self.open: set[int] = set()

    def build(self, node: Node, path: FieldPath) -> Any:
        self.positions.setdefault(path, node.start_mark.line + 1)
        self._count(node, path)
        if isinstance(node, ScalarNode) and node.tag in _TEXT_ONLY_TAGS:
            return node.value
        if node.tag not in _PLAIN_TAGS:
            self._refuse(path, f'uses the YAML tag "{_shown_tag(node.tag)}"; docpipe reads plain values only '
                         "and never runs or converts tagged ones: remove the tag")
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
            raise SourceError(Problem(self.name, line, format_field_path(path), "an alias (*name) here refers "
                                      "to the list or group it is itself part of, which never ends; refused"))
        self.visited += 1
        aliased = id(node) in self.seen
        self.seen.add(id(node))
        if len(path) > MAX_DEPTH:  # aliases of deep lists inside deep lists: the composer saw each alone
            raise SourceError(Problem(self.name, line, "", too_deep_message()))
        if self.visited > MAX_NODES:
            top = path[:1]
            raise SourceError(Problem(self.name, self.positions.get(top, line), format_field_path(top),
                                      too_many_message(aliased)))

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
                            f'"{key}" is given twice; keep one of them (the first is on line '
                            f"{self.positions[child]})")
                )
                continue
            self.positions[child] = line
            result[key] = self.build(value_node, child)
        return result

    def _key(self, node: Node, path: FieldPath, line: int) -> str | None:
        """The key as written, or None (and a refusal) when it cannot be the name of a field."""
        where = format_field_path(path)
        if node.tag == _MERGE_TAG:
            reason = '"<<" (a YAML merge key) is not supported; write the fields out in full here'
        elif not isinstance(node, ScalarNode):
            reason = 'a key must be a plain name such as "title", not a list or group of fields'
        elif node.tag not in _PLAIN_TAGS | _TEXT_ONLY_TAGS:
            reason = f'the key "{shorten(node.value)}" uses the YAML tag "{_shown_tag(node.tag)}"; remove the tag'
        elif len(node.value) > MAX_KEY_LENGTH:
            reason = (f'a key of {len(node.value)} characters ("{shorten(node.value)}") is not a field docpipe '
                      'knows; keys are short names such as "title"')
        elif (message := forbidden_character_message(node.value)) is not None:
            reason = f"a key {message}"
        else:
            return str(node.value)
        self.refusals.append(Problem(self.name, line, where, reason))
        return None

    def _scalar(self, node: ScalarNode, path: FieldPath) -> Any:
        if self.check_numbers and node.tag in _NUMBER_TAGS:
            refusal = number_refusal(node.value, hexadecimal=node.tag == _CORE + "int")
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


def number_refusal(text: str, hexadecimal: bool = False) -> str | None:
    """A sentence when ``text`` (a number as written) has more digits than any field can use.

    YAML integers may be written in hexadecimal (0xFF), whose letters count as digits too: Python
    converts those of any length, and a huge one would stall the messages that show it.
    """
    if hexadecimal and "x" in text.lower():
        digits = len(_HEX_DIGIT.findall(text.lower().split("x", 1)[1]))
    else:
        digits = len(_DIGIT.findall(text))
    if digits <= MAX_NUMBER_DIGITS:
        return None
    return (f"is a number of {digits} digits; numbers in a case have at most {MAX_NUMBER_DIGITS} (put the "
            "value in quotes if it is text)")


def too_many_message(aliased: bool) -> str:
    how = " once its anchors (&name) and aliases (*name) are expanded" if aliased else ""
    return f"holds more than {_spaced(MAX_NODES)} values{how}; a case needs far fewer, so the file is refused"


def non_finite_message(text: str) -> str:
    """For .inf, .nan (YAML) and Infinity, NaN (JSON): no field of a case can hold them."""
    return (f'"{shorten(text)}" is not a number docpipe can use (it means infinity or "not a number"); write '
            "an ordinary number, or put the text in quotes")


def _shown_tag(tag: str) -> str:
    return shorten(tag.replace(_CORE, "!!", 1), 60)


def _spaced(number: int) -> str:
    """200000 -> "200 000": thousands apart without a separator a Dane reads as a decimal comma."""
    return f"{number:,}".replace(",", " ")
