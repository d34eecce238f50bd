"""A data row and what a template sees of it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Row:
    """One data row: its number as the user counts it, and its fields in the file's column order.

    The number is what a civil servant looks for when a message names a row: the spreadsheet row
    for .xlsx and .csv (the header is row 1, so the first data row is 2), the 1-based position in
    the list for .json and .yaml.
    """

    number: int
    fields: dict[str, Any]


def row_context(row: Row) -> dict[str, Any]:
    """What the template (and the name pattern) sees for a row.

    Fields whose names are valid names (``Kommune``, ``kommune_kode``) are top-level; every field,
    whatever its name, is in ``row`` (``row["Navn på kommune"]``), because column headers such as
    "Navn på kommune" are not template names; ``row_number`` is the row's number. ``row`` and
    ``row_number`` win over fields of the same name, which stay in ``row``.
    """
    context = {name: value for name, value in row.fields.items() if name.isidentifier()}
    context["row"] = dict(row.fields)
    context["row_number"] = row.number
    return context


def is_empty(value: Any) -> bool:
    """Whether a value counts as nothing: rows of nothing but these are skipped (spreadsheets often
    end in empty, formatted rows)."""
    return value is None or (isinstance(value, str) and not value.strip())
