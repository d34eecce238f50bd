"""The agenda item (dagsordenspunkt) a civil servant submits so the committee approves the initiative.

It follows the shape of a Danish municipal agenda item: resumé, sagsfremstilling, økonomi,
indstilling, beslutning (left blank for the meeting) and bilag. Only a case with a committee has one.
"""

from __future__ import annotations

from typing import Any

from docpipe import danish
from docpipe.deliverables import bodies
from docpipe.deliverables.common import house_context, paragraphs
from docpipe.model import Attachment, Case, SteeringGroup, WorkingGroup

# Each deliverable as a bilag is titled; the forretningsorden's title names its group.
ATTACHMENT_TITLES = {
    "kommissorium": "Kommissorium",
    "forretningsorden": "Forretningsorden for {group}",
    "implementeringsplan": "Implementeringsplan (Word og Excel)",
    "one-pager": "Strategisk one-pager",
    "aktoeroverblik": "Aktøroverblik",
}


def applies(case: Case) -> bool:
    """An agenda item needs a committee to go to."""
    return case.initiative.committee is not None


def build_context(case: Case) -> dict[str, Any]:
    initiative = case.initiative
    committee = initiative.committee
    assert committee is not None, "dagsordenspunkt is only made for a case with a committee"
    phases = case.planning.phases
    start, end = min(p.start for p in phases), max(p.end for p in phases)
    context = house_context(case)
    context.update({
        "heading": f"Godkendelse af kommissorium og forretningsorden for {initiative.title}",
        "meeting": {"committee": committee.name, "date": danish.long_date(committee.meeting_date),
                    "label": bodies.BODY_LABEL[committee.kind]},
        "summary": _summary(case),
        "background": paragraphs(initiative.background),
        "purpose": paragraphs(initiative.purpose),
        "organisation": [*_steering_lines(case), *_working_roles(case)],
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
        "sender": bodies.sender(case),
        "attachments": [_attachment_line(case, attachment) for attachment in committee.bilag()],
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


def _steering_lines(case: Case) -> list[str]:
    """The steering group as the case has it: one that leads, or one that follows and advises."""
    group = case.initiative.governance.steering_group
    if group is None:
        return []
    words = bodies.GroupWords(group.name)
    count = danish.number_words(len(group.members))
    does = "ledes af" if bodies.steering_role(case) == "deciding" else "følges og rådgives af"
    return [f"Initiativet {does} en {words.noun} med {count} medlemmer med {_chairs(case, group)}. "
            f"{bodies.capitalised(words.genitive)} mødefrekvens: {group.meeting_frequency.strip().rstrip('.')}."]


def _chairs(case: Case, group: SteeringGroup | WorkingGroup) -> str:
    """"Anna Berg (Direktør, Halsnæs Kommune) som formand" and the næstformand, when there is one."""
    assert group.chair is not None
    chair = case.actor(group.chair)
    text = f"{chair.name} ({chair.title}, {chair.organisation}) som formand"
    if group.vice_chair:
        vice = case.actor(group.vice_chair)
        text += f" og {vice.name} ({vice.title}, {vice.organisation}) som næstformand"
    return text


def _working_roles(case: Case) -> list[str]:
    governance = case.initiative.governance
    lines = []
    group = governance.working_group
    if group is not None:
        words = bodies.GroupWords(group.name)
        count = danish.number_words(len(group.members))
        line = f"En tværfaglig {words.noun} med {count} medlemmer driver det daglige arbejde."
        if governance.steering_group is None:
            assert group.meeting_frequency is not None
            line = (f"En tværfaglig {words.noun} med {count} medlemmer driver initiativet og det daglige arbejde "
                    f"med {_chairs(case, group)}. {bodies.capitalised(words.genitive)} mødefrekvens: "
                    f"{group.meeting_frequency.strip().rstrip('.')}.")
        lines.append(line)
    if governance.anchor_person is not None:
        anchor = case.actor(governance.anchor_person)
        lines.append(f"{anchor.name} ({anchor.organisation}) er ankerperson og sikrer sammenhæng gennem forløbet.")
    if governance.leader is not None:
        leader = case.actor(governance.leader)
        lines.append(f"{leader.name}, {leader.title}, er ledelsesperson med beslutningsmandat.")
    return lines


def _attachment_line(case: Case, attachment: Attachment) -> str:
    """"Forretningsorden for følgegruppen (åbent bilag)", "Aktøroverblik (lukket bilag)": agenda bilag
    are published unless closed, so each says which it is."""
    title = ATTACHMENT_TITLES[attachment.deliverable].format(group=bodies.ruled_words(case).definite)
    return f"{title} ({'åbent' if attachment.is_public else 'lukket'} bilag)"


def _economy(case: Case) -> list[str]:
    budget = case.initiative.budget
    if budget is None:
        return ["Initiativet gennemføres inden for de eksisterende budgetrammer og har ingen bevillingsmæssige "
                "konsekvenser."]
    lines = [f"Initiativets samlede budget er {danish.amount(budget.total)}"]  # the amount ends in "kr."
    if budget.financing:
        lines.extend(paragraphs(budget.financing))
    return lines
