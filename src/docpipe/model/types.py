"""Field types shared by the models, each with the rule a civil servant's text must meet."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Annotated

import email_validator  # noqa: F401  # see _email
from pydantic import AfterValidator, ConfigDict, Field
from pydantic.networks import validate_email

from docpipe.i18n import N_, _
from docpipe.sources.characters import forbidden_character_message, shorten

_SLUG = re.compile(r"^[A-Za-z0-9_-]+$")
_NOT_SLUG = re.compile(r"[^A-Za-z0-9_-]")
_COLOUR = re.compile(r"^#[0-9A-Fa-f]{6}$")
MAX_ID_LENGTH = 64
MAX_TEXT_LENGTH = 32_767  # the most one Excel cell holds, counted in UTF-16 units as Excel does
MAX_FILE_NAME_LENGTH = 255

MODEL_CONFIG = ConfigDict(extra="forbid", coerce_numbers_to_str=True, frozen=True)


def _storable_text(value: str) -> str:
    """Refuse what Word and Excel cannot store (see docpipe.sources.characters), naming its position."""
    message = forbidden_character_message(value)
    if message:
        raise ValueError(message)
    return value


def _fits_a_cell(value: str) -> str:
    """Excel cannot hold more in one cell (it repairs the file and cuts the text); no real text is near it."""
    units = len(value.encode("utf-16-le")) // 2
    if units > MAX_TEXT_LENGTH:
        raise ValueError(_("is {length} characters long; a text may be at most {limit} characters (the most an Excel "
                           "cell holds): cut {excess}").format(length=units, limit=_spaced(MAX_TEXT_LENGTH),
                                                               excess=_spaced(units - MAX_TEXT_LENGTH)))
    return value


def _non_blank(value: str) -> str:
    if not value.strip():
        raise ValueError(_("is empty; write the text or remove the field"))
    return value


def _slug(value: str) -> str:
    """Ids end up in cross-references and may one day name files: only ASCII letters, digits, - and _.

    Searched for a bad character rather than matched against ``^...$``: ``$`` also matches before
    a final line break, which let ``"anna\\n"`` through. The message says which character and where.
    """
    _storable_text(value)
    if not value:
        raise ValueError(_('is empty; an id needs at least one letter or digit, e.g. "anna-jensen"'))
    if len(value) > MAX_ID_LENGTH:
        raise ValueError(_('"{id}" is {length} characters long; an id may be at most {limit}').format(
            id=_visible(shorten(value)), length=len(value), limit=MAX_ID_LENGTH))
    bad = _NOT_SLUG.search(value)
    if bad:
        raise ValueError(
            _('"{id}" is not a valid id: {character} at position {position} is not allowed; use only letters a-z, '
              'digits, "-" and "_" (no spaces, slashes or æøå)').format(
                id=_visible(value), character=_shown_char(bad.group()), position=bad.start() + 1)
        )
    return value


_WHITESPACE_WORDS = {" ": N_("the space"), "\t": N_("the tab"), "\n": N_("the line break"),
                     "\r": N_("the line break")}


def _shown_char(char: str) -> str:
    return _(_WHITESPACE_WORDS[char]) if char in _WHITESPACE_WORDS else f'"{char}"'


def _spaced(number: int) -> str:
    """32767 -> "32 767": thousands apart without a separator a Dane reads as a decimal comma."""
    return f"{number:,}".replace(",", " ")


def _visible(value: str) -> str:
    """The value on one line: a line break or tab in it would otherwise break the problem list."""
    return value.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t")


def _file_name(value: str) -> str:
    """A file named in the case (the logo): printable, not empty, not absurdly long."""
    _storable_text(value)
    if not value.strip():
        raise ValueError(_("is empty; give the file name, e.g. logo.png, or remove the field"))
    if len(value) > MAX_FILE_NAME_LENGTH:
        raise ValueError(_("is {length} characters long; a file name may be at most {limit}").format(
            length=len(value), limit=MAX_FILE_NAME_LENGTH))
    return value


def _colour(value: str) -> str:
    _storable_text(value)
    if not _COLOUR.fullmatch(value):
        raise ValueError(_('"{value}" is not a colour; write it as "#RRGGBB", e.g. "#00558C"').format(value=value))
    return value.upper()


@lru_cache(maxsize=4096)
def _email(value: str) -> str:
    """The address as pydantic's EmailStr gives it (normalised), or its error (the same error, word for word).

    EmailStr is exactly this after-validator on a string, without the cache; checking one address
    (email_validator, no DNS lookup) costs about 25 µs and a case holds one per actor. Safe to keep
    per text: the answer depends on nothing else. A refused address raises, which is never kept.

    email_validator is imported with this module rather than by pydantic at the first address: its
    import compiles regular expressions over all of Unicode (about 20 ms), which every batch worker
    paid again. Imported here, a worker forked from the process that imported docpipe has it.
    """
    return validate_email(value)[1]


# Numbers are accepted as text (a baseline of 0, a version of 1.0), and the schema says so.
_TEXT_SCHEMA = Field(json_schema_extra={"type": ["string", "number"]})
Text = Annotated[str, AfterValidator(_storable_text), AfterValidator(_fits_a_cell), AfterValidator(_non_blank),
                 _TEXT_SCHEMA]
OptionalText = Annotated[str, AfterValidator(_storable_text), AfterValidator(_fits_a_cell), _TEXT_SCHEMA]
Slug = Annotated[str, AfterValidator(_slug),
                 Field(json_schema_extra={"pattern": _SLUG.pattern, "maxLength": MAX_ID_LENGTH})]
# For organisation.logo; where the file may lie is checked when it is read (docpipe.model.load).
FileName = Annotated[str, AfterValidator(_file_name)]
Colour = Annotated[str, AfterValidator(_colour), Field(json_schema_extra={"pattern": _COLOUR.pattern})]
Score = Annotated[int, Field(ge=1, le=5, strict=False)]
Days = Annotated[int, Field(ge=0, le=365)]
Email = Annotated[str, AfterValidator(_email), Field(json_schema_extra={"format": "email"})]
