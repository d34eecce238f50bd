"""Reading the Plan sheet a project leader kept up to date: one status update per activity row.

Rows are matched by the hidden "Intern id" column, never by position or number, so a sorted or
filtered sheet reads back the same. Every bad cell is reported (sheet, cell, column), not only the first.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from docpipe import danish
from docpipe.deliverables import implementeringsplan_xlsx as plan
from docpipe.errors import DocpipeError, Problem
from docpipe.i18n import _
from docpipe.model.planning import ActivityStatus

STATUS_BY_LABEL = {label.casefold(): cast(ActivityStatus, status) for status, label in danish.ACTIVITY_STATUS.items()}
DATE_FORMATS = ("%d.%m.%Y", "%d-%m-%Y", "%Y-%m-%d", "%d/%m/%Y")
READ_COLUMNS = (plan.ID_COLUMN, plan.STATUS_COLUMN, plan.ACTUAL_END_COLUMN, plan.COMMENT_COLUMN)


@dataclass(frozen=True)
class Update:
    """What one row of the sheet says about its activity."""

    activity_id: str
    status: ActivityStatus
    actual_end: dt.date | None
    comment: str | None


class WorkbookRefused(DocpipeError):
    """The workbook cannot be read back into this case at all (another case's, not docpipe's plan)."""


def open_plan(path: Path) -> tuple[Workbook, Worksheet]:
    """The workbook and its Plan sheet; refuses a file that is not a docpipe plan workbook."""
    try:
        book = load_workbook(path, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a file that is no workbook
        raise WorkbookRefused(_("{file} is not an Excel workbook (.xlsx): {reason}").format(
            file=path.name, reason=error)) from error
    if plan.PLAN_SHEET not in book.sheetnames:
        raise WorkbookRefused(_("{file} has no sheet {sheet}; is it the implementeringsplan.xlsx docpipe made?")
                              .format(file=path.name, sheet=plan.PLAN_SHEET))
    return book, book[plan.PLAN_SHEET]


def identity_of(book: Workbook) -> str | None:
    """The case identity the workbook was made with (its hidden name), or None."""
    if plan.CASE_NAME not in book.defined_names:
        return None
    text = str(book.defined_names[plan.CASE_NAME].attr_text or "")
    return text[1:-1].replace('""', '"') if len(text) >= 2 and text[0] == text[-1] == '"' else None


def read_updates(sheet: Worksheet, path: Path) -> tuple[list[Update], list[Problem]]:
    """Every activity row's update, and a Problem for every cell that cannot be read."""
    headers = {str(cell.value).strip(): cell.column for cell in sheet[1] if cell.value is not None}
    missing = [header for header in READ_COLUMNS if header not in headers]
    if missing:
        raise WorkbookRefused(_("{file}: the sheet {sheet} lacks the columns {columns}; render the workbook again "
                                "with this version of docpipe").format(file=path.name, sheet=plan.PLAN_SHEET,
                                                                      columns=", ".join(missing)))
    updates: list[Update] = []
    problems: list[Problem] = []
    for row in range(2, sheet.max_row + 1):
        activity_id = sheet.cell(row, headers[plan.ID_COLUMN]).value
        if activity_id is None or not str(activity_id).strip():
            continue
        cells = {header: sheet.cell(row, headers[header]).value for header in READ_COLUMNS}
        place = {header: f"{get_column_letter(headers[header])}{row}" for header in READ_COLUMNS}
        status = _status(cells[plan.STATUS_COLUMN], place[plan.STATUS_COLUMN], problems)
        readable, actual_end = _date(cells[plan.ACTUAL_END_COLUMN], place[plan.ACTUAL_END_COLUMN], problems)
        comment = cells[plan.COMMENT_COLUMN]
        if status is not None and readable:
            updates.append(Update(str(activity_id).strip(), status, actual_end,
                                  str(comment).strip() or None if comment is not None else None))
    return updates, problems


def _status(value: object, cell: str, problems: list[Problem]) -> ActivityStatus | None:
    """The status a label means; an empty cell is Planlagt, as in the intake workbook."""
    if value is None or not str(value).strip():
        return "planned"
    status = STATUS_BY_LABEL.get(str(value).strip().casefold())
    if status is None:
        allowed = ", ".join(danish.ACTIVITY_STATUS.values())
        problems.append(Problem(plan.PLAN_SHEET, cell, plan.STATUS_COLUMN, _(
            '"{value}" is not a status; allowed: {allowed}').format(value=value, allowed=allowed)))
    return status


def _date(value: object, cell: str, problems: list[Problem]) -> tuple[bool, dt.date | None]:
    """(readable, the date in the cell): a real date, text such as 15.03.2026, or empty (None)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return True, None
    if isinstance(value, dt.datetime):
        return True, value.date()
    if isinstance(value, dt.date):
        return True, value
    for pattern in DATE_FORMATS:
        try:
            return True, dt.datetime.strptime(str(value).strip(), pattern).date()
        except ValueError:
            continue
    problems.append(Problem(plan.PLAN_SHEET, cell, plan.ACTUAL_END_COLUMN, _(
        '"{value}" is not a date; write it as a date, e.g. 15.03.2026').format(value=value)))
    return False, None
