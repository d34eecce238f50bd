"""Sheet helpers the Excel deliverables share: named styles, table writing, row heights, page header.

The named styles are defined by the template workbooks (``python -m tools.templates.xlsx``); the
deliverables only refer to them by name, so restyling a template restyles every workbook.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from copy import copy
from dataclasses import dataclass

from openpyxl.cell.cell import Cell
from openpyxl.formatting.formatting import ConditionalFormattingList
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter, range_boundaries
from openpyxl.worksheet.worksheet import Worksheet

from docpipe import danish
from docpipe.model import Case
from docpipe.render.xlsx import set_text

HEADER_STYLE = "Kolonneoverskrift"
TEXT_STYLE = "Tabeltekst"
CENTRED_STYLE = "Tabeltekst centreret"
DATE_STYLE = "Dato"
LONG_DATE_STYLE = "Dato lang"
NUMBER_STYLE = "Tal"

# Estimating row heights: Excel does not fit wrapped rows itself when it opens a file.
LINE_HEIGHT_PT = 12.0
CHARS_PER_WIDTH_UNIT = 1.15


@dataclass(frozen=True)
class Column:
    """One column of a table sheet: its header, width (Excel character units) and data style."""

    header: str
    width: float
    style: str = TEXT_STYLE


def write_table(sheet: Worksheet, columns: Sequence[Column], rows: Sequence[Sequence[object]],
                header_row: int = 1) -> None:
    """Write ``rows`` under the template's header row and stretch its filter and validations over them."""
    for offset, values in enumerate(rows, start=1):
        row = header_row + offset
        for column, (spec, value) in enumerate(zip(columns, values, strict=True), start=1):
            put(sheet.cell(row, column), value, spec.style)
        texts = [(value, spec.width) for spec, value in zip(columns, values, strict=True) if isinstance(value, str)]
        sheet.row_dimensions[row].height = fit_height(texts)
    last_row = header_row + max(len(rows), 1)
    sheet.auto_filter.ref = f"A{header_row}:{get_column_letter(len(columns))}{last_row}"
    stretch_rules(sheet, header_row + 1, last_row)


def stretch_rules(sheet: Worksheet, first_row: int, last_row: int) -> None:
    """Make the template's data validations and conditional formats cover exactly the data rows.

    The template puts them on its first data row; their columns and rules are the template's choice.
    """
    for validation in sheet.data_validations.dataValidation:
        validation.sqref = _stretched(str(validation.sqref), first_row, last_row)
    old = sheet.conditional_formatting
    sheet.conditional_formatting = ConditionalFormattingList()
    for formatting in old:
        for rule in formatting.rules:
            sheet.conditional_formatting.add(_stretched(str(formatting.sqref), first_row, last_row), rule)


def _stretched(sqref: str, first_row: int, last_row: int) -> str:
    ranges = []
    for part in sqref.split():
        min_col, _, max_col, _ = range_boundaries(part)
        ranges.append(f"{get_column_letter(min_col or 1)}{first_row}:{get_column_letter(max_col or 1)}{last_row}")
    return " ".join(ranges)


def fit_height(texts: Iterable[tuple[str, float]]) -> float:
    """A row height (points) that shows every wrapped text in full, estimated from text length."""
    lines = max((_line_count(text, width) for text, width in texts), default=1)
    return LINE_HEIGHT_PT * max(lines, 1) + 4


def _line_count(text: str, width: float) -> int:
    per_line = max(int(width * CHARS_PER_WIDTH_UNIT), 1)
    return sum(max(math.ceil(len(line) * 1.08 / per_line), 1) for line in text.split("\n"))


def set_page_header(sheet: Worksheet, case: Case) -> None:
    """The printed page's letterhead: organisation left, UDKAST right while the case is a draft."""
    sheet.oddHeader.left.text = case.organisation.name.replace("&", "&&")
    if case.initiative.status == "draft":
        sheet.oddHeader.right.text = "&B" + danish.STATUS["draft"].upper()


def set_style(cell: Cell, style: str) -> None:
    """Give ``cell`` the template's named style ``style``, fast.

    openpyxl resolves a named style by comparing and hashing style objects on every assignment,
    which made styling a Gantt chart's thousands of cells most of an Excel deliverable's time. The
    first assignment per workbook and style is done the openpyxl way; later cells get a copy of the
    resulting style array, which is exactly what that assignment would have given them.
    """
    workbook = cell.parent.parent
    cache: dict[str, StyleArray] = workbook.__dict__.setdefault("_docpipe_style_arrays", {})
    if style in cache:
        cell._style = copy(cache[style])
        return
    cell.style = style
    cache[style] = copy(cell._style)


def put(cell: Cell, value: object, style: str) -> None:
    """Store ``value`` with ``style``: text always as text (never a formula), empty text as an empty cell."""
    set_style(cell, style)
    if isinstance(value, str):
        if value:
            set_text(cell, value)
        return
    cell.value = value
