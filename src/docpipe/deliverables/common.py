"""What every deliverable shows the same way: the letterhead, people, periods and paragraphs."""

from __future__ import annotations

import datetime as dt
from typing import Any

from docpipe import danish
from docpipe.deliverables.bodies import GroupWords, committee_context
from docpipe.deliverables.values import Picture
from docpipe.deliverables.wording import Role, capitalised, role_phrase
from docpipe.model import Actor, Case

LOGO_WIDTH_MM = 38.0


def house_context(case: Case) -> dict[str, Any]:
    """The letterhead: organisation, logo, title, date, case number, version and draft status."""
    initiative = case.initiative
    organisation = case.organisation
    committee = initiative.committee
    return {
        "title": initiative.title,
        "org": {
            "name": organisation.name,
            # the name under the logo, unless the logo already says it (printed twice, it reads as a slip)
            "show_name": not (organisation.logo_shows_name and organisation.logo),
            "unit": organisation.unit or "",
            "address": organisation.address or "",
            "email": organisation.email or "",
            "phone": organisation.phone or "",
            "website": organisation.website or "",
        },
        "logo": logo(case, LOGO_WIDTH_MM),
        "date": danish.long_date(initiative.date),
        "case_number": initiative.case_number or "",
        "version": initiative.version,
        "status": danish.STATUS[initiative.status],
        "draft": initiative.status == "draft",
        "method": danish.METHOD[initiative.method],
        "committee": {"name": committee.name, "meeting_date": danish.long_date(committee.meeting_date),
                      **(committee_context(committee) or {})}
        if committee else None,
    }


def logo(case: Case, width_mm: float) -> Picture | None:
    """The organisation's logo, with the alternative text a screen reader reads (its own, or
    "Logo: <name>"), or None when the case has no logo."""
    if not case.logo:
        return None
    organisation = case.organisation
    alt = organisation.logo_alt or f"Logo: {organisation.name}"
    return Picture(case.logo, width_mm, alt=alt)


def paragraphs(text: str) -> list[str]:
    """User text split into paragraphs: every line break starts a new one, blank lines are dropped."""
    return [line.strip(" ") for line in text.splitlines() if line.strip()]


def person(actor: Actor, role: str = "") -> dict[str, str]:
    return {
        "id": actor.id,
        "name": actor.name,
        "title": actor.title,
        "organisation": actor.organisation,
        "role": role,
        "type": danish.ACTOR_TYPE[actor.type],
    }


def period(start: dt.date, end: dt.date) -> str:
    """22. nov. 2026–31. jan. 2027: a period in a table."""
    return f"{danish.table_date(start)}–{danish.table_date(end)}"


def governance_roles(case: Case) -> dict[str, list[Role]]:
    """Each actor's roles in the governance, with the groups named as the case names them; a
    deliverable says them with :func:`roles_text`."""
    governance = case.initiative.governance
    roles: dict[str, list[Role]] = {actor.id: [] for actor in case.actors}
    steering = governance.steering_group
    if steering is not None:
        words = GroupWords(steering.name)
        roles[steering.chair].append(Role("formand", words.definite))
        if steering.vice_chair:
            roles[steering.vice_chair].append(Role("næstformand", words.definite))
        for member in steering.members:
            if member not in (steering.chair, steering.vice_chair):
                roles[member].append(Role("medlem", words.definite))
        roles[steering.secretariat].append(Role("sekretær", words.definite))
    if governance.working_group:
        roles = _working_roles(case, roles)
    if governance.anchor_person:
        roles[governance.anchor_person].append(Role("ankerperson"))
    if governance.leader:
        roles[governance.leader].append(Role("ledelsesperson med beslutningsmandat"))
    return roles


def roles_text(roles: list[Role]) -> str:
    """"Sekretær for styregruppen, medlem af arbejdsgruppen og ankerperson": a table cell's roles."""
    return capitalised(role_phrase(roles))


def _working_roles(case: Case, roles: dict[str, list[Role]]) -> dict[str, list[Role]]:
    """The working group's part: "medlem af arbejdsgruppen" for each member, and its chair,
    vice-chair and secretariat when it has them (it does when it is the group with the rules)."""
    group = case.initiative.governance.working_group
    assert group is not None
    words = GroupWords(group.name)
    for member in group.members:
        kind = "formand" if member == group.chair else "næstformand" if member == group.vice_chair else "medlem"
        roles[member].append(Role(kind, words.definite))
    if group.secretariat:
        roles[group.secretariat].append(Role("sekretær", words.definite))
    return roles
