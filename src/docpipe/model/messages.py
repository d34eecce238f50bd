"""Pydantic's error records turned into sentences a civil servant understands."""

from __future__ import annotations

import difflib
import re
import typing
from typing import Any

from pydantic import BaseModel
from pydantic_core import ErrorDetails

from docpipe.i18n import N_, _

_ENUM_WORDS = {"literal_error", "enum"}
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
# email_validator's usual reasons (lower-cased, final full stop removed), translated where shown
_EMAIL_REASONS = {
    "an email address must have an @-sign": N_("an email address must have an @-sign"),
    "there must be something before the @-sign": N_("there must be something before the @-sign"),
    "there must be something after the @-sign": N_("there must be something after the @-sign"),
    "the part after the @-sign is not valid. it should have a period":
        N_("the part after the @-sign is not valid. it should have a period"),
    "an email address cannot have a period immediately before the @-sign":
        N_("an email address cannot have a period immediately before the @-sign"),
    "an email address cannot end with a period": N_("an email address cannot end with a period"),
    "an email address cannot have two periods in a row": N_("an email address cannot have two periods in a row"),
    "an email address cannot have a period immediately after the @-sign":
        N_("an email address cannot have a period immediately after the @-sign"),
    "an email address cannot start with a period": N_("an email address cannot start with a period"),
}
# ... and those that end in the characters found: the start of the reason, and its sentence with {characters}
_EMAIL_REASON_STARTS = {
    "the email address contains invalid characters before the @-sign: ":
        N_("the email address contains invalid characters before the @-sign: {characters}"),
    "the part after the @-sign contains invalid characters: ":
        N_("the part after the @-sign contains invalid characters: {characters}"),
}


def plain_message(error: ErrorDetails, model: type[BaseModel]) -> str:
    """One sentence for one pydantic error raised while validating ``model``, in the current language."""
    kind = error["type"]
    context: dict[str, Any] = dict(error.get("ctx") or {})
    value = error.get("input")
    if kind == "missing":
        return _("is required but missing")
    if kind == "extra_forbidden":
        key = str(error["loc"][-1]) if error["loc"] else "?"
        allowed = allowed_keys(model, error["loc"][:-1])
        close = difflib.get_close_matches(key, allowed, n=1)
        if close:
            return _('"{key}" is not a field docpipe knows; did you mean "{guess}"? allowed here: {allowed}').format(
                key=key, guess=close[0], allowed=", ".join(allowed))
        if allowed:
            return _('"{key}" is not a field docpipe knows; allowed here: {allowed}').format(
                key=key, allowed=", ".join(allowed))
        return _('"{key}" is not a field docpipe knows').format(key=key)
    if kind in _ENUM_WORDS:
        return _("{value} is not allowed; choose one of: {choices}").format(
            value=_shown(value), choices=_choices(context.get("expected", "")))
    if kind.startswith("date") or kind == "date_from_datetime_inexact":
        return _("{value} is not a real date; write it as YYYY-MM-DD, e.g. 2026-11-22").format(value=_shown(value))
    if kind in {"greater_than_equal", "less_than_equal"} and isinstance(value, int | float):
        if kind == "greater_than_equal":
            return _("{value} is out of range (the smallest allowed is {limit})").format(
                value=value, limit=context.get("ge"))
        return _("{value} is out of range (the largest allowed is {limit})").format(
            value=value, limit=context.get("le"))
    if kind in {"decimal_max_digits", "decimal_whole_digits"}:
        # the model's only decimals are amounts in kroner with two places for øre
        whole = context.get("whole_digits", int(context.get("max_digits", 15)) - 2)
        return _("{value} is too large for an amount; write at most {digits} digits before the decimal point").format(
            value=value, digits=whole)
    if kind == "decimal_max_places":
        return _("{value} has too many decimals; write at most {places} (øre)").format(
            value=value, places=context.get("decimal_places"))
    if kind.startswith("int_") or kind.startswith("decimal_") or kind.startswith("float_"):
        return _("{value} is not a number; write digits only, e.g. 1250000").format(value=_shown(value))
    if kind.startswith("bool"):
        return _("{value} is not yes/no; write true or false").format(value=_shown(value))
    if kind == "string_type":
        return _("must be text, not {what}").format(what=_kind_of(value))
    if kind in {"list_type", "tuple_type"}:
        return _("must be a list (lines starting with '- '), not {what}").format(what=_kind_of(value))
    if kind in {"model_type", "dict_type", "model_attributes_type"}:
        return _("must be a group of fields (key: value lines), not {what}").format(what=_kind_of(value))
    if kind == "too_short":
        return _("needs at least one entry")
    if kind == "value_error":
        message = str(error.get("msg", ""))
        if message.startswith("value is not a valid email address: "):
            reason = message.removeprefix("value is not a valid email address: ").rstrip(".")
            return _("{value} is not a valid e-mail address ({reason})").format(
                value=_shown(value), reason=_email_reason(reason))
        return message.removeprefix("Value error, ")
    return str(error.get("msg", _("is not valid")))


def _email_reason(reason: str) -> str:
    """email_validator's reason, lower case, in the current language when it is one of the usual ones."""
    lowered = reason.lower()
    known = _EMAIL_REASONS.get(lowered)
    if known:
        return _(known)
    for start, sentence in _EMAIL_REASON_STARTS.items():
        if lowered.startswith(start):
            return _(sentence).format(characters=lowered.removeprefix(start))
    return lowered


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


def _shown(value: object) -> str:
    """The value as the user wrote it, with control characters shown as \\uXXXX so that none reaches
    the terminal (an escape sequence in a YAML value must not repaint a civil servant's screen)."""
    if isinstance(value, str):
        return '"' + _CONTROL.sub(lambda match: f"\\u{ord(match.group()):04x}", value) + '"'
    return repr(value)


def _kind_of(value: object) -> str:
    if isinstance(value, dict):
        return _("a group of fields")
    if isinstance(value, list):
        return _("a list")
    if value is None:
        return _("empty")
    return _shown(value)
