"""Field types shared by the models, each with the rule a civil servant's text must meet."""

from __future__ import annotations

import re
import unicodedata
from typing import Annotated

from pydantic import AfterValidator, ConfigDict, Field

# XML 1.0 allows tab, newline and carriage return below 0x20; everything else there, and the
# surrogates and U+FFFE/U+FFFF, cannot be stored in a Word or Excel file.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_SLUG = re.compile(r"^[A-Za-z0-9_-]+$")
_COLOUR = re.compile(r"^#[0-9A-Fa-f]{6}$")

MODEL_CONFIG = ConfigDict(extra="forbid", coerce_numbers_to_str=True, frozen=True)


def _storable_text(value: str) -> str:
    match = _FORBIDDEN.search(value)
    if match:
        char = match.group()
        name = unicodedata.name(char, "a control character")
        raise ValueError(
            f"contains a character Word and Excel cannot store (U+{ord(char):04X}, {name.lower()}) at "
            f"position {match.start() + 1}; delete it (it is often pasted in by accident)"
        )
    return value


def _non_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("is empty; write the text or remove the field")
    return value


def _slug(value: str) -> str:
    if not _SLUG.match(value):
        raise ValueError(
            f'"{value}" is not a valid id: use only letters a-z, digits, "-" and "_" (no spaces, '
            "slashes or æøå)"
        )
    return value


def _colour(value: str) -> str:
    if not _COLOUR.match(value):
        raise ValueError(f'"{value}" is not a colour; write it as "#RRGGBB", e.g. "#00558C"')
    return value.upper()


# Numbers are accepted as text (a baseline of 0, a version of 1.0), and the schema says so.
_TEXT_SCHEMA = Field(json_schema_extra={"type": ["string", "number"]})
Text = Annotated[str, AfterValidator(_storable_text), AfterValidator(_non_blank), _TEXT_SCHEMA]
OptionalText = Annotated[str, AfterValidator(_storable_text), _TEXT_SCHEMA]
Slug = Annotated[str, AfterValidator(_slug), Field(json_schema_extra={"pattern": _SLUG.pattern})]
Colour = Annotated[str, AfterValidator(_colour), Field(json_schema_extra={"pattern": _COLOUR.pattern})]
Score = Annotated[int, Field(ge=1, le=5, strict=False)]
Days = Annotated[int, Field(ge=0, le=365)]
