"""YAML's plain tags and the conversion of scalars to values, exactly as PyYAML's safe loader does it.

Both ways of reading YAML (the one pass over libyaml's events and the builder over the node tree)
take their tags from here, so a value never depends on which way read it.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

import yaml
from yaml.nodes import ScalarNode

from docpipe.sources.characters import shorten

CORE = "tag:yaml.org,2002:"
PLAIN_TAGS = frozenset(CORE + kind for kind in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map"))
NUMBER_TAGS = frozenset((CORE + "int", CORE + "float"))
MERGE_TAG = CORE + "merge"
# PyYAML resolves a plain "<<" or "=" to these even as a value, where they can only mean the text
TEXT_ONLY_TAGS = frozenset((MERGE_TAG, CORE + "value", CORE + "yaml"))
STR_TAG = CORE + "str"
INT_TAG = CORE + "int"
FLOAT_TAG = CORE + "float"

_ImplicitResolvers = list[tuple[str, re.Pattern[str]]]
# PyYAML's own table of implicit resolvers (CSafeLoader's and SafeLoader's), by first character
IMPLICIT: dict[str | None, _ImplicitResolvers] = yaml.CSafeLoader.yaml_implicit_resolvers
# A plain key starting with one of these may be the merge key "<<", which the builder refuses
MERGE_FIRST = frozenset(first for first, resolvers in IMPLICIT.items() if first is not None
                        and any(tag == MERGE_TAG for tag, _ in resolvers))
# Converts resolved plain scalars (dates, numbers, booleans, null) as the builder's loader does. Only
# the scalar constructors are called, directly: they read nothing but the node, so one is shared.
_SCALARS = yaml.SafeLoader("")


def plain_tag(value: str) -> str:
    """The tag PyYAML's resolver gives the plain (unquoted) scalar ``value``.

    The same table looked up the same way (by the first character, the empty text under ""), so the
    YAML 1.1 meaning is PyYAML's own; what is saved is only the resolver's generic call, which was
    the largest single cost of reading a case. Only for a table without wildcard resolvers (which
    PyYAML's is; ``read_in_one_pass`` declines otherwise).
    """
    for tag, pattern in IMPLICIT.get(value[:1], ()):
        if pattern.match(value):
            return tag
    return STR_TAG


@lru_cache(maxsize=4096)
def short_plain_scalar(value: str) -> tuple[str, Any]:
    """The resolved tag and value of a short plain scalar, kept per text.

    Scores, booleans, amounts and dates repeat within a case and across cases, and resolving one
    (regular expressions, then the constructor) costs microseconds. Safe to keep: a pure function of
    the text, and every value it gives (None, bool, int, float, date, datetime, str) is immutable.
    Only short texts are kept, so the cache stays small whatever the files hold.
    """
    tag = plain_tag(value)
    return tag, converted(tag, value)


def converted(tag: str, value: str) -> Any:
    """``value`` converted as the safe loader converts a scalar of ``tag``; the text itself for text,
    for a tag docpipe refuses (the caller declines) and where the conversion fails."""
    if tag == STR_TAG or tag not in PLAIN_TAGS:
        return value
    try:
        return _SCALARS.yaml_constructors[tag](_SCALARS, ScalarNode(tag, value))
    except (ValueError, ArithmeticError, TypeError, yaml.YAMLError):
        return value  # e.g. 2026-02-30 looks like a date but is none; validation says so


def shown_tag(tag: str) -> str:
    """A tag as a user wrote it (``!!binary``), short enough for a message."""
    return shorten(tag.replace(CORE, "!!", 1), 60)
