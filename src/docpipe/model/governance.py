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


_ROLE = ("deciding (besluttende) or advising (rådgivende); left out: advising in a co-creation initiative, "
         "deciding otherwise")
_VICE_CHAIR = "the næstformand: an actor id, also listed among the members; stands in for the chair"
_ADOPTED_ON = ("the date the group adopted its forretningsorden (YYYY-MM-DD); left out, it is not adopted yet and "
               "the forretningsorden is a draft")
_REMUNERATION = "true when the members receive vederlag for taking part; left out: false"


class SteeringGroup(BaseModel):
    """The group above the daily work (a styregruppe by default); its settings feed the forretningsorden.

    ``role`` left out means advising for a co-creation initiative and deciding otherwise.
    ``adopted_on`` is the date the group adopted its forretningsorden; absent, it is not adopted yet.
    """

    model_config = MODEL_CONFIG

    name: SteeringGroupName = Field(default="styregruppe", description=(
        "what the group is called in the documents: styregruppe (the default), følgegruppe, projektgruppe or "
        "partnerskabsgruppe"), examples=["følgegruppe"])
    role: GroupRole | None = Field(default=None, description=_ROLE, examples=["advising"])
    chair: Slug
    vice_chair: Slug | None = Field(default=None, description=_VICE_CHAIR, examples=["lene-dalsgaard"])
    members: list[Slug] = Field(min_length=1)
    secretariat: Slug
    meeting_frequency: Text
    notice_days: Days
    quorum: Text
    decision_rule: DecisionRule
    minutes_within_days: Days
    adopted_on: dt.date | None = Field(default=None, description=_ADOPTED_ON, examples=["2026-11-02"])
    remuneration: bool = Field(default=False, description=_REMUNERATION)


_WORKING_RULE = "needed when the case has no steering_group (the forretningsorden is then for this group)"


class WorkingGroup(BaseModel):
    """The group that does the daily work (an arbejdsgruppe by default).

    Without a steering group, the rules of procedure are written for this group, so it then needs
    the same settings a steering group has (``RULE_FIELDS``); a rule of the loader says which lack.
    """

    model_config = MODEL_CONFIG

    name: WorkingGroupName = Field(default="arbejdsgruppe", description=(
        "what the group is called in the documents: arbejdsgruppe (the default), projektgruppe, "
        "partnerskabsgruppe or kernegruppe"), examples=["kernegruppe"])
    role: GroupRole | None = Field(default=None, description="deciding (besluttende) or advising (rådgivende); "
                                   "left out: deciding", examples=["deciding"])
    members: list[Slug] = Field(min_length=1)
    chair: Slug | None = Field(default=None, description=f"the formand, also a member; {_WORKING_RULE}")
    vice_chair: Slug | None = Field(default=None, description=_VICE_CHAIR)
    secretariat: Slug | None = Field(default=None, description=f"an actor id; {_WORKING_RULE}")
    meeting_frequency: Text | None = Field(default=None, description=f"e.g. Hver 14. dag; {_WORKING_RULE}")
    notice_days: Days | None = Field(default=None, description=f"days of notice before a meeting; {_WORKING_RULE}")
    quorum: Text | None = Field(default=None, description=f"when the group can decide; {_WORKING_RULE}")
    decision_rule: DecisionRule | None = Field(default=None, description=f"consensus or majority; {_WORKING_RULE}")
    minutes_within_days: Days | None = Field(default=None, description=f"days until the minutes; {_WORKING_RULE}")
    adopted_on: dt.date | None = Field(default=None, description=_ADOPTED_ON)
    remuneration: bool = Field(default=False, description=_REMUNERATION)

    def missing_rules(self) -> list[str]:
        """The settings this group lacks to have rules of procedure of its own."""
        return [name for name in RULE_FIELDS if getattr(self, name) is None]


class Governance(BaseModel):
    """Who runs and follows the initiative. A case has a steering group, a working group or both; without
    a steering group (as the co-creation guide advises), the working group needs the rule settings."""

    model_config = MODEL_CONFIG

    steering_group: SteeringGroup | None = Field(default=None, description=(
        "the group above the daily work; may be left out, e.g. in co-creation, when the working_group has the "
        "settings of its rules of procedure"))
    working_group: WorkingGroup | None = None
    anchor_person: Slug | None = Field(default=None, description=(
        "the ankerperson who anchors the initiative in the organisation (not the tovholder)"))
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
