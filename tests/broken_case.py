"""One case broken in many ways at once, in every file: the test that a run reports every problem.

Made from the Halsnæs case, as a case folder (YAML) and as a filled intake workbook. Before issue 14
such a case reported its problems in rounds: the structure problems first (a misspelt key, a bad
id), and only once those were fixed the cross-references (an unknown member, the chair not a member,
an activity ending before it starts, a cycle, an unknown owner). Both forms now give every problem
in one run, listed by file, then line.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.cell.cell import Cell
from openpyxl.worksheet.worksheet import Worksheet

from docpipe import load_case
from docpipe.intake import export_case
from tests.conftest import INPUTS, edit_yaml

BASE = INPUTS / "halsnaes-boern-og-unge"
KNOWN = ("known actors: camilla-bech, helle-soendergaard, henrik-bjerre, ida-moeller, jesper-holm, kasper-vinther, "
         "lene-dalsgaard, louise-hjort, marie-lykke, mikkel-frandsen, nadia-rahimi, ole-skov, sofie-lindberg, "
         "thomas-brink")

# Every problem of broken_folder, in the order reported: (place, field, message)
FOLDER_PROBLEMS = [
    ("actors.yaml:25", "actors[2].interest", "9 is out of range (the largest allowed is 5)"),
    ("initiative.yaml:1", "title", "is required but missing"),
    ("initiative.yaml:142", "governance.steering_group.chair",
     'the chair "henrik-bjerre" must also be listed among the members of the styregruppe'),
    ("initiative.yaml:149", "governance.steering_group.members[5]", f'unknown actor "direktoer"; {KNOWN}'),
    ("initiative.yaml:173", "risks[0].owner", f'unknown actor "ukendt-ejer"; {KNOWN}'),
    ("initiative.yaml:193", "titel", '"titel" is not a field docpipe knows; did you mean "title"? allowed here: title, '
     "method, date, version, status, case_number, committee, background, challenge, vision, purpose, scope, goals, "
     "success_criteria, deliverables, budget, governance, risks, one_pager"),
    ("organisation.yaml:3", "code",
     '"261" is not an official municipality (kommunekode); Halsnæs Kommune has code "260"'),
    ("organisation.yaml:9", "colour", '"colour" is not a field docpipe knows; did you mean "primary_colour"? allowed '
     "here: name, kind, code, unit, address, email, phone, website, logo, logo_alt, primary_colour, logo_shows_name"),
    ("planning.yaml:44", "phases[0].activities[2].end", "ends 2026-10-10, before it starts (2026-10-19)"),
    ("planning.yaml:49", "phases[0].activities[2].status",
     '"færdig" is not allowed; choose one of: planned, in_progress, done, late'),
    ("planning.yaml:70", "phases[0].activities[4].owner", f'unknown actor "direktoer"; {KNOWN}'),
    ("planning.yaml:81", "phases[1].id", '"fase 2" is not a valid id: the space at position 5 is not allowed; use only '
     'letters a-z, digits, "-" and "_" (no spaces, slashes or æøå)'),
    ("planning.yaml:102", "phases[1].activities[0].depends_on",
     "the dependencies go round in a circle: policy-lab -> opsamling-policy-lab -> policy-lab"),
    ("planning.yaml:106", "phases[1].activities[0].depends_on[3]", '"policy-lab" starts 2027-03-04 but depends on '
     '"opsamling-policy-lab", which starts later (2027-03-05)'),
]


def broken_folder(target: Path) -> Path:
    """A copy of the Halsnæs case at ``target`` with FOLDER_PROBLEMS: structure problems and
    cross-reference problems in each of the four files."""
    shutil.copytree(BASE, target)
    edit_yaml(target / "organisation.yaml", _organisation)
    edit_yaml(target / "initiative.yaml", _initiative)
    edit_yaml(target / "actors.yaml", lambda data: data["actors"][2].update(interest=9))
    edit_yaml(target / "planning.yaml", _planning)
    return target


def _organisation(data: Any) -> None:
    data["colour"] = data.pop("primary_colour")  # a misspelt key
    data["code"] = "261"  # Halsnæs is 260


def _initiative(data: Any) -> None:
    data["titel"] = data.pop("title")  # misspelt: an unknown key and a missing field
    group = data["governance"]["steering_group"]
    group["members"].append("direktoer")  # no such actor
    group["chair"] = "henrik-bjerre"  # an actor, but not a member
    data["risks"][0]["owner"] = "ukendt-ejer"


def _planning(data: Any) -> None:
    data["phases"][1]["id"] = "fase 2"  # not an id
    activities = data["phases"][0]["activities"]
    activities[2].update(status="færdig", end=dt.date(2026, 10, 10))  # a bad choice, and ends before it starts
    activities[4]["owner"] = "direktoer"
    data["phases"][1]["activities"][0]["depends_on"].append("opsamling-policy-lab")  # a cycle, starting later


# Every problem of broken_workbook, in the order reported: (place, field, message start)
WORKBOOK_PROBLEMS = [
    ("Aktører!F6", "actors[2].interest", "9 is out of range (the largest allowed is 5)"),
    ("Initiativ!B3", "title", "is required but missing"),
    ("Organisation!B5", "code", '"261" is not an official municipality (kommunekode)'),
    ("Organisation!B12", "primary_colour", '"blå" is not a colour'),
    ("Planlægning!J6", "phases[0].activities[2].end", "ends 2026-10-10, before it starts (2026-10-19)"),
    ("Planlægning!G8", "phases[0].activities[4].owner", 'unknown actor "direktoer"'),
    ("Planlægning!A9", "phases[1].id", '"fase 2" is not a valid id'),
    ("Planlægning!K9", "phases[1].activities[0].depends_on[3]", '"policy-lab" starts 2027-03-04 but depends on'),
    ("Planlægning!K9", "phases[1].activities[0].depends_on",
     "the dependencies go round in a circle: policy-lab -> opsamling-policy-lab -> policy-lab"),
    ("Risici!E4", "risks[0].owner", 'unknown actor "ukendt-ejer"'),
    ("Styring!B5", "governance.steering_group.chair", 'the chair "henrik-bjerre" must also be listed'),
    ("Styring!B12", "governance.steering_group.members[5]", 'unknown actor "direktoer"'),
]


def broken_workbook(path: Path) -> Path:
    """The Halsnæs case exported to an intake workbook at ``path``, then broken in every part as
    broken_folder is (a workbook has no keys to misspell: an empty title and a bad colour instead)."""
    export_case(load_case(BASE), path)
    book = load_workbook(path)
    _field(book["Organisation"], "Kode", "261")
    _field(book["Organisation"], "Farve", "blå")
    _field(book["Initiativ"], "Titel", None)
    _field(book["Styring"], "Styregruppe: formand", "henrik-bjerre")
    _field(book["Styring"], "Styregruppemedlem 6", "direktoer")
    _cell(book["Aktører"], "mikkel-frandsen", "Interesse").value = 9
    planning = book["Planlægning"]
    _cell(planning, "borgerperspektiver", "Slut").value = dt.datetime(2026, 10, 10)
    _cell(planning, "program-og-invitation", "Ansvarlig").value = "direktoer"
    _cell(planning, "policy-lab", "Fase-id").value = "fase 2"
    _cell(planning, "policy-lab", "Afhænger af").value += "\nopsamling-policy-lab"
    _cell(book["Risici"], "Manglende politisk deltagelse på tværs af udvalg i selve Policy Lab", "Ejer").value = (
        "ukendt-ejer")
    book.save(path)
    return path


def _field(sheet: Worksheet, label: str, value: Any) -> None:
    """Set the value (column B) of the field labelled ``label`` on a sheet of one field per row."""
    row = next(cells for cells in sheet.iter_rows(min_row=3) if cells[0].value == label)
    row[1].value = value


def _cell(sheet: Worksheet, key: str, header: str) -> Cell:
    """The cell in the row holding ``key`` and the column headed ``header`` (row 2) on a table sheet."""
    column = next(cell.column for cell in sheet[2] if cell.value == header)
    row = next(cells[0].row for cells in sheet.iter_rows(min_row=4) if key in [cell.value for cell in cells])
    cell: Cell = sheet.cell(row=row, column=column)
    return cell
