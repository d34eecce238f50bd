"""Random edits to a case (texts, members, activities, amounts, dates, risks): for every Word
deliverable, accepting every tracked change gives NEW's document and rejecting every one OLD's.

Edits are made on the validated model (``model_copy``), each keeping what the documents rely on
(a chair stays a member, a date stays inside its phase), so every example renders. Few examples:
each one renders the five Word documents twice.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from docpipe import DELIVERABLES, Case, load_case, render_deliverable
from docpipe.redline.case import redlined_deliverable
from docpipe.redline.changes import case_changes
from docpipe.redline.marks import Revision
from tests.conftest import INPUTS
from tests.redline.tracked import readings, resolved

WORD = [deliverable for deliverable in DELIVERABLES.values() if deliverable.kind == "docx"]
WORDS = st.sampled_from(["trivsel", "bevægelse", "unge", "fællesskab", "skole", "forældre", "data", "og", "1.250"])
BASE = load_case(INPUTS / "halsnaes-boern-og-unge")


def _with(model: Any, **update: Any) -> Any:
    return model.model_copy(update=update)


def _case(case: Case, **update: Any) -> Case:
    return case.model_copy(update=update)


def _edited_text(draw: st.DrawFn, text: str) -> str:
    words = text.split(" ")
    index = draw(st.integers(0, len(words) - 1))
    replacement = draw(st.lists(WORDS, min_size=0, max_size=3))
    return " ".join([*words[:index], *replacement, *words[index + 1:]])


@st.composite
def edited(draw: st.DrawFn) -> Case:
    """BASE with a few random edits of the kinds a case sees between two meetings."""
    case = BASE
    for edit in draw(st.lists(st.sampled_from(["text", "goal", "member", "activity", "amount", "risk"]),
                              min_size=1, max_size=3)):
        case = EDITS[edit](draw, case)
    return case


def _text(draw: st.DrawFn, case: Case) -> Case:
    field = draw(st.sampled_from(["background", "purpose", "vision", "challenge"]))
    initiative = _with(case.initiative, **{field: _edited_text(draw, getattr(case.initiative, field))})
    return _case(case, initiative=initiative)


def _goal(draw: st.DrawFn, case: Case) -> Case:
    goals = list(case.initiative.goals)
    if draw(st.booleans()) and len(goals) > 1:
        del goals[draw(st.integers(0, len(goals) - 1))]
    else:
        goals.insert(draw(st.integers(0, len(goals))), " ".join(draw(st.lists(WORDS, min_size=1, max_size=4))))
    return _case(case, initiative=_with(case.initiative, goals=goals))


def _member(draw: st.DrawFn, case: Case) -> Case:
    group = case.initiative.governance.steering_group
    assert group is not None
    members = list(group.members)
    others = [actor.id for actor in case.actors if actor.id not in members]
    removable = [member for member in members if member not in (group.chair, group.vice_chair, group.secretariat)]
    if removable and (not others or draw(st.booleans())):
        members.remove(draw(st.sampled_from(removable)))
    elif others:
        members.insert(draw(st.integers(0, len(members))), draw(st.sampled_from(others)))
    governance = _with(case.initiative.governance, steering_group=_with(group, members=members))
    return _case(case, initiative=_with(case.initiative, governance=governance))


def _activity(draw: st.DrawFn, case: Case) -> Case:
    phase_index = draw(st.integers(0, len(case.planning.phases) - 1))
    phase = case.planning.phases[phase_index]
    if not phase.activities:
        return case
    index = draw(st.integers(0, len(phase.activities) - 1))
    activity = phase.activities[index]
    start = draw(st.dates(phase.start, phase.end))
    end = draw(st.dates(start, phase.end))
    changed = _with(activity, start=start, end=start if activity.milestone else end,
                    title=_edited_text(draw, activity.title) if draw(st.booleans()) else activity.title)
    activities = [*phase.activities[:index], changed, *phase.activities[index + 1:]]
    phases = list(case.planning.phases)
    phases[phase_index] = _with(phase, activities=activities)
    return _case(case, planning=_with(case.planning, phases=phases))


def _amount(draw: st.DrawFn, case: Case) -> Case:
    budget = case.initiative.budget
    assert budget is not None
    lines = list(budget.lines)
    index = draw(st.integers(0, len(lines) - 1))
    lines[index] = _with(lines[index], amount=Decimal(draw(st.integers(1, 2_000_000))))
    return _case(case, initiative=_with(case.initiative, budget=_with(budget, lines=lines)))


def _risk(draw: st.DrawFn, case: Case) -> Case:
    risks = list(case.initiative.risks)
    if risks:
        del risks[draw(st.integers(0, len(risks) - 1))]
    return _case(case, initiative=_with(case.initiative, risks=risks))


EDITS = {"text": _text, "goal": _goal, "member": _member, "activity": _activity, "amount": _amount, "risk": _risk}


@pytest.mark.parametrize("deliverable", WORD, ids=[deliverable.name for deliverable in WORD])
@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(new=edited())
def test_accept_gives_new_and_reject_gives_old(deliverable: Any, new: Case) -> None:
    redlined = redlined_deliverable(BASE, new, deliverable, Revision("Test", dt.date(2026, 11, 22)))
    assert readings(resolved(redlined, accept=True)) == readings(
        resolved(render_deliverable(new, deliverable), accept=True))
    assert readings(resolved(redlined, accept=False)) == readings(
        resolved(render_deliverable(BASE, deliverable), accept=True))


@settings(max_examples=20, deadline=None)
@given(new=edited())
def test_the_case_diff_sees_a_change_whenever_the_cases_differ(new: Case) -> None:
    assert bool(case_changes(BASE, new)) == (new != BASE)
