"""What could be read of a file that failed validation, so the cross-file rules can still check it.

Pydantic gives no model at all when one field of a file is wrong. Without one, the rules of
``rules.py`` could not look at the file, and a case's problems came in rounds: first the misspelt
key, and only after it was fixed the unknown actor three files away. ``partial`` builds such a
model instead: every field that validates on its own keeps its validated value, a sub-model or list
with an error is salvaged item by item, and what cannot be read at all becomes ``Unreadable``
(holding the value as typed, for messages and for the ids other files refer to).

A partial model is for the rules only; it never becomes a Case (the loader builds one only for a
case without problems). Its fields are typed as the model says, but may hold ``Unreadable``: a rule
asks ``readable(value)`` before comparing, and skips what it cannot read, so a value that could not
be read never causes a problem of its own beyond pydantic's.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Iterable, Sequence
from functools import cache
from typing import Annotated, Any, TypeVar

from pydantic import BaseModel, TypeAdapter, ValidationError

from docpipe.sources.characters import shorten

T = TypeVar("T")
ModelT = TypeVar("ModelT", bound=BaseModel)


class _Missing:
    """The ``typed`` value of a required field the file leaves out."""

    def __repr__(self) -> str:
        return "<missing>"


MISSING: Any = _Missing()


class Unreadable:
    """A value that failed validation; ``typed`` is what the file held there (or MISSING)."""

    __slots__ = ("typed",)

    def __init__(self, typed: Any) -> None:
        self.typed = typed

    def __repr__(self) -> str:
        return f"Unreadable({self.typed!r})"


def readable(*values: object) -> bool:
    """True when every value was read (validated); a rule compares only readable values."""
    return not any(isinstance(value, Unreadable) for value in values)


def typed(value: object) -> object:
    """The value as the file has it: the validated value, or what an unreadable one held."""
    return value.typed if isinstance(value, Unreadable) else value


def readable_items(values: Iterable[T]) -> list[tuple[int, T]]:
    """The readable items of a list with their index in the file; none when the list itself is unreadable.

    The index is the item's place in the file, so a problem's field path stays right when an item
    before it could not be read.
    """
    if not readable(values):
        return []
    return [(index, value) for index, value in enumerate(values) if readable(value)]


def typed_ids(items: Sequence[Any]) -> frozenset[str] | None:
    """The ids of ``items`` as typed, also those that are not valid ids, so a reference to a broken
    entry is not called unknown; None when an entry's id cannot be known at all (no id, or an entry
    that is not a group of fields): any reference might then mean it."""
    if not readable(items):
        return None
    ids: set[str] = set()
    for item in items:
        value = typed(item.id) if readable(item) else None
        if isinstance(value, bool) or not isinstance(value, str | int):
            return None
        ids.add(str(value))
    return frozenset(ids)


def shown(value: object) -> str:
    """A name or id for a message: as read, or as typed (shortened) when it could not be read, "?" when
    what was typed cannot be shown on one line (a list, a control character) or is missing."""
    if readable(value):
        return str(value)
    text = typed(value)
    if isinstance(text, int) and not isinstance(text, bool):
        return str(text)
    return shorten(text) if isinstance(text, str) and text.isprintable() else "?"


def partial(model: type[ModelT], data: Any) -> ModelT | Unreadable:
    """``model`` built field by field from ``data``: an unknown key is left aside, a missing required
    field or a field that does not validate (even item by item) is ``Unreadable``, a field left out
    takes its default as in validation."""
    if not isinstance(data, dict):
        return Unreadable(data)
    values: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        if name in data:
            values[name] = _field_value(model, name, data[name])
        elif info.is_required():
            values[name] = Unreadable(MISSING)
    return model.model_construct(**values)


def _field_value(model: type[BaseModel], name: str, value: Any) -> Any:
    try:
        return _field_adapter(model, name).validate_python(value)
    except ValidationError:
        return _salvaged(model.model_fields[name].annotation, value, model)


def _salvaged(annotation: Any, value: Any, owner: type[BaseModel]) -> Any:
    """What can be read of ``value``, which failed as ``annotation``: the parts of a model or a list."""
    if typing.get_origin(annotation) is Annotated:
        annotation = typing.get_args(annotation)[0]
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return partial(annotation, value)
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        choices = [choice for choice in typing.get_args(annotation) if choice is not type(None)]
        if len(choices) == 1 and value is not None:
            return _salvaged(choices[0], value, owner)
    if typing.get_origin(annotation) is list and isinstance(value, list):
        item = typing.get_args(annotation)[0]
        return [_item_value(item, element, owner) for element in value]
    return Unreadable(value)


def _item_value(annotation: Any, value: Any, owner: type[BaseModel]) -> Any:
    try:
        return _item_adapter(annotation, owner).validate_python(value)
    except ValidationError:
        return _salvaged(annotation, value, owner)


@cache
def _field_adapter(model: type[BaseModel], name: str) -> TypeAdapter[Any]:
    """One field of ``model`` validated alone, with its constraints and the model's settings
    (numbers accepted as text)."""
    info = model.model_fields[name]
    annotation = Annotated[(info.annotation, *info.metadata)] if info.metadata else info.annotation
    return _adapter(annotation, model)


@cache
def _item_adapter(annotation: Any, owner: type[BaseModel]) -> TypeAdapter[Any]:
    return _adapter(annotation, owner)


def _adapter(annotation: Any, owner: type[BaseModel]) -> TypeAdapter[Any]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return TypeAdapter(annotation)  # a model brings its own settings
    return TypeAdapter(annotation, config=owner.model_config)
