"""The kommissorium's sections on people and follow-up: interessenter og inddragelse (by level,
by organisation, never scores or contact details), kommunikation, ressourcer (staff time from the
plan) and afrapportering og evaluering (to whom, when, against which success criteria)."""

from __future__ import annotations

from docpipe.deliverables import kommissorium_sections as sections
from tests.deliverables.test_governance_texts import HALSNAES, POLITI, _case, _changed, _shipped, _texts


def test_sections_in_order() -> None:
    found = _texts(_case(HALSNAES), "kommissorium")
    order = ["Organisering", "Interessenter og inddragelse", "Kommunikation", "Tidsplan", "Økonomi", "Ressourcer",
             "Succeskriterier", "Risici", "Afrapportering og evaluering", "Godkendelse"]
    positions = [found.index(heading) for heading in order]
    assert positions == sorted(positions)


def test_stakeholders_by_involvement_without_scores_or_contacts() -> None:
    lines = sections.stakeholders(_case(HALSNAES))
    assert lines[0] == "En aktør fra Halsnæs Kommune træffer selv beslutninger om løsningerne."
    assert ("Fem aktører fra Halsnæs Kommune og Resonans A/S udvikler og gennemfører løsningerne i fællesskab med "
            "initiativet.") in lines
    assert lines[-1] == "En aktør fra Erhverv Halsnæs holdes orienteret om fremdrift og resultater."
    text = _shipped(HALSNAES, "kommissorium")
    for actor in _case(HALSNAES).actors:
        assert actor.email is None or actor.email not in text
        assert actor.phone is None or actor.phone not in text


def test_many_organisations_end_in_og_n_andre() -> None:
    names = [f"Skole {n}" for n in range(9)]
    assert sections.organisations(names) == "Skole 0, Skole 1, Skole 2, Skole 3, Skole 4, Skole 5 og 3 andre"
    assert sections.organisations(names[:7]) == "Skole 0, Skole 1, Skole 2, Skole 3, Skole 4, Skole 5 og 1 anden"
    assert sections.organisations(["A", "B", "A"]) == "A og B"


def test_communication_from_the_case_or_by_default() -> None:
    default = sections.communication(_case(HALSNAES))
    assert default == ["Styregruppen har ansvaret for kommunikationen om initiativet. Deltagere og "
                       "samarbejdspartnere orienteres ved hver milepæl om resultater og næste skridt."]
    given = sections.communication(_changed(HALSNAES, committee={"communication": "Nyhed på halsnaes.dk."}))
    assert given[0] == "Nyhed på halsnaes.dk." and len(given) == 2
    assert sections.communication(_case(POLITI))[-1].startswith("Følgegruppen har ansvaret")


def test_resources_are_the_staff_time_of_the_plan() -> None:
    case = _case(HALSNAES)
    resources = sections.resources(case)
    rows = resources["rows"]
    assert isinstance(rows, list)
    assert rows[0]["organisation"] == "Halsnæs Kommune"
    assert all(int(row["tasks"]) <= len(case.activities()) for row in rows)
    assert "kræver initiativet medarbejdertid. 13 personer fra otte organisationer" in str(resources["intro"])
    assert "arbejdsgruppen bærer det daglige arbejde" in str(resources["intro"])


def test_reporting_to_whom_when_and_against_what() -> None:
    lines = sections.reporting(_case(HALSNAES))
    assert lines[0] == "Styregruppen følger op på fremdrift, milepæle og risici på hvert møde."
    assert lines[1] == ("Der afrapporteres til Børne- og Uddannelsesudvalget ved planens milepæle, senest den "
                        "15. december 2027.")
    assert lines[2].startswith("Initiativet evalueres mod succeskriterierne (flere børn og unge trives i skolen, ")
    assert lines[2].endswith("den sidste frist er 31. december 2029.")
    case = _case(HALSNAES)
    bare = case.initiative.model_copy(update={"success_criteria": [], "committee": None})
    none = sections.reporting(case.model_copy(update={"initiative": bare}))
    assert none[1] == "Der afrapporteres til Lene Dalsgaard ved planens milepæle, senest den 15. december 2027."
    assert none[2] == ("Initiativet evalueres mod de succeskriterier, som styregruppen fastlægger i første fase.")
