"""The same fill through openpyxl: the reference docpipe's own workbook writer is checked against.

``replay`` performs a recorded ``BookFill`` on an openpyxl workbook with openpyxl's ordinary calls
(cell values, named styles, ``merge_cells``, dimensions, header). The tests render every shipped case
both ways and compare what a reader of the workbook gets; the batch benchmark uses it as the naive
per-document loop (``load_workbook``, fill, ``save``).
"""

from __future__ import annotations

from copy import copy

from openpyxl.cell.cell import Cell
from openpyxl.formatting.formatting import ConditionalFormattingList
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from docpipe.sheet.fill import BookFill, SheetFill
from docpipe.sheet.refs import stretched_sqref, text_constant


def book_for(workbook: Workbook) -> BookFill:
    """Empty sheets to fill for ``workbook`` (a loaded template), knowing its column widths."""
    sheets = {}
    for sheet in workbook.worksheets:
        widths = {}
        for dimension in sheet.column_dimensions.values():
            if dimension.width and dimension.min is not None:
                widths.update(dict.fromkeys(range(dimension.min, (dimension.max or dimension.min) + 1),
                                            float(dimension.width)))
        sheets[sheet.title] = SheetFill(sheet.title, template_widths=widths)
    return BookFill(sheets)


def replay(fill: BookFill, workbook: Workbook) -> None:
    """Write ``fill`` into ``workbook`` (a loaded template) the openpyxl way."""
    for name, sheet_fill in fill.sheets.items():
        _replay_sheet(sheet_fill, workbook[name])
    for name, text in sorted(fill.names.items()):
        if name in workbook.defined_names:
            workbook.defined_names[name].attr_text = text_constant(text)
        else:
            workbook.defined_names[name] = DefinedName(name, attr_text=text_constant(text), hidden=True)


def _replay_sheet(fill: SheetFill, sheet: Worksheet) -> None:
    for row, column in fill.cleared:
        cell = sheet.cell(row, column)
        cell.value = None
        cell._style = StyleArray()
    for (row, column), (value, style) in fill.cells.items():
        cell = sheet.cell(row, column)
        set_style(cell, style)
        if isinstance(value, str):
            cell.value = value
            cell.data_type = "s"  # text stays text, even "=1+1"
        elif value is not None:
            cell.value = value
    for row, height in fill.row_heights.items():
        sheet.row_dimensions[row].height = height
    for column, width in fill.column_widths.items():
        sheet.column_dimensions[get_column_letter(column)].width = width
    for first_row, first_column, last_row, last_column in fill.merges:
        sheet.merge_cells(start_row=first_row, start_column=first_column, end_row=last_row, end_column=last_column)
    if fill.auto_filter is not None:
        sheet.auto_filter.ref = fill.auto_filter
    if fill.rule_rows is not None:
        _stretch_rules(sheet, *fill.rule_rows)
    if fill.rules_dropped:
        sheet.data_validations.dataValidation = []
        sheet.conditional_formatting = ConditionalFormattingList()
    if fill.header.left is not None:
        sheet.oddHeader.left.text = fill.header.left
    if fill.header.right is not None:
        sheet.oddHeader.right.text = fill.header.right


def _stretch_rules(sheet: Worksheet, first_row: int, last_row: int) -> None:
    for validation in sheet.data_validations.dataValidation:
        validation.sqref = stretched_sqref(str(validation.sqref), first_row, last_row)
    old = sheet.conditional_formatting
    sheet.conditional_formatting = ConditionalFormattingList()
    for formatting in old:
        for rule in formatting.rules:
            sheet.conditional_formatting.add(stretched_sqref(str(formatting.sqref), first_row, last_row), rule)


def set_style(cell: Cell, style: str) -> None:
    """Give ``cell`` the template's named style ``style``, fast.

    openpyxl resolves a named style by comparing and hashing style objects on every assignment. The
    first assignment per workbook and style is done the openpyxl way; later cells get a copy of the
    resulting style array, which is exactly what that assignment would have given them. (The naive
    baseline of the benchmark gets this help too, so it is not slowed by an avoidable cost.)
    """
    workbook = cell.parent.parent
    cache: dict[str, StyleArray] = workbook.__dict__.setdefault("_docpipe_style_arrays", {})
    if style in cache:
        cell._style = copy(cache[style])
        return
    cell.style = style
    cache[style] = copy(cell._style)
