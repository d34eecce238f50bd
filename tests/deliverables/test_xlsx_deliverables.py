"""The two Excel deliverables, rendered from the shipped cases and read back with openpyxl."""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from docpipe.deliverables.registry import DELIVERABLES
from docpipe.model import Case
from docpipe.model.identity import activity_numbers, case_identity
from docpipe.model.load import load_case
from docpipe.render.case import render_deliverable

INPUTS = Path(__file__).resolve().parents[2] / "inputs"
CASES = ["halsnaes-boern-og-unge", "nordsjaellands-politi-tryghed", "region-sjaelland-sundhed"]
PLAN_HEADERS = ["Nr.", "Fase", "Aktivitet", "Ansvarlig", "Organisation", "Deltagere", "Start", "Slut", "Uger",
                "Afhænger af", "Leverance", "Milepæl", "Status", "Faktisk slut", "Kommentar", "Intern id"]
ACTOR_HEADERS = ["Navn", "Stilling", "Organisation", "Type", "Rolle i styringen", "Interesse", "Indflydelse",
                 "Inddragelsesniveau", "E-mail", "Telefon"]
STATUS_LABELS = {"Planlagt", "I gang", "Afsluttet", "Forsinket"}


@pytest.fixture(scope="module")
def cases() -> dict[str, Case]:
    return {name: load_case(INPUTS / name) for name in CASES}


def render(case: Case, deliverable: str) -> bytes:
    return render_deliverable(case, DELIVERABLES[deliverable])


def workbook(case: Case, deliverable: str) -> Workbook:
    return load_workbook(io.BytesIO(render(case, deliverable)))


def rows(sheet: Worksheet, first: int = 2) -> list[list[object]]:
    return [list(row) for row in sheet.iter_rows(min_row=first, values_only=True) if any(row)]


def column_width(sheet: Worksheet, index: int) -> float:
    """The width Excel shows for column ``index``: a ``<col>`` may cover a range of columns."""
    for dimension in sheet.column_dimensions.values():
        if dimension.min is not None and dimension.min <= index <= (dimension.max or dimension.min):
            return float(dimension.width)
    return float(sheet.sheet_format.defaultColWidth or 8.43)


def column(sheet: Worksheet, header: str) -> str:
    """The column letter under ``header`` in row 1."""
    for cell in sheet[1]:
        if cell.value == header:
            return str(cell.column_letter)
    raise AssertionError(f"no column {header}")


# --- implementeringsplan.xlsx ------------------------------------------------------------------

@pytest.mark.parametrize("name", CASES)
def test_plan_sheet_lists_every_activity_in_danish(cases: dict[str, Case], name: str) -> None:
    case = cases[name]
    sheet = workbook(case, "implementeringsplan-xlsx")["Plan"]
    assert [cell.value for cell in sheet[1]] == PLAN_HEADERS
    data = rows(sheet)
    activities = case.activities()
    assert [row[0] for row in data] == list(activity_numbers(case).values())
    assert [row[15] for row in data] == [activity.id for activity in activities]
    assert sheet.column_dimensions["P"].hidden and not sheet.column_dimensions["A"].hidden
    for row, activity in zip(data, activities, strict=True):
        owner = case.actor(activity.owner)
        assert row[2] == activity.title
        assert (row[3], row[4]) == (owner.name, owner.organisation)
        assert row[6] == dt.datetime.combine(activity.start, dt.time())
        assert row[7] == dt.datetime.combine(activity.end, dt.time())
        assert str(row[8]).startswith("uge ")
        assert row[11] == ("Ja" if activity.milestone else None)
        assert row[12] in STATUS_LABELS
    last = len(activities) + 1
    assert sheet.auto_filter.ref == f"A1:P{last}"
    assert sheet.freeze_panes == "A2"
    assert sheet.print_title_rows == "$1:$1"
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.page_setup.paperSize == 9  # A4
    assert sheet.page_setup.fitToWidth == 1 and sheet.sheet_properties.pageSetUpPr.fitToPage


def test_plan_rows_of_halsnaes(cases: dict[str, Case]) -> None:
    sheet = workbook(cases["halsnaes-boern-og-unge"], "implementeringsplan-xlsx")["Plan"]
    by_id = {row[15]: row for row in rows(sheet)}
    first = by_id["opstartsmoede-topledelse"]
    assert first[0] == "1.1"
    assert first[1] == "Fokusering, forberedelse og afsæt"
    assert first[3] == "Mikkel Aagaard Frandsen"
    assert first[5] == "Lene Dalsgaard, Thomas Brink Nielsen, Sofie Kjær Lindberg, Camilla Bech Rasmussen"
    assert first[8] == "uge 41 2026"
    assert first[12] == "Afsluttet"
    assert by_id["borgerperspektiver"][12] == "Forsinket"
    assert by_id["moederaekke-noegleaktoerer"][8] == "uge 45 2026–uge 2 2027"
    lab = by_id["policy-lab"]
    assert lab[9] == "1.2, 1.3, 1.5"  # the Word plan's numbers, not the ids
    assert lab[11] == "Ja"


@pytest.mark.parametrize("name", CASES)
def test_plan_names_its_case_in_a_hidden_name(cases: dict[str, Case], name: str) -> None:
    """The identity ``docpipe status import`` checks, one per case, out of the reader's sight."""
    book = workbook(cases[name], "implementeringsplan-xlsx")
    defined = book.defined_names["docpipe_sag"]
    assert defined.hidden
    assert defined.attr_text == f'"{case_identity(cases[name])}"'


def test_plan_dates_are_real_dates_in_a_danish_format(cases: dict[str, Case]) -> None:
    book = workbook(cases["halsnaes-boern-og-unge"], "implementeringsplan-xlsx")
    start = book["Plan"][f"{column(book['Plan'], 'Start')}2"]
    assert start.is_date and start.number_format == r"dd\.mm\.yyyy"
    milestone_date = book["Milepæle"]["B2"]
    assert milestone_date.is_date and milestone_date.value == dt.datetime(2027, 3, 4)
    assert milestone_date.number_format == start.number_format  # one date style in the workbook
    assert milestone_date.alignment.horizontal == "center"  # not right-aligned against the next column


def test_status_column_has_a_drop_down_over_all_rows(cases: dict[str, Case]) -> None:
    case = cases["region-sjaelland-sundhed"]
    sheet = workbook(case, "implementeringsplan-xlsx")["Plan"]
    validation, date_check = sheet.data_validations.dataValidation
    assert str(date_check.sqref) == f"N2:N{len(case.activities()) + 1}" and date_check.type == "date"
    assert validation.type == "list"
    assert set(validation.formula1.strip('"').split(",")) == STATUS_LABELS
    assert str(validation.sqref) == f"M2:M{len(case.activities()) + 1}"
    coloured = {str(formatting.sqref) for formatting in sheet.conditional_formatting}
    assert coloured == {f"M2:M{len(case.activities()) + 1}"}


def test_gantt_has_one_column_per_iso_week(cases: dict[str, Case]) -> None:
    case = cases["halsnaes-boern-og-unge"]  # 1 October 2026 (uge 40) to 17 December 2027 (uge 50)
    sheet = workbook(case, "implementeringsplan-xlsx")["Gantt"]
    weeks = [cell.value for cell in sheet[3][3:] if cell.value]
    assert weeks[0] == "uge 40" and weeks[-1] == "uge 50"
    assert "uge 53" in weeks  # 2026 has 53 ISO weeks
    assert len(weeks) == 53 - 40 + 1 + 50
    assert {cell.value for cell in sheet[1][3:] if cell.value} == {"2026", "2027"}
    months = [cell.value for cell in sheet[2][3:] if cell.value]
    assert months[:3] == ["oktober", "november", "december"] and "januar" in months
    assert sheet.freeze_panes == "D4"
    assert sheet.print_title_rows == "$1:$3"
    assert all(column_width(sheet, cell.column) < 5 for cell in sheet[3][3:])


def test_gantt_groups_activities_by_phase_and_marks_weeks(cases: dict[str, Case]) -> None:
    case = cases["halsnaes-boern-og-unge"]
    sheet = workbook(case, "implementeringsplan-xlsx")["Gantt"]
    names = [sheet.cell(row, 1).value for row in range(4, 4 + len(case.planning.phases) + len(case.activities()))]
    expected = [text for phase in case.planning.phases
                for text in [phase.name, *(activity.title for activity in phase.activities)]]
    assert names == expected
    assert sheet["A4"].font.bold and "A4:C4" in {str(merged) for merged in sheet.merged_cells.ranges}
    week_of: dict[object, int] = {}
    for cell in sheet[3][3:]:
        week_of.setdefault(cell.value, cell.column)  # the first (2026) of two weeks with one number
    # Row 5: the kick-off meeting on 5 October 2026 (uge 41), done.
    assert sheet.cell(5, 2).value == "Mikkel Aagaard Frandsen"
    assert sheet.cell(5, week_of["uge 41"]).fill.fgColor.rgb.endswith("70AD47")
    assert sheet.cell(5, week_of["uge 42"]).fill.fill_type is None
    # The Policy Lab (4 March 2027, uge 9) is a milestone.
    lab_row = 4 + names.index("Afholdelse af Policy Lab (4 timer)")
    assert sheet.cell(lab_row, week_of["uge 9"]).value == "◆"
    assert sum(1 for cell in sheet[lab_row] if cell.value == "◆") == 1
    assert any(cell.value == "Forsinket" for row in sheet.iter_rows() for cell in row)  # the legend


@pytest.mark.parametrize("name", CASES)
def test_milestone_sheet(cases: dict[str, Case], name: str) -> None:
    case = cases[name]
    sheet = workbook(case, "implementeringsplan-xlsx")["Milepæle"]
    assert [cell.value for cell in sheet[1]] == ["Milepæl", "Dato", "Fase", "Ansvarlig", "Status"]
    milestones = [activity for activity in case.activities() if activity.milestone]
    data = rows(sheet)
    assert [row[0] for row in data] == [activity.title for activity in milestones]
    assert [row[3] for row in data] == [case.actor(activity.owner).name for activity in milestones]


# --- aktoeroverblik.xlsx -----------------------------------------------------------------------

@pytest.mark.parametrize("name", CASES)
def test_actor_sheet_lists_every_actor(cases: dict[str, Case], name: str) -> None:
    case = cases[name]
    sheet = workbook(case, "aktoeroverblik")["Aktører"]
    assert [cell.value for cell in sheet[1]] == ACTOR_HEADERS
    data = rows(sheet)
    assert [row[0] for row in data] == [actor.name for actor in case.actors]
    for row, actor in zip(data, case.actors, strict=True):
        assert (row[5], row[6]) == (actor.interest, actor.influence)
        assert type(row[5]) is int and type(row[6]) is int
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:J{len(case.actors) + 1}"
    assert sheet["F2"].data_type == "n"
    validated = {str(validation.sqref) for validation in sheet.data_validations.dataValidation}
    last = len(case.actors) + 1
    assert validated == {f"D2:D{last}", f"F2:F{last}", f"G2:G{last}", f"H2:H{last}"}


def test_actor_rows_of_halsnaes(cases: dict[str, Case]) -> None:
    sheet = workbook(cases["halsnaes-boern-og-unge"], "aktoeroverblik")["Aktører"]
    by_name = {row[0]: row for row in rows(sheet)}
    helle = by_name["Helle Søndergaard"]
    assert helle[3] == "Politisk"
    assert helle[7] == "Overdrage beslutning"
    assert helle[8] == "helle.soendergaard@halsnaes.dk"
    assert str(by_name["Mikkel Aagaard Frandsen"][4]).startswith("Formand for styregruppen")
    assert by_name["Mikkel Aagaard Frandsen"][9] == "+45 47 78 41 10"
    assert by_name["Henrik Bjerre"][3] == "Intern"


def quadrant_text(sheet: Worksheet, label: str) -> str:
    """The names listed in the block under the quadrant label ``label``."""
    for row in sheet.iter_rows(max_col=4):
        for cell in row:
            if cell.value == label:
                return str(sheet.cell(cell.row + 1, cell.column).value)
    raise AssertionError(f"no quadrant {label}")


def test_matrix_places_actors_by_interest_and_influence(cases: dict[str, Case]) -> None:
    case = cases["halsnaes-boern-og-unge"]
    sheet = workbook(case, "aktoeroverblik")["Matrix"]
    central = quadrant_text(sheet, "Centrale aktører – inddrag tæt").split("\n")
    assert central[0] == "Helle Søndergaard (Halsnæs Kommune)"  # 5/5: most influential first
    assert "Sofie Kjær Lindberg (Halsnæs Kommune)" in central  # influence 3 counts as high
    assert quadrant_text(sheet, "Holdes tilfredse") == "Henrik Bjerre (Halsnæs Kommune)"
    assert quadrant_text(sheet, "Monitoreres") == "Ole Skov (Erhverv Halsnæs)"
    informed = quadrant_text(sheet, "Holdes informerede")
    assert "Nadia Rahimi (Halsnæs Ungeråd)" in informed and "Helle" not in informed
    texts = [str(cell.value) for row in sheet.iter_rows() for cell in row if cell.value is not None]
    assert any("3 eller derover" in text for text in texts)
    assert {"Indflydelse →", "Interesse →", "høj", "lav"} <= set(texts)


@pytest.mark.parametrize("name", CASES)
def test_matrix_counts(cases: dict[str, Case], name: str) -> None:
    case = cases[name]
    sheet = workbook(case, "aktoeroverblik")["Matrix"]
    table = {row[5]: row[6] for row in sheet.iter_rows(values_only=True) if row[5] and isinstance(row[6], int)}
    labels = {"internal": "Intern", "external": "Ekstern", "citizen": "Borger", "association": "Forening",
              "business": "Erhverv", "education": "Uddannelse", "region": "Region", "political": "Politisk"}
    for kind, count in Counter(actor.type for actor in case.actors).items():
        assert table[labels[kind]] == count
    high = [(actor.interest >= 3, actor.influence >= 3) for actor in case.actors]
    assert table["Centrale aktører – inddrag tæt"] == high.count((True, True))
    assert table["Monitoreres"] == high.count((False, False))
    assert table["I alt"] == len(case.actors)
    assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.fitToHeight == 1


# --- Both --------------------------------------------------------------------------------------

def test_text_that_looks_like_a_formula_stays_text(cases: dict[str, Case]) -> None:
    case = cases["halsnaes-boern-og-unge"]
    actors = [case.actors[0].model_copy(update={"name": "=HYPERLINK(\"http://x\")"}), *case.actors[1:]]
    phase = case.planning.phases[0]
    activity = phase.activities[0].model_copy(update={"title": "+SUM(1,2)", "deliverable": "-1"})
    phases = [phase.model_copy(update={"activities": [activity, *phase.activities[1:]]}),
              *case.planning.phases[1:]]
    hostile = case.model_copy(update={"actors": actors,
                                      "planning": case.planning.model_copy(update={"phases": phases})})
    for deliverable in ("implementeringsplan-xlsx", "aktoeroverblik"):
        data = render(hostile, deliverable)
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            sheets = [package.read(name).decode() for name in package.namelist() if "worksheets/sheet" in name]
        assert not any(re.search(r"<f[ >]", xml) for xml in sheets)
    plan = workbook(hostile, "implementeringsplan-xlsx")["Plan"]
    assert plan["C2"].value == "+SUM(1,2)" and plan["C2"].data_type == "s"
    assert plan["K2"].value == "-1" and plan["K2"].data_type == "s"
    names = workbook(hostile, "aktoeroverblik")["Aktører"]
    assert names["A2"].value == '=HYPERLINK("http://x")' and names["A2"].data_type == "s"


@pytest.mark.parametrize("deliverable", ["implementeringsplan-xlsx", "aktoeroverblik"])
def test_rendering_is_deterministic(cases: dict[str, Case], deliverable: str) -> None:
    case = cases["region-sjaelland-sundhed"]
    assert render(case, deliverable) == render(case, deliverable)


@pytest.mark.parametrize("deliverable", ["implementeringsplan-xlsx", "aktoeroverblik"])
def test_draft_shows_udkast_in_the_printed_header(cases: dict[str, Case], deliverable: str) -> None:
    draft = workbook(cases["nordsjaellands-politi-tryghed"], deliverable)
    final = workbook(cases["halsnaes-boern-og-unge"], deliverable)
    for sheet in draft.worksheets:
        assert "UDKAST" in (sheet.oddHeader.right.text or "")
        assert (sheet.oddHeader.left.text or "").startswith("Nordsjællands Politi\n")
    for sheet in final.worksheets:
        assert "UDKAST" not in (sheet.oddHeader.right.text or "")


@pytest.mark.parametrize("deliverable", ["implementeringsplan-xlsx", "aktoeroverblik"])
def test_house_style_header_row(cases: dict[str, Case], deliverable: str) -> None:
    book = workbook(cases["halsnaes-boern-og-unge"], deliverable)
    header = book.worksheets[0]["A1"]
    assert header.font.name == "Arial" and header.font.bold
    # Halsnæs's primary colour #00558C replaces the house colour 1F3A5F (branding)
    assert header.fill.fgColor.rgb.endswith("00558C") and header.font.color.rgb.endswith("FFFFFF")
    assert all(cell.font.name == "Arial" for row in book.worksheets[0].iter_rows() for cell in row)


@pytest.mark.parametrize("deliverable", ["implementeringsplan-xlsx", "aktoeroverblik"])
def test_cached_template_gives_the_bytes_of_a_fresh_one(monkeypatch: pytest.MonkeyPatch, deliverable: str) -> None:
    """render/xlsx.py prepares a template once per process; that must change nothing."""
    from docpipe.render import xlsx as render_xlsx_module
    from docpipe.sheet.template import WorkbookTemplate

    case = load_case(INPUTS / "policy-lab-gribskov")
    cached = render_deliverable(case, DELIVERABLES[deliverable])
    cached_again = render_deliverable(case, DELIVERABLES[deliverable])
    monkeypatch.setattr(render_xlsx_module, "workbook_template", WorkbookTemplate)
    assert render_deliverable(case, DELIVERABLES[deliverable]) == cached == cached_again


def test_an_edited_template_is_prepared_again(tmp_path: Path) -> None:
    from docpipe.render.xlsx import workbook_template

    template = tmp_path / "aktoeroverblik.xlsx"
    template.write_bytes((INPUTS.parent / "templates" / "xlsx" / "aktoeroverblik.xlsx").read_bytes())
    first = workbook_template(template)
    assert workbook_template(template) is first
    os.utime(template, ns=(1_000_000_000, 1_000_000_000))
    assert workbook_template(template) is not first
