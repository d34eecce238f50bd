"""The kommissorium (terms of reference): why, what, who, when, what it costs, how success is measured."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from docpipe import danish
from docpipe.deliverables import bodies, wording
from docpipe.deliverables import kommissorium_sections as sections
from docpipe.deliverables.bodies import GroupWords
from docpipe.deliverables.common import governance_roles, house_context, paragraphs, period, person, roles_text
from docpipe.deliverables.wording import lowered
from docpipe.model import Case, SteeringGroup, WorkingGroup

# What the group above the work does, by its role; said after "en styregruppe, der ...".
STEERING_DOES = {"deciding": "træffer beslutninger og følger fremdriften",
                 "advising": "følger fremdriften og rådgiver undervejs"}

def build_context(case: Case) -> dict[str, Any]:
    initiative = case.initiative
    governance = initiative.governance
    roles = governance_roles(case)

    def member(actor_id: str) -> dict[str, str]:
        return person(case.actor(actor_id), roles_text(roles[actor_id]))

    def in_text(actor_id: str) -> dict[str, str]:
        """A person the template names in a sentence, in apposition: the title lowered."""
        return {**member(actor_id), "title": wording.lowered(case.actor(actor_id).title)}

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
        "organisation_intro": _organisation_intro(case),
        "steering_group": _steering_group(case, member),
        "working_group": _working_group(case, member),
        "criteria_owner": bodies.deciding_words(case).definite,
        "anchor_person": in_text(governance.anchor_person) if governance.anchor_person else None,
        "leader": in_text(governance.leader) if governance.leader else None,
        "period": {"start": danish.long_date(min(p.start for p in phases)),
                   "end": danish.long_date(max(p.end for p in phases))},
        "phases": [{"name": phase.name, "period": period(phase.start, phase.end),
                    "weeks": danish.week_span(phase.start, phase.end),
                    "activity_count": str(len(phase.activities))} for phase in phases],
        "milestones": [{"title": activity.title, "date": danish.table_date(activity.end), "phase": phase.name}
                       for phase in phases for activity in phase.activities if activity.milestone],
        "budget": _budget(case),
        "success_criteria": [{"criterion": c.criterion, "indicator": c.indicator, "baseline": c.baseline,
                              "target": c.target, "deadline": danish.table_date(c.deadline),
                              "data_source": c.data_source} for c in initiative.success_criteria],
        "risks": [{"risk": r.risk, "likelihood": str(r.likelihood), "impact": str(r.impact),
                   "mitigation": r.mitigation, "owner": case.actor(r.owner).name} for r in initiative.risks],
        "stakeholders": sections.stakeholders(case),
        "communication": sections.communication(case),
        "resources": sections.resources(case),
        "reporting": sections.reporting(case),
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


def _organisation_intro(case: Case) -> str:
    """The groups the case has, in one sentence per method; a group the case lacks is not mentioned."""
    initiative = case.initiative
    steering = bodies.steering_words(case)
    role = bodies.steering_role(case)
    working = bodies.working_words(case)
    if initiative.method == "co-creation":
        text = (f"Initiativet organiseres efter co-creation-metoden med en tværfaglig {working.noun}, en "
                "ankerperson og en ledelsesperson med beslutningsmandat.")
        if steering is not None and role == "advising":
            text += (f" En {steering.noun} følger initiativet og rådgiver undervejs; ejerskabet til initiativet "
                     f"ligger hos {working.definite} og de aktører, der deltager i samskabelsen.")
        elif steering is not None:
            text += f" En {steering.noun} træffer de overordnede beslutninger og følger fremdriften."
        return text
    if initiative.method == "project":
        groups = [f"en {steering.noun}"] if steering is not None else []
        if initiative.governance.working_group:
            groups.append(f"en {working.noun}")
        return f"Projektet organiseres med {wording.join(groups)}."
    lead = f"en {steering.noun}, der {STEERING_DOES[role or 'deciding']}, og " if steering is not None else ""
    return (f"Initiativet organiseres med {lead}en {working.noun}, der omsætter Policy Lab'ets prioriteringer til "
            "handleplaner og prøvehandlinger.")


Member = Callable[[str], dict[str, str]]


def _steering_group(case: Case, member: Member) -> dict[str, Any] | None:
    """The steering group's section: its heading, the paragraph that says who leads it and what it
    does, and its members; None without a steering group."""
    group = case.initiative.governance.steering_group
    if group is None:
        return None
    words = GroupWords(group.name)
    about = _leads(case, group, words)
    if bodies.steering_role(case) == "advising":
        about += (f" {wording.capitalised(words.definite)} følger og rådgiver og træffer ikke beslutninger om "
                  "initiativets indhold.")
    return {"heading": wording.capitalised(words.noun), "about": about,
            "members": [member(actor_id) for actor_id in group.members]}


def _leads(case: Case, group: SteeringGroup | WorkingGroup, words: GroupWords) -> str:
    """"Styregruppen ledes af ... Sekretariatet varetages af ... Styregruppen mødes ... forretningsorden." """
    assert group.chair and group.secretariat and group.meeting_frequency
    chair, secretariat = case.actor(group.chair), case.actor(group.secretariat)
    the = wording.capitalised(words.definite)
    text = f"{the} ledes af {wording.name_title(chair)}."
    if group.vice_chair:
        text += f" Næstformand er {case.actor(group.vice_chair).name}."
    return (f"{text} Sekretariatet varetages af {secretariat.name}, {secretariat.organisation}. {the} mødes "
            f"{lowered(group.meeting_frequency)} og arbejder efter en særskilt forretningsorden.")


def _working_group(case: Case, member: Member) -> dict[str, Any] | None:
    """The working group's section; when it is the group with the rules of procedure (no steering
    group), it also says who leads it and how it meets."""
    governance = case.initiative.governance
    group = governance.working_group
    if group is None:
        return None
    words = GroupWords(group.name)
    about = [f"{wording.capitalised(words.definite)} er den tværfaglige gruppe, der driver det daglige arbejde:"]
    if governance.steering_group is None:
        about.insert(0, _leads(case, group, words))
    return {"heading": wording.capitalised(words.noun), "about": about,
            "members": [member(actor_id) for actor_id in group.members]}


def _approval(case: Case) -> list[str]:
    """Who approves the kommissorium and its changes: the deciding body, when the case asks it to (a
    status or a one-pager later in the process finds the kommissorium approved), and the group that decides."""
    committee = case.initiative.committee
    group = bodies.deciding_words(case).definite
    if committee is None:
        date = danish.long_date(case.initiative.date)
        return [f"Kommissoriet godkendes af {group} på dens første møde. Dato: {date}."]
    asked = any(request.kind == "approve-terms" for request in committee.asked())
    meeting = danish.long_date(committee.meeting_date)
    first = (f"Kommissoriet forelægges {committee.name} på mødet den {meeting} med indstilling om, at "
             f"{committee.decider()} godkender det." if asked and committee.recommends() else
             f"Kommissoriet forelægges {committee.name} til godkendelse på mødet den {meeting}." if asked else
             f"Kommissoriet er grundlaget for initiativet og for {bodies.body(committee)}s opfølgning på det.")
    return [first,
            f"Ændringer i kommissoriet godkendes af {group} og forelægges {bodies.body(committee)}, hvis de "
            "ændrer initiativets formål, økonomi eller tidsplan væsentligt."]
