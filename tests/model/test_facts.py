"""Warnings about facts that look wrong: each rule, its file, line and field, and that none refuses a case."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from docpipe import Problem, load_case
from docpipe.model.facts import fact_warnings
from docpipe.model.holidays import danish_holiday, easter_sunday
from tests.conftest import edit_yaml

CaseCopy = Callable[..., Path]


def warnings_of(case_dir: Path) -> list[Problem]:
    return fact_warnings(load_case(case_dir))


def line_of(path: Path, text: str, after: str = "") -> int:
    """The number of the first line holding ``text`` (after the first line holding ``after``)."""
    lines = path.read_text("utf-8").splitlines()
    start = next(n for n, line in enumerate(lines) if after in line) if after else 0
    return next(n for n, line in enumerate(lines, 1) if n > start and text in line)


def calm(case_dir: Path) -> Path:
    """The shipped Halsnæs case with its committee meeting moved before the plan starts: no warning."""
    edit_yaml(case_dir / "initiative.yaml", lambda d: d["committee"].update(meeting_date=dt.date(2026, 9, 29)))
    edit_yaml(case_dir / "planning.yaml", lambda d: _plan_only(d, after=dt.date(2026, 11, 22)))
    return case_dir


def test_a_calm_case_has_no_warning(case_copy: CaseCopy) -> None:
    assert warnings_of(calm(case_copy())) == []


def test_starting_before_the_committee_approves(case_copy: CaseCopy) -> None:
    case_dir = case_copy()  # as shipped: the plan starts 2026-10-01, the committee meets 2026-12-08
    [warning] = warnings_of(case_dir)
    assert (warning.file, warning.line, warning.field) == ("planning.yaml", 4, "phases[0].start")
    assert warning.message == ('the initiative starts 2026-10-01 (phase "fase-1-fokusering"), before '
                               "Børne- og Uddannelsesudvalget approves it on 2026-12-08")


def test_a_case_without_a_committee_has_no_approval_to_wait_for(case_copy: CaseCopy) -> None:
    case_dir = case_copy()
    edit_yaml(case_dir / "initiative.yaml", lambda d: d.pop("committee"))
    assert warnings_of(case_dir) == []


@pytest.mark.parametrize("status", ["done", "in_progress", "late"])
def test_work_begun_that_starts_after_the_case_s_date(case_copy: CaseCopy, status: str) -> None:
    case_dir = calm(case_copy())

    def begin(data: Any) -> None:
        data["phases"][1]["activities"][0]["status"] = status  # starts 2027-03-04, after 2026-11-22

    edit_yaml(case_dir / "planning.yaml", begin)
    [warning] = warnings_of(case_dir)
    assert (warning.file, warning.field) == ("planning.yaml", "phases[1].activities[0].status")
    assert warning.line == line_of(case_dir / "planning.yaml", f"status: {status}", after="id: policy-lab")
    words = {"done": "done", "in_progress": "in progress", "late": "late"}[status]
    assert warning.message.startswith(f'activity "policy-lab" is marked {words}, but it starts 2027-03-04, after '
                                      "the case's date (2026-11-22)")


def test_begun_work_that_started_before_the_case_s_date_is_fine(case_copy: CaseCopy) -> None:
    case_dir = calm(case_copy())
    edit_yaml(case_dir / "planning.yaml", lambda d: d["phases"][0]["activities"][0].update(status="done"))
    assert warnings_of(case_dir) == []


@pytest.mark.parametrize(("day", "expected"), [
    (dt.date(2026, 9, 26), "2026-09-26 is a Saturday; is the date right?"),
    (dt.date(2026, 9, 27), "2026-09-27 is a Sunday; is the date right?"),
    (dt.date(2026, 5, 14), "2026-05-14 is Kristi himmelfartsdag, a Danish holiday when public offices are closed; "
                          "is the date right?"),
    (dt.date(2026, 6, 5), "2026-06-05 is grundlovsdag, a Danish holiday when public offices are closed; is the date "
                          "right?"),
])
def test_a_meeting_on_a_day_off(case_copy: CaseCopy, day: dt.date, expected: str) -> None:
    case_dir = calm(case_copy())
    edit_yaml(case_dir / "initiative.yaml", lambda d: d["committee"].update(meeting_date=day))
    found = [w for w in warnings_of(case_dir) if w.field == "committee.meeting_date"]
    assert [(w.file, w.line, w.message) for w in found] == [
        ("initiative.yaml", line_of(case_dir / "initiative.yaml", "meeting_date"), expected)]


def test_an_adoption_on_a_day_off(case_copy: CaseCopy) -> None:
    """The date a group adopted its forretningsorden is a meeting's date too."""
    case_dir = calm(case_copy())
    edit_yaml(case_dir / "initiative.yaml",
              lambda d: d["governance"]["steering_group"].update(adopted_on=dt.date(2026, 12, 25)))
    found = [w for w in warnings_of(case_dir) if w.field == "governance.steering_group.adopted_on"]
    assert [(w.line, w.message) for w in found] == [
        (line_of(case_dir / "initiative.yaml", "adopted_on"),
         "2026-12-25 is juledag, a Danish holiday when public offices are closed; is the date right?")]


def test_store_bededag_is_a_working_day_from_2024() -> None:
    assert danish_holiday(dt.date(2023, 5, 5)) == "store bededag"
    assert danish_holiday(dt.date(2024, 4, 26)) is None  # 4th Friday after Easter 2024: abolished
    assert danish_holiday(dt.date(2027, 4, 23)) is None


def test_easter_and_the_days_counted_from_it() -> None:
    known = {2019: (4, 21), 2024: (3, 31), 2025: (4, 20), 2026: (4, 5), 2027: (3, 28), 2038: (4, 25)}
    for year, (month, day) in known.items():
        assert easter_sunday(year) == dt.date(year, month, day)
    assert danish_holiday(dt.date(2026, 4, 2)) == "skærtorsdag"
    assert danish_holiday(dt.date(2026, 5, 25)) == "2. pinsedag"
    assert danish_holiday(dt.date(2026, 12, 24)) == "juleaftensdag"
    assert danish_holiday(dt.date(2026, 12, 8)) is None


def test_the_committee_meets_after_work_needing_its_approval_began(case_copy: CaseCopy) -> None:
    """The first phase prepares the decision; the second phase's first activity (2027-03-04) needs it."""
    case_dir = case_copy()
    edit_yaml(case_dir / "initiative.yaml", lambda d: d["committee"].update(meeting_date=dt.date(2027, 3, 9)))
    found = [w for w in warnings_of(case_dir) if w.field == "committee.meeting_date"]
    assert [w.message for w in found] == [
        'the committee meets 2027-03-09, after activity "policy-lab" of phase "fase-2-policy-lab" starts '
        "(2027-03-04); the work after the first phase needs its approval: move the meeting earlier or the activity "
        "later"]
    edit_yaml(case_dir / "initiative.yaml", lambda d: d["committee"].update(meeting_date=dt.date(2027, 3, 4)))
    assert [w for w in warnings_of(case_dir) if w.field == "committee.meeting_date"] == []


def test_warnings_come_in_file_and_line_order_and_never_refuse(case_copy: CaseCopy) -> None:
    case_dir = case_copy()
    edit_yaml(case_dir / "initiative.yaml", lambda d: d["committee"].update(meeting_date=dt.date(2027, 3, 13)))
    edit_yaml(case_dir / "planning.yaml", lambda d: d["phases"][2]["activities"][0].update(status="late"))
    found = warnings_of(case_dir)
    places = [(w.file, w.line) for w in found]
    assert places == sorted(places, key=lambda place: (place[0], place[1] or 0)) and len(found) == 4
    assert [w.file for w in found] == ["initiative.yaml", "initiative.yaml", "planning.yaml", "planning.yaml"]
    assert warnings_of(case_dir) == found  # deterministic


def test_danish_warnings(case_copy: CaseCopy) -> None:
    from docpipe import use_language

    case_dir = calm(case_copy())
    edit_yaml(case_dir / "initiative.yaml", lambda d: d["committee"].update(meeting_date=dt.date(2026, 9, 26)))
    with use_language("da"):
        [warning] = warnings_of(case_dir)
    assert warning.message == "2026-09-26 er en lørdag; er datoen rigtig?"


def _plan_only(data: dict[str, list[dict[str, Any]]], after: dt.date = dt.date.min) -> None:
    """Every activity starting after ``after`` set back to planned."""
    for phase in data["phases"]:
        for activity in phase["activities"]:
            if activity["start"] > after:
                activity["status"] = "planned"
