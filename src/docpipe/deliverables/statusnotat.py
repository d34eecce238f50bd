"""The status note (statusnotat): "Status pr. <date>" for the steering group and management.

It answers what a steering-group meeting asks of the plan: how far each phase has come, which
activities are late and who owns them, which milestones fall in the coming period, which risks their
owners have flagged, and what the success criteria measure so far. One or two pages.

The date is the case's date (``date`` in initiative.yaml), as on every other document of the case:
reproducible, and a new status note is made by moving that date along with the statuses. The coming
period is the three months after it, or up to the next milestone when none falls in those months.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

from docpipe import danish
from docpipe.deliverables import bodies, wording
from docpipe.deliverables.bodies import GroupWords
from docpipe.deliverables.common import house_context
from docpipe.deliverables.implementeringsplan import STATUS_ORDER, STATUS_PHRASE
from docpipe.deliverables.status_chart import progress_chart
from docpipe.model import Case
from docpipe.model.identity import activity_numbers

COMING_PERIOD = dt.timedelta(days=91)
NOT_MEASURED = "ikke målt endnu"


def applies(case: Case) -> bool:
    """Only a plan under way has a status to report: some activity is beyond planned."""
    return any(activity.status != "planned" for activity in case.activities())


def build_context(case: Case) -> dict[str, Any]:
    today = case.initiative.date
    numbers = activity_numbers(case)
    until, milestones = _coming_milestones(case, today, numbers)
    context = house_context(case)
    context.update({
        "group": wording.capitalised(GroupWords(bodies.lead_group(case).name).definite),
        "phases": _phases(case),
        "chart": _chart(case),
        "summary": _summary(case),
        "late": [{"number": numbers[a.id], "title": a.title, "owner": case.actor(a.owner).name,
                  "end": danish.table_date(a.end), "comment": a.comment or "–"}
                 for a in case.activities() if a.status == "late"],
        "milestones": milestones,
        "coming_heading": "Milepæle de kommende tre måneder" if until == today + COMING_PERIOD else "Næste milepæl",
        "risks": [{"risk": r.risk, "owner": case.actor(r.owner).name, "score": str(r.likelihood * r.impact),
                   "mitigation": r.mitigation} for r in case.initiative.risks if r.flagged],
        "criteria": [{"criterion": c.criterion, "target": c.target, "deadline": danish.table_date(c.deadline),
                      "measured": NOT_MEASURED} for c in case.initiative.success_criteria],
    })
    return context


def _counts(statuses: list[str]) -> dict[str, int]:
    counted = Counter(statuses)
    return {status: counted[status] for status in STATUS_ORDER}


def _phases(case: Case) -> list[dict[str, str]]:
    rows = []
    for phase in case.planning.phases:
        counts = _counts([a.status for a in phase.activities])
        rows.append({"name": phase.name, **{status: str(count) for status, count in counts.items()},
                     "total": str(len(phase.activities))})
    return rows


def _summary(case: Case) -> str:
    """"Af planens 15 aktiviteter er én afsluttet, tre i gang, én forsinket og ti planlagt.", said as the
    Word plan says it (one wording for both)."""
    counts = _counts([a.status for a in case.activities()])
    return wording.tally("planens", "aktivitet", "aktiviteter",
                         [(counts[status], STATUS_PHRASE[status]) for status in STATUS_ORDER])


def _chart(case: Case) -> Any:
    phases = [(phase.name, _counts([a.status for a in phase.activities])) for phase in case.planning.phases]
    described = "; ".join(
        f"{name}: " + ", ".join(f"{count[status]} {STATUS_PHRASE[status]}" for status in STATUS_ORDER)
        for name, count in phases)
    alt = f"Søjlediagram over fremdriften pr. fase (antal aktiviteter efter status). {described}."
    return progress_chart(phases, {status: danish.ACTIVITY_STATUS[status] for status in STATUS_ORDER}, alt)


def _coming_milestones(case: Case, today: dt.date, numbers: dict[str, str]) -> tuple[dt.date, list[dict[str, str]]]:
    """The end of the coming period and the milestones not yet reached that fall due before it (overdue
    ones too). When none does, the period stretches to the next milestone, so the note always says
    what the group is heading for. The heading names the period in words, not by its end date: that
    date is no event of the case, and a reader would look for it in the plan."""
    open_ones = [a for a in case.activities() if a.milestone and a.status != "done"]
    until = today + COMING_PERIOD
    if open_ones and not any(a.end <= until for a in open_ones):
        until = min(a.end for a in open_ones)
    return until, [{"number": numbers[a.id], "title": a.title, "date": danish.table_date(a.end),
                    "owner": case.actor(a.owner).name, "status": danish.ACTIVITY_STATUS[a.status]}
                   for a in open_ones if a.end <= until]
