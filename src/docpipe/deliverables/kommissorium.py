"""The kommissorium (terms of reference): why, what, who, when, what it costs, how success is measured."""

from __future__ import annotations

from typing import Any

from docpipe import danish
from docpipe.deliverables.common import governance_roles, house_context, paragraphs, period, person
from docpipe.model import Case

ORGANISATION_INTRO = {
    "policy-lab": "Initiativet organiseres med en styregruppe, der træffer beslutninger og følger fremdriften, "
                  "og en arbejdsgruppe, der omsætter Policy Lab'ets prioriteringer til handleplaner og "
                  "prøvehandlinger.",
    "co-creation": "Initiativet organiseres efter co-creation-metoden med en tværfaglig arbejdsgruppe, en "
                   "ankerperson og en ledelsesperson med beslutningsmandat.",
    "project": "Projektet organiseres med en styregruppe og en projektgruppe.",
}


def build_context(case: Case) -> dict[str, Any]:
    initiative = case.initiative
    governance = initiative.governance
    group = governance.steering_group
    roles = governance_roles(case)

    def member(actor_id: str) -> dict[str, str]:
        return person(case.actor(actor_id), ", ".join(roles[actor_id]))

    phases = case.planning.phases
    context = house_context(case)
    context.update({
        "background": paragraphs(initiative.background),
        "challenge": paragraphs(initiative.challenge),
        "purpose": paragraphs(initiative.purpose),
        "vision": paragraphs(initiative.vision),
        "scope": paragraphs(initiative.scope) or ["Der er ikke fastsat en særskilt afgrænsning ud over formålet."],
        "goals": list(initiative.goals),
        "deliverables": list(initiative.deliverables),
        "organisation_intro": ORGANISATION_INTRO[initiative.method],
        "steering_group": {
            "chair": member(group.chair),
            "secretariat": member(group.secretariat),
            "members": [member(actor_id) for actor_id in group.members],
            "meeting_frequency": group.meeting_frequency,
        },
        "working_group": [member(actor_id) for actor_id in governance.working_group.members]
        if governance.working_group else [],
        "anchor_person": member(governance.anchor_person) if governance.anchor_person else None,
        "leader": member(governance.leader) if governance.leader else None,
        "period": {"start": danish.long_date(min(p.start for p in phases)),
                   "end": danish.long_date(max(p.end for p in phases))},
        "phases": [{"name": phase.name, "period": period(phase.start, phase.end),
                    "weeks": danish.week_span(phase.start, phase.end),
                    "activity_count": str(len(phase.activities))} for phase in phases],
        "milestones": [{"title": activity.title, "date": danish.long_date(activity.end), "phase": phase.name}
                       for phase in phases for activity in phase.activities if activity.milestone],
        "budget": _budget(case),
        "success_criteria": [{"criterion": c.criterion, "indicator": c.indicator, "baseline": c.baseline,
                              "target": c.target, "deadline": danish.short_date(c.deadline),
                              "data_source": c.data_source} for c in initiative.success_criteria],
        "risks": [{"risk": r.risk, "likelihood": str(r.likelihood), "impact": str(r.impact),
                   "mitigation": r.mitigation, "owner": case.actor(r.owner).name} for r in initiative.risks],
        "approval": _approval(case),
    })
    return context


def _budget(case: Case) -> dict[str, Any] | None:
    budget = case.initiative.budget
    if budget is None:
        return None
    return {
        "lines": [{"item": line.item, "amount": danish.amount(line.amount)} for line in budget.lines],
        "total": danish.amount(budget.total),
        "financing": (budget.financing or "").strip(),
    }


def _approval(case: Case) -> list[str]:
    committee = case.initiative.committee
    if committee is None:
        date = danish.long_date(case.initiative.date)
        return [f"Kommissoriet godkendes af styregruppen på dens første møde. Dato: {date}."]
    return [f"Kommissoriet forelægges {committee.name} til godkendelse på mødet den "
            f"{danish.long_date(committee.meeting_date)}.",
            "Ændringer i kommissoriet godkendes af styregruppen og forelægges udvalget, hvis de ændrer "
            "initiativets formål, økonomi eller tidsplan væsentligt."]
