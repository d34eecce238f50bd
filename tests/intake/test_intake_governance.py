"""The intake workbook carries the governance and committee of a case as the case describes them:
named groups, roles, a næstformand, no steering group, the committee's kind, requests, route,
earlier handling and bilag. A case goes to a workbook and back unchanged, with every such field set,
with none, and without a steering group; a workbook made before these fields still reads."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from openpyxl import load_workbook

from docpipe.errors import InvalidCase
from docpipe.intake import export_case
from docpipe.model import Case
from docpipe.model.load import load_case
from tests.intake.test_intake import _validations

INPUTS = Path(__file__).resolve().parents[2] / "inputs"
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
BASE = INPUTS / "halsnaes-boern-og-unge"

STEERING = {
    "chair": "mikkel-frandsen", "members": ["mikkel-frandsen", "lene-dalsgaard", "thomas-brink"],
    "secretariat": "sofie-lindberg", "meeting_frequency": "Hver 6. uge", "notice_days": 10,
    "quorum": "Mindst halvdelen af medlemmerne", "decision_rule": "consensus", "minutes_within_days": 5,
}
WORKING_RULES = {
    "chair": "jesper-holm", "secretariat": "sofie-lindberg", "meeting_frequency": "Hver 14. dag",
    "notice_days": 5, "quorum": "Mindst tre medlemmer", "decision_rule": "majority", "minutes_within_days": 3,
}
WORKING_MEMBERS = ["sofie-lindberg", "jesper-holm", "kasper-vinther"]
COMMITTEE = {"name": "Børne- og Uddannelsesudvalget", "meeting_date": "2026-12-08"}

EVERY_FIELD: dict[str, Any] = {
    "governance": {
        "steering_group": {**STEERING, "name": "følgegruppe", "role": "advising", "vice_chair": "lene-dalsgaard",
                           "adopted_on": "2026-11-02", "remuneration": True},
        "working_group": {**WORKING_RULES, "name": "kernegruppe", "role": "deciding", "members": WORKING_MEMBERS,
                          "vice_chair": "kasper-vinther", "adopted_on": "2026-11-09", "remuneration": False},
        "anchor_person": "sofie-lindberg",
        "leader": "lene-dalsgaard",
    },
    "committee": {
        **COMMITTEE, "kind": "municipal-council", "sender": "Center for Børn og Unge",
        "requests": [{"kind": "approve-terms"}, {"kind": "grant-funds", "amount": "250.000,50 kr."},
                     {"kind": "note-plan"}],
        "route": ["Børne- og Uddannelsesudvalget", "Økonomiudvalget", "Kommunalbestyrelsen"],
        "earlier_handling": [{"date": "2026-03-04", "body": "Børne- og Uddannelsesudvalget",
                              "decision": "Udvalget bad om et kommissorium"},
                             {"date": "2026-06-10", "body": "Økonomiudvalget", "decision": "Taget til efterretning"}],
        "competence": "Kommunalbestyrelsen", "legal_basis": "Lov om social service § 11",
        "consultation": "Sagen har været i høring i handicaprådet", "communication": "Pressemeddelelse",
        "attachments": [{"deliverable": "kommissorium"}, {"deliverable": "aktoeroverblik", "public": True},
                        {"deliverable": "one-pager", "public": False}],
    },
}
NO_NEW_FIELD: dict[str, Any] = {
    "governance": {"steering_group": STEERING, "working_group": {"members": WORKING_MEMBERS}},
    "committee": COMMITTEE,
}
NO_STEERING_GROUP: dict[str, Any] = {
    "governance": {"working_group": {**WORKING_RULES, "members": WORKING_MEMBERS}, "anchor_person": "sofie-lindberg"},
    "committee": {**COMMITTEE, "kind": "police-council", "attachments": []},  # no bilag at all
}
NO_COMMITTEE: dict[str, Any] = {"governance": NO_STEERING_GROUP["governance"], "committee": None}


def _case(tmp_path: Path, changes: dict[str, Any]) -> Case:
    """The base case with its governance and committee replaced (``None`` removes a key)."""
    folder = tmp_path / "case"
    shutil.copytree(BASE, folder)
    initiative = yaml.safe_load((folder / "initiative.yaml").read_text("utf-8"))
    for key, value in changes.items():
        if value is None:
            initiative.pop(key, None)
        else:
            initiative[key] = value
    (folder / "initiative.yaml").write_text(yaml.safe_dump(initiative, allow_unicode=True, sort_keys=False), "utf-8")
    return load_case(folder)


def _round_trip(case: Case, tmp_path: Path) -> Case:
    workbook = tmp_path / "case.xlsx"
    export_case(case, workbook)
    return load_case(workbook)


def _dump(case: Case) -> dict[str, Any]:
    return case.model_dump(exclude={"name", "template_dirs"})


@pytest.mark.parametrize("changes", [EVERY_FIELD, NO_NEW_FIELD, NO_STEERING_GROUP, NO_COMMITTEE],
                         ids=["every-new-field", "no-new-field", "no-steering-group", "no-committee"])
def test_round_trip_is_lossless(changes: dict[str, Any], tmp_path: Path) -> None:
    case = _case(tmp_path, changes)
    assert _dump(_round_trip(case, tmp_path)) == _dump(case)


def test_the_cases_differ_where_the_workbook_must_tell_them_apart(tmp_path: Path) -> None:
    """The round trips above prove something only if these differences reach the model."""
    every = _case(tmp_path / "every", EVERY_FIELD)
    none = _case(tmp_path / "none", NO_NEW_FIELD).initiative.committee
    no_bilag = _case(tmp_path / "no-bilag", NO_STEERING_GROUP)
    assert every.initiative.governance.steering_group is not None
    assert every.initiative.governance.steering_group.remuneration is True
    assert none is not None and none.attachments is None and len(none.bilag()) == 5
    assert no_bilag.initiative.governance.steering_group is None
    assert no_bilag.initiative.committee is not None and no_bilag.initiative.committee.attachments == []


def test_every_new_field_has_a_danish_cell(tmp_path: Path) -> None:
    workbook = tmp_path / "case.xlsx"
    export_case(_case(tmp_path, EVERY_FIELD), workbook)
    book = load_workbook(workbook)
    styring = {row[0]: row[1] for row in book["Styring"].iter_rows(min_row=3, values_only=True) if row[0]}
    assert styring["Styregruppe: navn"] == "Følgegruppe" and styring["Styregruppe: rolle"] == "Rådgivende"
    assert styring["Styregruppe: næstformand"] == "lene-dalsgaard" and styring["Styregruppe: vederlag"] == "Ja"
    assert styring["Arbejdsgruppe: navn"] == "Kernegruppe" and styring["Arbejdsgruppe: beslutningsregel"] == (
        "simpelt flertal")
    assert styring["Ankerperson"] == "sofie-lindberg" and "Tovholder" not in styring
    udvalg = {row[0]: row[1] for row in book["Udvalg"].iter_rows(min_row=3, values_only=True) if row[0]}
    assert udvalg["Type"] == "Kommunalbestyrelse" and udvalg["Sagsgang 3"] == "Kommunalbestyrelsen"
    assert udvalg["Ingen bilag"] is None
    requests = [row[:2] for row in book["Indstilling"].iter_rows(min_row=4, max_row=6, values_only=True)]
    assert requests == [("Godkende kommissoriet", None), ("Bevilge midler", 250000.5),
                        ("Tage implementeringsplanen til efterretning", None)]
    bilag = [row[:2] for row in book["Bilag"].iter_rows(min_row=4, max_row=6, values_only=True)]
    assert bilag == [("Kommissorium", None), ("Aktøroverblik", "Ja"), ("One-pager", "Nej")]
    assert book["Tidligere behandling"]["B5"].value == "Økonomiudvalget"


def test_new_choices_have_drop_downs(tmp_path: Path) -> None:
    workbook = tmp_path / "case.xlsx"
    export_case(_case(tmp_path, NO_STEERING_GROUP), workbook)
    book = load_workbook(workbook)
    udvalg = list(_validations(book, "Udvalg").values())
    assert ("list", '"Udvalg,Økonomiudvalg,Kommunalbestyrelse,Regionsråd,Kredsråd,Bestyrelse"') in udvalg
    assert ("list", '"Ja,Nej"') in udvalg  # Ingen bilag
    styring = list(_validations(book, "Styring").values())
    assert ("list", '"Styregruppe,Følgegruppe,Projektgruppe,Partnerskabsgruppe"') in styring
    assert ("list", '"Arbejdsgruppe,Projektgruppe,Partnerskabsgruppe,Kernegruppe"') in styring
    assert styring.count(("list", '"Besluttende,Rådgivende"')) == 2
    assert _validations(book, "Indstilling")["A4:A53"] == (
        "list", '"Godkende kommissoriet,Godkende one-pageren,Tage implementeringsplanen til efterretning,'
        'Tage status til efterretning,Bevilge midler"')
    assert _validations(book, "Bilag")["B4:B53"] == ("list", '"Ja,Nej"')
    assert _validations(book, "Tidligere behandling")["A4:A53"][0] == "date"


def test_a_workbook_from_before_these_fields_still_reads() -> None:
    """Written by docpipe before this change: no Udvalg, Indstilling, Tidligere behandling or Bilag
    sheet, the committee's name and date on Initiativ, and the anchor person labelled Tovholder."""
    path = FIXTURES / "intake-before-governance.xlsx"
    book = load_workbook(path)
    assert "Udvalg" not in book.sheetnames
    labels = {row[0]: row[3] for row in book["Styring"].iter_rows(values_only=True) if row[0]}
    assert labels["Tovholder"] == "governance.anchor_person"
    case = load_case(path)
    governance = case.initiative.governance
    assert governance.anchor_person == "sofie-lindberg" and governance.leader == "lene-dalsgaard"
    assert governance.steering_group is not None and governance.steering_group.chair == "mikkel-frandsen"
    assert governance.steering_group.name == "styregruppe" and governance.steering_group.role is None
    committee = case.initiative.committee
    assert committee is not None and committee.name == "Børne- og Uddannelsesudvalget"
    assert str(committee.meeting_date) == "2026-12-08" and committee.kind == "committee"
    assert committee.attachments is None and committee.requests == []


def test_no_bilag_and_listed_bilag_together_is_a_problem(tmp_path: Path) -> None:
    workbook = tmp_path / "case.xlsx"
    export_case(_case(tmp_path, EVERY_FIELD), workbook)
    book = load_workbook(workbook)
    row = next(cell.row for cell in book["Udvalg"]["A"] if cell.value == "Ingen bilag")
    book["Udvalg"][f"B{row}"] = "Ja"
    book.save(workbook)
    with pytest.raises(InvalidCase) as caught:
        load_case(workbook)
    assert [str(problem) for problem in caught.value.problems] == [
        f'Udvalg!B{row} committee.attachments: says there are none (Ja), but the sheet "Bilag" lists some; clear this '
        "cell or those rows"]


def _problems(tmp_path: Path, cells: dict[tuple[str, str], str | None]) -> list[str]:
    """The problems of the every-field case exported, with ``cells`` (sheet, cell) typed over as text."""
    workbook = tmp_path / "case.xlsx"
    export_case(_case(tmp_path, EVERY_FIELD), workbook)
    book = load_workbook(workbook)
    for (sheet, cell), value in cells.items():
        book[sheet][cell] = value
        book[sheet][cell].data_type = "s"
    book.save(workbook)
    with pytest.raises(InvalidCase) as caught:
        load_case(workbook)
    return sorted(str(problem) for problem in caught.value.problems)


def test_errors_in_the_new_sheets_point_at_their_cells(tmp_path: Path) -> None:
    assert _problems(tmp_path / "rules", {("Indstilling", "B5"): None,  # Bevilge midler without an amount
                                          ("Bilag", "A5"): "Kommissorium"}) == [  # listed twice
        'Bilag!A5 committee.attachments[1].deliverable: the bilag "kommissorium" is listed twice',
        "Indstilling!B5 committee.requests[1].amount: is required when the committee is asked to grant funds "
        "(grant-funds)",
    ]
    assert _problems(tmp_path / "cells", {("Tidligere behandling", "A4"): "i marts",
                                          ("Udvalg", "B4"): "Byråd"}) == [
        'Tidligere behandling!A4 committee.earlier_handling[0].date: "i marts" is not a date; type a date in the '
        "cell, e.g. 22-11-2026 (Excel then shows it as a date)",
        'Udvalg!B4 committee.kind: "Byråd" is not one of the choices; choose one of: Udvalg, Økonomiudvalg, '
        "Kommunalbestyrelse, Regionsråd, Kredsråd, Bestyrelse",
    ]


def test_clearing_the_steering_group_leaves_the_working_group_in_charge(tmp_path: Path) -> None:
    """What the Vejledning tells a user without a steering group: empty every Styregruppe cell and
    fill the working group's settings."""
    workbook = tmp_path / "case.xlsx"
    export_case(_case(tmp_path, {"governance": {**EVERY_FIELD["governance"]}}), workbook)
    book = load_workbook(workbook)
    sheet = book["Styring"]
    for cell in sheet["D"]:
        if str(cell.value).startswith("governance.steering_group."):
            sheet.cell(cell.row, 2).value = None
    book.save(workbook)
    governance = load_case(workbook).initiative.governance
    assert governance.steering_group is None
    assert governance.working_group is not None and governance.working_group.name == "kernegruppe"
    assert governance.ruled_group("policy-lab") is not None
