"""Personal data stays where it belongs (issue 15): a public bilag carries no actor's e-mail or phone,
and the aktøroverblik is the internal workbook, marked so, unless the case publishes it."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from docpipe.deliverables import aktoeroverblik
from docpipe.deliverables.registry import DELIVERABLES, select
from docpipe.model import Case
from docpipe.model.load import load_case
from docpipe.render.case import render_deliverable
from tests.conftest import INPUTS, SHIPPED_CASES, edit_yaml

# the committee's bilag name deliverables; the plan goes as both its Word and Excel files
BILAG_FILES = {"implementeringsplan": ["implementeringsplan", "implementeringsplan-xlsx"]}


def document_text(data: bytes) -> str:
    """Every text of a docx or xlsx: all its XML parts with the tags taken out (runs joined), so a
    value split over runs or kept in the shared strings is found all the same."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        xml = " ".join(package.read(name).decode("utf-8") for name in package.namelist()
                       if name.endswith((".xml", ".rels")))
    return re.sub(r"<[^>]+>", "", xml)


def contact_data(case: Case) -> list[str]:
    """Every actor's e-mail and phone, the phone also without its spaces."""
    found: list[str] = []
    for actor in case.actors:
        if actor.email:
            found.append(str(actor.email))
        if actor.phone:
            found += [actor.phone, actor.phone.replace(" ", "")]
    return found


def public_documents(case: Case) -> dict[str, bytes]:
    committee = case.initiative.committee
    names = [file for attachment in (committee.bilag() if committee else []) if attachment.is_public
             for file in BILAG_FILES.get(attachment.deliverable, [attachment.deliverable])]
    if committee is not None:
        names.append("dagsordenspunkt")  # the agenda item itself is published
    return {name: render_deliverable(case, DELIVERABLES[name]) for name in names}


def assert_no_contact_data(case: Case) -> None:
    contacts = contact_data(case)
    for name, data in public_documents(case).items():
        text = document_text(data)
        leaked = [value for value in contacts if value in text]
        assert not leaked, f"{case.initiative.title}: the public bilag {name} shows {leaked}"


@pytest.mark.parametrize("name", SHIPPED_CASES)
def test_no_public_bilag_of_a_shipped_case_holds_contact_data(name: str) -> None:
    case = load_case(INPUTS / name)
    assert contact_data(case), "the check needs actors with contact data to mean anything"
    assert_no_contact_data(case)


def publish_actor_overview(data: Any) -> None:
    data["committee"]["attachments"] = [{"deliverable": "kommissorium"},
                                        {"deliverable": "aktoeroverblik", "public": True}]


def test_a_published_actor_overview_is_the_public_version(case_copy: Any) -> None:
    folder: Path = case_copy("halsnaes-boern-og-unge")
    edit_yaml(folder / "initiative.yaml", publish_actor_overview)
    case = load_case(folder)
    assert aktoeroverblik.public_bilag(case)
    assert_no_contact_data(case)
    data = render_deliverable(case, DELIVERABLES["aktoeroverblik"])
    assert data == render_deliverable(case, DELIVERABLES["aktoeroverblik-offentlig"])
    text = document_text(data)
    for actor in case.actors:
        assert actor.name not in text
    assert aktoeroverblik.PUBLIC_MARK in text


def test_the_public_version_lists_organisations_without_people_or_scores() -> None:
    case = load_case(INPUTS / "halsnaes-boern-og-unge")
    book = load_workbook(io.BytesIO(render_deliverable(case, DELIVERABLES["aktoeroverblik-offentlig"])))
    sheet = book[aktoeroverblik.ACTORS_SHEET]
    rows = list(sheet.iter_rows(values_only=True))
    assert [cell for cell in rows[0] if cell] == [column.header for column in aktoeroverblik.PUBLIC_COLUMNS]
    organisations = list(dict.fromkeys(actor.organisation for actor in case.actors))
    assert [row[0] for row in rows[1:]] == organisations
    assert sum(int(str(row[4])) for row in rows[1:]) == len(case.actors)
    assert not sheet.data_validations.dataValidation  # the internal columns' drop-downs are gone
    assert aktoeroverblik.PUBLIC_QUADRANT in document_text(
        render_deliverable(case, DELIVERABLES["aktoeroverblik-offentlig"]))


def test_the_internal_version_is_marked_as_holding_personal_data() -> None:
    case = load_case(INPUTS / "halsnaes-boern-og-unge")
    assert not aktoeroverblik.public_bilag(case)
    book = load_workbook(io.BytesIO(render_deliverable(case, DELIVERABLES["aktoeroverblik"])))
    for sheet in book.worksheets:
        assert aktoeroverblik.INTERNAL_MARK in (sheet.oddHeader.right.text or "")
    assert str(case.actors[0].email or "") in document_text(render_deliverable(case, DELIVERABLES["aktoeroverblik"]))


def test_the_public_version_is_made_only_on_request() -> None:
    assert "aktoeroverblik-offentlig" not in [deliverable.name for deliverable in select(None)]
    assert [deliverable.name for deliverable in select(["aktoeroverblik-offentlig"])] == ["aktoeroverblik-offentlig"]
    assert DELIVERABLES["aktoeroverblik-offentlig"].template_name == "aktoeroverblik.xlsx"
