"""The committee agenda item: its sections in the common order, an indstilling made from what the
case asks, the process told as the other documents and the plan tell it, and when it is made."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import docx
import pytest

from docpipe import DELIVERABLES, load_case, render_case, render_deliverable
from docpipe.deliverables.registry import NotApplicable
from docpipe.model import Case
from docpipe.model.committee import EarlierHandling, Request
from tests.conftest import INPUTS, edit_yaml
from tests.deliverables.test_governance_texts import HALSNAES, POLITI, REGION, _case, _changed, _texts

CaseCopy = Callable[..., Path]
TITLE = "Policy Lab: Børn og unges sundhed, trivsel og uddannelse i Halsnæs"


def texts(case_name: str) -> list[str]:
    data = render_deliverable(load_case(INPUTS / case_name), DELIVERABLES["dagsordenspunkt"])
    document = docx.Document(io.BytesIO(data))
    return [p.text for p in document.paragraphs] + [c.text for t in document.tables for r in t.rows for c in r.cells]


def agenda(case: Case) -> list[str]:
    return _texts(case, "dagsordenspunkt")


def asking(*requests: Request) -> Case:
    return _changed(HALSNAES, committee={"requests": list(requests)})


def test_sections_in_the_common_municipal_order() -> None:
    found = texts(HALSNAES)
    headings = ["Resumé", "Indstilling", "Beslutning", "Sagsfremstilling", "Baggrund", "Organisering", "Tidsplan",
                "Risici", "Sagsgang", "Kompetence", "Høring", "Kommunikation", "Økonomi", "Bilag"]
    positions = [found.index(heading) for heading in headings]
    assert positions == sorted(positions)
    assert found[0] == f"Godkendelse af kommissorium for {TITLE}"


def test_meeting_recommendation_and_blank_decision() -> None:
    found = texts(HALSNAES)
    assert "Børne- og Uddannelsesudvalget" in found and "8. december 2026" in found and "26/14872" in found
    assert found[found.index("Administrationen indstiller,") + 1] == (
        f"at Børne- og Uddannelsesudvalget godkender kommissoriet for {TITLE}.")
    decision = found.index("Beslutning i Børne- og Uddannelsesudvalget den 8. december 2026:")
    assert found[decision + 1: decision + 4] == ["", "", ""]


def test_the_committee_is_never_asked_about_the_forretningsorden_or_a_one_pager_not_yet_written() -> None:
    for name in (HALSNAES, POLITI, REGION, "policy-lab-hilleroed"):
        text = "\n".join(texts(name))
        assert "godkender kommissorium og forretningsorden" not in text
        assert "forretningsorden til godkendelse" not in text
        assert "one-pager tages til efterretning" not in text
        assert "godkender den strategiske one-pager" not in text


def test_the_indstilling_follows_the_requests_in_order() -> None:
    case = asking(Request(kind="approve-terms"), Request(kind="note-plan"),
                  Request(kind="grant-funds", amount=Decimal(250000)))
    found = agenda(case)
    start = found.index("Administrationen indstiller,") + 1
    assert found[start:start + 3] == [
        f"at Børne- og Uddannelsesudvalget godkender kommissoriet for {TITLE},",
        "at udvalget tager implementeringsplanen til efterretning, og",
        "at udvalget bevilger 250.000 kr. til initiativet.",
    ]
    assert found[0] == f"Godkendelse af kommissorium, implementeringsplan og bevilling til {TITLE}"
    assert ("Børne- og Uddannelsesudvalget bliver bedt om at godkende kommissoriet, tage implementeringsplanen til "
            "efterretning og bevilge 250.000 kr.") in found
    assert "Sagen har bevillingsmæssige konsekvenser: der søges en bevilling på 250.000 kr." in found


@pytest.mark.parametrize(("request_kind", "heading", "line"), [
    ("approve-one-pager", f"Godkendelse af strategisk one-pager for {TITLE}",
     f"at Børne- og Uddannelsesudvalget godkender den strategiske one-pager for {TITLE}."),
    ("note-status", f"Status for {TITLE}",
     f"at Børne- og Uddannelsesudvalget tager status for {TITLE} til efterretning."),
])
def test_a_later_meeting_asks_for_what_it_decides(request_kind: str, heading: str, line: str) -> None:
    case = asking(Request(kind=request_kind))  # type: ignore[arg-type]
    found = agenda(case)
    assert found[0] == heading and line in found
    assert f"Halsnæs Kommune gennemfører initiativet „{TITLE}“." in found[found.index("Resumé") + 1]
    kommissorium = _texts(case, "kommissorium")
    assert "Kommissoriet er grundlaget for initiativet og for udvalgets opfølgning på det." in kommissorium
    assert not any("til godkendelse på mødet" in text for text in kommissorium)


def test_the_process_agrees_with_the_kommissorium_and_the_plan() -> None:
    found = texts(HALSNAES)
    assert ("Forretningsordenen for styregruppen vedlægges til orientering. Styregruppen vedtager den selv på sit "
            "første møde.") in found
    assert ("Den strategiske one-pager er resultatet af Policy Lab'et. Udkastet vedlægges til orientering, og den "
            "færdige one-pager forelægges udvalget til godkendelse i juni 2027.") in found
    assert "Godkendelse i Børne- og Uddannelsesudvalget: 16. juni 2027" in found  # the plan's milestone
    kommissorium = "\n".join(_texts(_case(HALSNAES), "kommissorium"))
    assert "Kommissoriet forelægges Børne- og Uddannelsesudvalget til godkendelse på mødet den 8. december 2026." \
        in kommissorium


def test_an_adopted_forretningsorden_is_sent_for_information() -> None:
    found = texts(REGION)  # the steering group adopted its rules on 7 October, before the meeting
    assert "Styregruppen vedtog sin forretningsorden den 7. oktober 2026. Den vedlægges til orientering." in found
    assert "Bilag 2: Forretningsorden for styregruppen (åbent bilag)" in found
    later = _changed(REGION, steering={"adopted_on": dt.date(2027, 1, 5)})
    assert "Bilag 2: Udkast til forretningsorden for styregruppen (åbent bilag)" in agenda(later)


def test_economy_and_attachments() -> None:
    found = texts(REGION)
    assert any(text.startswith("Initiativets samlede budget er 6.850.000 kr") for text in found)
    assert not any("kr.." in text for text in found)
    assert any(text.startswith("Sagen har ingen bevillingsmæssige konsekvenser") for text in found)
    assert [t for t in found if t.startswith("Bilag ")] == [
        "Bilag 1: Kommissorium (åbent bilag)", "Bilag 2: Forretningsorden for styregruppen (åbent bilag)",
        "Bilag 3: Implementeringsplan (åbent bilag)", "Bilag 4: Strategisk one-pager (åbent bilag)",
        "Bilag 5: Aktøroverblik (lukket bilag)"]
    assert "Bilag 4: Udkast til strategisk one-pager (åbent bilag)" in texts(HALSNAES)


def test_without_budget_says_no_financial_consequences() -> None:
    found = texts(POLITI)
    assert any("ingen bevillingsmæssige konsekvenser" in text for text in found)


def test_the_agenda_item_summarises_and_does_not_copy() -> None:
    found = texts(POLITI)
    assert not any("dette dokument" in text.lower() for text in found)
    case = _case(HALSNAES)
    background = [p for p in case.initiative.background.splitlines() if p.strip()]
    joined = "\n".join(texts(HALSNAES))
    assert background[0] in joined and background[1] not in joined and background[2] not in joined
    assert "Halsnæs Kommune igangsætter initiativet" in joined


def test_sagsgang_competence_and_defaults() -> None:
    found = texts(HALSNAES)
    assert "Sagen behandles i Direktionen og derefter i Børne- og Uddannelsesudvalget." in found
    assert "Børne- og Uddannelsesudvalget har kompetence til at træffe beslutning i sagen." in found
    assert "Lovgrundlag" not in found  # only where the case gives one
    assert "Tidligere politisk behandling" not in texts(REGION)  # only where the case has some
    assert "Sagen skal ikke i høring. Aktørerne inddrages i forløbet som beskrevet i kommissoriet." in found
    assert ("Beslutningen formidles til initiativets deltagere og samarbejdspartnere, og styregruppen orienterer "
            "løbende om fremdriften.") in found
    three = agenda(_changed(HALSNAES, committee={"route": ["Direktionen", "Økonomiudvalget", "Kommunalbestyrelsen"]}))
    assert ("Sagen behandles i Direktionen, derefter i Økonomiudvalget og til sidst i Kommunalbestyrelsen."
            in three)
    assert ("Kommunalbestyrelsen har kompetence til at træffe beslutning i sagen. Børne- og Uddannelsesudvalget "
            "afgiver indstilling til Kommunalbestyrelsen.") in three


def test_the_case_s_own_sections() -> None:
    case = _changed(HALSNAES, committee={
        "competence": "Kommunalbestyrelsen", "legal_basis": "Dagtilbudsloven § 1",
        "consultation": "Skolebestyrelserne høres i januar 2027.", "communication": "Pressemeddelelse efter mødet.",
        "earlier_handling": [EarlierHandling(date=dt.date(2026, 9, 1), body="Børne- og Uddannelsesudvalget",
                                             decision="Udvalget besluttede at afprøve Policy Lab")]})
    found = agenda(case)
    assert ("Kommunalbestyrelsen har kompetence til at træffe beslutning i sagen. Børne- og Uddannelsesudvalget "
            "afgiver indstilling til Kommunalbestyrelsen.") in found
    assert found[found.index("Lovgrundlag") + 1] == "Dagtilbudsloven § 1"
    assert found[found.index("Høring") + 1] == "Skolebestyrelserne høres i januar 2027."
    assert found[found.index("Kommunikation") + 1] == "Pressemeddelelse efter mødet."
    assert found[found.index("Tidligere politisk behandling") + 1] == (
        "Børne- og Uddannelsesudvalget behandlede sagen den 1. september 2026: Udvalget besluttede at afprøve "
        "Policy Lab.")


def test_the_risks_with_the_highest_score() -> None:
    found = texts(REGION)  # five risks
    start = found.index("De tre væsentligste af kommissoriets fem risici og deres håndtering:")
    risks = _case(REGION).initiative.risks
    top = sorted(risks, key=lambda r: -r.likelihood * r.impact)[:3]
    assert [line.split(":")[0] for line in found[start + 1:start + 4]] == [r.risk.rstrip(".") for r in top]


def test_wording_in_running_text() -> None:
    found = "\n".join(texts(HALSNAES))
    assert ("styregruppe på fem medlemmer. Formand er Mikkel Aagaard Frandsen, direktør for Børn, Kultur og "
            "Sundhed, Halsnæs Kommune.") in found
    assert "medlemmer med" not in found
    assert "Styregruppen mødes hver 6. uge samt efter behov." in found
    assert "(Word og Excel)" not in found


def test_only_a_case_with_a_committee_gets_one(case_copy: CaseCopy, tmp_path: Path) -> None:
    case_dir = case_copy()
    render_case(load_case(case_dir), tmp_path)
    assert (tmp_path / "halsnaes-boern-og-unge" / "dagsordenspunkt.docx").is_file()
    edit_yaml(case_dir / "initiative.yaml", lambda d: d.pop("committee"))
    case = load_case(case_dir)
    written = render_case(case, tmp_path)
    assert "dagsordenspunkt.docx" not in [p.name for p in written]
    assert not (tmp_path / "halsnaes-boern-og-unge" / "dagsordenspunkt.docx").exists(), "a stale agenda item lingers"
    with pytest.raises(NotApplicable, match="needs a committee"):
        render_case(case, tmp_path, ["dagsordenspunkt"])
