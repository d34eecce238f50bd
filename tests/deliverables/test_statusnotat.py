"""statusnotat.docx: "Status pr. <date>" from the plan's statuses, for the steering group and management."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import pytest

from docpipe.deliverables import statusnotat
from docpipe.deliverables.registry import DELIVERABLES, NotApplicable, for_case
from docpipe.model.load import load_case
from docpipe.render.case import render_deliverable
from tests.conftest import INPUTS, edit_yaml

CaseCopy = Callable[..., Path]
HALSNAES = INPUTS / "halsnaes-boern-og-unge"


def test_made_only_for_a_plan_under_way(case_copy: CaseCopy) -> None:
    assert statusnotat.applies(load_case(HALSNAES))
    folder = case_copy()

    def all_planned(data: dict[str, list[dict[str, list[dict[str, str]]]]]) -> None:
        for phase in data["phases"]:
            for activity in phase["activities"]:
                activity["status"] = "planned"

    edit_yaml(folder / "planning.yaml", all_planned)
    case = load_case(folder)
    assert "statusnotat" not in [d.name for d in for_case(case, None)]
    with pytest.raises(NotApplicable, match="statusnotat needs an activity with a status other than planned"):
        for_case(case, ["statusnotat"])


def test_context_of_halsnaes() -> None:
    context = statusnotat.build_context(load_case(HALSNAES))
    assert context["date"] == "22. november 2026"
    assert context["summary"] == ("Af planens 15 aktiviteter er én afsluttet, to i gang, én forsinket "
                                  "og elleve planlagt.")
    assert context["phases"][0] | {} == {"name": "Fokusering, forberedelse og afsæt", "done": "1",
                                         "in_progress": "2", "late": "1", "planned": "1", "total": "5"}
    (late,) = context["late"]
    assert (late["number"], late["owner"]) == ("1.3", "Sofie Kjær Lindberg")
    assert late["comment"].startswith("Fokusgruppen med forældre")
    # no milestone in the three months after the date: the period runs to the next one, the Policy Lab
    assert [m["number"] for m in context["milestones"]] == ["2.1"]
    assert context["coming_heading"] == "Næste milepæl"
    assert [r["owner"] for r in context["risks"]] == ["Thomas Brink Nielsen"]  # the one flagged
    assert {c["measured"] for c in context["criteria"]} == {"ikke målt endnu"}


def test_the_chart_is_the_same_bytes_every_time_and_has_alt_text() -> None:
    case = load_case(HALSNAES)
    first, second = (render_deliverable(case, DELIVERABLES["statusnotat"]) for _ in range(2))
    assert first == second
    with zipfile.ZipFile(io.BytesIO(first)) as package:
        pictures = [name for name in package.namelist() if name.startswith("word/media/")]
        body = package.read("word/document.xml").decode("utf-8")
    assert len(pictures) >= 1
    assert 'descr="Søjlediagram over fremdriften pr. fase' in body
    assert "Fokusering, forberedelse og afsæt: 1 afsluttet, 2 i gang, 1 forsinket, 1 planlagt" in body


def test_headings_in_order() -> None:
    document = docx.Document(io.BytesIO(render_deliverable(load_case(HALSNAES), DELIVERABLES["statusnotat"])))
    headings = [p.text for p in document.paragraphs if p.style is not None and p.style.name.startswith(("Title",
                                                                                                       "Heading"))]
    assert headings == ["Status pr. 22. november 2026", "Fremdrift pr. fase", "Forsinkede aktiviteter",
                        "Næste milepæl", "Risici meldt af deres ejere", "Succeskriterier"]
