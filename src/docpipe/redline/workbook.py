"""A redlined workbook: NEW's .xlsx with each changed cell filled and commented, and a sheet "Ændringer".

Excel has no tracked changes a reader can accept or reject cell by cell (its shared-workbook
revisions are deprecated and LibreOffice reads them badly), so a changed cell gets a light fill and
a comment holding the old value, a new row a green fill, and the sheet "Ændringer" lists sheet,
cell, old and new value, also for the rows that were removed (they are not in NEW's sheets).

Rows are matched by their identity where a sheet has one: a table sheet (one with a filter: Plan,
Milepæle, Aktører) by its hidden "Intern id" column or else its first column (milestone, name), so
an activity added in the middle does not mark every row below it; other sheets (Gantt, Matrix) cell
by cell. Both workbooks come from the same template, so columns mean the same in both. Written through openpyxl, then
given fixed properties and zip times: the same two cases give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from docpipe import danish
from docpipe.deliverables.implementeringsplan_xlsx import ID_COLUMN as KEY_HEADER
from docpipe.ooxml.package import DocumentProperties, normalise_package
from docpipe.sheet.styles import STYLES_PART, fonts_in_schema_order

SHEET = "Ændringer"
CHANGED = PatternFill("solid", fgColor="FFF2CC")  # light yellow: a value changed
ADDED = PatternFill("solid", fgColor="E2EFDA")  # light green: a row that is new
HEADER = PatternFill("solid", fgColor="D9E1F2")
NEW_ROW = "(ny række)"
REMOVED_ROW = "(række fjernet)"


@dataclass(frozen=True)
class CellChange:
    """One line of the sheet "Ændringer": where, what it was, what it is."""

    sheet: str
    cell: str
    row: str
    old: str
    new: str


def redlined_xlsx(old: bytes | None, new: bytes, author: str, properties: DocumentProperties) -> bytes:
    """NEW's workbook with what changed since OLD marked, and the sheet "Ændringer" listing it."""
    lean, merges = without_merges(new)
    book = load_workbook(io.BytesIO(lean))
    old_values = values_of(old) if old is not None else {}
    found: list[CellChange] = []
    for sheet in book.worksheets:
        found.extend(mark_sheet(old_values.get(sheet.title), sheet, author))
    _changes_sheet(book, found)
    buffer = io.BytesIO()
    book.save(buffer)
    # as the intake workbook: openpyxl's font children put in the schema's order; the merges back in place
    rewrites: dict[str, Callable[[bytes], bytes]] = {STYLES_PART: fonts_in_schema_order}
    for part, merge_xml in merges.items():
        rewrites[part] = partial(with_merges, merge_xml)
    return normalise_package(buffer.getvalue(), properties, rewrites)


_MERGES = re.compile(rb"<mergeCells\b[^>]*/>|<mergeCells\b.*?</mergeCells>", re.DOTALL)
_AFTER_MERGES = (b"<phoneticPr", b"<conditionalFormatting", b"<dataValidations", b"<hyperlinks", b"<printOptions",
                 b"<pageMargins", b"<pageSetup", b"<headerFooter", b"<rowBreaks", b"<colBreaks", b"<customProperties",
                 b"<cellWatches", b"<ignoredErrors", b"<smartTags", b"<drawing", b"<legacyDrawing", b"<picture",
                 b"<oleObjects", b"<controls", b"<webPublishItems", b"<tableParts", b"<extLst", b"</worksheet>")


def without_merges(package: bytes) -> tuple[bytes, dict[str, bytes]]:
    """The package with each sheet's ``<mergeCells>`` taken out, and those elements by part name.

    openpyxl spends most of loading the Gantt (a second of two) making its merged month headers
    into MergedCell objects with borders; the marks do not need them, so they go round openpyxl.
    openpyxl writes the sheets under the same part names (sheet1.xml ... in workbook order).
    """
    merges: dict[str, bytes] = {}
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(package)) as source, zipfile.ZipFile(buffer, "w") as target:
        for name in source.namelist():
            data = source.read(name)
            if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                found = _MERGES.search(data)
                if found:
                    merges[name] = found.group()
                    data = data[:found.start()] + data[found.end():]
            target.writestr(name, data)
    return buffer.getvalue(), merges


def with_merges(merge_xml: bytes, sheet_xml: bytes) -> bytes:
    """``merge_xml`` put back where the schema places ``<mergeCells>`` in a sheet openpyxl wrote."""
    position = min(index for tag in _AFTER_MERGES if (index := sheet_xml.find(tag)) >= 0)
    return sheet_xml[:position] + merge_xml + sheet_xml[position:]


def workbook_changes(data: bytes) -> list[tuple[str, ...]]:
    """The rows of a redlined workbook's sheet "Ændringer" (for tests and readers)."""
    sheet = load_workbook(io.BytesIO(data))[SHEET]
    return [tuple(str(value or "") for value in row) for row in sheet.iter_rows(min_row=2, values_only=True)]


@dataclass(frozen=True)
class Values:
    """What an old sheet says, cell by cell: only its values are compared, so the old workbook is
    read in openpyxl's read-only mode (its styles and merged cells, most of a full load, are skipped)."""

    cells: dict[tuple[int, int], Any]
    max_row: int
    max_column: int

    def value(self, row: int, column: int) -> Any:
        return self.cells.get((row, column))

    @classmethod
    def of(cls, rows: Iterable[Sequence[Any]]) -> Values:
        cells = {(row, column): value for row, values in enumerate(rows, start=1)
                 for column, value in enumerate(values, start=1) if value is not None}
        return cls(cells, max((row for row, _ in cells), default=0), max((column for _, column in cells), default=0))


def values_of(data: bytes) -> dict[str, Values]:
    """Each sheet's values of a workbook, by sheet name."""
    book = load_workbook(io.BytesIO(data), read_only=True)
    try:
        return {sheet.title: Values.of(sheet.iter_rows(values_only=True)) for sheet in book.worksheets}
    finally:
        book.close()


def mark_sheet(old: Values | None, new: Worksheet, author: str) -> list[CellChange]:
    """Mark the cells of ``new`` that differ from ``old``; returns what was marked, in reading order."""
    header = _header_row(new)
    if header is None:
        return _by_position(old, new, author)
    key_column = _key_column(new, header)
    old_rows = _keyed_rows(old, header, key_column) if old is not None else {}
    new_rows = _keyed_rows(new, header, key_column)
    found: list[CellChange] = []
    for key, row in new_rows.items():
        label = _text(new.cell(row, 1).value)
        if key not in old_rows:
            found.extend(_added_row(new, row, label))
            continue
        for column in range(1, new.max_column + 1):
            before = old.value(old_rows[key], column) if old is not None else None
            found.extend(_compare(new, new.cell(row, column), before, label, author))
    for key, row in old_rows.items():
        if key not in new_rows and old is not None:
            values = [_text(old.value(row, column)) for column in range(1, old.max_column + 1)]
            found.append(CellChange(new.title, f"A{row}", _text(old.value(row, 1)),
                                    "; ".join(value for value in values if value), REMOVED_ROW))
    return found


def _key_column(sheet: Worksheet, header: int) -> int:
    """The hidden "Intern id" column where the sheet has one (the Plan: its numbers 1.1, 1.2 move when
    an activity is added), else the first column (a milestone's or an actor's name)."""
    for column in range(1, sheet.max_column + 1):
        if sheet.cell(header, column).value == KEY_HEADER:
            return column
    return 1


def _header_row(sheet: Worksheet) -> int | None:
    """The header row of a table sheet (the first row of its filter); None for a free-form sheet."""
    ref = sheet.auto_filter.ref
    if not ref:
        return None
    first = ref.split(":")[0]
    return int("".join(char for char in first if char.isdigit()))


def _keyed_rows(sheet: Worksheet | Values, header: int, column: int) -> dict[str, int]:
    """Key-column value -> row number, for the rows below the header (the first of equal keys wins)."""
    rows: dict[str, int] = {}
    for row in range(header + 1, sheet.max_row + 1):
        key = _text(sheet.value(row, column) if isinstance(sheet, Values) else sheet.cell(row, column).value)
        if key and key not in rows:
            rows[key] = row
    return rows


def _added_row(sheet: Worksheet, row: int, key: str) -> list[CellChange]:
    for column in range(1, sheet.max_column + 1):
        sheet.cell(row, column).fill = ADDED
    return [CellChange(sheet.title, f"A{row}", key, NEW_ROW, key)]


def _by_position(old: Values | None, new: Worksheet, author: str) -> list[CellChange]:
    rows = max(new.max_row, old.max_row if old is not None else 0)
    columns = max(new.max_column, old.max_column if old is not None else 0)
    found: list[CellChange] = []
    for row in range(1, rows + 1):
        for column in range(1, columns + 1):
            before = old.value(row, column) if old is not None else None
            found.extend(_compare(new, new.cell(row, column), before, "", author))
    return found


def _compare(sheet: Worksheet, cell: Any, before: Any, key: str, author: str) -> list[CellChange]:
    """Mark ``cell`` when its value is not ``before``: a fill, and a comment saying what it was."""
    if _same(cell.value, before):
        return []
    old, new = _text(before), _text(cell.value)
    cell.fill = CHANGED
    cell.comment = Comment(f"Før: {old or '(tom)'}", author, width=240, height=80)
    return [CellChange(sheet.title, cell.coordinate, key, old, new)]


def _same(value: Any, other: Any) -> bool:
    return _text(value) == _text(other)


def _text(value: Any) -> str:
    """A cell's value as a reader sees it: Danish dates, numbers as they are, empty as ''."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime | dt.date):
        return danish.short_date(value)
    return str(value)


def _changes_sheet(book: Workbook, found: list[CellChange]) -> None:
    """The sheet "Ændringer": one row per change, a filter, the header kept in view when scrolling."""
    sheet = book.create_sheet(SHEET)
    sheet.append(["Ark", "Celle", "Række", "Før", "Nu"])
    for change in found:
        sheet.append([change.sheet, change.cell, change.row, change.old, change.new])
    if not found:
        sheet.append(["", "", "", "Ingen ændringer", ""])
    for column, width in enumerate((16, 8, 34, 50, 50), start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
        header = sheet.cell(1, column)
        header.font = Font(name="Arial", bold=True, size=10)
        header.fill = HEADER
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:E{sheet.max_row}"
    sheet.print_title_rows = "1:1"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
