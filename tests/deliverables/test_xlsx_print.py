"""The workbooks on paper: a Gantt chart printed at full size (no text under 7 pt) over as many pages
across as it takes with the names repeated; bars told apart by colour and by text, each colour in the
legend; titles frozen and printed on every sheet; a letterhead like the Word documents'; and an actor
grid that stays one readable page for 150 actors.
"""

from __future__ import annotations

import io
import itertools
from functools import cache
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from docpipe import DELIVERABLES, danish, load_case, render_deliverable
from docpipe.deliverables import aktoeroverblik
from docpipe.deliverables import implementeringsplan_xlsx as plan
from tests.conftest import INPUTS, SHIPPED_CASES
from tests.deliverables.test_one_pager_fit import programme

MIN_PRINTED_PT = 7.0
MIN_COLOUR_DIFFERENCE = 30.0  # CIE76 ΔE between any two bar colours: clearly different colours
# Landscape A4 less the template's margins (0.5" left and right, 0.75" top and bottom), in points.
PRINTABLE = (842 - 72, 595 - 108)


@cache
def _book(case_name: str, deliverable: str) -> Workbook:
    return load_workbook(io.BytesIO(render_deliverable(load_case(INPUTS / case_name), DELIVERABLES[deliverable])))


def _lab(colour: str) -> tuple[float, float, float]:
    """CIE L*a*b* (D65) of an sRGB colour "RRGGBB"."""
    linear = []
    for index in (0, 2, 4):
        value = int(colour[index:index + 2], 16) / 255
        linear.append(value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4)
    red, green, blue = linear
    xyz = ((0.4124 * red + 0.3576 * green + 0.1805 * blue) / 0.95047, 0.2126 * red + 0.7152 * green + 0.0722 * blue,
           (0.0193 * red + 0.1192 * green + 0.9505 * blue) / 1.08883)
    f = [t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116 for t in xyz]
    return 116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])


def colour_difference(first: str, second: str) -> float:
    return float(sum((a - b) ** 2 for a, b in zip(_lab(first), _lab(second), strict=True)) ** 0.5)


def _fill(sheet: Worksheet, row: int, column: int) -> str | None:
    fill = sheet.cell(row, column).fill
    return str(fill.fgColor.rgb)[-6:] if fill.fill_type == "solid" else None


def _legend(sheet: Worksheet) -> dict[str, str]:
    """Legend label -> its fill colour, read from the rows under "Forklaring"."""
    start = next(row for row in range(1, sheet.max_row + 1) if sheet.cell(row, 1).value == "Forklaring")
    found = {}
    for row in range(start, start + 3):
        for column in (2, 3):
            colour, label = _fill(sheet, row, column), sheet.cell(row, column).value
            if colour and label:
                found[str(label)] = colour
    return found


@pytest.mark.parametrize("case_name", SHIPPED_CASES)
def test_the_gantt_chart_prints_at_full_size_with_its_names_on_every_page(case_name: str) -> None:
    sheet = _book(case_name, "implementeringsplan-xlsx")[plan.GANTT_SHEET]
    assert not sheet.sheet_properties.pageSetUpPr.fitToPage and sheet.page_setup.scale in (None, 100)
    assert sheet.page_setup.pageOrder == "overThenDown"
    assert sheet.print_title_rows == "$1:$3" and sheet.print_title_cols == "$A:$C"
    sizes = {cell.font.sz for row in sheet.iter_rows() for cell in row if cell.value not in (None, "")}
    assert min(sizes) >= MIN_PRINTED_PT


@pytest.mark.parametrize("case_name", SHIPPED_CASES)
def test_every_bar_colour_is_in_the_legend_and_clearly_different(case_name: str) -> None:
    sheet = _book(case_name, "implementeringsplan-xlsx")[plan.GANTT_SHEET]
    legend = _legend(sheet)
    assert set(legend) == {"Fase", "Planlagt", "I gang", "Afsluttet", "Forsinket"}
    bars = {colour for row in range(plan.GANTT_FIRST_ROW, sheet.max_row + 1)
            for column in range(plan.GANTT_FIRST_WEEK_COLUMN, sheet.max_column + 1)
            if (colour := _fill(sheet, row, column))}
    assert bars <= set(legend.values())
    for (one, first), (other, second) in itertools.combinations(legend.items(), 2):
        assert colour_difference(first, second) >= MIN_COLOUR_DIFFERENCE, (case_name, one, other)


def test_the_colour_check_sees_two_blues() -> None:
    """The organisation's blue as phase bar beside "I gang" (the bars before this check) fails it."""
    assert colour_difference("00558C", "2E75B6") < MIN_COLOUR_DIFFERENCE


def test_status_is_written_not_only_coloured() -> None:
    case = load_case(INPUTS / "halsnaes-boern-og-unge")
    sheet = _book("halsnaes-boern-og-unge", "implementeringsplan-xlsx")[plan.GANTT_SHEET]
    statuses = [sheet.cell(row, 3).value for row in range(plan.GANTT_FIRST_ROW, sheet.max_row + 1)
                if sheet.cell(row, 1).value in {a.title for a in case.activities()}]
    assert statuses == [danish.ACTIVITY_STATUS[a.status] for a in case.activities()]


@pytest.mark.parametrize("deliverable", ["implementeringsplan-xlsx", "aktoeroverblik"])
def test_every_sheet_freezes_and_prints_its_titles_under_a_letterhead(deliverable: str) -> None:
    case = load_case(INPUTS / "nordsjaellands-politi-tryghed")
    for sheet in _book("nordsjaellands-politi-tryghed", deliverable).worksheets:
        assert sheet.freeze_panes and sheet.print_title_rows, sheet.title
        left, right = sheet.oddHeader.left.text or "", sheet.oddHeader.right.text or ""
        assert case.organisation.name in left and case.initiative.title in left, sheet.title
        assert f"Sagsnr. {case.initiative.case_number}" in right and "UDKAST" in right, sheet.title


def _print_scale(sheet: Worksheet) -> float:
    """The scale a one-page fit prints at: the used columns' width and rows' height against the page."""
    width = sum((sheet.column_dimensions[letter].width or 8.43) * 7 + 5
                for letter in "ABCDEFG") * 0.75
    height = sum(sheet.row_dimensions[row].height or 15 for row in range(1, sheet.max_row + 1))
    return min(1.0, PRINTABLE[0] / width, PRINTABLE[1] / height)


def test_the_actor_grid_stays_one_readable_page_for_150_actors(tmp_path: Path) -> None:
    case = load_case(programme(tmp_path / "programme", 150, 18))
    book = load_workbook(io.BytesIO(render_deliverable(case, DELIVERABLES["aktoeroverblik"])))
    sheet = book[aktoeroverblik.MATRIX_SHEET]
    assert sheet.page_setup.fitToHeight == 1 and sheet.page_setup.fitToWidth == 1
    block = sheet.cell(aktoeroverblik.BAND_ROWS[True] + 1, aktoeroverblik.INTEREST_COLUMNS[True])
    assert _print_scale(sheet) * block.font.sz >= MIN_PRINTED_PT
    texts = [str(sheet.cell(aktoeroverblik.BAND_ROWS[high] + 1, aktoeroverblik.INTEREST_COLUMNS[interest]).value)
             for high in (True, False) for interest in (True, False)]
    assert any("andre" in text and "fanen Aktører" in text for text in texts)
    assert all(len(text.splitlines()) <= aktoeroverblik.QUADRANT_NAMES for text in texts)
    assert book[aktoeroverblik.ACTORS_SHEET].max_row == 151  # every actor is still listed


def test_the_scale_estimate_sees_an_overfull_page(tmp_path: Path) -> None:
    case = load_case(programme(tmp_path / "programme", 150, 18))
    book = load_workbook(io.BytesIO(render_deliverable(case, DELIVERABLES["aktoeroverblik"])))
    sheet = book[aktoeroverblik.MATRIX_SHEET]
    for row in range(5, 25):
        sheet.row_dimensions[row].height = 60
    assert _print_scale(sheet) * 10 < MIN_PRINTED_PT
