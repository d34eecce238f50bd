"""The implementeringsplan (implementation plan): phases, activities, milestones, dependencies, follow-up.

Activities are numbered "fase.løbenummer" (1.1, 1.2, 2.1 ...) so that the dependency table can point
at them the way a reader would say it in a meeting; the ids in planning.yaml are for machines.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from docpipe import danish
from docpipe.deliverables import bodies, wording
from docpipe.deliverables.bodies import GroupWords
from docpipe.deliverables.common import house_context, paragraphs, period
from docpipe.model import Activity, Case, Phase
from docpipe.model.identity import activity_numbers
from docpipe.model.planning import ActivityStatus

METHOD_TEXT = {
    "policy-lab": "Planen følger Policy Lab-metoden: en grundig fokusering og forberedelse, et politisk "
                  "Policy Lab, hvor udfordringerne drøftes på tværs, og en opfølgning, hvor prioriteringerne "
                  "omsættes til handleplaner og prøvehandlinger sammen med omverdenen.",
    "co-creation": "Planen følger co-creation-metoden (samskabelse), hvor en tværfaglig arbejdsgruppe sammen "
                   "med borgere, civilsamfund og samarbejdspartnere udvikler og afprøver nye løsninger. "
                   "Faserne bygger på hinanden, og hver fase afsluttes, før den næste sættes i gang.",
    "project": "Planen følger en almindelig projektmodel med faser, der hver afsluttes med en leverance, "
               "og {group}, der træffer beslutning ved faseovergangene.",
}

STATUS_ORDER: tuple[ActivityStatus, ...] = ("done", "in_progress", "late", "planned")
# "1 aktivitet er afsluttet", "3 er i gang": the status in the words of a status sentence.
STATUS_PHRASE = {"done": "afsluttet", "in_progress": "i gang", "late": "forsinket", "planned": "planlagt"}


def build_context(case: Case) -> dict[str, Any]:
    phases = case.planning.phases
    numbers = activity_numbers(case)
    context = house_context(case)
    context.update({
        "purpose": wording.borrowed(paragraphs(case.initiative.purpose)),
        "period": _plan_period(case),
        "method_text": _method_text(case),
        "phases": [_phase(case, index, phase, numbers) for index, phase in enumerate(phases, start=1)],
        "milestones": [_milestone(case, phase, activity, numbers)
                       for phase in phases for activity in phase.activities if activity.milestone],
        "dependencies": _dependencies(case, numbers),
        "governance": _governance(case),
        "status_summary": _status_summary(case),
        "status_labels": wording.join(list(danish.ACTIVITY_STATUS.values()), "eller"),
        "late_activities": [f"{numbers[a.id]} {a.title} (ansvarlig: {case.actor(a.owner).name}, "
                            f"slut {danish.long_date(a.end)})"
                            for a in case.activities() if a.status == "late"],
    })
    return context


def _plan_period(case: Case) -> dict[str, str]:
    phases = case.planning.phases
    start, end = min(p.start for p in phases), max(p.end for p in phases)
    count = len(phases)
    return {
        "start": danish.long_date(start),
        "end": danish.long_date(end),
        "weeks": danish.week_span(start, end),
        "phase_count": f"{wording.number_words(count)} {'fase' if count == 1 else 'faser'}",
    }


def _phase_heading(index: int, phase: Phase) -> str:
    """"Fase 2: Design" unless the user's own name already says which phase it is."""
    if phase.name.casefold().startswith("fase"):
        return phase.name
    return f"Fase {index}: {phase.name}"


def _phase(case: Case, index: int, phase: Phase, numbers: dict[str, str]) -> dict[str, Any]:
    milestones = [activity.title for activity in phase.activities if activity.milestone]
    return {
        "heading": _phase_heading(index, phase),
        "name": phase.name,
        "period": period(phase.start, phase.end),
        "long_period": f"{danish.long_date(phase.start)} til {danish.long_date(phase.end)}",
        "weeks": danish.week_span(phase.start, phase.end),
        "activity_count": str(len(phase.activities)),
        "milestones": "; ".join(milestones) if milestones else "–",
        "activities": [_activity(case, activity, numbers) for activity in phase.activities],
    }


def _activity(case: Case, activity: Activity, numbers: dict[str, str]) -> dict[str, Any]:
    return {
        "number": numbers[activity.id],
        "title": activity.title,
        "milestone": activity.milestone,
        "owner": case.actor(activity.owner).name,
        "participants": ", ".join(case.actor(actor_id).name for actor_id in activity.participants) or "–",
        "start": danish.table_date(activity.start),
        "end": danish.table_date(activity.end),
        "deliverable": activity.deliverable or "–",
        "status": danish.ACTIVITY_STATUS[activity.status],
    }


def _milestone(case: Case, phase: Phase, activity: Activity, numbers: dict[str, str]) -> dict[str, str]:
    return {
        "number": numbers[activity.id],
        "title": activity.title,
        "date": danish.table_date(activity.end),
        "phase": phase.name,
        "owner": case.actor(activity.owner).name,
        "status": danish.ACTIVITY_STATUS[activity.status],
    }


def _dependencies(case: Case, numbers: dict[str, str]) -> list[dict[str, Any]]:
    """One row per activity that builds on others: "B afhænger af A (og C)"."""
    by_id = {activity.id: activity for activity in case.activities()}
    return [{
        "activity": f"{numbers[activity.id]} {activity.title}",
        "depends_on": [f"{numbers[other]} {by_id[other].title}" for other in activity.depends_on],
        "start": danish.table_date(activity.start),
    } for activity in case.activities() if activity.depends_on]


def _method_text(case: Case) -> str:
    """The method in a sentence; a project's names the group that decides at the phase transitions."""
    deciding = bodies.deciding_words(case)
    return METHOD_TEXT[case.initiative.method].format(group=f"en {deciding.noun}")


def _governance(case: Case) -> dict[str, Any]:
    """Who follows the plan up: the lead group (the steering group under its own name, else the working
    group) with its facts and what it does, and the rows of the follow-up table."""
    governance = case.initiative.governance
    group = bodies.lead_group(case)
    words = GroupWords(group.name)
    assert group.chair and group.secretariat and group.meeting_frequency  # the ruled group has them
    chair = case.actor(group.chair)
    secretariat = case.actor(group.secretariat)
    frequency = group.meeting_frequency
    advising = bodies.steering_role(case) == "advising"
    rows = [_lead_row(case, words, advising),
            {"body": "Sekretariat", "people": secretariat.name,
             "task": "Holder planen opdateret, indhenter status fra de ansvarlige og udsender statusrapporten "
                     f"sammen med dagsordenen til {words.genitive} møder."}]
    if governance.working_group and governance.steering_group:
        working = GroupWords(governance.working_group.name)
        names = [case.actor(actor_id).name for actor_id in governance.working_group.members]
        rows.append({"body": wording.capitalised(working.noun), "people": wording.join(names),
                     "task": "Gennemfører aktiviteterne, koordinerer på tværs og melder afvigelser fra planen "
                             "til sekretariatet i god tid."})
    if governance.anchor_person:
        rows.append({"body": "Ankerperson", "people": case.actor(governance.anchor_person).name,
                     "task": "Sikrer sammenhæng og fremdrift gennem hele forløbet og holder ledelsen orienteret."})
    if governance.leader:
        rows.append({"body": "Ledelsesperson med beslutningsmandat", "people": case.actor(governance.leader).name,
                     "task": "Træffer de ledelsesmæssige beslutninger, der skal til for at holde planen, "
                             "herunder om ressourcer og prioritering."})
    decider = bodies.deciding_words(case)
    return {
        "group": words.context(),
        "tool_of": words.genitive,
        "lead_in": (f"{wording.capitalised(words.definite)} ledes af {wording.name_title(chair)}, og mødes "
                    f"{wording.lowered(frequency).rstrip('.')}. {_lead_does(case, words, advising)}"),
        "meeting": f"{words.noun}møde",
        "decider": decider.definite,
        "Decider": wording.capitalised(decider.definite),
        "secretariat": secretariat.name,
        "rows": rows,
    }


def _lead_does(case: Case, words: GroupWords, advising: bool) -> str:
    """What the lead group does with the plan: approves it, or follows it and advises."""
    the = wording.capitalised(words.definite)
    if advising:
        return f"{the} følger implementeringsplanen og drøfter fremdriften på hvert møde."
    if case.initiative.governance.steering_group is None:
        return f"{the} har ansvaret for implementeringsplanen og følger op på den på hvert møde."
    return f"{the} godkender implementeringsplanen og følger op på den på hvert møde."


def _lead_row(case: Case, words: GroupWords, advising: bool) -> dict[str, str]:
    """The lead group's row: its members with the chair first, and its task in the follow-up."""
    group = bodies.lead_group(case)
    assert group.chair is not None
    names = [f"{case.actor(group.chair).name} (formand)"]
    if group.vice_chair:
        names.append(f"{case.actor(group.vice_chair).name} (næstformand)")
    names += [case.actor(actor_id).name for actor_id in group.members
              if actor_id not in (group.chair, group.vice_chair)]
    if advising:
        task = ("Følger implementeringsplanen, drøfter fremdrift, milepæle og risici og rådgiver om "
                "faseovergangene.")
    elif case.initiative.governance.steering_group is None:
        task = ("Gennemfører aktiviteterne, følger op på fremdrift, milepæle og risici og træffer beslutning "
                "ved faseovergangene inden for sit mandat.")
    else:
        task = ("Godkender implementeringsplanen og ændringer i den, følger op på fremdrift, milepæle og "
                "risici og træffer beslutning ved faseovergangene.")
    return {"body": wording.capitalised(words.noun), "people": wording.join(names), "task": task}


def _status_summary(case: Case) -> str:
    """"Af planens 19 aktiviteter er én afsluttet, tre i gang, én forsinket og 14 planlagt.", or
    "Alle planens 15 aktiviteter er planlagt." when they share one status."""
    counts = Counter(activity.status for activity in case.activities())
    if not counts:
        return "Der er endnu ikke planlagt aktiviteter."
    parts = [(counts[status], STATUS_PHRASE[status]) for status in STATUS_ORDER]
    return wording.tally("planens", "aktivitet", "aktiviteter", parts)
