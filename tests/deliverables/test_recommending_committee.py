"""A committee that only recommends to the council (issue 15, section 1): the indstilling, the
resumé, kompetence, sagsgang and the kommissorium say that it recommends and who decides."""

from __future__ import annotations

from decimal import Decimal

from docpipe.model.committee import Request
from tests.deliverables.test_dagsordenspunkt import TITLE, agenda, texts
from tests.deliverables.test_governance_texts import HALSNAES, REGION, _changed, _texts

COMMITTEE = "Børne- og Uddannelsesudvalget"


def test_the_shipped_region_case_recommends_to_the_regional_council() -> None:
    found = texts(REGION)
    start = found.index("Indstilling")
    assert found[start + 1:start + 4] == [
        "Administrationen indstiller,",
        "at Udvalget for Det Nære Sundhedsvæsen over for Regionsrådet anbefaler,",
        "at kommissoriet for Lighed i sundhed gennem nære sundhedstilbud godkendes."]
    assert ("Udvalget for Det Nære Sundhedsvæsen bliver bedt om at anbefale Regionsrådet at godkende kommissoriet."
            in found)
    assert ("Regionsrådet har kompetence til at træffe beslutning i sagen. Udvalget for Det Nære Sundhedsvæsen "
            "afgiver indstilling til Regionsrådet.") in found
    assert ("Sagen behandles i Udvalget for Det Nære Sundhedsvæsen, derefter i Forretningsudvalget og til sidst i "
            "Regionsrådet.") in found
    assert "Beslutning i Udvalget for Det Nære Sundhedsvæsen den 9. december 2026:" in found
    assert not any("godkender kommissoriet" in text for text in found)


def test_competence_alone_makes_the_committee_recommend_and_sets_the_route() -> None:
    case = _changed(HALSNAES, committee={"competence": "Kommunalbestyrelsen", "route": [],
                                         "requests": [Request(kind="approve-terms"),
                                                      Request(kind="grant-funds", amount=Decimal(250000))]})
    found = agenda(case)
    assert [line for line in found if line.startswith("at ")] == [
        f"at {COMMITTEE} over for Kommunalbestyrelsen anbefaler,",
        f"at kommissoriet for {TITLE} godkendes, og",
        "at der bevilges 250.000 kr. til initiativet."]
    assert f"Sagen behandles i {COMMITTEE} og derefter i Kommunalbestyrelsen." in found
    assert (f"{COMMITTEE} bliver bedt om at anbefale Kommunalbestyrelsen at godkende kommissoriet og bevilge "
            "250.000 kr.") in found
    kommissorium = _texts(case, "kommissorium")
    assert (f"Kommissoriet forelægges {COMMITTEE} på mødet den 8. december 2026 med indstilling om, at "
            "Kommunalbestyrelsen godkender det.") in kommissorium


def test_a_committee_that_decides_says_so() -> None:
    found = texts(HALSNAES)
    assert f"at {COMMITTEE} godkender kommissoriet for {TITLE}." in found
    assert not any("anbefale" in text or "afgiver indstilling" in text for text in found)
