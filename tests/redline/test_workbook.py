"""The redlined workbooks: changed cells filled and commented, the sheet "Ændringer", rows matched by identity."""

from __future__ import annotations

import io
import json
from pathlib import Path

from openpyxl import Workbook, load_workbook

from docpipe import DELIVERABLES, load_case, redline_case, render_deliverable
from docpipe.redline.workbook import ADDED, CHANGED, NEW_ROW, REMOVED_ROW, Values, mark_sheet, workbook_changes
from tests.golden_tools import canonical_xlsx

SHEETS = ["implementeringsplan-xlsx", "aktoeroverblik"]


def test_the_changed_cells_are_listed_by_their_rows_identity(case_pair: tuple[Path, Path], tmp_path: Path) -> None:
    old, new = case_pair
    written = {path.name: path.read_bytes() for path in redline_case(old, new, tmp_path, deliverables=SHEETS)}
    assert workbook_changes(written["implementeringsplan.xlsx"]) == [
        ("Plan", "G12", "3.4", "16.06.2027", "23.06.2027"),
        ("Plan", "H12", "3.4", "16.06.2027", "23.06.2027"),
        ("Plan", "I12", "3.4", "uge 24 2027", "uge 25 2027"),
        ("Gantt", "AO17", "", "◆", ""), ("Gantt", "AP17", "", "", "◆"),
        ("Milepæle", "B3", "Godkendelse i Børne- og Uddannelsesudvalget", "16.06.2027", "23.06.2027"),
    ]
    assert workbook_changes(written["aktoeroverblik.xlsx"]) == [
        ("Aktører", "E10", "Kasper Vinther", "Medlem af arbejdsgruppen", "Medlem af styregruppen og arbejdsgruppen")]
    plan = load_workbook(io.BytesIO(written["implementeringsplan.xlsx"]))["Plan"]
    assert plan["G12"].fill.fgColor.rgb.endswith(CHANGED.fgColor.rgb)
    assert plan["G12"].comment is not None and plan["G12"].comment.text == "Før: 16.06.2027"
    assert plan["G11"].comment is None


def test_identical_cases_mark_nothing_and_the_same_cases_give_the_same_bytes(
        case_pair: tuple[Path, Path], tmp_path: Path) -> None:
    old, new = case_pair
    for path in redline_case(new, new, tmp_path / "same", deliverables=SHEETS):
        if path.suffix == ".xlsx":
            assert workbook_changes(path.read_bytes()) == [("", "", "", "Ingen ændringer", "")], path.name
    first = [path.read_bytes() for path in redline_case(old, new, tmp_path / "1", deliverables=SHEETS)]
    assert first == [path.read_bytes() for path in redline_case(old, new, tmp_path / "2", deliverables=SHEETS)]


def _table(rows: list[tuple[str, str]]) -> Workbook:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["ID", "Titel"])
    for row in rows:
        sheet.append(list(row))
    sheet.auto_filter.ref = f"A1:B{len(rows) + 1}"
    return book


def test_a_row_added_in_the_middle_marks_that_row_alone() -> None:
    old = _table([("a", "Første"), ("b", "Anden"), ("c", "Tredje")])
    new = _table([("a", "Første"), ("x", "Ny"), ("b", "Anden, ændret")])
    old_sheet, new_sheet = old.active, new.active
    assert old_sheet is not None and new_sheet is not None
    old_values = Values.of(old_sheet.iter_rows(values_only=True))
    found = [(change.cell, change.row, change.old, change.new) for change in mark_sheet(old_values, new_sheet, "Os")]
    assert found == [("A3", "x", NEW_ROW, "x"), ("B4", "b", "Anden", "Anden, ændret"),
                     ("A4", "c", "c; Tredje", REMOVED_ROW)]
    assert new_sheet["B3"].fill.fgColor.rgb == ADDED.fgColor.rgb
    assert new_sheet["B2"].comment is None and new_sheet["B4"].comment is not None


def test_the_marked_workbook_keeps_every_sheet_setting_of_news(case_pair: tuple[Path, Path], tmp_path: Path) -> None:
    """Merged cells (the Gantt's months), filters, frozen panes and print settings are NEW's own."""
    old, new = case_pair
    written = {path.name: path.read_bytes() for path in redline_case(old, new, tmp_path, deliverables=SHEETS)}
    for name, deliverable in (("implementeringsplan.xlsx", "implementeringsplan-xlsx"),
                              ("aktoeroverblik.xlsx", "aktoeroverblik")):
        plain = canonical_xlsx(render_deliverable(load_case(new), DELIVERABLES[deliverable]))
        marked = canonical_xlsx(written[name])
        assert sorted(marked) == sorted([*plain, "Ændringer.json"])
        for sheet, text in plain.items():
            settings = {key: value for key, value in json.loads(text).items() if key != "cells"}
            assert {key: value for key, value in json.loads(marked[sheet]).items() if key != "cells"} == settings
