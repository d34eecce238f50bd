"""The agenda item (dagsordenspunkt) a civil servant submits so the committee approves the initiative.

It follows the shape of a Danish municipal agenda item: resumé, sagsfremstilling, økonomi,
indstilling, beslutning (left blank for the meeting) and bilag. Only a case with a committee has one.
"""

from __future__ import annotations

from typing import Any

from docpipe import danish
from docpipe.deliverables.common import house_context, paragraphs
from docpipe.model import Case

ATTACHMENTS = (
    "Kommissorium",
    "Forretningsorden for styregruppen",
    "Implementeringsplan (Word og Excel)",
    "Strategisk one-pager",
    "Aktøroverblik",
)


def applies(case: Case) -> bool:
    """An agenda item needs a committee to go to."""
    return case.initiative.committee is not None


def build_context(case: Case) -> dict[str, Any]:
    initiative = case.initiative
    committee = initiative.committee
    assert committee is not None, "dagsordenspunkt is only made for a case with a committee"
    group = initiative.governance.steering_group
    chair = case.actor(group.chair)
    phases = case.planning.phases
    start, end = min(p.start for p in phases), max(p.end for p in phases)
    context = house_context(case)
    context.update({
        "heading": f"Godkendelse af kommissorium og forretningsorden for {initiative.title}",
        "meeting": {"committee": committee.name, "date": danish.long_date(committee.meeting_date)},
        "summary": _summary(case),
        "background": paragraphs(initiative.background),
        "purpose": paragraphs(initiative.purpose),
        "organisation": [
            f"Initiativet ledes af en styregruppe med {danish.number_words(len(group.members))} medlemmer med "
            f"{chair.name} ({chair.title}, {chair.organisation}) som formand. Styregruppens mødefrekvens: "
            f"{group.meeting_frequency.strip().rstrip('.')}.",
            *_working_roles(case),
        ],
        "timeline": f"Initiativet løber fra {danish.long_date(start)} til {danish.long_date(end)} i "
                    f"{danish.number_words(len(phases))} faser:",
        "phases": [f"{phase.name} ({danish.week_span(phase.start, phase.end)})" for phase in phases],
        "milestones": [f"{activity.title}: {danish.long_date(activity.end)}"
                       for activity in case.activities() if activity.milestone],
        "economy": _economy(case),
        "recommendation": [
            f"at {committee.name} godkender kommissorium og forretningsorden for {initiative.title}, og",
            "at implementeringsplanen og den strategiske one-pager tages til efterretning.",
        ],
        "attachments": list(ATTACHMENTS),
    })
    return context


def _summary(case: Case) -> list[str]:
    initiative = case.initiative
    purpose = paragraphs(initiative.purpose)
    committee = initiative.committee
    assert committee is not None
    return [
        f"{case.organisation.name} igangsætter initiativet „{initiative.title}“. {purpose[0] if purpose else ''}"
        .strip(),
        f"{committee.name} forelægges kommissorium og forretningsorden til godkendelse.",
    ]


def _working_roles(case: Case) -> list[str]:
    governance = case.initiative.governance
    lines = []
    if governance.working_group is not None:
        count = danish.number_words(len(governance.working_group.members))
        lines.append(f"En tværfaglig arbejdsgruppe med {count} medlemmer driver det daglige arbejde.")
    if governance.anchor_person is not None:
        anchor = case.actor(governance.anchor_person)
        lines.append(f"{anchor.name} ({anchor.organisation}) er ankerperson og sikrer sammenhæng gennem forløbet.")
    if governance.leader is not None:
        leader = case.actor(governance.leader)
        lines.append(f"{leader.name}, {leader.title}, er ledelsesperson med beslutningsmandat.")
    return lines


def _economy(case: Case) -> list[str]:
    budget = case.initiative.budget
    if budget is None:
        return ["Initiativet gennemføres inden for de eksisterende budgetrammer og har ingen bevillingsmæssige "
                "konsekvenser."]
    lines = [f"Initiativets samlede budget er {danish.amount(budget.total)}"]  # the amount ends in "kr."
    if budget.financing:
        lines.extend(paragraphs(budget.financing))
    return lines
