"""What a deliverable writes into a workbook template, recorded as plain data.

A deliverable's ``fill`` says which value and named style goes into which cell, which cells merge,
how high a row is, and so on; it never touches XML or a spreadsheet library. The recording is then
written out by ``docpipe.sheet.template`` (fast, straight into the template's XML) or replayed onto
an openpyxl workbook by ``docpipe.sheet.openpyxl_replay`` (the reference the tests and the benchmark
compare against). Keeping the two apart is what lets both give the same workbook.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

CellValue = str | int | float | Decimal | dt.date | None
"""A cell's value: text (always stored as text, never a formula), a number, a date, or nothing."""


Cell = tuple[CellValue, str]
"""One written cell: its value (None: only styled) and the template's named style. A plain tuple,
not a class: a Gantt chart writes thousands of them per workbook."""


@dataclass
class HeaderText:
    """The printed page header's left and right sections (Excel's &L and &R), when set."""

    left: str | None = None
    right: str | None = None


@dataclass
class SheetFill:
    """Everything written into one sheet of the template, keyed by 1-based row and column."""

    name: str
    template_widths: dict[int, float] = field(default_factory=dict)
    cells: dict[tuple[int, int], Cell] = field(default_factory=dict)
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)
    row_heights: dict[int, float] = field(default_factory=dict)
    column_widths: dict[int, float] = field(default_factory=dict)
    auto_filter: str | None = None
    rule_rows: tuple[int, int] | None = None
    rules_dropped: bool = False
    cleared: set[tuple[int, int]] = field(default_factory=set)
    header: HeaderText = field(default_factory=HeaderText)

    def put(self, row: int, column: int, value: CellValue, style: str) -> None:
        """Store ``value`` with the named ``style``; empty text leaves the cell empty but styled."""
        self.cells[row, column] = (None if value == "" else value, style)

    def clear(self, row: int, column: int) -> None:
        """Empty a cell of the template: no value and no style (a header the filled table does not have)."""
        self.cells.pop((row, column), None)
        self.cleared.add((row, column))

    def style(self, row: int, column: int, style: str) -> None:
        """Give a cell the named ``style``, keeping a value written before."""
        cell = self.cells.get((row, column))
        self.cells[row, column] = (cell[0] if cell else None, style)

    def merge(self, first_row: int, first_column: int, last_row: int, last_column: int) -> None:
        """Merge the rectangle; the first cell's value and style are what the merged cell shows."""
        self.merges.append((first_row, first_column, last_row, last_column))

    def set_row_height(self, row: int, points: float) -> None:
        self.row_heights[row] = points

    def column_width(self, column: int) -> float | None:
        """The width set here, else the template's, else None (the sheet's default width)."""
        return self.column_widths.get(column, self.template_widths.get(column))

    def set_column_width(self, column: int, width: float) -> None:
        self.column_widths[column] = width

    def set_auto_filter(self, ref: str) -> None:
        """The filter buttons' range, e.g. ``A1:M16`` (header row included)."""
        self.auto_filter = ref

    def stretch_rules(self, first_row: int, last_row: int) -> None:
        """Make the template's data validations and conditional formats cover exactly these rows.

        The template puts them on its first data row; their columns and rules stay the template's.
        """
        self.rule_rows = (first_row, last_row)

    def drop_rules(self) -> None:
        """Leave out the template's data validations and conditional formats (for a table whose
        columns are not the template's)."""
        self.rules_dropped = True

    def set_header(self, *, left: str | None = None, right: str | None = None) -> None:
        """The printed page header's left/right text, in Excel's header codes (``&&`` for ``&``)."""
        if left is not None:
            self.header.left = left
        if right is not None:
            self.header.right = right


@dataclass
class BookFill:
    """The sheets of one workbook being filled, in the template's order."""

    sheets: dict[str, SheetFill]
    names: dict[str, str] = field(default_factory=dict)
    """Text held by the template's defined names (a hidden ``docpipe_sag``), by name."""

    def set_name(self, name: str, text: str) -> None:
        """Give the workbook-wide defined name ``name`` the text constant ``text``: the template's name
        keeps its flags; a template without it gets a hidden one."""
        self.names[name] = text

    def __getitem__(self, name: str) -> SheetFill:
        """The sheet called ``name``; KeyError names it when the template has no such sheet."""
        try:
            return self.sheets[name]
        except KeyError:
            raise KeyError(f"the sheet {name!r}") from None

    @property
    def worksheets(self) -> list[SheetFill]:
        return list(self.sheets.values())
