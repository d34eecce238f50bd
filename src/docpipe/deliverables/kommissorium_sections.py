"""The kommissorium's sections on people and follow-up, as real Danish kommissorier have them:
interessenter og inddragelse, kommunikation, ressourcer (staff time) and afrapportering og
evaluering. Each is made from the case (actors, plan, success criteria, committee), with a
sensible text when the case is silent; none shows an actor's scores or contact details.
"""

from __future__ import annotations

from collections import Counter

from docpipe import danish
from docpipe.deliverables import bodies, wording
from docpipe.deliverables.common import paragraphs
from docpipe.deliverables.wording import lowered
from docpipe.model import Case

MAX_ORGANISATIONS = 6
# How each level of involvement takes part, strongest first; said after "N aktører fra ...".
TAKES_PART = {
    "empower": "træffer selv beslutninger om løsningerne",
    "collaborate": "udvikler og gennemfører løsningerne i fællesskab med initiativet",
    "involve": "inddrages løbende og er med til at prioritere",
    "consult": "høres om udfordringer og forslag undervejs",
    "inform": "holdes orienteret om fremdrift og resultater",
}


def organisations(names: list[str]) -> str:
    """"Halsnæs Kommune og Resonans A/S", at most six and "og N andre" after that, in first-named order."""
    unique = list(dict.fromkeys(names))
    if len(unique) <= MAX_ORGANISATIONS:
        return wording.join(unique)
    rest = len(unique) - MAX_ORGANISATIONS
    return f"{', '.join(unique[:MAX_ORGANISATIONS])} og {rest} {'anden' if rest == 1 else 'andre'}"


def _actors(count: int) -> str:
    return f"{wording.capitalised(wording.number_words(count))} {'aktør' if count == 1 else 'aktører'}"


def stakeholders(case: Case) -> list[str]:
    """One line per level of involvement the case uses, strongest first: who (by organisation) takes part how."""
    lines = []
    for level, how in TAKES_PART.items():
        actors = [actor for actor in case.actors if actor.involvement == level]
        if actors:
            lines.append(f"{_actors(len(actors))} fra {organisations([a.organisation for a in actors])} {how}.")
    return lines


def communication(case: Case) -> list[str]:
    """Who communicates what: the lead group, the milestones, the deciding body; the case's own text first."""
    committee = case.initiative.committee
    lead = wording.capitalised(bodies.GroupWords(bodies.lead_group(case).name).definite)
    lines = paragraphs(committee.communication) if committee is not None and committee.communication else []
    lines.append(f"{lead} har ansvaret for kommunikationen om initiativet. Deltagere og samarbejdspartnere "
                 "orienteres ved hver milepæl om resultater og næste skridt.")
    return lines


def resources(case: Case) -> dict[str, object]:
    """The staff time the plan draws on: per organisation, the people who own or take part in its
    activities and how many of the plan's activities they take part in; the money is under økonomi."""
    work: dict[str, set[str]] = {}
    for activity in case.activities():
        for actor_id in dict.fromkeys([activity.owner, *activity.participants]):
            work.setdefault(actor_id, set()).add(activity.id)
    people = Counter(case.actor(actor_id).organisation for actor_id in work)
    tasks: dict[str, set[str]] = {}
    for actor_id, activities in work.items():
        tasks.setdefault(case.actor(actor_id).organisation, set()).update(activities)
    count = len(work)
    intro = (f"Ud over budgettet kræver initiativet medarbejdertid. {wording.capitalised(wording.number_words(count))} "
             f"{'person' if count == 1 else 'personer'} fra {wording.number_words(len(people))} "
             f"{'organisation' if len(people) == 1 else 'organisationer'} ejer eller deltager i planens aktiviteter, "
             f"og {bodies.working_words(case).definite} bærer det daglige arbejde.")
    rows = [{"organisation": organisation, "people": str(people[organisation]), "tasks": str(len(tasks[organisation]))}
            for organisation, _ in people.most_common()]
    return {"intro": intro, "rows": rows}


def reporting(case: Case) -> list[str]:
    """To whom, when, and against which success criteria the initiative reports."""
    initiative = case.initiative
    lead = wording.capitalised(bodies.GroupWords(bodies.lead_group(case).name).definite)
    lines = [f"{lead} følger op på fremdrift, milepæle og risici på hvert møde."]
    milestones = [activity for activity in case.activities() if activity.milestone]
    to = _reports_to(case)
    if to and milestones:
        lines.append(f"Der afrapporteres til {to} ved planens milepæle, senest den "
                     f"{danish.long_date(max(activity.end for activity in milestones))}.")
    elif to:
        lines.append(f"Der afrapporteres til {to}, når initiativet er gennemført.")
    criteria = initiative.success_criteria
    if criteria:
        names = wording.join([sentence_lowered(c.criterion) for c in criteria])
        lines.append(f"Initiativet evalueres mod succeskriterierne ({names}) med de indikatorer og datakilder, der "
                     f"står ovenfor; den sidste frist er {danish.long_date(max(c.deadline for c in criteria))}.")
    else:
        lines.append(f"Initiativet evalueres mod de succeskriterier, som {bodies.deciding_words(case).definite} "
                     "fastlægger i første fase.")
    return lines


def sentence_lowered(text: str) -> str:
    return lowered(text.strip().rstrip("."))


def _reports_to(case: Case) -> str | None:
    """The deciding body, else the ledelsesperson; None when the case has neither."""
    committee, leader = case.initiative.committee, case.initiative.governance.leader
    if committee is not None:
        return committee.name
    return case.actor(leader).name if leader else None
