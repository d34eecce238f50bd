"""Governance as the case describes it: the groups that follow and run an initiative.

The police co-creation guide advises against a steering group in co-creation (it shifts power and
ownership away from the partnership), so a case may have none; the group the case does have then
gets the rules of procedure. Each group is named by the case (a følgegruppe is not a styregruppe)
and either decides or advises.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, Field

from docpipe.model.types import MODEL_CONFIG, Days, Slug, Text

DecisionRule = Literal["consensus", "majority"]
GroupRole = Literal["deciding", "advising"]
SteeringGroupName = Literal["styregruppe", "følgegruppe", "projektgruppe", "partnerskabsgruppe"]
WorkingGroupName = Literal["arbejdsgruppe", "projektgruppe", "partnerskabsgruppe", "kernegruppe"]

RULE_FIELDS = ("chair", "secretariat", "meeting_frequency", "notice_days", "quorum", "decision_rule",
               "minutes_within_days")
"""What a group needs for its rules of procedure (forretningsorden) to be written."""


class SteeringGroup(BaseModel):
    """The group above the daily work (a styregruppe by default); its settings feed the forretningsorden.

    ``role`` left out means advising for a co-creation initiative and deciding otherwise.
    ``adopted_on`` is the date the group adopted its forretningsorden; absent, it is not adopted yet.
    """

    model_config = MODEL_CONFIG

    name: SteeringGroupName = "styregruppe"
    role: GroupRole | None = None
    chair: Slug
    vice_chair: Slug | None = None
    members: list[Slug] = Field(min_length=1)
    secretariat: Slug
    meeting_frequency: Text
    notice_days: Days
    quorum: Text
    decision_rule: DecisionRule
    minutes_within_days: Days
    adopted_on: dt.date | None = None
    remuneration: bool = False


class WorkingGroup(BaseModel):
    """The group that does the daily work (an arbejdsgruppe by default).

    Without a steering group, the rules of procedure are written for this group, so it then needs
    the same settings a steering group has (``RULE_FIELDS``); a rule of the loader says which lack.
    """

    model_config = MODEL_CONFIG

    name: WorkingGroupName = "arbejdsgruppe"
    role: GroupRole | None = None
    members: list[Slug] = Field(min_length=1)
    chair: Slug | None = None
    vice_chair: Slug | None = None
    secretariat: Slug | None = None
    meeting_frequency: Text | None = None
    notice_days: Days | None = None
    quorum: Text | None = None
    decision_rule: DecisionRule | None = None
    minutes_within_days: Days | None = None
    adopted_on: dt.date | None = None
    remuneration: bool = False

    def missing_rules(self) -> list[str]:
        """The settings this group lacks to have rules of procedure of its own."""
        return [name for name in RULE_FIELDS if getattr(self, name) is None]


class Governance(BaseModel):
    model_config = MODEL_CONFIG

    steering_group: SteeringGroup | None = None
    working_group: WorkingGroup | None = None
    anchor_person: Slug | None = None
    leader: Slug | None = None

    def ruled_group(self, method: str) -> RuledGroup | None:
        """The group the rules of procedure are for: the steering group, else a working group with
        every setting they need; None when the case has neither."""
        for kind, group in (("steering", self.steering_group), ("working", self.working_group)):
            if group is None:
                continue
            if isinstance(group, WorkingGroup) and group.missing_rules():
                return None
            default_role: GroupRole = "advising" if kind == "steering" and method == "co-creation" else "deciding"
            assert group.chair and group.secretariat and group.meeting_frequency and group.quorum  # RULE_FIELDS
            assert group.notice_days is not None and group.minutes_within_days is not None and group.decision_rule
            return RuledGroup(kind="steering" if kind == "steering" else "working", name=group.name,
                              role=group.role or default_role, chair=group.chair, vice_chair=group.vice_chair,
                              members=tuple(group.members), secretariat=group.secretariat,
                              meeting_frequency=group.meeting_frequency, notice_days=group.notice_days,
                              quorum=group.quorum, decision_rule=group.decision_rule,
                              minutes_within_days=group.minutes_within_days, adopted_on=group.adopted_on,
                              remuneration=group.remuneration)
        return None


@dataclass(frozen=True)
class RuledGroup:
    """The group a forretningsorden is written for, with every setting it needs, whichever group it is."""

    kind: Literal["steering", "working"]
    name: str
    role: GroupRole
    chair: str
    vice_chair: str | None
    members: tuple[str, ...]
    secretariat: str
    meeting_frequency: str
    notice_days: int
    quorum: str
    decision_rule: DecisionRule
    minutes_within_days: int
    adopted_on: dt.date | None
    remuneration: bool
