"""What changed in a case, in plain Danish: the two validated Case models compared, not their XML.

The committee asks "what is new since last time?"; the answer is in the case (a new member, a moved
milestone, a changed budget line), so it is read from the models, where a member is an actor id and
a milestone an activity id, not from the rendered text, where a renumbered table row or a changed
total would look like many changes. Each change names the deliverables that show it (``SHOWN_IN``),
so the overview (``overview.py``) can list them per document. Lists are matched by identity (actor
id, activity id, a budget line's item, a risk's text), never by position.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from pydantic import BaseModel

from docpipe import danish
from docpipe.deliverables import wording
from docpipe.model import Case
from docpipe.model.actors import Actor
from docpipe.model.governance import SteeringGroup, WorkingGroup
from docpipe.model.planning import Activity

EVERY_DOCUMENT = "*"
"""Shown by every document (the letterhead: title, date, status, organisation)."""

SHOWN_IN: dict[str, tuple[str, ...]] = {
    "letterhead": (EVERY_DOCUMENT,),
    "background": ("kommissorium", "dagsordenspunkt"),
    "challenge": ("kommissorium", "one-pager"),
    "vision": ("kommissorium", "one-pager"),
    "purpose": ("kommissorium", "forretningsorden", "implementeringsplan", "dagsordenspunkt"),
    "scope": ("kommissorium",),
    "goals": ("kommissorium", "one-pager"),
    "deliverables": ("kommissorium", "one-pager"),
    "success_criteria": ("kommissorium", "one-pager", "statusnotat"),
    "budget": ("kommissorium", "dagsordenspunkt"),
    "risks": ("kommissorium", "dagsordenspunkt", "statusnotat"),
    "governance": ("kommissorium", "forretningsorden", "implementeringsplan", "dagsordenspunkt", "aktoeroverblik",
                   "statusnotat"),
    "actors": ("kommissorium", "aktoeroverblik"),
    "planning": ("kommissorium", "implementeringsplan", "implementeringsplan-xlsx", "dagsordenspunkt",
                 "statusnotat"),
    "committee": ("dagsordenspunkt",),
    "one_pager": ("one-pager",),
}

TEXT_LABELS = {"background": "Baggrund", "challenge": "Udfordring", "vision": "Vision", "purpose": "Formål",
               "scope": "Afgrænsning"}
LETTERHEAD_LABELS = {"title": "Titlen", "date": "Datoen", "version": "Versionen", "status": "Status",
                     "case_number": "Sagsnummeret", "method": "Metoden"}
ORGANISATION_LABELS = {"name": "Organisationens navn", "unit": "Enheden", "address": "Adressen",
                       "email": "E-mailadressen", "phone": "Telefonnummeret", "website": "Hjemmesiden",
                       "primary_colour": "Husfarven"}
GROUP_LABELS = {"name": "Navnet", "role": "Rollen", "meeting_frequency": "Mødehyppigheden",
                "notice_days": "Indkaldelsesfristen (dage)", "quorum": "Beslutningsdygtigheden",
                "decision_rule": "Beslutningsreglen", "minutes_within_days": "Fristen for referat (dage)",
                "adopted_on": "Datoen for vedtagelse af forretningsordenen", "remuneration": "Vederlaget"}
GROUP_PEOPLE = {"chair": "Formand", "vice_chair": "Næstformand", "secretariat": "Sekretariat"}
ACTOR_LABELS = {"name": "navn", "organisation": "organisation", "title": "stilling", "type": "type",
                "interest": "interesse", "influence": "indflydelse", "involvement": "inddragelse",
                "email": "e-mail", "phone": "telefon"}
ACTIVITY_LABELS = {"title": "titel", "deliverable": "leverance", "status": "status"}
COMMITTEE_LABELS = {"name": "Det besluttende organ", "meeting_date": "Mødedatoen", "kind": "Organets art",
                    "sender": "Afsenderen", "requests": "Indstillingen", "route": "Sagsgangen",
                    "earlier_handling": "Den tidligere politiske behandling", "competence": "Kompetencen",
                    "legal_basis": "Lovgrundlaget", "consultation": "Høringen", "communication": "Kommunikationen",
                    "attachments": "Bilagene"}
SHORT = 70
"""Texts longer than this are named by their label only ("Teksten i afsnittet „Baggrund“ er ændret")."""


@dataclass(frozen=True)
class Change:
    """One change in words, and the deliverables (names, or EVERY_DOCUMENT) that show it."""

    text: str
    shown_in: tuple[str, ...]


def case_changes(old: Case, new: Case) -> list[Change]:
    """Every change from ``old`` to ``new``, in the order the kommissorium tells the case."""
    found: list[tuple[str, str]] = []
    note = _collector(found)
    _letterhead(old, new, note)
    for field, label in TEXT_LABELS.items():
        if getattr(old.initiative, field) != getattr(new.initiative, field):
            note(field, f"Teksten i afsnittet „{label}“ er ændret.")
    _items("goals", "Målet", old.initiative.goals, new.initiative.goals, note)
    _items("deliverables", "Leverancen", old.initiative.deliverables, new.initiative.deliverables, note)
    _criteria(old, new, note)
    _groups(old, new, note)
    _actors(old, new, note)
    _plan(old, new, note)
    _budget(old, new, note)
    _risks(old, new, note)
    _committee(old, new, note)
    if old.initiative.one_pager != new.initiative.one_pager:
        note("one_pager", "One-pagerens egne korte tekster er ændret.")
    return [Change(text, SHOWN_IN[area]) for area, text in found]


Note = Callable[[str, str], None]


def _collector(found: list[tuple[str, str]]) -> Note:
    def note(area: str, text: str) -> None:
        found.append((area, text[:-1] if text.endswith("..") else text))  # "150.000 kr." ends the sentence
    return note


def shown(value: Any) -> str:
    """A value as the committee reads it: Danish dates and amounts, quoted texts, ja/nej."""
    if value is None or value == "":
        return "intet"
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if isinstance(value, dt.date):
        return danish.long_date(value)
    if isinstance(value, Decimal):
        return danish.amount(value)
    if isinstance(value, int):
        return str(value)
    return quoted(str(value))


def quoted(text: str) -> str:
    """„text“, cut at a word with … when long: the overview names a text, it does not repeat it."""
    flat = " ".join(text.split())
    if len(flat) > SHORT:
        flat = flat[:SHORT].rsplit(" ", 1)[0] + " …"
    return f"„{flat}“"


def _fields(old: BaseModel | None, new: BaseModel | None, labels: dict[str, str], area: str, note: Note,
            prefix: str = "", suffix: str = "") -> None:
    """"<label><suffix> er ændret fra A til B." for each labelled field that differs; a long text by name."""
    for field, label in labels.items():
        before, after = getattr(old, field, None), getattr(new, field, None)
        if before == after:
            continue
        name = f"{prefix}{label}{suffix}"
        if isinstance(after, list) or isinstance(before, list) or len(str(before)) > SHORT or len(str(after)) > SHORT:
            note(area, f"{name} er ændret.")
        else:
            note(area, f"{name} er ændret fra {_label_value(field, before)} til {_label_value(field, after)}.")


def _label_value(field: str, value: Any) -> str:
    words = {"status": {**danish.STATUS, **danish.ACTIVITY_STATUS}, "method": danish.METHOD,
             "decision_rule": danish.DECISION_RULE, "role": {"deciding": "besluttende", "advising": "rådgivende"},
             "type": danish.ACTOR_TYPE, "involvement": danish.INVOLVEMENT}
    if isinstance(value, str) and value in words.get(field, {}):
        return words[field][value].lower()
    return shown(value)


def _letterhead(old: Case, new: Case, note: Note) -> None:
    _fields(old.initiative, new.initiative, LETTERHEAD_LABELS, "letterhead", note)
    _fields(old.organisation, new.organisation, ORGANISATION_LABELS, "letterhead", note)
    if old.logo != new.logo:
        note("letterhead", "Logoet er ændret.")


def _items(area: str, noun: str, old: Sequence[str], new: Sequence[str], note: Note) -> None:
    """Items of a list of texts, matched by their text: added and removed ones (a reworded one is both)."""
    for text in new:
        if text not in old:
            note(area, f"{noun} {quoted(text)} er tilføjet.")
    for text in old:
        if text not in new:
            note(area, f"{noun} {quoted(text)} er fjernet.")


def _keyed(area: str, noun: str, old: Sequence[Any], new: Sequence[Any], key: Callable[[Any], str],
           note: Note, changed: Callable[[Any, Any], None]) -> None:
    """Items matched by ``key``: the added, the removed, and ``changed`` for the pairs."""
    before = {key(item): item for item in old}
    after = {key(item): item for item in new}
    for name, item in after.items():
        if name not in before:
            note(area, f"{noun} {quoted(name)} er tilføjet.")
        elif before[name] != item:
            changed(before[name], item)
    for name in before:
        if name not in after:
            note(area, f"{noun} {quoted(name)} er fjernet.")


def _criteria(old: Case, new: Case, note: Note) -> None:
    def changed(before: Any, after: Any) -> None:
        note("success_criteria", f"Succeskriteriet {quoted(after.criterion)} er ændret.")
    _keyed("success_criteria", "Succeskriteriet", old.initiative.success_criteria,
           new.initiative.success_criteria, lambda item: item.criterion, note, changed)


def _groups(old: Case, new: Case, note: Note) -> None:
    """Members who joined or left each group, its people (chair, ...) and its settings."""
    old_gov, new_gov = old.initiative.governance, new.initiative.governance
    for kind in ("steering_group", "working_group"):
        before, after = getattr(old_gov, kind), getattr(new_gov, kind)
        if before is None and after is None:
            continue
        name = (after or before).name
        if before is None or after is None:
            note("governance", f"Sagen har {'nu en' if before is None else 'ikke længere en'} {name}.")
            continue
        _members(old, new, before, after, note)
        for field, label in GROUP_PEOPLE.items():
            if getattr(before, field) != getattr(after, field):
                note("governance", f"{label} for {after.name}n er nu {_who(new, getattr(after, field))} "
                                   f"(før {_who(old, getattr(before, field))}).")
        _fields(before, after, GROUP_LABELS, "governance", note, suffix=f" for {after.name}n")
    for field, label in (("anchor_person", "Ankerperson"), ("leader", "Ledelsesperson")):
        if getattr(old_gov, field) != getattr(new_gov, field):
            note("governance", f"{label} er nu {_who(new, getattr(new_gov, field))} "
                               f"(før {_who(old, getattr(old_gov, field))}).")


def _members(old: Case, new: Case, before: SteeringGroup | WorkingGroup, after: SteeringGroup | WorkingGroup,
             note: Note) -> None:
    for member in after.members:
        if member not in before.members:
            actor = new.actor(member)
            note("governance", f"{wording.name_in_brackets(actor)} er nyt medlem af {after.name}n.")
    for member in before.members:
        if member not in after.members:
            note("governance", f"{_who(old, member)} er ikke længere medlem af {after.name}n.")


def _who(case: Case, actor_id: str | None) -> str:
    return case.actor(actor_id).name if actor_id else "ingen"


def _actors(old: Case, new: Case, note: Note) -> None:
    before, after = old.actors_by_id(), new.actors_by_id()
    for actor_id, actor in after.items():
        if actor_id not in before:
            note("actors", f"{wording.name_in_brackets(actor)} er ny aktør.")
        elif before[actor_id] != actor:
            _actor(before[actor_id], actor, note)
    for actor_id, actor in before.items():
        if actor_id not in after:
            note("actors", f"{actor.name} er ikke længere aktør.")


def _actor(before: Actor, after: Actor, note: Note) -> None:
    """One line per changed actor: its fields by label, old and new value when only one changed."""
    fields = [field for field in ACTOR_LABELS if getattr(before, field) != getattr(after, field)]
    who = genitive(after.name) if after.name == before.name else f"{genitive(after.name)} (før {before.name})"
    fields = [field for field in fields if field != "name"] or fields
    if len(fields) == 1 and fields[0] != "name":
        field = fields[0]
        note("actors", f"{who} {ACTOR_LABELS[field]} er ændret fra {_label_value(field, getattr(before, field))} "
                       f"til {_label_value(field, getattr(after, field))}.")
    else:
        note("actors", f"{who} {wording.join([ACTOR_LABELS[field] for field in fields])} er ændret.")


def genitive(name: str) -> str:
    """Danish genitive: Kirsten Lund Wichmanns, Thomas Riis', Ole Fabricius'."""
    return f"{name}'" if name[-1:].lower() in "sxz" else f"{name}s"


def _plan(old: Case, new: Case, note: Note) -> None:
    def phase_changed(before: Any, after: Any) -> None:
        if (before.start, before.end) != (after.start, after.end):
            note("planning", f"Fasen {quoted(after.name)} løber nu {_span(after.start, after.end)} "
                             f"(før {_span(before.start, before.end)}).")
    _keyed("planning", "Fasen", old.planning.phases, new.planning.phases, lambda phase: phase.name, note,
           phase_changed)
    before = {activity.id: activity for activity in old.activities()}
    after = {activity.id: activity for activity in new.activities()}
    for activity_id, activity in after.items():
        if activity_id not in before:
            note("planning", f"{_kind(activity)} {quoted(activity.title)} ({_span(activity.start, activity.end)}) "
                             "er tilføjet.")
        elif before[activity_id] != activity:
            _activity(old, new, before[activity_id], activity, note)
    for activity_id, activity in before.items():
        if activity_id not in after:
            note("planning", f"{_kind(activity)} {quoted(activity.title)} er fjernet.")


def _activity(old: Case, new: Case, before: Activity, after: Activity, note: Note) -> None:
    """A moved milestone with its old and new date; an activity's new period, owner and fields."""
    name = f"{_kind(after)} {quoted(after.title)}"
    if (before.start, before.end) != (after.start, after.end):
        if after.milestone and after.start == after.end and before.start == before.end:
            note("planning", f"{name} er flyttet fra {shown(before.end)} til {shown(after.end)}.")
        else:
            note("planning", f"{name} løber nu {_span(after.start, after.end)} "
                             f"(før {_span(before.start, before.end)}).")
    if before.owner != after.owner:
        note("planning", f"Ansvarlig for {quoted(after.title)} er nu {_who(new, after.owner)} "
                         f"(før {_who(old, before.owner)}).")
    _fields(before, after, ACTIVITY_LABELS, "planning", note, prefix=f"{name}: ")
    for field, label in (("participants", "deltagerne"), ("depends_on", "afhængighederne"),
                         ("milestone", "om det er en milepæl")):
        if getattr(before, field) != getattr(after, field):
            note("planning", f"{name}: {label} er ændret.")


def _kind(activity: Activity) -> str:
    return "Milepælen" if activity.milestone else "Aktiviteten"


def _span(start: dt.date, end: dt.date) -> str:
    return f"fra {shown(start)} til {shown(end)}" if start != end else f"den {shown(start)}"


def _budget(old: Case, new: Case, note: Note) -> None:
    """Budget lines matched by their item: old and new amount, and the new total."""
    before, after = old.initiative.budget, new.initiative.budget
    if before is None or after is None:
        if before != after:
            note("budget", f"Sagen har {'nu et' if before is None else 'ikke længere et'} budget.")
        return
    old_lines = {line.item: line.amount for line in before.lines}
    for line in after.lines:
        if line.item not in old_lines:
            note("budget", f"Budgetlinjen {quoted(line.item)} på {shown(line.amount)} er tilføjet.")
        elif old_lines[line.item] != line.amount:
            note("budget", f"Budgetlinjen {quoted(line.item)} er ændret fra {shown(old_lines[line.item])} "
                           f"til {shown(line.amount)}.")
    new_items = {line.item for line in after.lines}
    for line in before.lines:
        if line.item not in new_items:
            note("budget", f"Budgetlinjen {quoted(line.item)} på {shown(line.amount)} er fjernet.")
    if before.total != after.total:
        note("budget", f"Budgettet i alt er ændret fra {shown(before.total)} til {shown(after.total)}.")
    if before.financing != after.financing:
        note("budget", "Teksten om finansiering er ændret.")


def _risks(old: Case, new: Case, note: Note) -> None:
    def changed(before: Any, after: Any) -> None:
        note("risks", f"Risikoen {quoted(after.risk)} er ændret.")
    _keyed("risks", "Risikoen", old.initiative.risks, new.initiative.risks, lambda risk: risk.risk, note, changed)


def _committee(old: Case, new: Case, note: Note) -> None:
    before, after = old.initiative.committee, new.initiative.committee
    if (before is None) != (after is None):
        note("committee", f"Sagen skal {'nu' if before is None else 'ikke længere'} forelægges et politisk organ.")
        return
    _fields(before, after, COMMITTEE_LABELS, "committee", note)
