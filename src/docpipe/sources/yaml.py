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
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any

import yaml
from yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from docpipe.errors import Problem
from docpipe.i18n import _
from docpipe.sources.characters import FORBIDDEN, describe_character, forbidden_character_message, shorten
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
    if _fast_path_fits(text):
        located = read_in_one_pass(name, text, check_numbers)
        if located is not None:
            return located
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
    # TRANSLATORS: "{{" is a literal "{" (the bracket meant); keep it doubled
    return _("has lists or groups of fields nested more than {limit} levels deep here; a case needs far fewer, so the "
             "file is refused (is a bracket [ or {{ left open?)").format(limit=MAX_DEPTH)


def _compose(name: str, text: str) -> Node | None:
    """The node tree of ``text``: libyaml's C parser when the file is well within the limits,
    PyYAML's pure-Python parser otherwise.

    Reading a case spent most of its time in the pure-Python parser (22 of 29 ms). The C composer
    recurses, so the limits are checked on libyaml's event stream first (it parses without
    recursion); anything refused or wrong is left to the pure-Python path below, which says what is
    wrong in the words the rest of docpipe's messages use. A file without anchors or anything
    refused never gets here: ``read_in_one_pass`` builds it from the events directly.
    """
    if _fast_path_fits(text) and _within_limits(text):
        try:
            node: Node | None = yaml.compose(text, Loader=yaml.CSafeLoader)
            return node
        except yaml.YAMLError:
            pass  # the reference parser below names the problem
    return _compose_carefully(name, text)


def _fast_path_fits(text: str) -> bool:
    """Whether libyaml is there and may read ``text`` (the limits are checked while it reads).

    Texts with a tab or a ``!`` go the careful way: there libyaml and PyYAML disagree (libyaml
    accepts a tab after a value that PyYAML refuses, and reads a bare ``!`` tag differently), and
    docpipe's answer must not depend on which parser ran. Without a ``!`` no value has an explicit
    tag: every tag comes from the resolver.
    """
    return bool(yaml.__with_libyaml__) and "\t" not in text and "!" not in text


def _within_limits(text: str) -> bool:
    """Whether libyaml parses ``text`` within MAX_DEPTH and MAX_NODES, without error."""
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


# --- one pass over libyaml's events -----------------------------------------------------------------

_STR_TAG = _CORE + "str"
_INT_TAG = _CORE + "int"
_ImplicitResolvers = list[tuple[str, re.Pattern[str]]]
# PyYAML's own table of implicit resolvers (CSafeLoader's and SafeLoader's), by first character
_IMPLICIT: dict[str | None, _ImplicitResolvers] = yaml.CSafeLoader.yaml_implicit_resolvers
# A plain key starting with one of these may be the merge key "<<", which _Builder refuses
_MERGE_FIRST = frozenset(first for first, resolvers in _IMPLICIT.items() if first is not None
                         and any(tag == _MERGE_TAG for tag, _ in resolvers))
# Converts resolved plain scalars (dates, numbers, booleans, null) as _Builder's loader does. Only
# the scalar constructors are called, directly: they read nothing but the node, so one is shared.
_SCALARS = yaml.SafeLoader("")
# Frames of the open lists and mappings: [the list or dict, its path, the key whose value is next]
_IN_LIST: Any = object()  # in a list's frame where a mapping's holds the key
_NO_KEY: Any = object()  # in a mapping's frame while its next key is awaited


def plain_tag(value: str) -> str:
    """The tag PyYAML's resolver gives the plain (unquoted) scalar ``value``.

    The same table looked up the same way (by the first character, the empty text under ""), so the
    YAML 1.1 meaning is PyYAML's own; what is saved is only the resolver's generic call, which was
    the largest single cost of reading a case. Only for a table without wildcard resolvers (which
    PyYAML's is; ``read_in_one_pass`` declines otherwise).
    """
    for tag, pattern in _IMPLICIT.get(value[:1], ()):
        if pattern.match(value):
            return tag
    return _STR_TAG


class _Declined(Exception):
    """The one pass met what only the general way handles: an anchor or alias, a refused key or value, a
    duplicate key, a second document or a limit. That way reads the file again and says what is wrong."""


def read_in_one_pass(name: str, text: str, check_numbers: bool = True) -> tuple[Document, list[Problem]] | None:
    """What ``locate`` gives for ``text``, built straight from libyaml's events; None when declined.

    One parse instead of three walks (the limits checked on the event stream, the C composer's node
    tree, ``_Builder`` over it). The limits are checked on the way, without recursion, so a hostile
    file is stopped as early as before. Whenever the file holds anything the general way has to
    explain or expand (see _Declined), or libyaml cannot read it, this gives None and nothing else:
    declining is always safe, so a rare case may be declined that the general way would take.
    """
    if None in _IMPLICIT:
        return None  # someone added a wildcard resolver: plain_tag would not be PyYAML's answer
    loader = yaml.CSafeLoader(text)
    try:
        return _EventBuilder(name, check_numbers, _keys_need_checking(text)).run(loader.get_event)
    except (_Declined, yaml.YAMLError):
        return None
    finally:
        loader.dispose()


def _keys_need_checking(text: str) -> bool:
    """Whether a key may hold a character Word and Excel cannot store.

    libyaml refuses such characters in the text itself, so only an escape in a double-quoted key
    (a backslash) can put one there; checking the whole text once is cheaper than every key.
    """
    return "\\" in text or FORBIDDEN.search(text) is not None


class _EventBuilder:
    """Plain data and the line of every key and item, from one document's events.

    ``stack`` holds a frame per open list or mapping: [the list or dict, its path, and for a mapping
    the key whose value comes next (_NO_KEY while a key is awaited), for a list _IN_LIST].
    """

    def __init__(self, name: str, check_numbers: bool, check_keys: bool) -> None:
        self.name = name
        self.check_numbers = check_numbers
        self.check_keys = check_keys
        self.positions: dict[FieldPath, int] = {}
        self.stack: list[list[Any]] = []
        self.root: Any = None

    def run(self, next_event: Callable[[], Any]) -> tuple[Document, list[Problem]]:
        """Read events until the stream ends; raises _Declined (or libyaml's error) to give up.

        Scalars (four in five events) are placed right here, with few calls and names looked up
        locally: this loop runs for every key and value of every file.
        """
        positions, stack, resolvable, no_key, in_list = self.positions, self.stack, _IMPLICIT, _NO_KEY, _IN_LIST
        documents = nodes = 0
        while True:
            event = next_event()
            kind = type(event)
            if kind is ScalarEvent or kind is SequenceStartEvent or kind is MappingStartEvent:
                nodes += 1
                if nodes > MAX_NODES or event.anchor is not None or event.tag is not None:
                    raise _Declined  # too many values, an anchor, an explicit tag
                if kind is not ScalarEvent or not stack:
                    self._open(event, kind)
                    continue
                frame = stack[-1]
                key = frame[2]
                if key is no_key:
                    key = frame[2] = self._key(event, frame[0])
                    positions[(*frame[1], key)] = event.start_mark.line + 1
                    continue
                value = event.value
                if event.implicit[0] and value[:1] in resolvable:
                    value = self._resolved(value)
                if key is in_list:
                    positions[(*frame[1], len(frame[0]))] = event.start_mark.line + 1
                    frame[0].append(value)
                else:
                    frame[0][key] = value
                    frame[2] = no_key
            elif kind is SequenceEndEvent or kind is MappingEndEvent:
                stack.pop()
            elif kind is DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise _Declined  # a second document: the general way says so
            elif kind is AliasEvent:
                raise _Declined
            elif kind is StreamEndEvent:
                return Document(self.name, self.root, positions), []

    def _open(self, event: Any, kind: type) -> None:
        """Place a list or mapping (opened for its items), or a scalar that is the whole document."""
        if kind is ScalarEvent:
            value: Any = event.value
            if event.implicit[0] and value[:1] in _IMPLICIT:
                value = self._resolved(value)
        else:
            value = [] if kind is SequenceStartEvent else {}
        line = event.start_mark.line + 1
        if not self.stack:
            path: FieldPath = ()
            self.root = value
        else:
            frame = self.stack[-1]
            parent, at, key = frame
            if key is _NO_KEY:
                raise _Declined  # a list or mapping as a key
            if key is _IN_LIST:
                path = (*at, len(parent))
                parent.append(value)
            else:
                path = (*at, key)
                parent[key] = value
                frame[2] = _NO_KEY
        self.positions.setdefault(path, line)
        if kind is not ScalarEvent:
            self.stack.append([value, path, _IN_LIST if kind is SequenceStartEvent else _NO_KEY])
            if len(self.stack) > MAX_DEPTH:
                raise _Declined

    def _key(self, event: Any, mapping: dict[str, Any]) -> str:
        """The key as written, when _Builder would take it as it is (a new, short, storable name, not
        "<<"); anything else is declined."""
        key: str = event.value
        if (len(key) > MAX_KEY_LENGTH or key in mapping or (event.implicit[0] and key[:1] in _MERGE_FIRST)
                or (self.check_keys and FORBIDDEN.search(key))):
            raise _Declined
        return key

    def _resolved(self, value: str) -> Any:
        """A plain scalar's value as _Builder makes it: text, or what its resolved tag converts it to."""
        if len(value) <= MAX_NUMBER_DIGITS:  # too short to have too many digits: the common case
            tag, result = _short_plain_scalar(value)
        else:
            tag = plain_tag(value)
            if self.check_numbers and tag in _NUMBER_TAGS and number_refusal(value, hexadecimal=tag == _INT_TAG):
                raise _Declined
            result = _converted(tag, value)
        if tag not in _PLAIN_TAGS and tag not in _TEXT_ONLY_TAGS:
            raise _Declined
        if self.check_numbers and isinstance(result, float) and not math.isfinite(result):
            raise _Declined
        return result


@lru_cache(maxsize=4096)
def _short_plain_scalar(value: str) -> tuple[str, Any]:
    """The resolved tag and value of a short plain scalar, kept per text.

    Scores, booleans, amounts and dates repeat within a case and across cases, and resolving one
    (regular expressions, then the constructor) costs microseconds. Safe to keep: a pure function of
    the text, and every value it gives (None, bool, int, float, date, datetime, str) is immutable.
    Only short texts are kept, so the cache stays small whatever the files hold.
    """
    tag = plain_tag(value)
    return tag, _converted(tag, value)


def _converted(tag: str, value: str) -> Any:
    """``value`` converted as the safe loader converts a scalar of ``tag``; the text itself for text,
    for a tag docpipe refuses (the caller declines) and where the conversion fails."""
    if tag == _STR_TAG or tag not in _PLAIN_TAGS:
        return value
    try:
        return _SCALARS.yaml_constructors[tag](_SCALARS, ScalarNode(tag, value))
    except (ValueError, ArithmeticError, TypeError, yaml.YAMLError):
        return value  # e.g. 2026-02-30 looks like a date but is none; validation says so


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
        raise YamlSyntaxError(Problem(name, None, "", _("not valid YAML: {reason}").format(reason=error))) from error
    finally:
        if loader is not None:
            loader.dispose()


def _unreadable_character(name: str, text: str, error: yaml.reader.ReaderError) -> Problem:
    """PyYAML refuses control characters in the text itself; say which and on what line."""
    position = int(error.position)
    line = line_at(text, position)
    char = text[position] if position < len(text) else chr(int(error.character))
    return Problem(name, line, "", _("contains a character a YAML file may not hold ({character}) on this line; "
                                     "delete it (it is often pasted in by accident)").format(
        character=describe_character(char)))


def line_at(text: str, position: int) -> int:
    """1-based line of ``text[position]``, counting line breaks the way YAML and editors do."""
    before = text[:position]
    return before.count("\n") + before.count("\r") - before.count("\r\n") + 1


def _syntax_problem(name: str, error: yaml.MarkedYAMLError) -> Problem:
    mark = error.problem_mark
    line = mark.line + 1 if mark else None
    problem = error.problem or ""
    if problem == "but found another document":
        return Problem(name, line, "", _("holds a second YAML document (a line with --- starts one); a case file "
                                         "holds one: remove the --- line and what should not be there"))
    if problem.startswith("found undefined alias"):
        return Problem(name, line, "", _("not valid YAML: {reason}: an alias (*name) needs an anchor (&name) of the "
                                         "same name above it").format(reason=problem.removeprefix("found ")))
    if problem == "second occurrence" and error.context_mark is not None:
        anchor = (error.context or "").removeprefix("found duplicate anchor ").split(";")[0].strip("'")
        return Problem(name, line, "", _("not valid YAML: the anchor &{anchor} is defined twice (first on line "
                                         "{line}); give one of them another name").format(
            anchor=anchor, line=error.context_mark.line + 1))
    if not problem:
        return Problem(name, line, "", _("not valid YAML: the file is not valid YAML (check indentation, colons and "
                                         "quotes around this line)"))
    # PyYAML's own words for what it found (in English), in docpipe's sentence
    return Problem(name, line, "", _("not valid YAML: {reason} (check indentation, colons and quotes around this "
                                     "line)").format(reason=problem))


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
            self._refuse(path, _('uses the YAML tag "{tag}"; docpipe reads plain values only and never runs or '
                                 "converts tagged ones: remove the tag").format(tag=_shown_tag(node.tag)))
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
        if node.tag == _MERGE_TAG:
            reason = _('"<<" (a YAML merge key) is not supported; write the fields out in full here')
        elif not isinstance(node, ScalarNode):
            reason = _('a key must be a plain name such as "title", not a list or group of fields')
        elif node.tag not in _PLAIN_TAGS | _TEXT_ONLY_TAGS:
            reason = _('the key "{key}" uses the YAML tag "{tag}"; remove the tag').format(
                key=shorten(node.value), tag=_shown_tag(node.tag))
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
    return _("is a number of {digits} digits; numbers in a case have at most {limit} (put the value in quotes if it "
             "is text)").format(digits=digits, limit=MAX_NUMBER_DIGITS)


def too_many_message(aliased: bool) -> str:
    if aliased:
        return _("holds more than {limit} values once its anchors (&name) and aliases (*name) are expanded; a case "
                 "needs far fewer, so the file is refused").format(limit=_spaced(MAX_NODES))
    return _("holds more than {limit} values; a case needs far fewer, so the file is refused").format(
        limit=_spaced(MAX_NODES))


def non_finite_message(text: str) -> str:
    """For .inf, .nan (YAML) and Infinity, NaN (JSON): no field of a case can hold them."""
    return _('"{value}" is not a number docpipe can use (it means infinity or "not a number"); write an ordinary '
             "number, or put the text in quotes").format(value=shorten(text))


def _shown_tag(tag: str) -> str:
    return shorten(tag.replace(_CORE, "!!", 1), 60)


def _spaced(number: int) -> str:
    """200000 -> "200 000": thousands apart without a separator a Dane reads as a decimal comma."""
    return f"{number:,}".replace(",", " ")
