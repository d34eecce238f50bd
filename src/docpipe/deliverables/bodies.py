"""Who the documents speak of: the case's groups and its deciding body, in the Danish forms a sentence needs.

A case names its groups (a følgegruppe is not a styregruppe, and a co-creation case may have no
steering group at all), and its deciding body is not always an udvalg (a kredsråd, a regionsråd, a
bestyrelse). Every deliverable takes these words from here, so that no document says "styregruppen"
or "udvalget" where the case has something else.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from docpipe.deliverables.wording import capitalised
from docpipe.model import Case
from docpipe.model.committee import Committee
from docpipe.model.governance import GroupRole, RuledGroup, SteeringGroup, WorkingGroup

# The deciding body's kind -> its name in the definite form ("forelægges kredsrådet").
BODY = {
    "committee": "udvalget",
    "finance-committee": "økonomiudvalget",
    "municipal-council": "kommunalbestyrelsen",
    "regional-council": "regionsrådet",
    "police-council": "kredsrådet",
    "board": "bestyrelsen",
}
# The label of the body in the agenda item's heading table ("Udvalg: Børne- og Skoleudvalget").
BODY_LABEL = {
    "committee": "Udvalg",
    "finance-committee": "Økonomiudvalg",
    "municipal-council": "Kommunalbestyrelse",
    "regional-council": "Regionsråd",
    "police-council": "Kredsråd",
    "board": "Bestyrelse",
}


@dataclass(frozen=True)
class GroupWords:
    """A group's name in each form a sentence needs. Every name docpipe knows ends in "-gruppe",
    which takes "-n" in the definite and "-ns" in the genitive."""

    noun: str

    @property
    def definite(self) -> str:
        """"følgegruppen" """
        return self.noun + "n"

    @property
    def genitive(self) -> str:
        """"følgegruppens" """
        return self.noun + "ns"

    def context(self) -> dict[str, str]:
        """The forms for a template, lower case and capitalised for the start of a sentence."""
        forms = {"noun": self.noun, "definite": self.definite, "genitive": self.genitive}
        return {**forms, **{key.capitalize(): capitalised(value) for key, value in forms.items()}}


def steering_role(case: Case) -> GroupRole | None:
    """The steering group's role: as the case says, else advising in co-creation and deciding otherwise;
    None without a steering group."""
    group = case.initiative.governance.steering_group
    if group is None:
        return None
    return group.role or ("advising" if case.initiative.method == "co-creation" else "deciding")


def steering_words(case: Case) -> GroupWords | None:
    group = case.initiative.governance.steering_group
    return GroupWords(group.name) if group is not None else None


def working_words(case: Case) -> GroupWords:
    """The working group's name; "arbejdsgruppe" when the case has none, as the guide calls it."""
    group = case.initiative.governance.working_group
    return GroupWords(group.name if group is not None else "arbejdsgruppe")


def ruled_group(case: Case) -> RuledGroup:
    """The group the forretningsorden is for; a valid case always has one (a rule of the loader)."""
    group = case.initiative.governance.ruled_group(case.initiative.method)
    assert group is not None, "check_governance lets no case without a group for the rules through"
    return group


def ruled_words(case: Case) -> GroupWords:
    return GroupWords(ruled_group(case).name)


def lead_group(case: Case) -> SteeringGroup | WorkingGroup:
    """The group that leads and follows the initiative up: the steering group, else the working group."""
    governance = case.initiative.governance
    group = governance.steering_group or governance.working_group
    assert group is not None, "check_governance lets no case without a group through"
    return group


def deciding_words(case: Case) -> GroupWords:
    """The group that settles the initiative's own matters (success criteria, changes to the
    kommissorium): a deciding steering group, else the group that does the work."""
    if steering_role(case) == "deciding":
        words = steering_words(case)
        assert words is not None
        return words
    return working_words(case) if case.initiative.governance.working_group else ruled_words(case)


def body(committee: Committee) -> str:
    """The deciding body in the definite form: "udvalget", "kredsrådet", "regionsrådet" ..."""
    return BODY[committee.kind]


def sender(case: Case) -> str:
    """Who sends the agenda item's indstilling: the case's sender, "Administrationen" in a
    municipality or region, else the organisation itself."""
    committee = case.initiative.committee
    if committee is not None and committee.sender:
        return committee.sender.strip()
    if case.organisation.kind in ("municipality", "region"):
        return "Administrationen"
    return case.organisation.name


def committee_context(committee: Committee | None) -> dict[str, Any] | None:
    """What a template may say of the deciding body besides its name."""
    if committee is None:
        return None
    return {"body": body(committee), "Body": capitalised(body(committee)), "label": BODY_LABEL[committee.kind]}
