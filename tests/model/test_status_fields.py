"""The status update's fields of an activity (actual_end, comment): optional, checked like the rest."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from docpipe.model.load import load_case
from docpipe.model.schema import input_schema
from tests.conftest import INPUTS, only_problem

CaseCopy = Callable[..., Path]


def test_shipped_example_carries_a_status_update() -> None:
    """The example ``docpipe new`` copies shows both fields in use."""
    activities = {a.id: a for a in load_case(INPUTS / "halsnaes-boern-og-unge").activities()}
    assert activities["opstartsmoede-topledelse"].actual_end == dt.date(2026, 10, 5)
    assert activities["borgerperspektiver"].comment
    assert activities["udfordringsbillede"].actual_end is None and activities["udfordringsbillede"].comment is None


def _retype_actual_end(case_dir: Path, typed: str) -> int:
    """The example's ``actual_end: 2026-10-05`` typed as ``typed``; its 0-based line number."""
    planning = case_dir / "planning.yaml"
    lines = planning.read_text("utf-8").splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if line.strip() == "actual_end: 2026-10-05")
    lines[at] = lines[at].replace("2026-10-05", typed)
    planning.write_text("".join(lines), "utf-8")
    return at


def test_a_bad_actual_end_is_named_by_file_line_and_field(case_copy: CaseCopy) -> None:
    case_dir = case_copy()
    at = _retype_actual_end(case_dir, "2026-10-35")
    problem = only_problem(case_dir)
    assert (problem.file, problem.line, problem.field) == ("planning.yaml", at + 1,
                                                          "phases[0].activities[0].actual_end")


def test_the_schema_describes_both_fields() -> None:
    activity = input_schema("planning")["$defs"]["Activity"]["properties"]
    assert {"actual_end", "comment"} <= set(activity)
    assert "description" in activity["actual_end"]


def test_a_risk_may_be_flagged_for_the_status_note() -> None:
    risk = input_schema("initiative")["$defs"]["Risk"]["properties"]["flagged"]
    assert risk["default"] is False and "statusnotat" in risk["description"]
    flagged = [r.risk for r in load_case(INPUTS / "halsnaes-boern-og-unge").initiative.risks if r.flagged]
    assert flagged == ["Data om trivsel og sundhed er ufuldstændige eller ikke sammenlignelige"]


def test_a_finish_before_the_start_is_refused_at_actual_end(case_copy: CaseCopy) -> None:
    """A "faktisk slut" typed into the workbook before the activity began (here 2025 for 2026)."""
    case_dir = case_copy()
    at = _retype_actual_end(case_dir, "2025-10-05")
    problem = only_problem(case_dir)
    assert (problem.file, problem.line, problem.field) == ("planning.yaml", at + 1,
                                                          "phases[0].activities[0].actual_end")
    assert "finished 2025-10-05, before it starts" in problem.message
