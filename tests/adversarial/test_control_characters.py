"""Every string field of the model refuses characters Word and Excel cannot store, naming field and position.

Each string value of the shipped Halsnæs case (ids, e-mails, codes, texts, enum values, and every
date written as text) gets a control character in turn; validation must refuse exactly that field.
Text-like fields say which character and where; an enum, date or e-mail field gives its own message
(the value is not one of the choices, not a date, not an e-mail), which is enough to find it.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
import yaml
from pydantic import BaseModel, ValidationError

from docpipe.model.messages import plain_message
from docpipe.model.parts import PART_MODELS
from docpipe.sources import FieldPath, format_field_path
from tests.conftest import INPUTS

BASE = INPUTS / "halsnaes-boern-og-unge"
CONTROL = "\x01"
OWN_MESSAGES = ("is not allowed; choose one of", "is not a real date", "is not a valid e-mail address")


def part_data(part: str) -> Any:
    return yaml.safe_load((BASE / f"{part}.yaml").read_text("utf-8"))


def string_leaves(data: Any, path: FieldPath = ()) -> Iterator[tuple[FieldPath, str]]:
    """Every string in ``data``, and every date as the text it was written as."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield from string_leaves(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from string_leaves(value, (*path, index))
    elif isinstance(data, str | dt.date):
        yield path, data if isinstance(data, str) else data.isoformat()


def with_value(data: Any, path: FieldPath, value: str) -> Any:
    changed = copy.deepcopy(data)
    target = changed
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value
    return changed


def refusal(model: type[BaseModel], data: Any, path: FieldPath) -> str | None:
    """The message validation gives for ``path``, or None when it accepts the value there."""
    try:
        model.model_validate(data)
    except ValidationError as error:
        for detail in error.errors(include_url=False):
            if tuple(detail["loc"]) == path:
                return plain_message(detail, model)
    return None


def gaps(part: str) -> Iterator[str]:
    """Each string field of ``part`` that accepts a control character or says so poorly."""
    model = PART_MODELS[part]
    data = part_data(part)
    for path, text in string_leaves(data):
        position = min(3, len(text)) + 1
        value = text[: position - 1] + CONTROL + text[position - 1:]
        message = refusal(model, with_value(data, path, value), path)
        where = f"{part}: {format_field_path(path)}"
        if message is None:
            yield f"{where} accepts U+0001"
        elif not (("U+0001" in message and f"position {position}" in message)
                  or any(words in message for words in OWN_MESSAGES)):
            yield f"{where} refuses U+0001 without saying where: {message}"


@pytest.mark.parametrize("part", sorted(PART_MODELS))
def test_every_string_field_refuses_control_characters(part: str) -> None:
    assert list(string_leaves(part_data(part))), "no string fields found: the walk is broken"
    assert list(gaps(part)) == []



@pytest.mark.parametrize("char", ["\x00", "\x08", "\x0b", "\x0c", "\x1f", "\ud800", "\udfff", "\ufffe", "\uffff"])
def test_each_forbidden_character_is_named(char: str) -> None:
    data = with_value(part_data("initiative"), ("title",), f"Policy{char} Lab")
    message = refusal(PART_MODELS["initiative"], data, ("title",))
    assert message is not None
    assert message.startswith(f"contains a character Word and Excel cannot store (U+{ord(char):04X}, ")
    assert message.endswith(") at position 7; delete it (it is often pasted in by accident)")


@pytest.mark.parametrize("char", ["\t", "\n", "\r", "\x7f", "\x85", "\u2028", "\ufeff", "\U0001f6b2", "\ufdd0"])
def test_xml_characters_are_accepted(char: str) -> None:
    data = with_value(part_data("initiative"), ("background",), f"Baggrund{char}tekst")
    assert refusal(PART_MODELS["initiative"], data, ("background",)) is None


@pytest.mark.parametrize(("text", "accepted"), [("a" * 32_767, True), ("a" * 32_768, False),
                                                 ("🚲" * 16_383 + "a", True), ("🚲" * 16_384, False)])
def test_text_must_fit_an_excel_cell(text: str, accepted: bool) -> None:
    """Excel counts UTF-16 units: an emoji takes two of the 32 767 a cell holds."""
    data = with_value(part_data("initiative"), ("background",), text)
    message = refusal(PART_MODELS["initiative"], data, ("background",))
    if accepted:
        assert message is None
    else:
        assert message == ("is 32768 characters long; a text may be at most 32 767 characters (the most an Excel "
                           "cell holds): cut 1")
