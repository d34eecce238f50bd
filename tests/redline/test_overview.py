"""aendringer.docx and the case diff behind it: what changed, in plain Danish, per document."""

from __future__ import annotations

from pathlib import Path

from docpipe import DELIVERABLES, load_case, redline_case
from docpipe.redline.changes import case_changes
from docpipe.redline.overview import overview_context
from tests.redline.tracked import changes, readings, resolved

MEMBER = "Kasper Vinther (netværkskoordinator, Sund By Netværket) er nyt medlem af styregruppen."
MILESTONE = ("Milepælen „Godkendelse i Børne- og Uddannelsesudvalget“ er flyttet fra 16. juni 2027 "
             "til 23. juni 2027.")
BUDGET_LINE = "Budgetlinjen „Databaseret udfordringsbillede og analyse“ er ændret fra 120.000 kr. til 150.000 kr."
TOTAL = "Budgettet i alt er ændret fra 1.100.000 kr. til 1.130.000 kr."
RISK = "Risikoen „Data om trivsel og sundhed er ufuldstændige eller ikke sammenlignelige“ er fjernet."


def test_the_case_diff_says_each_change_once_in_plain_danish(case_pair: tuple[Path, Path]) -> None:
    old, new = (load_case(path) for path in case_pair)
    assert [change.text for change in case_changes(old, new)] == [MEMBER, MILESTONE, BUDGET_LINE, TOTAL, RISK]


def test_identical_cases_have_no_change(case_pair: tuple[Path, Path]) -> None:
    _, new = case_pair
    case = load_case(new)
    assert case_changes(case, case) == []
    context = overview_context(case, case, list(DELIVERABLES.values()))
    assert context["sections"] == []
    assert context["intro"] == ["Sagen er ikke ændret siden versionen af 22. november 2026."]


def test_each_document_lists_the_changes_it_shows(case_pair: tuple[Path, Path]) -> None:
    old, new = (load_case(path) for path in case_pair)
    chosen = [DELIVERABLES[name] for name in ("kommissorium", "forretningsorden", "implementeringsplan-xlsx")]
    sections = {section["name"]: section["changes"] for section in overview_context(old, new, chosen)["sections"]}
    assert sections == {"Kommissorium": [MEMBER, MILESTONE, BUDGET_LINE, TOTAL, RISK],
                        "Forretningsorden": [MEMBER], "Implementeringsplan (Excel)": [MILESTONE]}


def test_a_word_document_the_overview_lists_has_tracked_changes_and_one_it_leaves_out_has_none(
        case_pair: tuple[Path, Path], tmp_path: Path) -> None:
    """The overview's map from a change to the documents that show it agrees with the redlines."""
    old, new = case_pair
    written = {path.name: path.read_bytes() for path in redline_case(old, new, tmp_path)}
    context = overview_context(load_case(old), load_case(new), list(DELIVERABLES.values()))
    listed = {section["name"] for section in context["sections"]}
    for name, deliverable in DELIVERABLES.items():
        if deliverable.kind == "docx" and deliverable.file_name in written:
            assert bool(changes(written[deliverable.file_name])) == (deliverable.document_kind in listed), name


def test_the_overview_is_a_house_style_document_naming_the_old_date(case_pair: tuple[Path, Path],
                                                                    tmp_path: Path) -> None:
    old, new = case_pair
    redline_case(old, new, tmp_path, deliverables=["kommissorium"])
    texts = readings(resolved((tmp_path / new.name / "aendringer.docx").read_bytes(), accept=True))
    flat = "\n".join(str(text) for text in texts)
    assert "Ændringer siden 22. november 2026" in flat and "Kommissorium" in flat and BUDGET_LINE in flat
    assert "Forretningsorden" not in flat  # not asked for
