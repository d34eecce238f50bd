"""Writes the shipped Excel templates: ``python -m tools.templates.xlsx``.

templates/xlsx/implementeringsplan.xlsx and templates/xlsx/aktoeroverblik.xlsx hold everything that
is the same for every case: the sheets, styled and frozen header rows, column widths, the named cell
styles the deliverables put on their rows, drop-down lists, the interest/influence grid's frame and
the print setup. The layout constants come from the deliverable modules, so a template and the code
that fills it cannot disagree. After that they are ordinary workbooks a user may restyle in Excel.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.utils.indexed_list import IndexedList
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from docpipe import danish
from docpipe.deliverables import aktoeroverblik as actors
from docpipe.deliverables import implementeringsplan_xlsx as plan
from docpipe.deliverables import sheet_layout as sheets
from docpipe.deliverables.sheet_layout import Column
from docpipe.ooxml.package import DocumentProperties, normalise_package
from tools.templates.house import FONT, HEADER_FILL, ZEBRA_FILL

OUT_DIR = Path("templates/xlsx")
TEMPLATE_DATE = dt.date(2026, 1, 1)
WHITE = "FFFFFF"
GRID = "BFC9D6"
LIGHT_GRID = "E3E7ED"
MUTED = "595959"
BASE_SIZE = 10
TABLE_SIZE = 9
DATE_FORMAT = r"dd\.mm\.yyyy"
LONG_DATE_FORMAT = "[$-406]d. mmmm yyyy"
STATUS_FILLS = {  # conditional colours of the Status column, by Danish label
    "Forsinket": ("F8D7D7", "9C0006"),
    "Afsluttet": ("E2EFDA", "375623"),
    "I gang": ("DDEBF7", "1F3A5F"),
}
BAR_FILLS = {"planned": "9DC3E6", "in_progress": "2E75B6", "done": "70AD47", "late": "C00000"}
# The phase bar is a neutral dark grey, not the organisation's colour: an accent blue looked like "I
# gang", a green like "Afsluttet", a dark red like "Forsinket" (tests/deliverables/test_xlsx_print.py).
PHASE_BAR = "595959"
BAR_TEXT = {"planned": "000000", "in_progress": WHITE, "done": "000000", "late": WHITE}  # the legend's labels
# white bold 11 pt labels on them: every fill reaches WCAG AA's 4.5:1 with white (5B9BD5 and 8497B0,
# 3:1, were darkened in their own hue by branding.readable_accent)
QUADRANT_FILLS = {(True, True): HEADER_FILL, (False, True): "2E75B6", (True, False): "487AA8",
                  (False, False): "68778B"}


def main() -> None:
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    for name, kind, build in (("implementeringsplan.xlsx", "Implementeringsplan", build_plan),
                              ("aktoeroverblik.xlsx", "Aktøroverblik", build_actors)):
        target = OUT_DIR / name
        buffer = io.BytesIO()
        build().save(buffer)
        # Fixed times and properties: regenerating an unchanged template gives the same bytes.
        properties = DocumentProperties(title=f"Skabelon: {kind}", author="docpipe", date=TEMPLATE_DATE,
                                        subject=kind)
        target.write_bytes(normalise_package(buffer.getvalue(), properties))
        print(f"wrote {target}")


# --- Workbooks -----------------------------------------------------------------------------------

def build_plan() -> Workbook:
    workbook = _new_workbook()
    status_list = _list_validation(danish.ACTIVITY_STATUS.values(), plan.STATUS_COLUMN,
                                   "Vælg en af de fire statusværdier.")
    validations = {plan.STATUS_COLUMN: status_list, plan.ACTUAL_END_COLUMN: _date_validation(plan.ACTUAL_END_COLUMN)}
    plan_sheet = _table_sheet(workbook, plan.PLAN_SHEET, plan.PLAN_COLUMNS, validations)
    _status_colours(plan_sheet, plan.PLAN_COLUMNS)
    # The activity ids docpipe status import matches rows by: kept, but out of the reader's way.
    id_letter = get_column_letter([column.header for column in plan.PLAN_COLUMNS].index(plan.ID_COLUMN) + 1)
    plan_sheet.column_dimensions[id_letter].hidden = True
    # Which case the workbook is from; each workbook gets its case's value (see model/identity.py).
    workbook.defined_names[plan.CASE_NAME] = DefinedName(plan.CASE_NAME, attr_text='""', hidden=True)
    _gantt_sheet(workbook)
    milestones = _table_sheet(workbook, plan.MILESTONE_SHEET, plan.MILESTONE_COLUMNS, {})
    _status_colours(milestones, plan.MILESTONE_COLUMNS)
    return workbook


def build_actors() -> Workbook:
    workbook = _new_workbook()
    validations = {
        "Type": _list_validation(danish.ACTOR_TYPE.values(), "Type", "Vælg aktørtypen fra listen."),
        "Interesse": _score_validation("Interesse"),
        "Indflydelse": _score_validation("Indflydelse"),
        "Inddragelsesniveau": _list_validation(danish.INVOLVEMENT.values(), "Inddragelsesniveau",
                                               "Vælg inddragelsesniveauet."),
    }
    _table_sheet(workbook, actors.ACTORS_SHEET, actors.ACTOR_COLUMNS, validations)
    _matrix_sheet(workbook)
    return workbook


def _new_workbook() -> Workbook:
    """An empty workbook whose default font is the house font, with the named styles registered."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    # openpyxl has no public way to change the default (Normal) font; cells without a style use it.
    workbook._fonts = IndexedList([Font(name=FONT, size=BASE_SIZE)])
    workbook._named_styles["Normal"].font = Font(name=FONT, size=BASE_SIZE)
    for style in _named_styles():
        workbook.add_named_style(style)
    return workbook


# --- Named styles --------------------------------------------------------------------------------

def _named_styles() -> list[NamedStyle]:
    top_left = Alignment(vertical="top", wrap_text=True)
    centred = Alignment(horizontal="center", vertical="top", wrap_text=True)
    grid, light = _border(GRID), _border(LIGHT_GRID)
    styles = [
        _style(sheets.HEADER_STYLE, Font(name=FONT, size=TABLE_SIZE, bold=True, color=WHITE),
               Alignment(vertical="center", wrap_text=True), _solid(HEADER_FILL), grid),
        _style(sheets.TEXT_STYLE, _font(), top_left, border=grid),
        _style(sheets.CENTRED_STYLE, _font(), centred, border=grid),
        _style(sheets.DATE_STYLE, _font(), centred, border=grid, number_format=DATE_FORMAT),
        _style(sheets.LONG_DATE_STYLE, _font(), centred, border=grid, number_format=LONG_DATE_FORMAT),
        _style(sheets.NUMBER_STYLE, _font(), centred, border=grid, number_format="0"),
        _style(actors.TOTAL_TEXT_STYLE, _font(bold=True), top_left, _solid(ZEBRA_FILL), grid),
        _style(actors.TOTAL_NUMBER_STYLE, _font(bold=True), centred, _solid(ZEBRA_FILL), grid, "0"),
        _style(actors.QUADRANT_BLOCK_STYLE, Font(name=FONT, size=BASE_SIZE), top_left, border=grid),
        _style(plan.GANTT_YEAR_STYLE, Font(name=FONT, size=TABLE_SIZE, bold=True, color=WHITE),
               Alignment(horizontal="center", vertical="center"), _solid(HEADER_FILL), _border(WHITE)),
        _style(plan.GANTT_MONTH_STYLE, _font(bold=True, color=HEADER_FILL),
               Alignment(horizontal="center", vertical="center", shrink_to_fit=True), _solid("D6DFEA"),
               _border(WHITE)),
        _style(plan.GANTT_WEEK_STYLE, Font(name=FONT, size=7, color=MUTED),
               Alignment(horizontal="center", vertical="bottom", text_rotation=90), _solid(ZEBRA_FILL), light),
        _style(plan.GANTT_PHASE_STYLE, _font(bold=True, color=HEADER_FILL), Alignment(vertical="center"),
               _solid(ZEBRA_FILL), light),
        _style(plan.GANTT_PHASE_BAR_STYLE, _font(color=WHITE), Alignment(vertical="center"), _solid(PHASE_BAR),
               _border(WHITE)),
        _style(plan.GANTT_ACTIVITY_STYLE, _font(), Alignment(vertical="center", wrap_text=True, indent=1),
               border=light),
        _style(plan.GANTT_EMPTY_STYLE, _font(), border=light),
        _style(plan.GANTT_MILESTONE_STYLE, Font(name=FONT, size=11, bold=True, color=HEADER_FILL),
               Alignment(horizontal="center", vertical="center"), border=light),
        _style(plan.GANTT_LEGEND_STYLE, _font(color=MUTED), Alignment(vertical="center")),
    ]
    styles += [_style(name, _font(color=BAR_TEXT[status]), Alignment(vertical="center"), _solid(BAR_FILLS[status]),
                      _border(WHITE))
               for status, name in plan.GANTT_BAR_STYLES.items()]
    return styles


def _style(name: str, font: Font, alignment: Alignment | None = None, fill: PatternFill | None = None,
           border: Border | None = None, number_format: str = "General") -> NamedStyle:
    style = NamedStyle(name=name, font=font, number_format=number_format)
    if alignment is not None:
        style.alignment = alignment
    if fill is not None:
        style.fill = fill
    if border is not None:
        style.border = border
    return style


def _font(bold: bool = False, color: str | None = None) -> Font:
    return Font(name=FONT, size=TABLE_SIZE, bold=bold, color=color)


def _solid(colour: str) -> PatternFill:
    return PatternFill(fill_type="solid", start_color=colour, end_color=colour)


def _border(colour: str) -> Border:
    side = Side(style="thin", color=colour)
    return Border(left=side, right=side, top=side, bottom=side)


# --- Table sheets --------------------------------------------------------------------------------

def _table_sheet(workbook: Workbook, title: str, columns: Sequence[Column],
                 validations: Mapping[str, DataValidation]) -> Worksheet:
    """A sheet with a styled, frozen, filterable header row.

    ``validations`` (by column header) sit on the first data row; the deliverable stretches them
    over its rows.
    """
    sheet = workbook.create_sheet(title)
    headers = [column.header for column in columns]
    for index, column in enumerate(columns, start=1):
        cell = sheet.cell(1, index, column.header)
        cell.style = sheets.HEADER_STYLE
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.row_dimensions[1].height = 27
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}1"
    for header, validation in validations.items():
        letter = get_column_letter(headers.index(header) + 1)
        validation.add(f"{letter}2")
        sheet.add_data_validation(validation)
    _print_setup(sheet, title_rows="1:1")
    return sheet


def _list_validation(labels: Iterable[str], header: str, prompt: str) -> DataValidation:
    values = ",".join(labels)
    validation = DataValidation(type="list", formula1=f'"{values}"', allow_blank=True, showDropDown=False)
    _explain(validation, header, prompt)
    return validation


def _date_validation(header: str) -> DataValidation:
    validation = DataValidation(type="date", operator="greaterThan", formula1="36526", allow_blank=True)
    _explain(validation, header, "Skriv datoen, aktiviteten blev afsluttet, fx 15.03.2026.")
    return validation


def _score_validation(header: str) -> DataValidation:
    validation = DataValidation(type="whole", operator="between", formula1="1", formula2="5", allow_blank=True)
    _explain(validation, header, "Skriv et helt tal fra 1 (lav) til 5 (høj).")
    return validation


def _explain(validation: DataValidation, header: str, prompt: str) -> None:
    validation.showErrorMessage = True
    validation.errorTitle = "Ugyldig værdi"
    validation.error = prompt
    validation.promptTitle = header
    validation.prompt = prompt


def _status_colours(sheet: Worksheet, columns: Sequence[Column]) -> None:
    """Colour late, finished and running work in the Status column (first data row; stretched by fill)."""
    letter = get_column_letter([column.header for column in columns].index(plan.STATUS_COLUMN) + 1)
    for label, (background, text) in STATUS_FILLS.items():
        rule = CellIsRule(operator="equal", formula=[f'"{label}"'], fill=_solid(background),
                          font=Font(color=text, bold=True))
        sheet.conditional_formatting.add(f"{letter}2:{letter}2", rule)


def _print_setup(sheet: Worksheet, title_rows: str | None = None, title_columns: str | None = None,
                 one_page: bool = False, full_size: bool = False) -> None:
    """Landscape A4, as wide as one page, header rows repeated; sheet name and page numbers printed.

    ``full_size`` prints at 100 % over as many pages across as it takes, left to right and then down,
    with ``title_columns`` repeated on each: the Gantt chart, whose weeks shrunk onto one page width
    printed at under 4 pt.
    """
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    if full_size:
        sheet.page_setup.scale = 100
        sheet.page_setup.pageOrder = "overThenDown"
    else:
        sheet.page_setup.fitToWidth = 1
        sheet.page_setup.fitToHeight = 1 if one_page else 0
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_margins.left = sheet.page_margins.right = 0.5
    sheet.page_margins.top = sheet.page_margins.bottom = 0.6 if full_size else 0.75
    sheet.page_margins.header = sheet.page_margins.footer = 0.3
    if title_rows:
        sheet.print_title_rows = title_rows
    if title_columns:
        sheet.print_title_cols = title_columns
    for part in (sheet.oddHeader.left, sheet.oddHeader.center, sheet.oddHeader.right,
                 sheet.oddFooter.left, sheet.oddFooter.right):
        part.font = f"{FONT},Regular"
        part.size = 8
    sheet.oddHeader.center.text = "&A"
    sheet.oddFooter.left.text = "&F"
    sheet.oddFooter.right.text = "Side &P af &N"


# --- Gantt ---------------------------------------------------------------------------------------

def _gantt_sheet(workbook: Workbook) -> None:
    """The frame of the Gantt chart: the name columns and a title over them; the weeks are the case's."""
    sheet = workbook.create_sheet(plan.GANTT_SHEET)
    last = len(plan.GANTT_COLUMNS)
    for index, column in enumerate(plan.GANTT_COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
        for row in (plan.GANTT_YEAR_ROW, plan.GANTT_MONTH_ROW):
            sheet.cell(row, index).style = sheets.HEADER_STYLE
        sheet.cell(plan.GANTT_WEEK_ROW, index, column.header).style = sheets.HEADER_STYLE
    sheet.cell(plan.GANTT_YEAR_ROW, 1, "Tidsplan pr. uge")
    sheet.cell(plan.GANTT_YEAR_ROW, 1).font = Font(name=FONT, size=12, bold=True, color=WHITE)
    sheet.merge_cells(start_row=plan.GANTT_YEAR_ROW, start_column=1, end_row=plan.GANTT_MONTH_ROW, end_column=last)
    sheet.column_dimensions[get_column_letter(plan.GANTT_FIRST_WEEK_COLUMN)].width = plan.GANTT_WEEK_WIDTH
    sheet.row_dimensions[plan.GANTT_WEEK_ROW].height = 36
    sheet.freeze_panes = sheet.cell(plan.GANTT_FIRST_ROW, plan.GANTT_FIRST_WEEK_COLUMN).coordinate
    sheet.sheet_view.showGridLines = False
    _print_setup(sheet, title_rows=f"{plan.GANTT_YEAR_ROW}:{plan.GANTT_WEEK_ROW}",
                 title_columns=f"A:{get_column_letter(last)}", full_size=True)


# --- Interest/influence grid ---------------------------------------------------------------------

def _matrix_sheet(workbook: Workbook) -> None:
    sheet = workbook.create_sheet(actors.MATRIX_SHEET)
    sheet.sheet_view.showGridLines = False
    for letter, width in (("A", 5), ("B", 6), ("C", actors.QUADRANT_WIDTH), ("D", actors.QUADRANT_WIDTH),
                          ("E", 3), ("F", 34), ("G", 8)):
        sheet.column_dimensions[letter].width = width
    title = sheet.cell(1, 1, "Interessentanalyse: interesse og indflydelse")
    title.font = Font(name=FONT, size=14, bold=True, color=HEADER_FILL)
    note = sheet.cell(2, 1, f"Aktørerne er placeret efter deres score for interesse og indflydelse på en skala "
                            f"fra 1 til 5; {actors.HIGH_SCORE} eller derover regnes som høj. Alle oplysninger "
                            f"om aktørerne står i fanen {actors.ACTORS_SHEET}.")
    note.font = Font(name=FONT, size=TABLE_SIZE, italic=True, color=MUTED)
    _axes(sheet)
    for key, label in danish.QUADRANT.items():
        _quadrant(sheet, key, label)
    _count_frame(sheet)
    sheet.freeze_panes = "A3"  # the title and the note stay in view, and print on every page
    _print_setup(sheet, title_rows="1:2", one_page=True)


def _axes(sheet: Worksheet) -> None:
    """"Indflydelse" up the left side with høj/lav per band, "Interesse" along the bottom with lav/høj."""
    axis = Font(name=FONT, size=BASE_SIZE, bold=True, color=HEADER_FILL)
    first, last = actors.BAND_ROWS[True], actors.BAND_ROWS[False] + actors.BLOCK_ROWS
    _merged_label(sheet, first, 1, last, 1, "Indflydelse →", axis, rotation=90)
    for high, word in ((True, "høj"), (False, "lav")):
        top = actors.BAND_ROWS[high]
        _merged_label(sheet, top, 2, top + actors.BLOCK_ROWS, 2, word, axis, rotation=90)
    for high, word in ((False, "lav"), (True, "høj")):
        column = actors.INTEREST_COLUMNS[high]
        _merged_label(sheet, actors.AXIS_LABEL_ROW, column, actors.AXIS_LABEL_ROW, column, word, axis)
    columns = sorted(actors.INTEREST_COLUMNS.values())
    _merged_label(sheet, actors.AXIS_LABEL_ROW + 1, columns[0], actors.AXIS_LABEL_ROW + 1, columns[-1],
                  "Interesse →", axis)


def _merged_label(sheet: Worksheet, top: int, left: int, bottom: int, right: int, text: str, font: Font,
                  rotation: int = 0) -> None:
    cell = sheet.cell(top, left, text)
    cell.font = font
    cell.alignment = Alignment(horizontal="center", vertical="center", text_rotation=rotation)
    if (top, left) != (bottom, right):
        sheet.merge_cells(start_row=top, start_column=left, end_row=bottom, end_column=right)


def _quadrant(sheet: Worksheet, key: tuple[bool, bool], label: str) -> None:
    """A coloured label row and, below it, the merged block the deliverable lists the actors in."""
    high_interest, high_influence = key
    column, row = actors.INTEREST_COLUMNS[high_interest], actors.BAND_ROWS[high_influence]
    heading = sheet.cell(row, column, label)
    heading.font = Font(name=FONT, size=11, bold=True, color=WHITE)
    heading.fill = _solid(QUADRANT_FILLS[key])
    heading.alignment = Alignment(horizontal="center", vertical="center")
    heading.border = _border(WHITE)
    sheet.row_dimensions[row].height = 22
    block = sheet.cell(row + 1, column)
    block.style = actors.QUADRANT_BLOCK_STYLE
    sheet.merge_cells(start_row=row + 1, start_column=column, end_row=row + actors.BLOCK_ROWS, end_column=column)
    for block_row in range(row + 1, row + actors.BLOCK_ROWS + 1):
        sheet.row_dimensions[block_row].height = actors.BLOCK_ROW_HEIGHT


def _count_frame(sheet: Worksheet) -> None:
    """The count tables' headers and the quadrant names; the counts and the types present are the case's."""
    label_column, count_column = actors.COUNT_LABEL_COLUMN, actors.COUNT_COLUMN
    for row, header in ((actors.QUADRANT_COUNT_HEADER_ROW, "Kvadrant"), (actors.TYPE_COUNT_HEADER_ROW, "Type")):
        sheet.cell(row, label_column, header).style = sheets.HEADER_STYLE
        sheet.cell(row, count_column, "Antal").style = sheets.HEADER_STYLE
    for offset, key in enumerate(actors.QUADRANT_ORDER, start=1):
        row = actors.QUADRANT_COUNT_HEADER_ROW + offset
        sheet.cell(row, label_column, danish.QUADRANT[key]).style = sheets.TEXT_STYLE
        sheet.cell(row, count_column).style = sheets.NUMBER_STYLE
    total_row = actors.QUADRANT_COUNT_HEADER_ROW + len(actors.QUADRANT_ORDER) + 1
    sheet.cell(total_row, label_column, actors.TOTAL_LABEL).style = actors.TOTAL_TEXT_STYLE
    sheet.cell(total_row, count_column).style = actors.TOTAL_NUMBER_STYLE


if __name__ == "__main__":
    main()
