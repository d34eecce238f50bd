"""The agenda item (dagsordenspunkt) a civil servant submits to the deciding body.

It follows the common order of a Danish municipal agenda item: resumé, indstilling, beslutning (left
blank for the meeting), then the sagsfremstilling with its short sections, økonomi and the bilag.
It summarises and leaves the detail to the bilag (1-3 pages), and what it asks is what the case asks
(``committee.asked()``). Only a case with a committee has one.
"""

from __future__ import annotations

from typing import Any

from docpipe import danish
from docpipe.deliverables import agenda_sections as sections
from docpipe.deliverables import bodies, indstilling, wording
from docpipe.deliverables.common import house_context
from docpipe.deliverables.wording import gist, lowered, member_count
from docpipe.model import Attachment, Case, SteeringGroup, WorkingGroup

# Each deliverable as a bilag is titled (a document, never its format); {group}: the ruled group.
ATTACHMENT_TITLES = {
    "kommissorium": "Kommissorium",
    "forretningsorden": "Forretningsorden for {group}",
    "implementeringsplan": "Implementeringsplan",
    "one-pager": "Strategisk one-pager",
    "aktoeroverblik": "Aktøroverblik",
}
MAX_MILESTONES = 6


def applies(case: Case) -> bool:
    """An agenda item needs a committee to go to."""
    return case.initiative.committee is not None


def build_context(case: Case) -> dict[str, Any]:
    committee = indstilling.committee_of(case)
    context = house_context(case)
    context.update({
        "heading": indstilling.heading(case),
        "meeting": {"committee": committee.name, "date": danish.long_date(committee.meeting_date),
                    "label": bodies.BODY_LABEL[committee.kind]},
        "summary": _summary(case),
        "recommendation": indstilling.recommendation(case),
        "sender": bodies.sender(case),
        "background": [gist(case.initiative.background)],
        "documents": sections.documents(case),
        "organisation": [*_steering_lines(case), *_working_roles(case)],
        **_timeline(case),
        "risk_intro": sections.risk_intro(case),
        "risks": sections.risks(case),
        "route": sections.route(case),
        "earlier": sections.earlier_handling(case),
        "competence": sections.competence(case),
        "legal_basis": sections.legal_basis(case),
        "consultation": sections.consultation(case),
        "communication": sections.communication(case),
        "economy": sections.economy(case),
        "attachments": [_attachment_line(case, attachment) for attachment in committee.bilag()],
    })
    return context


def _summary(case: Case) -> list[str]:
    """Two short paragraphs: what the initiative is for, and what the body is asked to decide."""
    initiative = case.initiative
    starts = indstilling.asks(case, "approve-terms")
    opening = (f"{case.organisation.name} {'igangsætter' if starts else 'gennemfører'} initiativet "
               f"„{initiative.title}“.")
    return [f"{opening} {_purpose_sentence(gist(initiative.purpose, limit=300))}".strip(),
            indstilling.asked_sentence(case)]


def _purpose_sentence(purpose: str) -> str:
    """A purpose written as "At udvikle ..." becomes "Formålet er at udvikle ..." so it is a sentence."""
    if purpose.lower().startswith("at "):
        return f"Formålet er {lowered(purpose)}"
    return purpose


def _timeline(case: Case) -> dict[str, Any]:
    phases = case.planning.phases
    start, end = min(p.start for p in phases), max(p.end for p in phases)
    milestones = [activity for activity in case.activities() if activity.milestone]
    count = len(phases)
    return {
        "timeline": f"Initiativet løber fra {danish.long_date(start)} til {danish.long_date(end)} i "
                    f"{wording.number_words(count)} {'fase' if count == 1 else 'faser'}:",
        "phases": [f"{phase.name} ({danish.week_span(phase.start, phase.end)})" for phase in phases],
        "milestones": [f"{activity.title}: {danish.long_date(activity.end)}"
                       for activity in milestones[:MAX_MILESTONES]],
        "more_milestones": (f"Implementeringsplanen har alle {len(milestones)} milepæle."
                            if len(milestones) > MAX_MILESTONES else ""),
    }


def _steering_lines(case: Case) -> list[str]:
    """The steering group as the case has it: one that leads, or one that follows and advises."""
    group = case.initiative.governance.steering_group
    if group is None:
        return []
    words = bodies.GroupWords(group.name)
    does = "ledes af" if bodies.steering_role(case) == "deciding" else "følges og rådgives af"
    return [f"Initiativet {does} en {words.noun} på {member_count(len(group.members))}. "
            f"{_chairs(case, group)} {wording.capitalised(words.definite)} mødes "
            f"{lowered(group.meeting_frequency.strip().rstrip('.'))}."]


def _chairs(case: Case, group: SteeringGroup | WorkingGroup) -> str:
    """"Formand er Anna Berg, direktør, Halsnæs Kommune." and the næstformand, when there is one: a
    sentence of its own, so the group's size and its chair do not pile up "med ... med ... som"."""
    assert group.chair is not None
    text = f"Formand er {wording.name_title(case.actor(group.chair))}."
    if group.vice_chair:
        text += f" Næstformand er {wording.name_title(case.actor(group.vice_chair))}."
    return text


def _working_roles(case: Case) -> list[str]:
    governance = case.initiative.governance
    lines = []
    group = governance.working_group
    if group is not None:
        words = bodies.GroupWords(group.name)
        members = member_count(len(group.members))
        line = f"En tværfaglig {words.noun} på {members} driver det daglige arbejde."
        if governance.steering_group is None:
            assert group.meeting_frequency is not None
            line = (f"En tværfaglig {words.noun} på {members} driver initiativet og det daglige arbejde. "
                    f"{_chairs(case, group)} {wording.capitalised(words.definite)} mødes "
                    f"{lowered(group.meeting_frequency.strip().rstrip('.'))}.")
        lines.append(line)
    if governance.anchor_person is not None:
        anchor = case.actor(governance.anchor_person)
        lines.append(f"{anchor.name} ({anchor.organisation}) er ankerperson og sikrer sammenhæng gennem forløbet.")
    if governance.leader is not None:
        leader = case.actor(governance.leader)
        lines.append(f"{wording.name_title_brief(leader)}, er ledelsesperson med beslutningsmandat.")
    return lines


def _attachment_line(case: Case, attachment: Attachment) -> str:
    """"Kommissorium (åbent bilag)", "Aktøroverblik (lukket bilag)": agenda bilag are published
    unless closed, so each says which it is; a document not final by this meeting is an udkast."""
    title = ATTACHMENT_TITLES[attachment.deliverable].format(group=bodies.ruled_words(case).definite)
    if _is_draft(case, attachment):
        title = f"Udkast til {title[0].lower()}{title[1:]}"
    return f"{title} ({'åbent' if attachment.is_public else 'lukket'} bilag)"


def _is_draft(case: Case, attachment: Attachment) -> bool:
    """The forretningsorden until its group has adopted it; a Policy Lab's one-pager until the
    committee is asked to approve it."""
    if attachment.deliverable == "forretningsorden":
        return sections.rules_adopted(case) is None
    if attachment.deliverable == "one-pager":
        return case.initiative.method == "policy-lab" and not indstilling.asks(case, "approve-one-pager")
    return False
