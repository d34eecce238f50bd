"""The limits a file read as YAML or JSON meets, and the sentences that refuse a file crossing one.

Every reader of docpipe.sources checks these; a refused file gives no data at all, only its
problems, like a syntax error does (``SourceError`` carries the one problem of a file refused as a
whole).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal

from docpipe.errors import Problem
from docpipe.i18n import _, number_text
from docpipe.sources.characters import shorten

MAX_NODES = 50_000  # a shipped case file has fewer than 500
# What aliases (*name) may add by repeating their anchor, in every reader whatever its MAX_NODES: an
# alias bomb then costs the same small work in a reader that allows a far larger file
MAX_ALIASED_VALUES = MAX_NODES
MAX_DEPTH = 50
MAX_NUMBER_DIGITS = 50
MAX_KEY_LENGTH = 100

# The sentence for a file of more values than the reader allows: (aliased, the limit) -> message
TooManyMessage = Callable[[bool, int], str]

_DIGIT = re.compile(r"[0-9]")
# A number with a dot and exactly three digits after it: how a Dane writes thousands (385.000), which
# YAML and JSON read as a decimal point (385.0). Nothing in a case has three decimals, so it is refused.
DANISH_THOUSANDS = re.compile(r"[-+]?[0-9]+\.[0-9]{3}")
_HEX_DIGIT = re.compile(r"[0-9a-fA-F]")


class SourceError(Exception):
    """A file refused as a whole (syntax, nesting, size of expansion); carries the Problem saying why."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


class YamlSyntaxError(SourceError):
    """The text is not YAML at all (for a .json file this only means the line numbers are lost)."""


def too_deep_message() -> str:
    # TRANSLATORS: "{{" is a literal "{" (the bracket meant); keep it doubled
    return _("has lists or groups of fields nested more than {limit} levels deep here; a case needs far fewer, so the "
             "file is refused (is a bracket [ or {{ left open?)").format(limit=MAX_DEPTH)


def number_refusal(text: str, hexadecimal: bool = False) -> str | None:
    """A sentence when ``text`` (a number as written) has more digits than any field can use.

    YAML integers may be written in hexadecimal (0xFF), whose letters count as digits too: Python
    converts those of any length, and a huge one would stall the messages that show it.
    """
    if DANISH_THOUSANDS.fullmatch(text):
        return thousands_message(text)
    if hexadecimal and "x" in text.lower():
        digits = len(_HEX_DIGIT.findall(text.lower().split("x", 1)[1]))
    else:
        digits = len(_DIGIT.findall(text))
    if digits <= MAX_NUMBER_DIGITS:
        return None
    return _("is a number of {digits} digits; numbers in a case have at most {limit} (put the value in quotes if it "
             "is text)").format(digits=digits, limit=MAX_NUMBER_DIGITS)


def thousands_message(text: str) -> str:
    """For ``385.000``: how it would be read, and the two ways to write what a Dane means by it."""
    read = format(Decimal(text).normalize(), "f")
    meant = text.replace(".", "")
    return _("{text} would be read as {read} (a dot is a decimal point in a number), not as {meant}; write {meant} "
             "without the dot, or the amount in quotes as Danish text: \"{text} kr.\"").format(
        text=text, read=number_text(read), meant=meant.lstrip("+"))


def too_many_message(aliased: bool, limit: int = MAX_NODES) -> str:
    """For a case file of more than ``limit`` values (``aliased``: counted as its aliases expand)."""
    if aliased:
        return _("holds more than {limit} values once its anchors (&name) and aliases (*name) are expanded; a case "
                 "needs far fewer, so the file is refused").format(limit=spaced(limit))
    return _("holds more than {limit} values; a case needs far fewer, so the file is refused").format(
        limit=spaced(limit))


def too_aliased_message() -> str:
    """For a file whose aliases repeat more than MAX_ALIASED_VALUES values, where the file may hold more."""
    return _("its aliases (*name) repeat more than {limit} values of its anchors (&name), so the file is refused; "
             "write the values out in full instead").format(limit=spaced(MAX_ALIASED_VALUES))


def non_finite_message(text: str) -> str:
    """For .inf, .nan (YAML) and Infinity, NaN (JSON): no field of a case can hold them."""
    return _('"{value}" is not a number docpipe can use (it means infinity or "not a number"); write an ordinary '
             "number, or put the text in quotes").format(value=shorten(text))


def spaced(number: int) -> str:
    """200000 -> "200 000": thousands apart without a separator a Dane reads as a decimal comma."""
    return f"{number:,}".replace(",", " ")
