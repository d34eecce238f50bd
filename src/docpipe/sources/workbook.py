"""Reading a filled intake workbook into the four part documents of a case, with the cell of every value.

The file is checked before openpyxl sees it: a zip with too many entries, too much uncompressed
data or an extreme compression ratio (a zip bomb) is refused, and so is any XML part with a DTD
(``<!DOCTYPE``/``<!ENTITY``: entity expansion). openpyxl also parses with defusedxml when it is
installed (``openpyxl.DEFUSEDXML``). Values are read as the model wants them: dates as dates,
numbers as numbers, Danish labels as the English keys, empty cells as missing fields.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from docpipe.errors import Problem
from docpipe.i18n import _
from docpipe.sources.document import Document, FieldPath
from docpipe.sources.folder import CaseSources
from docpipe.sources.workbook_layout import (
    EMPTY_LIST_PATHS,
    FIRST_ROW,
    KEY_VALUE_SHEETS,
    KV_FIRST_ROW,
    LOGO_SHEET,
    PART_SHEET,
    PHASE_COLUMNS,
    PLANNING,
    TABLE_SHEETS,
    Column,
    KeyValueSheet,
    TableSheet,
    enum_key,
    key_value_columns,
)
from docpipe.sources.zipguard import MAX_ENTRIES as MAX_ENTRIES  # re-exported: tests/intake imports it here
from docpipe.sources.zipguard import archive_problem


@dataclass
class WorkbookSources:
    """The case read from a workbook, and the logo carried inside it (by the export), if any."""

    sources: CaseSources
    logos: dict[str, bytes] = field(default_factory=dict)


@dataclass
class _Part:
    sheet: str
    data: dict[str, Any] = field(default_factory=dict)
    cells: dict[FieldPath, str] = field(default_factory=dict)
    origins: dict[FieldPath, str] = field(default_factory=dict)

    def locate(self, path: FieldPath, sheet: str, cell: str) -> None:
        for length in range(1, len(path) + 1):
            prefix = path[:length]
            if prefix not in self.cells:
                self.cells[prefix] = cell
                if sheet != self.sheet:
                    self.origins[prefix] = sheet

    def container(self, path: tuple[str, ...]) -> dict[str, Any]:
        data = self.data
        for key in path:
            data = data.setdefault(key, {})
        return data


def read_workbook(path: str | Path) -> WorkbookSources:
    """Read the intake workbook at ``path``; every refusal or unreadable value is a Problem."""
    workbook = Path(path)
    result = WorkbookSources(CaseSources(workbook.stem, workbook))
    problems = result.sources.problems
    refused = archive_problem(workbook) if workbook.is_file() else _("does not exist or is not a file")
    if refused:
        problems.append(Problem(workbook.name, None, "", refused))
        return result
    try:
        book = load_workbook(workbook, read_only=True, data_only=False, keep_links=False)
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        problems.append(Problem(workbook.name, None, "", _("cannot be read as an Excel workbook ({reason})").format(
            reason=error)))
        return result
    try:
        grids = {name: _grid(book[name]) for name in book.sheetnames}
    finally:
        book.close()
    parts = {part: _Part(sheet) for part, sheet in PART_SHEET.items()}
    parts["actors"].data["actors"] = []
    parts["planning"].data["phases"] = []
    for spec in (*KEY_VALUE_SHEETS, *TABLE_SHEETS):
        grid = grids.get(spec.title)
        if grid is None and spec.optional:
            continue  # a workbook made before the sheet was added: its fields are simply not given
        if grid is None:
            problems.append(Problem(workbook.name, None, "", _('has no sheet "{sheet}"; start from docpipe intake '
                                                               "new").format(sheet=spec.title)))
            continue
        if isinstance(spec, KeyValueSheet):
            _read_key_value(spec, grid, parts[spec.part], problems)
        elif spec is PLANNING:
            _read_planning(grid, parts["planning"], problems)
        else:
            _read_table(spec, grid, parts[spec.part], problems)
    for part, found in parts.items():
        result.sources.documents[part] = Document(found.sheet, found.data, {}, found.origins, found.cells)
    logo_name = parts["organisation"].data.get("logo")
    if LOGO_SHEET in grids and isinstance(logo_name, str):
        text = "".join(str(value) for (_row, column), (value, _type) in sorted(grids[LOGO_SHEET].items())
                       if column == 1)
        try:
            result.logos[logo_name] = base64.b64decode(text, validate=True)
        except (binascii.Error, ValueError):
            problems.append(Problem(workbook.name, None, "logo", _("the logo stored in the workbook is damaged; "
                                                                   "export the case again")))
    return result


Grid = dict[tuple[int, int], tuple[Any, str]]


def _grid(sheet: Any) -> Grid:
    """Every non-empty cell as (row, column) -> (value, data type)."""
    grid: Grid = {}
    for row_number, row in enumerate(sheet.iter_rows(), start=1):
        for column_number, cell in enumerate(row, start=1):
            value = cell.value
            if value is None or (isinstance(value, str) and not value.strip()):
                continue
            grid[(row_number, column_number)] = (value, getattr(cell, "data_type", "s"))
    return grid


_MISSING = object()


def _value(column: Column, raw: Any, data_type: str, sheet: str, cell: str, path: FieldPath,
           problems: list[Problem]) -> Any:
    """The cell's value as the model wants it, or _MISSING (with a Problem when the cell is wrong)."""
    from docpipe.sources import format_field_path

    def refuse(message: str) -> Any:
        problems.append(Problem(sheet, cell, format_field_path(path), message))
        return _MISSING

    shown = f'"{raw}"' if isinstance(raw, str) else repr(raw)
    if data_type == "f":
        return refuse(_("{value} is a formula; type the value itself").format(value=shown))
    kind = column.kind
    if kind == "date":
        if isinstance(raw, dt.datetime):
            return raw.date()
        if isinstance(raw, dt.date):
            return raw
        if isinstance(raw, str):
            try:
                return dt.date.fromisoformat(raw.strip())
            except ValueError:
                pass
        return refuse(_("{value} is not a date; type a date in the cell, e.g. 22-11-2026 (Excel then shows it as a "
                        "date)").format(value=shown))
    if kind == "enum":
        key = enum_key(column, str(raw)) if isinstance(raw, str) else None
        if key is None:
            return refuse(_("{value} is not one of the choices; choose one of: {choices}").format(
                value=shown, choices=", ".join(column.labels.values())))
        return key
    if kind in ("bool", "none"):
        answer = _yes_or_no(raw)
        if answer is None:
            return refuse(_("{value} is not Ja or Nej").format(value=shown))
        if kind == "none":  # Ja: the list is empty; Nej: as if the cell were empty
            return [] if answer else _MISSING
        return answer
    if kind == "ids":
        text = raw if isinstance(raw, str) else str(raw)
        return [line.strip() for line in text.splitlines() if line.strip()]
    if isinstance(raw, dt.datetime):
        return raw.date().isoformat() if kind not in ("score", "days", "decimal") else raw
    if isinstance(raw, float):
        if kind == "decimal":
            return Decimal(repr(raw))
        return int(raw) if raw.is_integer() else raw
    return raw


def _yes_or_no(raw: Any) -> bool | None:
    if isinstance(raw, bool):
        return raw
    word = str(raw).strip().casefold()
    if word in ("ja", "true", "sand", "x", "1"):
        return True
    if word in ("nej", "false", "falsk", "0"):
        return False
    return None


def _read_key_value(spec: KeyValueSheet, grid: Grid, part: _Part, problems: list[Problem]) -> None:
    by_key = key_value_columns(spec.part)
    rows = sorted({row for row, column in grid if column == 4 and row >= KV_FIRST_ROW})
    counts: dict[tuple[str, ...], int] = {}
    for row in rows:
        column = by_key.get(str(grid[(row, 4)][0]))
        if column is None:
            continue
        cell = f"B{row}"
        path: FieldPath = column.path
        if column.many:
            index = counts.get(column.path, 0)
            part.locate(path, spec.title, cell)
            path = (*column.path, index)
        else:
            part.locate(path, spec.title, cell)
        if (row, 2) not in grid:
            continue
        raw, data_type = grid[(row, 2)]
        value = _value(column, raw, data_type, spec.title, cell, path, problems)
        if value is _MISSING:
            continue
        container = part.container(column.path[:-1])
        if column.many:
            counts[column.path] = counts.get(column.path, 0) + 1
            container.setdefault(column.path[-1], []).append(value)
            part.locate(path, spec.title, cell)
        else:
            container[column.path[-1]] = value


def _row_values(columns: tuple[Column, ...], offset: int, grid: Grid, row: int, sheet: str, base: FieldPath,
                problems: list[Problem]) -> tuple[dict[str, Any], dict[FieldPath, str], bool]:
    """One row's values under ``base``, the cell of each field, and whether any cell was filled."""
    item: dict[str, Any] = {}
    cells: dict[FieldPath, str] = {}
    filled = False
    for index, column in enumerate(columns, start=offset + 1):
        cell = f"{get_column_letter(index)}{row}"
        path = (*base, column.path[0])
        cells[path] = cell
        if (row, index) not in grid:
            continue
        filled = True
        raw, data_type = grid[(row, index)]
        value = _value(column, raw, data_type, sheet, cell, path, problems)
        if value is not _MISSING:
            item[column.path[0]] = value
    return item, cells, filled


def _data_rows(grid: Grid) -> list[int]:
    return sorted({row for row, _column in grid if row >= FIRST_ROW})


def _read_table(spec: TableSheet, grid: Grid, part: _Part, problems: list[Problem]) -> None:
    items: list[dict[str, Any]] = []
    for row in _data_rows(grid):
        base: FieldPath = (*spec.list_path, len(items))
        item, cells, filled = _row_values(spec.columns, 0, grid, row, spec.title, base, problems)
        if not filled:
            continue
        items.append(item)
        part.locate(base, spec.title, f"A{row}")
        for path, cell in cells.items():
            part.locate(path, spec.title, cell)
    if items or spec.part == "actors":
        container = part.container(spec.list_path[:-1])
        if spec.list_path in EMPTY_LIST_PATHS and container.get(spec.list_path[-1]) == []:
            _refuse_empty_and_listed(spec, part, problems)
        container[spec.list_path[-1]] = items
    if spec.list_path == ("budget", "lines") and "budget" in part.data:
        part.locate(("budget",), spec.title, f"A{FIRST_ROW}")


def _refuse_empty_and_listed(spec: TableSheet, part: _Part, problems: list[Problem]) -> None:
    """A Ja/Nej cell said the list is empty, yet its sheet lists items: which one is meant is the
    user's to say, so neither wins silently."""
    from docpipe.sources import format_field_path

    path: FieldPath = spec.list_path
    problems.append(Problem(part.origins.get(path, part.sheet), part.cells.get(path), format_field_path(path),
                            _('says there are none (Ja), but the sheet "{sheet}" lists some; clear this cell '
                              "or those rows").format(sheet=spec.title)))


def _read_planning(grid: Grid, part: _Part, problems: list[Problem]) -> None:
    sheet = PLANNING.title
    phases: list[dict[str, Any]] = part.data["phases"]
    activity_columns = PLANNING.columns[len(PHASE_COLUMNS):]
    for row in _data_rows(grid):
        phase_base: FieldPath = ("phases", len(phases))
        phase, phase_cells, phase_filled = _row_values(PHASE_COLUMNS, 0, grid, row, sheet, phase_base, problems)
        same = phases and phase_filled and set(phase) == {"id"} and phase["id"] == phases[-1].get("id")
        if (phase_filled and not same) or not phases:
            if not phase_filled and not any((row, column) in grid for column in range(1, len(PLANNING.columns) + 1)):
                continue
            phase["activities"] = []
            phases.append(phase)
            part.locate(phase_base, sheet, f"A{row}")
            for path, cell in phase_cells.items():
                part.locate(path, sheet, cell)
        index = len(phases) - 1
        activities: list[dict[str, Any]] = phases[index]["activities"]
        base: FieldPath = ("phases", index, "activities", len(activities))
        activity, cells, filled = _row_values(activity_columns, len(PHASE_COLUMNS), grid, row, sheet, base, problems)
        if not filled:
            continue
        activities.append(activity)
        part.locate(base, sheet, f"{get_column_letter(len(PHASE_COLUMNS) + 1)}{row}")
        for path, cell in cells.items():
            part.locate(path, sheet, cell)
