"""JSON reading. The values come from the json module; the line numbers from YAML's composer,
which reads JSON too, so problems in a .json case point at lines just like in a .yaml case.

The same limits as for YAML hold: the composer refuses deep nesting and reports duplicate keys
(which the json module would silently resolve to the last one), and numbers no field can use
(NaN, Infinity, 1e999, thousands of digits) are refused with their field and line.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from typing import Any

from docpipe.errors import Problem
from docpipe.i18n import _
from docpipe.sources.document import Document, FieldPath, format_field_path
from docpipe.sources.limits import (
    MAX_NODES,
    SourceError,
    TooManyMessage,
    YamlSyntaxError,
    non_finite_message,
    number_refusal,
    too_deep_message,
    too_many_message,
)
from docpipe.sources.yaml import locate


@dataclass(frozen=True)
class _Refused:
    """Stands where the json module met a number we refuse, until its field and line are known."""

    message: str


def parse_json(name: str, text: str, max_nodes: int = MAX_NODES,
               too_many: TooManyMessage = too_many_message) -> tuple[Document | None, list[Problem]]:
    """Parse ``text`` as JSON; a syntax error, refused value or duplicate key becomes a Problem.

    ``max_nodes`` values at most, keys counted (as for YAML); ``too_many`` says so.
    """
    try:
        data: Any = json.loads(text, parse_constant=_constant, parse_int=_integer, parse_float=_decimal)
    except json.JSONDecodeError as error:
        return None, [Problem(name, error.lineno, "", _("not valid JSON: {reason} (column {column})").format(
            reason=error.msg, column=error.colno))]
    except RecursionError:
        data = None
        too_deep = True
    else:
        too_deep = False
    try:
        # valid JSON has tabs only between values, where YAML wants spaces; lines stay the same
        located, problems = locate(name, text.replace("\t", " "), check_numbers=False, max_nodes=max_nodes,
                                   too_many=too_many)
    except YamlSyntaxError:
        located, problems = Document(name, data, {}), []  # JSON that YAML cannot read: no line numbers
    except SourceError as error:
        return None, [error.problem]
    if too_deep:
        return None, [Problem(name, None, "", too_deep_message())]
    if located is None:
        return None, problems
    refusals = [Problem(name, located.line_of(path), format_field_path(path), refused.message)
                for path, refused in _refused_values(data)]
    if refusals:
        return None, refusals + problems
    return Document(name, data, located.positions), problems


def _constant(text: str) -> _Refused:
    return _Refused(non_finite_message(text))


def _integer(text: str) -> int | _Refused:
    refusal = number_refusal(text)
    return _Refused(refusal) if refusal else int(text)


def _decimal(text: str) -> float | _Refused:
    refusal = number_refusal(text)
    if refusal:
        return _Refused(refusal)
    value = float(text)
    return value if math.isfinite(value) else _Refused(non_finite_message(text))


def _refused_values(data: Any) -> list[tuple[FieldPath, _Refused]]:
    """Every _Refused in ``data`` with its path, in document order; iterative, as JSON may nest deeply."""
    found: list[tuple[FieldPath, _Refused]] = []
    stack: list[tuple[FieldPath, Any]] = [((), data)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, _Refused):
            found.append((path, value))
        elif isinstance(value, dict):
            stack.extend(((*path, key), item) for key, item in reversed(value.items()))
        elif isinstance(value, list):
            stack.extend(((*path, index), item) for index, item in reversed(list(enumerate(value))))
    return found
