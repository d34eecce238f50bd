"""Writing the intake workbook: blank, or filled with an existing case (``docpipe intake new/export``)."""

from __future__ import annotations

import base64
import datetime as dt
import io
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from docpipe.model import Case
from docpipe.ooxml.app import APP_PART, APP_XML
from docpipe.ooxml.package import DocumentProperties, normalise_package
from docpipe.output.write import write_atomically
from docpipe.sheet.styles import STYLES_PART, fonts_in_schema_order
from docpipe.sources.workbook_layout import (
    ACTOR_RANGE,
    ACTORS,
    BOOL_LABELS,
    DATE_FORMAT,
    FIRST_ROW,
    HEADER_ROW,
    HELP_ROW,
    INSTRUCTION_LINES,
    INSTRUCTIONS,
    KEY_VALUE_SHEETS,
    KV_FIRST_ROW,
    LOGO_SHEET,
    PHASE_COLUMNS,
    PLANNING,
    SHEET_ORDER,
    TABLE_SHEETS,
    TITLE_ROW,
    Column,
    KeyValueSheet,
    TableSheet,
    enum_label,
)

BLANK_LIST_ROWS = 10
BLANK_TABLE_ROWS = 100
SPARE_ROWS = 50
LOGO_CHUNK = 32_000
_HEADER = Font(bold=True)
_HELP = Font(italic=True, color="666666")
_TITLE = Font(bold=True, size=14)
_INPUT = PatternFill("solid", fgColor="FFF9E5")
_UNLOCKED = Protection(locked=False)
_WRAP = Alignment(wrap_text=True, vertical="top")


BLANK_DATE = dt.date(2026, 1, 1)  # a blank workbook's properties carry no clock time


def blank_workbook(path: str | Path) -> None:
    """Write the empty Danish intake workbook to ``path``."""
    write_atomically(Path(path), workbook_bytes(None))


def export_case(case: Case, path: str | Path) -> None:
    """Write ``case`` into the intake workbook layout at ``path`` (read back by ``load_case``)."""
    write_atomically(Path(path), workbook_bytes(case))


def workbook_bytes(case: Case | None) -> bytes:
    """The workbook's bytes, the same for the same case (fixed zip times and properties), so an
    exported workbook can be compared, versioned and downloaded twice without differing."""
    buffer = io.BytesIO()
    _build(case).save(buffer)
    if case is None:
        properties = DocumentProperties(title="docpipe indtastning", author="docpipe", date=BLANK_DATE)
    else:
        properties = DocumentProperties(title=f"Indtastning: {case.initiative.title}", author=case.organisation.name,
                                        date=case.initiative.date)
    return normalise_package(buffer.getvalue(), properties, {STYLES_PART: fonts_in_schema_order,
                                                             APP_PART: lambda _openpyxls: APP_XML})


def _build(case: Case | None) -> Workbook:
    book = Workbook()
    intro = book.active
    assert intro is not None
    intro.title = INSTRUCTIONS
    for row, line in enumerate(INSTRUCTION_LINES, start=1):
        intro.cell(row, 1, line).alignment = _WRAP
    intro["A1"].font = _TITLE
    intro.column_dimensions["A"].width = 120
    intro.protection.sheet = True
    data = _case_data(case)
    actor_rows = len(data["actors"]["actors"]) + SPARE_ROWS if case else BLANK_TABLE_ROWS
    book.defined_names[ACTOR_RANGE] = DefinedName(
        ACTOR_RANGE, attr_text=f"{quote_sheetname(ACTORS.title)}!$A${FIRST_ROW}:$A${FIRST_ROW + actor_rows - 1}")
    sheets: dict[str, KeyValueSheet | TableSheet] = {s.title: s for s in (*KEY_VALUE_SHEETS, *TABLE_SHEETS)}
    for title in SHEET_ORDER:
        spec = sheets[title]
        sheet = book.create_sheet(title)
        if isinstance(spec, KeyValueSheet):
            _key_value(sheet, spec, data[spec.part] if case else None)
        else:
            _table(sheet, spec, _items(spec, data) if case else None)
    if case is not None and case.logo is not None:
        hidden = book.create_sheet(LOGO_SHEET)
        hidden.sheet_state = "veryHidden"
        text = base64.b64encode(case.logo).decode("ascii")
        for row, start in enumerate(range(0, len(text), LOGO_CHUNK), start=1):
            hidden.cell(row, 1, text[start:start + LOGO_CHUNK])
        hidden.protection.sheet = True
    return book


def _case_data(case: Case | None) -> dict[str, Any]:
    if case is None:
        return {"organisation": {}, "initiative": {}, "actors": {"actors": []}, "planning": {"phases": []}}
    return {
        "organisation": case.organisation.model_dump(exclude_none=True),
        "initiative": case.initiative.model_dump(exclude_none=True),
        "actors": {"actors": [actor.model_dump(exclude_none=True) for actor in case.actors]},
        "planning": case.planning.model_dump(exclude_none=True),
    }


def _get(data: Any, path: tuple[str, ...]) -> Any:
    for key in path:
        if not isinstance(data, dict) or key not in data:
            return None
        data = data[key]
    return data


def _items(spec: TableSheet, data: dict[str, Any]) -> list[dict[str, Any]]:
    items = _get(data[spec.part], spec.list_path) or []
    if spec is not PLANNING:
        return list(items)
    rows: list[dict[str, Any]] = []
    for phase in items:
        activities = phase.get("activities") or [{}]
        for index, activity in enumerate(activities):
            row = {f"phase.{key}": phase[key] for key in ("id", "name", "start", "end")} if index == 0 else {}
            row.update(activity)
            rows.append(row)
    return rows


def _key_value(sheet: Worksheet, spec: KeyValueSheet, data: dict[str, Any] | None) -> None:
    sheet.cell(TITLE_ROW, 1, f"{spec.title}: {spec.intro}").font = _TITLE
    for column, header in enumerate(("Felt", "Værdi", "Hjælp"), start=1):
        sheet.cell(HEADER_ROW, column, header).font = _HEADER
    row = KV_FIRST_ROW
    for field in spec.rows:
        value = _get(data, field.path) if data is not None else None
        values: list[Any] = ([*(value or []), *([None] * (3 if data is not None else BLANK_LIST_ROWS))]
                             if field.many else [value])
        for number, item in enumerate(values, start=1):
            label = f"{field.label} {number}" if field.many else field.label
            sheet.cell(row, 1, label).font = _HEADER
            cell = sheet.cell(row, 2)
            _put(cell, field, item)
            _input_cell(cell)
            _validate(sheet, field, cell.coordinate)
            sheet.cell(row, 3, field.help).font = _HELP
            sheet.cell(row, 4, ".".join(field.path))
            row += 1
    sheet.column_dimensions["A"].width = 36  # "Arbejdsgruppe: forretningsorden vedtaget"
    sheet.column_dimensions["B"].width = 70
    sheet.column_dimensions["C"].width = 60
    sheet.column_dimensions["D"].hidden = True
    sheet.freeze_panes = f"A{KV_FIRST_ROW}"
    _protect(sheet)


def _table(sheet: Worksheet, spec: TableSheet, items: list[dict[str, Any]] | None) -> None:
    sheet.cell(TITLE_ROW, 1, f"{spec.title}: {spec.intro}").font = _TITLE
    count = len(items) + SPARE_ROWS if items is not None else BLANK_TABLE_ROWS
    last = FIRST_ROW + count - 1
    for index, field in enumerate(spec.columns, start=1):
        letter = get_column_letter(index)
        sheet.cell(HEADER_ROW, index, field.label).font = _HEADER
        help_cell = sheet.cell(HELP_ROW, index, field.help)
        help_cell.font, help_cell.alignment = _HELP, _WRAP
        sheet.column_dimensions[letter].width = 14 if field.kind in ("date", "score", "bool", "decimal") else 28
        key = f"phase.{field.path[0]}" if spec is PLANNING and field in PHASE_COLUMNS else field.path[0]
        for row in range(FIRST_ROW, last + 1):
            cell = sheet.cell(row, index)
            item = items[row - FIRST_ROW] if items is not None and row - FIRST_ROW < len(items) else {}
            _put(cell, field, item.get(key))
            _input_cell(cell)
        _validate(sheet, field, f"{letter}{FIRST_ROW}:{letter}{last}")
    sheet.freeze_panes = f"A{FIRST_ROW}"
    _protect(sheet)


def _put(cell: Cell, field: Column, value: Any) -> None:
    if field.kind == "date":
        cell.number_format = DATE_FORMAT
    elif field.kind == "decimal":
        cell.number_format = "#,##0.00"
    elif field.kind not in ("score", "days", "int"):
        cell.number_format = "@"  # text stays text: a code of "0260" keeps its zero
    if value is None:
        return
    if field.kind == "enum":
        value = enum_label(field, str(value))
    elif field.kind == "bool":
        value = BOOL_LABELS[bool(value)]
    elif field.kind == "none":  # Ja only for an empty list; the items themselves are on a table sheet
        if value != []:
            return
        value = BOOL_LABELS[True]
    elif field.kind == "ids":
        value = "\n".join(value) if value else None
    elif isinstance(value, Decimal):
        value = int(value) if value == value.to_integral_value() else value
    elif not isinstance(value, (dt.date, int, float, Decimal, str)):
        value = str(value)
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"  # never a formula, whatever the text starts with (OWASP formula injection)


def _input_cell(cell: Cell) -> None:
    cell.protection = _UNLOCKED
    cell.fill = _INPUT
    cell.alignment = _WRAP


def _validate(sheet: Worksheet, field: Column, cells: str) -> None:
    rule: DataValidation | None = None
    if field.kind == "enum":
        rule = DataValidation("list", formula1='"' + ",".join(field.labels.values()) + '"')
        rule.error = "Vælg en værdi fra listen: " + ", ".join(field.labels.values())
    elif field.kind in ("bool", "none"):
        rule = DataValidation("list", formula1='"Ja,Nej"')
    elif field.kind == "actor":
        rule = DataValidation("list", formula1=f"={ACTOR_RANGE}")
        rule.error = "Vælg en aktør fra arket Aktører (kolonne Id)."
    elif field.kind == "date":
        rule = DataValidation("date", operator="between", formula1="1", formula2="2958465")
        rule.error = "Skriv en dato, fx 22-11-2026."
    elif field.kind in ("score", "days", "int"):
        low, high = (1, 5) if field.kind == "score" else (0, 365)
        rule = DataValidation("whole", operator="between", formula1=str(low), formula2=str(high))
        rule.error = f"Skriv et helt tal fra {low} til {high}."
    elif field.kind == "decimal":
        rule = DataValidation("decimal", operator="greaterThanOrEqual", formula1="0")
        rule.error = "Skriv et beløb i kroner (et tal, mindst 0)."
    if rule is None:
        return
    rule.allow_blank = True
    rule.showErrorMessage = True
    rule.errorTitle = field.label
    rule.promptTitle, rule.prompt = field.label[:32], field.help[:255]
    rule.showInputMessage = True
    sheet.add_data_validation(rule)
    rule.add(cells)


def _protect(sheet: Worksheet) -> None:
    """Protected without a password: headers and labels are locked, the data cells are not."""
    sheet.protection.sheet = True
    sheet.protection.formatColumns = False
    sheet.protection.formatRows = False
    sheet.protection.autoFilter = False
    sheet.protection.sort = False
