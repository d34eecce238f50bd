"""docpipe's workbook writer gives the workbook openpyxl gives for the same fill.

Every shipped case's Excel deliverables are filled once, then written both ways: by
``WorkbookTemplate.render`` and by replaying the fill on the template loaded with openpyxl and saving
it. Both results are read back with openpyxl and compared on everything a reader sees: values and
their types, number formats, fonts, fills, borders, alignment, named styles, row heights, column
widths, merged ranges, validations, conditional formats, filter, panes, print titles and headers.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from openpyxl.cell.cell import Cell
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from docpipe.deliverables.registry import DELIVERABLES
from docpipe.model.load import load_case
from docpipe.render.case import properties
from docpipe.render.locate import find_template
from docpipe.render.xlsx import workbook_template
from docpipe.sheet.fill import BookFill
from docpipe.sheet.openpyxl_replay import replay
from tests.conftest import INPUTS, SHIPPED_CASES

EXCEL = [name for name, deliverable in DELIVERABLES.items() if deliverable.kind == "xlsx"]
# The shipped templates saved again by LibreOffice Calc 7.4: shared strings, drawings, custom
# properties, a dozen namespaces, booleans as "true": a template made by another program than ours.
RESAVED = Path(__file__).parent / "fixtures" / "libreoffice"


def both_ways(case_name: str, deliverable_name: str, templates: Path | None = None) -> tuple[Workbook, Workbook]:
    case = load_case(INPUTS / case_name)
    deliverable = DELIVERABLES[deliverable_name]
    template = find_template(deliverable.template_name, deliverable.kind, templates, case.template_dirs)
    prepared = workbook_template(template)
    book = prepared.new_fill()
    fill: Callable[[BookFill, Any], None] | None = deliverable.fill
    assert fill is not None
    fill(book, case)
    ours = prepared.render(book, properties(case, deliverable.document_kind))
    reference = load_workbook(template)
    replay(book, reference)
    buffer = io.BytesIO()
    reference.save(buffer)
    return load_workbook(io.BytesIO(ours)), load_workbook(io.BytesIO(buffer.getvalue()))


def merged_away(sheet: Worksheet) -> set[str]:
    """Cells inside a merged range other than its first: Excel shows the first cell's content there."""
    hidden: set[str] = set()
    for merged in sheet.merged_cells.ranges:
        for row in sheet.iter_rows(min_row=merged.min_row, max_row=merged.max_row,
                                   min_col=merged.min_col, max_col=merged.max_col):
            hidden.update(cell.coordinate for cell in row)
        hidden.discard(merged.start_cell.coordinate)
    return hidden


def look(cell: Cell, named_styles: bool) -> dict[str, Any]:
    border = cell.border
    return {
        "value": cell.value, "type": cell.data_type, "format": cell.number_format,
        "style": cell.style if named_styles else None,
        "font": (cell.font.name, cell.font.sz, cell.font.b, cell.font.i, cell.font.color and cell.font.color.rgb),
        "fill": (cell.fill.fill_type, cell.fill.fgColor.rgb),
        "border": tuple((side.style, side.color and side.color.rgb) if side else None
                        for side in (border.left, border.right, border.top, border.bottom)),
        # an attribute written as "false" and one left out mean the same
        "alignment": (cell.alignment.horizontal, cell.alignment.vertical, bool(cell.alignment.wrap_text),
                      cell.alignment.text_rotation or 0, cell.alignment.indent or 0,
                      bool(cell.alignment.shrink_to_fit)),
    }


def column_widths(sheet: Worksheet) -> dict[int, float | None]:
    widths: dict[int, float | None] = {}
    for dimension in sheet.column_dimensions.values():
        if dimension.min is not None:
            for index in range(dimension.min, (dimension.max or dimension.min) + 1):
                widths[index] = dimension.width if dimension.customWidth else None
    return widths


def describe(sheet: Worksheet, named_styles: bool = True) -> dict[str, Any]:
    hidden = merged_away(sheet)
    return {
        "cells": {cell.coordinate: look(cell, named_styles) for row in sheet.iter_rows() for cell in row
                  if cell.coordinate not in hidden and (cell.value is not None or cell.has_style)},
        "heights": {row: dimension.height for row, dimension in sheet.row_dimensions.items()
                    if dimension.customHeight},
        "widths": column_widths(sheet),
        "merged": sorted(str(merged) for merged in sheet.merged_cells.ranges),
        "validations": sorted((rule.type, rule.formula1, str(rule.sqref), rule.prompt)
                              for rule in sheet.data_validations.dataValidation),
        "conditional": sorted((str(formatting.sqref), rule.type, rule.operator, tuple(rule.formula), rule.dxfId)
                              for formatting in sheet.conditional_formatting for rule in formatting.rules),
        "filter": sheet.auto_filter.ref,
        "panes": sheet.freeze_panes,
        "titles": (sheet.print_title_rows, sheet.print_title_cols),
        "setup": (sheet.page_setup.orientation, sheet.page_setup.paperSize, sheet.page_setup.fitToWidth),
        "header": [(part.text, part.font, part.size) for part in
                   (sheet.oddHeader.left, sheet.oddHeader.center, sheet.oddHeader.right,
                    sheet.oddFooter.left, sheet.oddFooter.center, sheet.oddFooter.right)],
    }


@pytest.mark.parametrize("deliverable", EXCEL)
@pytest.mark.parametrize("case_name", SHIPPED_CASES)
def test_our_workbook_reads_as_openpyxls(case_name: str, deliverable: str) -> None:
    ours, reference = both_ways(case_name, deliverable)
    assert ours.sheetnames == reference.sheetnames
    for name in ours.sheetnames:
        mine, theirs = describe(ours[name]), describe(reference[name])
        for key in theirs:
            assert mine[key] == theirs[key], f"{case_name} {deliverable} {name}: {key} differs"


@pytest.mark.parametrize("deliverable", EXCEL)
@pytest.mark.parametrize("case_name", ["halsnaes-boern-og-unge", "nordsjaellands-politi-tryghed"])
def test_a_template_saved_by_libreoffice_fills_alike(case_name: str, deliverable: str) -> None:
    """Named styles are left out of the comparison: openpyxl reads a style's name by the position
    of its entry, which LibreOffice's files (and Excel's) do not keep; the formats are compared."""
    ours, reference = both_ways(case_name, deliverable, RESAVED)
    for name in ours.sheetnames:
        mine, theirs = describe(ours[name], named_styles=False), describe(reference[name], named_styles=False)
        for key in theirs:
            assert mine[key] == theirs[key], f"{case_name} {deliverable} {name}: {key} differs"


def test_the_comparison_sees_a_difference() -> None:
    """The comparison is not blind: a changed cell, style or merge in one workbook shows."""
    ours, reference = both_ways("halsnaes-boern-og-unge", "implementeringsplan-xlsx")
    sheet = ours["Gantt"]
    before = describe(sheet)
    sheet["D5"].style = "Gantt forsinket"
    assert describe(sheet)["cells"] != before["cells"]
    sheet.merge_cells("C30:D30")
    assert describe(sheet)["merged"] != before["merged"]
    assert describe(reference["Gantt"]) == before


def test_the_template_lists_its_sheets() -> None:
    template = workbook_template(Path(INPUTS.parent / "templates" / "xlsx" / "implementeringsplan.xlsx"))
    assert template.sheet_names == ["Plan", "Gantt", "Milepæle"]
