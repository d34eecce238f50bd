"""The strategic one-pager: vision, challenge, goals, success criteria, deliverables and partners on one A4 page.

It is the "tværgående strategisk styringsdokument med succeskriterier" a Policy Lab ends with. Every text
it shows is bounded by the one-pager's budgets in ``docpipe.deliverables.one_pager_fit``: a text over its
budget refuses this document (never the case) before it is built, so the page never runs over. Where the
case gives the one-pager shorter texts of its own (``one_pager:``), those are shown. The functions here
only shape the texts, they never cut them; partners beyond the page's room become "og N andre".
"""

from __future__ import annotations

from typing import Any

from docpipe import danish
from docpipe.deliverables import bodies, wording
from docpipe.deliverables.common import house_context, logo, paragraphs
from docpipe.deliverables.one_pager_fit import PARTNER_LINE_CHARS, listed_partners, partners, refusals, shown
from docpipe.model import Case

# The one-pager's header is lower than a report's: a smaller logo leaves the page to the content.
LOGO_WIDTH_MM = 30.0
__all__ = ["LOGO_WIDTH_MM", "PARTNER_LINE_CHARS", "build_context", "partners", "refusals"]


def build_context(case: Case) -> dict[str, Any]:
    initiative = case.initiative
    context = house_context(case)
    listed, run_on = listed_partners(partners(case))
    context.update({
        "title": _one_line(_text(case, "title")),
        "logo": logo(case, LOGO_WIDTH_MM),
        "vision": paragraphs(_text(case, "vision")),
        "challenge": paragraphs(_text(case, "challenge")),
        "goals": [_one_line(goal) for goal in _items(case, "goals")],
        "success_criteria": [{"criterion": _one_line(c.criterion), "target": _one_line(c.target),
                              "deadline": danish.table_date(c.deadline)} for c in initiative.success_criteria],
        "deliverables": [_one_line(deliverable) for deliverable in _items(case, "deliverables")],
        "partners": listed,
        "partners_run_on": run_on,
        "chair": _chair(case),
        "chair_group": bodies.GroupWords(bodies.lead_group(case).name).definite,
        "criteria_owner": bodies.deciding_words(case).definite,
    })
    return context


def _text(case: Case, key: str) -> str:
    value = shown(case, key).value
    assert isinstance(value, str)
    return value


def _items(case: Case, key: str) -> list[str]:
    value = shown(case, key).value
    assert isinstance(value, list)
    return value


def _chair(case: Case) -> str:
    """"Name, title" of the lead group's chair (the steering group's, else the working group's), for
    the one-pager's closing line."""
    chair_id = bodies.lead_group(case).chair
    assert chair_id is not None, "a working group that leads has the rules' settings, its chair among them"
    return wording.name_title_brief(case.actor(chair_id))


def _one_line(text: str) -> str:
    """A bullet or table cell is one paragraph: a stray line break in the YAML becomes a space."""
    return " ".join(text.split())
