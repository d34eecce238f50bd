"""The documents speak of the groups and the deciding body the case has: a named følgegruppe that
advises, no steering group at all, a kredsråd, the sender of the indstilling, a næstformand,
vederlag, and the agenda item's bilag with the closed aktøroverblik."""

from __future__ import annotations

import io
from functools import cache
from pathlib import Path
from typing import Any

import docx
import pytest

from docpipe import DELIVERABLES, Case, load_case, render_case, render_deliverable
from docpipe.model import Attachment
from tests.conftest import INPUTS, REPO

WITHOUT_STEERING = REPO / "tests" / "fixtures" / "co_creation_without_steering_group"
POLITI, HALSNAES, REGION = "nordsjaellands-politi-tryghed", "halsnaes-boern-og-unge", "region-sjaelland-sundhed"
WORD = [name for name, deliverable in DELIVERABLES.items() if deliverable.kind == "docx"]


@cache
def _case(name: str) -> Case:
    return load_case(WITHOUT_STEERING if name == "without" else INPUTS / name)


def _texts(case: Case, deliverable: str) -> list[str]:
    """Every paragraph of the body, its tables, headers and footers."""
    document = docx.Document(io.BytesIO(render_deliverable(case, DELIVERABLES[deliverable])))
    texts = [p.text for p in document.paragraphs]
    texts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    for section in document.sections:
        for part in (section.header, section.footer):
            texts += [p.text for p in part.paragraphs]
            texts += [cell.text for table in part.tables for row in table.rows for cell in row.cells]
    return texts


@cache
def _shipped(name: str, deliverable: str) -> str:
    return "\n".join(_texts(_case(name), deliverable))


def _changed(name: str, committee: dict[str, Any] | None = None, organisation: dict[str, Any] | None = None,
             steering: dict[str, Any] | None = None) -> Case:
    """A shipped case with changed committee, organisation or steering group fields."""
    case = _case(name)
    initiative = case.initiative
    if committee is not None:
        assert initiative.committee is not None
        initiative = initiative.model_copy(update={"committee": initiative.committee.model_copy(update=committee)})
    if steering is not None:
        group = initiative.governance.steering_group
        assert group is not None
        governance = initiative.governance.model_copy(update={"steering_group": group.model_copy(update=steering)})
        initiative = initiative.model_copy(update={"governance": governance})
    org = case.organisation.model_copy(update=organisation or {})
    return case.model_copy(update={"initiative": initiative, "organisation": org})


@pytest.mark.parametrize("deliverable", WORD)
def test_without_a_steering_group_no_document_mentions_one(deliverable: str) -> None:
    text = _shipped("without", deliverable).lower()
    assert "styregrupp" not in text and "følgegrupp" not in text


def test_without_a_steering_group_the_rules_are_the_working_groups(tmp_path: Path) -> None:
    forretningsorden = _shipped("without", "forretningsorden")
    assert "Forretningsorden\nfor arbejdsgruppen for Co-creation" in forretningsorden
    assert "Arbejdsgruppen er nedsat af Nordsjællands Politi for at gennemføre initiativet" in forretningsorden
    assert "Beslutninger, der ligger uden for arbejdsgruppens mandat, træffes af ledelsespersonen" in forretningsorden
    assert "Formand for arbejdsgruppen" in forretningsorden
    written = render_case(_case("without"), tmp_path, ["forretningsorden"])
    assert [path.name for path in written] == ["forretningsorden.docx"]
    kommissorium = _shipped("without", "kommissorium")
    assert "Arbejdsgruppen ledes af Henrik Vestergaard" in kommissorium
    assert "arbejder efter en særskilt forretningsorden" in kommissorium
    assert "Ændringer i kommissoriet godkendes af arbejdsgruppen og forelægges kredsrådet" in kommissorium
    agenda = _shipped("without", "dagsordenspunkt")
    assert ("En tværfaglig arbejdsgruppe på seks medlemmer driver initiativet og det daglige arbejde. "
            "Formand er Henrik Vestergaard, politikommissær") in agenda
    assert "Bilag 2: Udkast til forretningsorden for arbejdsgruppen (åbent bilag)" in agenda
    plan = _shipped("without", "implementeringsplan")
    assert "Arbejdsgruppen ledes af Henrik Vestergaard" in plan and "hvert arbejdsgruppemøde" in plan
    assert "Formand for arbejdsgruppen: Henrik Vestergaard" in _shipped("without", "one-pager")


def test_a_folgegruppe_follows_and_advises() -> None:
    kommissorium = _shipped(POLITI, "kommissorium")
    assert "\nFølgegruppe\n" in kommissorium
    assert "En følgegruppe følger initiativet og rådgiver undervejs" in kommissorium
    assert "Følgegruppen følger og rådgiver og træffer ikke beslutninger om initiativets indhold." in kommissorium
    assert "Følgegruppens anbefalinger vedtages" in _shipped(POLITI, "forretningsorden")
    assert "Følgegruppen følger implementeringsplanen" in _shipped(POLITI, "implementeringsplan")
    assert "Initiativet følges og rådgives af en følgegruppe" in _shipped(POLITI, "dagsordenspunkt")
    for deliverable in WORD:
        assert "styregrupp" not in _shipped(POLITI, deliverable).lower(), deliverable


def test_a_deciding_group_under_another_name() -> None:
    case = _changed(HALSNAES, steering={"name": "partnerskabsgruppe"})
    forretningsorden = "\n".join(_texts(case, "forretningsorden"))
    assert "for partnerskabsgruppen for Policy Lab" in forretningsorden
    assert "Partnerskabsgruppen er nedsat af Halsnæs Kommune for at lede og sikre fremdriften" in forretningsorden
    assert "Partnerskabsgruppen tilstræber konsensus, og dens beslutninger træffes" in forretningsorden
    assert "styregrupp" not in forretningsorden.lower()


def test_the_kredsraad_is_named_for_what_it_is() -> None:
    agenda = _texts(_case(POLITI), "dagsordenspunkt")
    assert agenda.count("Kredsråd") == 1 and "Udvalg" not in agenda
    assert "forelægges kredsrådet, hvis de ændrer" in _shipped(POLITI, "kommissorium")
    assert "udvalget" not in _shipped(POLITI, "kommissorium")
    regional = _changed(REGION, committee={"kind": "regional-council", "name": "Regionsrådet"})
    assert "forelægges regionsrådet, hvis de ændrer" in "\n".join(_texts(regional, "kommissorium"))


@pytest.mark.parametrize(("case", "sender"), [
    (lambda: _case(POLITI), "Politikredsen"),
    (lambda: _case(HALSNAES), "Administrationen"),
    (lambda: _case(REGION), "Administrationen"),
    (lambda: _changed(POLITI, committee={"sender": None}), "Nordsjællands Politi"),
    (lambda: _changed(HALSNAES, committee={"sender": "Børn og Kultur"}), "Børn og Kultur"),
])
def test_the_sender_of_the_indstilling(case: Any, sender: str) -> None:
    assert f"{sender} indstiller," in _texts(case(), "dagsordenspunkt")


def test_a_vice_chair_stands_in_for_the_chair() -> None:
    forretningsorden = _shipped(REGION, "forretningsorden")
    assert "Næstformand er Bodil Frederiksen, sundhedschef, Lolland Kommune." in forretningsorden
    assert "Ved formandens forfald træder næstformanden i formandens sted." in forretningsorden
    assert "Bodil Frederiksen\nSundhedschef\nLolland Kommune\nNæstformand" in forretningsorden
    assert "Næstformand er Bodil Frederiksen." in _shipped(REGION, "kommissorium")
    assert "Ved formandens forfald udpeger formanden" in _shipped(HALSNAES, "forretningsorden")


def test_remuneration_or_none() -> None:
    none = _shipped(HALSNAES, "forretningsorden")
    assert "\nØkonomi og vederlag\nDer ydes ikke vederlag for deltagelse i styregruppens arbejde." in none
    paid = "\n".join(_texts(_changed(HALSNAES, steering={"remuneration": True}), "forretningsorden"))
    assert ("Medlemmer, der ikke deltager som led i deres ansættelse, ydes vederlag for deltagelse i "
            "styregruppens møder efter de takster, som Halsnæs Kommune fastsætter.") in paid
    assert "Udgifter til møder og sekretariatsbetjening afholdes af Halsnæs Kommune." in paid
    assert "Der ydes ikke vederlag" not in paid


def _bilag(case: Case) -> list[str]:
    return [text for text in _texts(case, "dagsordenspunkt") if text.startswith("Bilag ")]


def test_bilag_by_default_with_a_closed_aktoeroverblik() -> None:
    assert _bilag(_case(HALSNAES))[-1] == "Bilag 5: Aktøroverblik (lukket bilag)"
    assert all(line.endswith("(åbent bilag)") for line in _bilag(_case(HALSNAES))[:-1])


def test_a_case_chooses_its_bilag_and_opens_one() -> None:
    attachments = [Attachment(deliverable="kommissorium"), Attachment(deliverable="aktoeroverblik", public=True),
                   Attachment(deliverable="forretningsorden", public=False)]
    case = _changed(POLITI, committee={"attachments": attachments})
    assert _bilag(case) == ["Bilag 1: Kommissorium (åbent bilag)", "Bilag 2: Aktøroverblik (åbent bilag)",
                            "Bilag 3: Udkast til forretningsorden for følgegruppen (lukket bilag)"]
