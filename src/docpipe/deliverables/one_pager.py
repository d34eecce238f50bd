"""The strategic one-pager: vision, challenge, goals, success criteria, deliverables and partners on one A4 page.

It is the "tværgående strategisk styringsdokument med succeskriterier" a Policy Lab ends with. Every text
it shows is bounded by the one-pager budgets in ``docpipe.model.rules`` (checked when the case is loaded),
so the page never runs over; the functions here only shape the texts, they never cut them.
"""

from __future__ import annotations

from typing import Any

from docpipe import danish
from docpipe.deliverables import bodies
from docpipe.deliverables.common import house_context, paragraphs
from docpipe.deliverables.values import Picture
from docpipe.model import Case

# The one-pager's header is lower than a report's: a smaller logo leaves the page to the content.
LOGO_WIDTH_MM = 30.0
# A partner name up to this long fits one line of the partner column; longer ones make the list run on.
PARTNER_LINE_CHARS = 50


def build_context(case: Case) -> dict[str, Any]:
    initiative = case.initiative
    context = house_context(case)
    context.update({
        "title": _one_line(initiative.title),
        "logo": Picture(case.logo, LOGO_WIDTH_MM) if case.logo else None,
        "vision": paragraphs(initiative.vision),
        "challenge": paragraphs(initiative.challenge),
        "goals": [_one_line(goal) for goal in initiative.goals],
        "success_criteria": [{"criterion": _one_line(c.criterion), "target": _one_line(c.target),
                              "deadline": danish.short_date(c.deadline)} for c in initiative.success_criteria],
        "deliverables": [_one_line(deliverable) for deliverable in initiative.deliverables],
        "partners": partners(case),
        "partners_run_on": any(len(name) > PARTNER_LINE_CHARS for name in partners(case)),
        "chair": _chair(case),
        "chair_group": bodies.GroupWords(bodies.lead_group(case).name).definite,
        "criteria_owner": bodies.deciding_words(case).definite,
    })
    return context


def partners(case: Case) -> list[str]:
    """The distinct organisations of the actors, in the order actors.yaml first names them.

    That order is the author's (usually the lead organisation first), which reads better on a
    one-pager than an alphabetical list would.
    """
    return list(dict.fromkeys(_one_line(actor.organisation) for actor in case.actors))


def _chair(case: Case) -> str:
    """"Name, Title" of the lead group's chair (the steering group's, else the working group's), for
    the one-pager's closing line."""
    chair_id = bodies.lead_group(case).chair
    assert chair_id is not None, "a working group that leads has the rules' settings, its chair among them"
    chair = case.actor(chair_id)
    return f"{chair.name}, {chair.title}"


def _one_line(text: str) -> str:
    """A bullet or table cell is one paragraph: a stray line break in the YAML becomes a space."""
    return " ".join(text.split())
