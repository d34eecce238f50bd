"""The implementeringsplan read back as a reader would: sections, phase tables, milestones, follow-up."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from functools import cache
from pathlib import Path

import docx
import pytest
from docx.document import Document as DocumentObject
from docx.table import Table
from docx.text.paragraph import Paragraph

from docpipe import DELIVERABLES, Case, load_case, render_deliverable
from tests.conftest import INPUTS, SHIPPED_CASES, edit_yaml

PLAN = DELIVERABLES["implementeringsplan"]
ACTIVITY_HEADERS = ["Nr.", "Aktivitet", "Ansvarlig", "Deltagere", "Start", "Slut", "Leverance", "Status"]


@cache
def _rendered(case_name: str) -> bytes:
    return render_deliverable(load_case(INPUTS / case_name), PLAN)


def _render_folder(folder: Path) -> bytes:
    case: Case = load_case(folder)
    return render_deliverable(case, PLAN)


def _document(data: bytes) -> DocumentObject:
    return docx.Document(io.BytesIO(data))


def _blocks(document: DocumentObject) -> list[Paragraph | Table]:
    """Body paragraphs and tables in reading order."""
    blocks: list[Paragraph | Table] = []
    for element in document.element.body.iterchildren():
        tag = element.tag.rsplit("}", 1)[1]
        if tag == "p":
            blocks.append(Paragraph(element, document))
        elif tag == "tbl":
            blocks.append(Table(element, document))
    return blocks


def _headings(document: DocumentObject, level: int) -> list[str]:
    return [p.text for p in document.paragraphs if p.style is not None and p.style.name == f"Heading {level}"]


def _table_after(document: DocumentObject, heading_text: str) -> Table:
    """The first table after the heading (or paragraph) whose text is ``heading_text``."""
    seen = False
    for block in _blocks(document):
        if isinstance(block, Paragraph) and block.text == heading_text:
            seen = True
        elif seen and isinstance(block, Table):
            return block
    raise AssertionError(f"no table after {heading_text!r}")


def _rows(table: Table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def _body_text(document: DocumentObject) -> str:
    return "\n".join(p.text for p in document.paragraphs)


def _all_xml(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return "".join(package.read(name).decode("utf-8") for name in package.namelist()
                       if name.startswith("word/") and name.endswith(".xml"))


@pytest.mark.parametrize("case_name", SHIPPED_CASES)
def test_every_case_renders_without_leftover_tags(case_name: str) -> None:
    data = _rendered(case_name)
    xml = _all_xml(data)
    assert "{{" not in xml and "{%" not in xml and "%}" not in xml
    document = _document(data)
    assert document.paragraphs[0].text == "Implementeringsplan"
    assert _headings(document, 1) == ["Formål og metode", "Oversigt over faser", "Faser og aktiviteter",
                                     "Milepæle", "Afhængigheder", "Opfølgning og styring"]
    section = document.sections[0]
    assert section.page_width is not None and section.page_height is not None
    assert section.page_width > section.page_height, "the plan is laid out in landscape"


@pytest.mark.parametrize("case_name", SHIPPED_CASES)
def test_one_activity_table_per_phase_with_every_activity(case_name: str) -> None:
    case = load_case(INPUTS / case_name)
    document = _document(_rendered(case_name))
    phase_headings = [h for h in _headings(document, 2) if h.startswith("Fase")]
    assert len(phase_headings) == len(case.planning.phases)
    for number, (phase, heading) in enumerate(zip(case.planning.phases, phase_headings, strict=True), start=1):
        assert phase.name in heading
        rows = _rows(_table_after(document, heading))
        assert rows[0] == ACTIVITY_HEADERS
        assert [row[0] for row in rows[1:]] == [f"{number}.{i}" for i in range(1, len(phase.activities) + 1)]
        assert [row[2] for row in rows[1:]] == [case.actor(a.owner).name for a in phase.activities]


def test_activity_rows_show_names_danish_dates_and_status() -> None:
    document = _document(_rendered("halsnaes-boern-og-unge"))
    rows = _rows(_table_after(document, "Fase 1: Fokusering, forberedelse og afsæt"))
    assert rows[3] == [
        "1.3", "Kortlægning af børn, unge og forældres perspektiver", "Sofie Kjær Lindberg",
        "Nadia Rahimi, Kasper Vinther, Camilla Bech Rasmussen", "19. okt. 2026", "13. nov. 2026",
        "Opsamling på 20 interviews og to fokusgrupper med unge og forældre", "Forsinket",
    ]
    assert rows[1][-1] == "Afsluttet" and rows[2][-1] == "I gang"
    milestone_row = _rows(_table_after(document, "Fase 2: Afholdelse af Policy Lab"))[1]
    assert milestone_row[1] == "Afholdelse af Policy Lab (4 timer)\u00a0◆"


def test_activity_table_header_repeats_on_every_page() -> None:
    document = _document(_rendered("region-sjaelland-sundhed"))
    table = _table_after(document, "Fase 1: Forberedelse og analyse")
    header_properties = table.rows[0]._tr.trPr
    assert header_properties is not None
    assert any(child.tag.endswith("}tblHeader") for child in header_properties)


def test_overview_gives_period_weeks_counts_and_milestones() -> None:
    document = _document(_rendered("halsnaes-boern-og-unge"))
    rows = _rows(_table_after(document, "Oversigt over faser"))
    assert rows[0] == ["Fase", "Periode", "Uger", "Aktiviteter", "Milepæle"]
    assert rows[1] == ["Fase 1: Fokusering, forberedelse og afsæt", "1. okt. 2026–29. jan. 2027",
                       "uge 40 2026–uge 4 2027", "5", "–"]
    assert rows[2][2:] == ["uge 5–13 2027", "2", "Afholdelse af Policy Lab (4 timer)"]
    text = _body_text(document)
    assert "Planen dækker perioden fra 1. oktober 2026 til 17. december 2027" in text
    assert "opdelt i fire faser" in text


def test_phase_names_that_already_say_fase_are_not_prefixed_twice() -> None:
    document = _document(_rendered("nordsjaellands-politi-tryghed"))
    assert "Fase 1: Opstart" in _headings(document, 2)
    assert not any(h.startswith("Fase 1: Fase") for h in _headings(document, 2))


def test_milestones_have_table_dates_phase_and_owner() -> None:
    document = _document(_rendered("halsnaes-boern-og-unge"))
    rows = _rows(_table_after(document, "Milepæle"))
    assert rows[0] == ["Nr.", "Milepæl", "Dato", "Fase", "Ansvarlig", "Status"]
    assert rows[1] == ["2.1", "Afholdelse af Policy Lab (4 timer)", "4. mar. 2027", "Afholdelse af Policy Lab",
                       "Camilla Bech Rasmussen", "Planlagt"]
    assert rows[3][2] == "15. dec. 2027"  # a table date: the month abbreviated, as in every table
    assert len(rows) == 4


def test_dependencies_list_each_prerequisite_on_its_own_line() -> None:
    document = _document(_rendered("halsnaes-boern-og-unge"))
    table = _table_after(document, "Afhængigheder")
    assert _rows(table)[0] == ["Aktivitet", "Afhænger af", "Starter"]
    policy_lab = next(row for row in table.rows if row.cells[0].text == "2.1 Afholdelse af Policy Lab (4 timer)")
    assert [p.text for p in policy_lab.cells[1].paragraphs] == [
        "1.2 Databaseret udfordringsbillede",
        "1.3 Kortlægning af børn, unge og forældres perspektiver",
        "1.5 Program og invitation til Policy Lab",
    ]
    assert policy_lab.cells[2].text == "4. mar. 2027"
    # the first activity depends on nothing and so has no row
    assert not any(row.cells[0].text.startswith("1.1 ") for row in table.rows)


def test_follow_up_names_the_steering_group_and_key_people() -> None:
    document = _document(_rendered("halsnaes-boern-og-unge"))
    text = _body_text(document)
    assert "Styregruppen ledes af Mikkel Aagaard Frandsen" in text
    assert "mødes hver 6. uge samt efter behov" in text
    assert "forelægges Børne- og Uddannelsesudvalget" in text
    assert "Af planens 15 aktiviteter er én afsluttet, to i gang, én forsinket og elleve planlagt." in text
    assert "1.3 Kortlægning af børn, unge og forældres perspektiver (ansvarlig: Sofie Kjær Lindberg, " \
           "slut 13. november 2026)" in text
    rows = {row[0]: row for row in _rows(_table_after(document, "Opfølgning og styring"))}
    assert rows["Styregruppe"][1].startswith("Mikkel Aagaard Frandsen (formand), ")
    assert rows["Sekretariat"][1] == "Sofie Kjær Lindberg"
    assert rows["Ankerperson"][1] == "Sofie Kjær Lindberg"
    assert rows["Ledelsesperson med beslutningsmandat"][1] == "Lene Dalsgaard"
    assert "Kasper Vinther" in rows["Arbejdsgruppe"][1]


@pytest.mark.parametrize(("case_name", "draft"), [("nordsjaellands-politi-tryghed", True),
                                                  ("halsnaes-boern-og-unge", False)])
def test_draft_shows_udkast_in_the_header(case_name: str, draft: bool) -> None:
    document = _document(_rendered(case_name))
    header = "\n".join(cell.text for table in document.sections[0].header.tables
                       for row in table.rows for cell in row.cells)
    assert "Implementeringsplan" in header
    assert ("UDKAST" in header) is draft


def test_plan_without_dependencies_milestones_or_working_group(case_copy: Callable[[str], Path]) -> None:
    folder = case_copy("region-sjaelland-sundhed")

    def simplify_plan(data: dict[str, list[dict[str, object]]]) -> None:
        data["phases"][1]["activities"] = []
        for phase in data["phases"]:
            for activity in phase["activities"]:  # type: ignore[attr-defined]
                activity["depends_on"] = []
                activity["milestone"] = False

    def drop_groups(data: dict[str, dict[str, object]]) -> None:
        for key in ("working_group", "anchor_person", "leader"):
            data["governance"].pop(key, None)

    edit_yaml(folder / "planning.yaml", simplify_plan)
    edit_yaml(folder / "initiative.yaml", drop_groups)
    data = _render_folder(folder)
    assert "{{" not in _all_xml(data)
    document = _document(data)
    text = _body_text(document)
    assert "Der er endnu ikke planlagt aktiviteter i fasen." in text
    assert "Der er ikke udpeget milepæle i planen." in text
    assert "Aktiviteterne i planen afhænger ikke af hinanden" in text
    roles = [row[0] for row in _rows(_table_after(document, "Opfølgning og styring"))[1:]]
    assert roles == ["Styregruppe", "Sekretariat"]
