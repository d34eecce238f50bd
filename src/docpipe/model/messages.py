"""Pydantic's error records turned into sentences a civil servant understands."""

from __future__ import annotations

import difflib
import re
import typing
from typing import Any

from pydantic import BaseModel
from pydantic_core import ErrorDetails

_ENUM_WORDS = {"literal_error", "enum"}
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")


def plain_message(error: ErrorDetails, model: type[BaseModel]) -> str:
    """One sentence for one pydantic error raised while validating ``model``."""
    kind = error["type"]
    context: dict[str, Any] = dict(error.get("ctx") or {})
    value = error.get("input")
    if kind == "missing":
        return "is required but missing"
    if kind == "extra_forbidden":
        key = error["loc"][-1] if error["loc"] else "?"
        allowed = allowed_keys(model, error["loc"][:-1])
        close = difflib.get_close_matches(str(key), allowed, n=1)
        guess = f'did you mean "{close[0]}"? ' if close else ""
        hint = f"; {guess}allowed here: {', '.join(allowed)}" if allowed else ""
        return f'"{key}" is not a field docpipe knows{hint}'
    if kind in _ENUM_WORDS:
        return f"{_shown(value)} is not allowed; choose one of: {_choices(context.get('expected', ''))}"
    if kind.startswith("date") or kind == "date_from_datetime_inexact":
        return f"{_shown(value)} is not a real date; write it as YYYY-MM-DD, e.g. 2026-11-22"
    if kind in {"greater_than_equal", "less_than_equal"} and isinstance(value, int | float):
        return f"{value} is out of range ({_range_words(kind, context)})"
    if kind in {"decimal_max_digits", "decimal_whole_digits"}:
        # the model's only decimals are amounts in kroner with two places for øre
        whole = context.get("whole_digits", int(context.get("max_digits", 15)) - 2)
        return f"{value} is too large for an amount; write at most {whole} digits before the decimal point"
    if kind == "decimal_max_places":
        return f"{value} has too many decimals; write at most {context.get('decimal_places')} (øre)"
    if kind.startswith("int_") or kind.startswith("decimal_") or kind.startswith("float_"):
        return f"{_shown(value)} is not a number; write digits only, e.g. 1250000"
    if kind.startswith("bool"):
        return f"{_shown(value)} is not yes/no; write true or false"
    if kind == "string_type":
        return f"must be text, not {_kind_of(value)}"
    if kind in {"list_type", "tuple_type"}:
        return f"must be a list (lines starting with '- '), not {_kind_of(value)}"
    if kind in {"model_type", "dict_type", "model_attributes_type"}:
        return f"must be a group of fields (key: value lines), not {_kind_of(value)}"
    if kind == "too_short":
        return "needs at least one entry"
    if kind == "value_error":
        message = str(error.get("msg", ""))
        if message.startswith("value is not a valid email address: "):
            reason = message.removeprefix("value is not a valid email address: ")
            return f"{_shown(value)} is not a valid e-mail address ({reason.rstrip('.').lower()})"
        return message.removeprefix("Value error, ")
    return str(error.get("msg", "is not valid"))


def allowed_keys(model: type[BaseModel], loc: tuple[int | str, ...]) -> list[str]:
    """The keys a mapping at ``loc`` may hold, found by walking the model's field types."""
    current: object = model
    for part in loc:
        if isinstance(part, int):
            continue
        found = _model_in(current)
        if found is None or part not in found.model_fields:
            return []
        current = found.model_fields[part].annotation
    found = _model_in(current)
    return list(found.model_fields) if found else []


def _model_in(annotation: object) -> type[BaseModel] | None:
    """The pydantic model inside ``annotation`` (``list[Phase]``, ``Budget | None`` ...), if any."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for argument in typing.get_args(annotation):
        found = _model_in(argument)
        if found is not None:
            return found
    return None


def _choices(expected: str) -> str:
    return expected.replace("'", "").replace(" or ", ", ")


def _range_words(kind: str, context: dict[str, Any]) -> str:
    if kind == "greater_than_equal":
        return f"the smallest allowed is {context.get('ge')}"
    return f"the largest allowed is {context.get('le')}"


def _shown(value: object) -> str:
    """The value as the user wrote it, with control characters shown as \\uXXXX so that none reaches
    the terminal (an escape sequence in a YAML value must not repaint a civil servant's screen)."""
    if isinstance(value, str):
        return '"' + _CONTROL.sub(lambda match: f"\\u{ord(match.group()):04x}", value) + '"'
    return repr(value)


def _kind_of(value: object) -> str:
    if isinstance(value, dict):
        return "a group of fields"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "empty"
    return f"{_shown(value)}"
