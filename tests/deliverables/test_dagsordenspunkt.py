"""The committee agenda item: its sections, the recommendation, the attachments, and when it is made."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import docx
import pytest

from docpipe import DELIVERABLES, load_case, render_case, render_deliverable
from docpipe.deliverables.registry import NotApplicable
from tests.conftest import INPUTS, edit_yaml

CaseCopy = Callable[..., Path]


def texts(case_name: str) -> list[str]:
    data = render_deliverable(load_case(INPUTS / case_name), DELIVERABLES["dagsordenspunkt"])
    document = docx.Document(io.BytesIO(data))
    return [p.text for p in document.paragraphs] + [c.text for t in document.tables for r in t.rows for c in r.cells]


def test_sections_in_agenda_order() -> None:
    found = texts("halsnaes-boern-og-unge")
    headings = ["Resumé", "Sagsfremstilling", "Baggrund", "Formål", "Organisering", "Tidsplan", "Økonomi",
                "Indstilling", "Beslutning", "Bilag"]
    positions = [found.index(heading) for heading in headings]
    assert positions == sorted(positions)
    assert found[0].startswith("Godkendelse af kommissorium og forretningsorden for Policy Lab")


def test_meeting_recommendation_and_blank_decision() -> None:
    found = texts("halsnaes-boern-og-unge")
    assert "Børne- og Uddannelsesudvalget" in found and "8. december 2026" in found and "26/14872" in found
    assert ("at Børne- og Uddannelsesudvalget godkender kommissorium og forretningsorden for Policy Lab: "
            "Børn og unges sundhed, trivsel og uddannelse i Halsnæs, og") in found
    decision = found.index("Beslutning i Børne- og Uddannelsesudvalget den 8. december 2026:")
    assert found[decision + 1: decision + 4] == ["", "", ""]


def test_economy_and_attachments() -> None:
    found = texts("region-sjaelland-sundhed")
    assert any(text.startswith("Initiativets samlede budget er 6.850.000 kr") for text in found)
    assert not any("kr.." in text for text in found)
    assert [t for t in found if t.startswith("Bilag ")] == [
        "Bilag 1: Kommissorium (åbent bilag)", "Bilag 2: Forretningsorden for styregruppen (åbent bilag)",
        "Bilag 3: Implementeringsplan (Word og Excel) (åbent bilag)", "Bilag 4: Strategisk one-pager (åbent bilag)",
        "Bilag 5: Aktøroverblik (lukket bilag)"]


def test_without_budget_says_no_financial_consequences() -> None:
    found = texts("nordsjaellands-politi-tryghed")
    assert any("ingen bevillingsmæssige konsekvenser" in text for text in found)


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
