"""Cell references: column letters and ranges ("C", "A1", "M2:M16").

openpyxl has these helpers, but importing anything of openpyxl imports all of it (and NumPy when it
is installed): about 0.3 s at every start of docpipe and of every batch worker, more than rendering
a dozen cases. These few lines keep the rendering path free of it.
"""

from __future__ import annotations

import re
from functools import cache

MAX_COLUMN = 16384  # XFD, the last column Excel has
_REF = re.compile(r"^\$?([A-Za-z]{1,3})?\$?(\d+)?$")


@cache
def column_letter(index: int) -> str:
    """1 -> "A", 27 -> "AA", 16384 -> "XFD"."""
    if not 1 <= index <= MAX_COLUMN:
        raise ValueError(f"column {index} is outside Excel's columns 1-{MAX_COLUMN}")
    letters = ""
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


def column_index(letters: str) -> int:
    """"A" -> 1, "aa" -> 27."""
    index = 0
    for letter in letters.upper():
        index = index * 26 + ord(letter) - ord("A") + 1
    return index


def split_ref(ref: str) -> tuple[int | None, int | None]:
    """(column, row) of a cell reference; either is None where the reference leaves it out
    ("A" is a whole column, "3" a whole row). ``$`` signs are allowed."""
    match = _REF.match(ref.strip())
    if match is None:
        raise ValueError(f"{ref!r} is not a cell reference")
    letters, digits = match.groups()
    return (column_index(letters) if letters else None), (int(digits) if digits else None)


def range_columns(ref: str) -> tuple[int, int]:
    """The first and last column of a range ("M2:M16" -> (13, 13)); a whole-row range gives (1, 1)."""
    first, _, last = ref.partition(":")
    first_column = split_ref(first)[0] or 1
    last_column = split_ref(last)[0] if last else first_column
    return first_column, last_column or first_column


def stretched_sqref(sqref: str, first_row: int, last_row: int) -> str:
    """Each range of ``sqref`` ("M2 O2:P2") made to span rows ``first_row``..``last_row`` in its own
    columns: how a template's validation or conditional format on its first data row is made to
    cover every data row."""
    ranges = []
    for part in sqref.split():
        min_column, max_column = range_columns(part)
        ranges.append(f"{column_letter(min_column)}{first_row}:{column_letter(max_column)}{last_row}")
    return " ".join(ranges)


def text_constant(text: str) -> str:
    """A defined name's formula for the text ``text``: in double quotes, a quote doubled."""
    return '"' + text.replace('"', '""') + '"'
