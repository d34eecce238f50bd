"""The implementation plan as a workbook: a filterable plan, a week-by-week Gantt chart, the milestones.

The template (templates/xlsx/implementeringsplan.xlsx, made by ``python -m tools.templates.xlsx``)
holds everything that is the same for every case: sheets, header rows, column widths, the named cell
styles, frozen panes, print setup and the status drop-down. ``fill`` only writes the case's rows and
puts the template's named styles on them, so restyling the template restyles every workbook.

The layout constants here are read by the template script too, so the two cannot drift apart.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TypeVar

from babel.dates import format_date

from docpipe import danish
from docpipe.deliverables.sheet_layout import (
    CENTRED_STYLE,
    DATE_STYLE,
    Column,
    fit_height,
    set_page_header,
    write_table,
)
from docpipe.model import Activity, Case, Phase
from docpipe.model.identity import activity_numbers, case_identity
from docpipe.sheet.fill import BookFill, CellValue, SheetFill

PLAN_SHEET = "Plan"
GANTT_SHEET = "Gantt"
MILESTONE_SHEET = "Milepæle"

# Named cell styles of this template only; the shared ones are in sheets.py.
GANTT_YEAR_STYLE = "Gantt år"
GANTT_MONTH_STYLE = "Gantt måned"
GANTT_WEEK_STYLE = "Gantt uge"
GANTT_PHASE_STYLE = "Gantt fase"
GANTT_PHASE_BAR_STYLE = "Gantt fasebjælke"
GANTT_ACTIVITY_STYLE = "Gantt aktivitet"
GANTT_EMPTY_STYLE = "Gantt tom uge"
GANTT_MILESTONE_STYLE = "Gantt milepæl"
GANTT_LEGEND_STYLE = "Gantt forklaring"
# One bar colour per activity status, so late and finished work stand out.
GANTT_BAR_STYLES = {
    "planned": "Gantt planlagt",
    "in_progress": "Gantt i gang",
    "done": "Gantt afsluttet",
    "late": "Gantt forsinket",
}

PHASE_LEGEND = "Fase"
LEGEND_NOTE = "Status står også som tekst."
MILESTONE_MARK = "◆"
MILESTONE_YES = "Ja"


T = TypeVar("T")


PLAN_COLUMNS = (
    Column("Nr.", 6, CENTRED_STYLE),
    Column("Fase", 18),
    Column("Aktivitet", 30),
    Column("Ansvarlig", 17),
    Column("Organisation", 17),
    Column("Deltagere", 28),
    Column("Start", 10.5, DATE_STYLE),
    Column("Slut", 10.5, DATE_STYLE),
    Column("Uger", 12),
    Column("Afhænger af", 18),
    Column("Leverance", 30),
    Column("Milepæl", 8.5, CENTRED_STYLE),
    Column("Status", 11, CENTRED_STYLE),
    Column("Faktisk slut", 10.5, DATE_STYLE),
    Column("Kommentar", 30),
    Column("Intern id", 17),
)
MILESTONE_COLUMNS = (
    Column("Milepæl", 46),
    Column("Dato", 14, DATE_STYLE),
    Column("Fase", 30),
    Column("Ansvarlig", 24),
    Column("Status", 12, CENTRED_STYLE),
)
STATUS_COLUMN = "Status"
ACTUAL_END_COLUMN = "Faktisk slut"
COMMENT_COLUMN = "Kommentar"
NUMBER_COLUMN = "Nr."
ID_COLUMN = "Intern id"
"""Hidden in the template: the activity's id in planning.yaml, which ``docpipe status import`` reads back
(the number a reader sees changes when an activity is added; the id does not)."""
CASE_NAME = "docpipe_sag"
"""A hidden defined name holding ``case_identity``: which case (and which plan) the workbook was made from."""

# The Gantt sheet: three header rows (year, month, week) above one row per phase and activity. The
# status is written as text too, so the chart does not speak by colour alone.
GANTT_COLUMNS = (Column("Fase og aktivitet", 34, GANTT_ACTIVITY_STYLE), Column("Ansvarlig", 18, GANTT_ACTIVITY_STYLE),
                 Column("Status", 9, GANTT_ACTIVITY_STYLE))
GANTT_YEAR_ROW, GANTT_MONTH_ROW, GANTT_WEEK_ROW = 1, 2, 3
GANTT_FIRST_ROW = 4
GANTT_FIRST_WEEK_COLUMN = len(GANTT_COLUMNS) + 1
GANTT_WEEK_WIDTH = 2.8  # a 7 pt week label turned upright fits; 24 weeks a printed page
SHORT_MONTH_WEEKS = 2  # a month band this narrow shows "okt." instead of "oktober"


def fill(workbook: BookFill, case: Case) -> None:
    """Write the plan, the Gantt chart and the milestones of ``case`` into the template's sheets."""
    _fill_plan(workbook[PLAN_SHEET], case)
    _fill_gantt(workbook[GANTT_SHEET], case)
    _fill_milestones(workbook[MILESTONE_SHEET], case)
    workbook.set_name(CASE_NAME, case_identity(case))
    for sheet in workbook.worksheets:
        set_page_header(sheet, case)


def _fill_plan(sheet: SheetFill, case: Case) -> None:
    numbers = activity_numbers(case)
    rows = [_plan_row(case, phase, activity, numbers)
            for phase in case.planning.phases for activity in phase.activities]
    write_table(sheet, PLAN_COLUMNS, rows)


def _plan_row(case: Case, phase: Phase, activity: Activity, numbers: dict[str, str]) -> list[CellValue]:
    owner = case.actor(activity.owner)
    return [
        numbers[activity.id],
        phase.name,
        activity.title,
        owner.name,
        owner.organisation,
        ", ".join(case.actor(actor_id).name for actor_id in activity.participants),
        activity.start,
        activity.end,
        danish.week_span(activity.start, activity.end),
        ", ".join(numbers[other] for other in activity.depends_on),
        activity.deliverable or "",
        MILESTONE_YES if activity.milestone else "",
        danish.ACTIVITY_STATUS[activity.status],
        activity.actual_end,
        activity.comment or "",
        activity.id,
    ]


def _fill_milestones(sheet: SheetFill, case: Case) -> None:
    rows: list[list[CellValue]] = [
        [activity.title, activity.end, phase.name, case.actor(activity.owner).name,
         danish.ACTIVITY_STATUS[activity.status]]
        for phase in case.planning.phases for activity in phase.activities if activity.milestone
    ]
    write_table(sheet, MILESTONE_COLUMNS, rows)


# --- Gantt ---------------------------------------------------------------------------------------

def _fill_gantt(sheet: SheetFill, case: Case) -> None:
    phases = case.planning.phases
    if not phases:
        return
    weeks = plan_weeks(min(phase.start for phase in phases), max(phase.end for phase in phases))
    _week_header(sheet, weeks)
    row = GANTT_FIRST_ROW
    for phase in phases:
        _gantt_line(sheet, row, [phase.name, "", ""], GANTT_PHASE_STYLE, weeks,
                    _covered(weeks, phase.start, phase.end), GANTT_PHASE_BAR_STYLE)
        sheet.merge(row, 1, row, len(GANTT_COLUMNS))
        row += 1
        for activity in phase.activities:
            texts = [activity.title, case.actor(activity.owner).name, danish.ACTIVITY_STATUS[activity.status]]
            _gantt_line(sheet, row, texts, GANTT_ACTIVITY_STYLE, weeks,
                        _covered(weeks, activity.start, activity.end), GANTT_BAR_STYLES[activity.status])
            if activity.milestone:
                _mark_milestone(sheet, row, _week_index(weeks, activity.end))
            widths = (spec.width for spec in GANTT_COLUMNS)
            sheet.set_row_height(row, fit_height(zip(texts, widths, strict=True)))
            row += 1
    _legend(sheet, row)


def plan_weeks(start: dt.date, end: dt.date) -> list[dt.date]:
    """The Monday of every ISO week from the week of ``start`` to the week of ``end``."""
    first = start - dt.timedelta(days=start.weekday())
    count = (end - first).days // 7 + 1
    return [first + dt.timedelta(weeks=index) for index in range(count)]


def _week_index(weeks: Sequence[dt.date], day: dt.date) -> int:
    return (day - weeks[0]).days // 7


def _covered(weeks: Sequence[dt.date], start: dt.date, end: dt.date) -> range:
    return range(_week_index(weeks, start), _week_index(weeks, end) + 1)


def _week_header(sheet: SheetFill, weeks: Sequence[dt.date]) -> None:
    """"uge N" over every week column, with the (ISO) year and the month as merged bands above."""
    width = sheet.column_width(GANTT_FIRST_WEEK_COLUMN) or GANTT_WEEK_WIDTH
    for index, monday in enumerate(weeks):
        column = GANTT_FIRST_WEEK_COLUMN + index
        sheet.set_column_width(column, width)
        sheet.put(GANTT_WEEK_ROW, column, danish.week(monday), GANTT_WEEK_STYLE)
    # A week belongs to the year and month of its Thursday, as the ISO calendar counts it.
    thursdays = [monday + dt.timedelta(days=3) for monday in weeks]
    for first, last, year in _runs([day.isocalendar().year for day in thursdays]):
        _band(sheet, GANTT_YEAR_ROW, first, last, str(year), GANTT_YEAR_STYLE)
    for first, last, month in _runs([day.replace(day=1) for day in thursdays]):
        pattern = "MMM" if last - first < SHORT_MONTH_WEEKS else "MMMM"
        label = str(format_date(month, format=pattern, locale=danish.LOCALE))
        _band(sheet, GANTT_MONTH_ROW, first, last, label, GANTT_MONTH_STYLE)


def _runs(keys: Sequence[T]) -> list[tuple[int, int, T]]:
    """(first index, last index, key) of every run of equal consecutive ``keys``."""
    runs: list[tuple[int, int, T]] = []
    for index, key in enumerate(keys):
        if runs and runs[-1][2] == key:
            runs[-1] = (runs[-1][0], index, key)
        else:
            runs.append((index, index, key))
    return runs


def _band(sheet: SheetFill, row: int, first: int, last: int, label: str, style: str) -> None:
    """One merged, labelled header cell over the week columns ``first``..``last`` (0-based)."""
    start, end = GANTT_FIRST_WEEK_COLUMN + first, GANTT_FIRST_WEEK_COLUMN + last
    for column in range(start + 1, end + 1):
        sheet.style(row, column, style)
    sheet.put(row, start, label, style)
    if end > start:
        sheet.merge(row, start, row, end)


def _gantt_line(sheet: SheetFill, row: int, texts: Sequence[str], text_style: str, weeks: Sequence[dt.date],
                covered: range, bar_style: str) -> None:
    """One chart row: its names, then every week cell, coloured where ``covered``."""
    for column, text in enumerate(texts, start=1):
        sheet.put(row, column, text, text_style)
    for index in range(len(weeks)):
        style = bar_style if index in covered else GANTT_EMPTY_STYLE
        sheet.style(row, GANTT_FIRST_WEEK_COLUMN + index, style)


def _mark_milestone(sheet: SheetFill, row: int, index: int) -> None:
    sheet.put(row, GANTT_FIRST_WEEK_COLUMN + index, MILESTONE_MARK, GANTT_MILESTONE_STYLE)


def _legend(sheet: SheetFill, row: int) -> None:
    """What the colours mean, under the names: every bar's colour labelled in it. In the name
    columns, which print on every page across, and three rows short, so the key rarely needs a page."""
    entries = [(GANTT_PHASE_BAR_STYLE, PHASE_LEGEND),
               *((style, danish.ACTIVITY_STATUS[status]) for status, style in GANTT_BAR_STYLES.items()),
               (GANTT_MILESTONE_STYLE, f"{MILESTONE_MARK} Milepæl")]
    sheet.put(row, 1, "Forklaring", GANTT_PHASE_STYLE)
    sheet.put(row + 1, 1, LEGEND_NOTE, GANTT_LEGEND_STYLE)
    for index, (style, label) in enumerate(entries):
        sheet.put(row + index // 2, 2 + index % 2, label, style)
