"""Reading YAML straight from libyaml's events: the one pass, and the limit check before the C composer.

libyaml parses without recursion, so both check the limits on the event stream as it comes, and a
hostile file is stopped as early as anywhere else. Whatever these cannot take as it is, they leave
to the general way (docpipe.sources.yaml), which says what is wrong.
"""

from __future__ import annotations

import math
from collections.abc import Callable
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

from docpipe.errors import Problem
from docpipe.sources.characters import FORBIDDEN
from docpipe.sources.document import Document, FieldPath
from docpipe.sources.limits import (
    DANISH_THOUSANDS,
    MAX_DEPTH,
    MAX_KEY_LENGTH,
    MAX_NODES,
    MAX_NUMBER_DIGITS,
    number_refusal,
)
from docpipe.sources.yaml_scalars import (
    FLOAT_TAG,
    IMPLICIT,
    INT_TAG,
    MERGE_FIRST,
    NUMBER_TAGS,
    PLAIN_TAGS,
    TEXT_ONLY_TAGS,
    converted,
    plain_tag,
    short_plain_scalar,
)

# Frames of the open lists and mappings: [the list or dict, its path, the key whose value is next]
_IN_LIST: Any = object()  # in a list's frame where a mapping's holds the key
_NO_KEY: Any = object()  # in a mapping's frame while its next key is awaited


def within_limits(text: str, max_nodes: int = MAX_NODES) -> bool:
    """Whether libyaml parses ``text`` within MAX_DEPTH and ``max_nodes`` values, without error."""
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
            if nodes > max_nodes:
                return False
    except yaml.YAMLError:
        return False
    return True


class _Declined(Exception):
    """The one pass met what only the general way handles: an anchor or alias, a refused key or value, a
    duplicate key, a second document or a limit. That way reads the file again and says what is wrong."""


def read_in_one_pass(name: str, text: str, check_numbers: bool = True,
                     max_nodes: int = MAX_NODES) -> tuple[Document, list[Problem]] | None:
    """What ``locate`` gives for ``text``, built straight from libyaml's events; None when declined.

    One parse instead of three walks (the limits checked on the event stream, the C composer's node
    tree, the builder over it). The limits are checked on the way, without recursion, so a hostile
    file is stopped as early as before. Whenever the file holds anything the general way has to
    explain or expand (see _Declined), or libyaml cannot read it, this gives None and nothing else:
    declining is always safe, so a rare case may be declined that the general way would take.
    """
    if None in IMPLICIT:
        return None  # someone added a wildcard resolver: plain_tag would not be PyYAML's answer
    loader = yaml.CSafeLoader(text)
    try:
        return _EventBuilder(name, check_numbers, _keys_need_checking(text), max_nodes).run(loader.get_event)
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

    def __init__(self, name: str, check_numbers: bool, check_keys: bool, max_nodes: int = MAX_NODES) -> None:
        self.name = name
        self.check_numbers = check_numbers
        self.check_keys = check_keys
        self.max_nodes = max_nodes
        self.positions: dict[FieldPath, int] = {}
        self.stack: list[list[Any]] = []
        self.root: Any = None

    def run(self, next_event: Callable[[], Any]) -> tuple[Document, list[Problem]]:
        """Read events until the stream ends; raises _Declined (or libyaml's error) to give up.

        Scalars (four in five events) are placed right here, with few calls and names looked up
        locally: this loop runs for every key and value of every file.
        """
        positions, stack, resolvable, no_key, in_list = self.positions, self.stack, IMPLICIT, _NO_KEY, _IN_LIST
        max_nodes = self.max_nodes
        documents = nodes = 0
        while True:
            event = next_event()
            kind = type(event)
            if kind is ScalarEvent or kind is SequenceStartEvent or kind is MappingStartEvent:
                nodes += 1
                if nodes > max_nodes or event.anchor is not None or event.tag is not None:
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
            if event.implicit[0] and value[:1] in IMPLICIT:
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
        """The key as written, when the builder would take it as it is (a new, short, storable name, not
        "<<"); anything else is declined."""
        key: str = event.value
        if (len(key) > MAX_KEY_LENGTH or key in mapping or (event.implicit[0] and key[:1] in MERGE_FIRST)
                or (self.check_keys and FORBIDDEN.search(key))):
            raise _Declined
        return key

    def _resolved(self, value: str) -> Any:
        """A plain scalar's value as the builder makes it: text, or what its resolved tag converts it to."""
        if len(value) <= MAX_NUMBER_DIGITS:  # too short to have too many digits: the common case
            tag, result = short_plain_scalar(value)
            if self.check_numbers and tag == FLOAT_TAG and DANISH_THOUSANDS.fullmatch(value):
                raise _Declined  # 385.000: the builder refuses it with its line
        else:
            tag = plain_tag(value)
            if self.check_numbers and tag in NUMBER_TAGS and number_refusal(value, hexadecimal=tag == INT_TAG):
                raise _Declined
            result = converted(tag, value)
        if tag not in PLAIN_TAGS and tag not in TEXT_ONLY_TAGS:
            raise _Declined
        if self.check_numbers and isinstance(result, float) and not math.isfinite(result):
            raise _Declined
        return result
