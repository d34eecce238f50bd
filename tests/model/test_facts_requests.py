"""The committee is never asked about a document that, by the case's own dates, does not exist at
its meeting (issue 15, section 1): a warning with file, line and field; and a committee that only
recommends is warned about as one that recommends."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from docpipe import use_language
from docpipe.model.committee import Committee
from tests.conftest import edit_yaml
from tests.model.test_facts import CaseCopy, calm, line_of, warnings_of


def asking(case_dir: Path, *kinds: str, meeting: dt.date | None = None) -> Path:
    def change(data: dict[str, dict[str, object]]) -> None:
        data["committee"]["requests"] = [{"kind": kind} for kind in kinds]
        if meeting is not None:
            data["committee"]["meeting_date"] = meeting
    edit_yaml(case_dir / "initiative.yaml", change)
    return case_dir


def test_a_one_pager_to_approve_before_the_plan_has_written_it(case_copy: CaseCopy) -> None:
    """Halsnæs meets in September (calm); the one-pager is ready 2027-06-04."""
    case_dir = asking(calm(case_copy()), "approve-terms", "approve-one-pager")
    [warning] = warnings_of(case_dir)
    initiative = case_dir / "initiative.yaml"
    assert (warning.file, warning.field) == ("initiative.yaml", "committee.requests[1].kind")
    assert warning.line == line_of(initiative, "approve-one-pager")
    assert warning.message == (
        "the committee is asked to approve the one-pager on 2026-09-29, but the plan has it ready only on "
        '2027-06-04 (activity "strategisk-one-pager"); ask at a later meeting or correct the dates')


def test_a_one_pager_approved_after_it_is_written_is_fine(case_copy: CaseCopy) -> None:
    case_dir = asking(calm(case_copy()), "approve-one-pager", meeting=dt.date(2027, 6, 16))
    assert [w for w in warnings_of(case_dir) if w.field.startswith("committee.requests")] == []


def test_a_status_to_note_before_any_work_began(case_copy: CaseCopy) -> None:
    case_dir = asking(calm(case_copy()), "note-status")
    [warning] = warnings_of(case_dir)
    assert warning.field == "committee.requests[0].kind"
    assert warning.message == (
        "the committee is asked to note a status on 2026-09-29, but no activity has begun by then (the first "
        "starts 2026-10-05); ask at a later meeting or correct the dates")
    with use_language("da"):
        [danish] = warnings_of(case_dir)
    assert danish.message.startswith("udvalget bliver bedt om at tage en status til efterretning den 2026-09-29")


def test_a_committee_that_recommends_is_warned_about_as_one(case_copy: CaseCopy) -> None:
    case_dir = case_copy()
    edit_yaml(case_dir / "initiative.yaml", lambda d: d["committee"].update(competence="Kommunalbestyrelsen"))
    [warning] = warnings_of(case_dir)
    assert warning.message.endswith("before Børne- og Uddannelsesudvalget recommends it on 2026-12-08")


def test_who_decides() -> None:
    def committee(**fields: object) -> Committee:
        return Committee.model_validate({"name": "Børne- og Uddannelsesudvalget", "meeting_date": "2026-12-08",
                                         **fields})
    assert not committee().recommends()
    assert not committee(route=["Direktionen", "Børne- og Uddannelsesudvalget"]).recommends()
    assert committee(route=["Børne- og Uddannelsesudvalget", "Kommunalbestyrelsen"]).decider() == "Kommunalbestyrelsen"
    assert committee(competence="Kommunalbestyrelsen").recommends()
    assert not committee(competence="børne- og uddannelsesudvalget").recommends()
    assert not committee(name="Kredsrådet for Nordsjællands Politi", competence="Kredsrådet").recommends()
    assert committee(name="Regionsrådets forretningsudvalg", competence="Regionsrådet").recommends()
    sentence = committee(competence="Udvalget har kompetence efter styrelsesvedtægten.", route=["Direktionen"])
    assert sentence.decider() == "Direktionen" and sentence.recommends()
