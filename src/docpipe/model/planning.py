"""The plan: phases holding activities, with dates, owners and dependencies."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, Field

from docpipe.model.types import MODEL_CONFIG, OptionalText, Slug, Text

ActivityStatus = Literal["planned", "in_progress", "done", "late"]


class Activity(BaseModel):
    """One piece of work with an owner and dates; a milestone marks a decision point or delivery."""

    model_config = MODEL_CONFIG

    id: Slug
    title: Text
    owner: Slug
    participants: list[Slug] = []
    start: dt.date
    end: dt.date
    depends_on: list[Slug] = []
    milestone: bool = False
    deliverable: OptionalText | None = None
    status: ActivityStatus = "planned"
    # The project leader's status update (docpipe status import writes these three); ``end`` stays the plan.
    actual_end: dt.date | None = Field(default=None, description="the date the activity really finished")
    comment: OptionalText | None = Field(default=None, description="a note on the status, e.g. why it is late")


class Phase(BaseModel):
    """A stage of the method (the Policy Lab's four activities, the co-creation guide's phases)."""

    model_config = MODEL_CONFIG

    id: Slug
    name: Text
    start: dt.date
    end: dt.date
    activities: list[Activity] = []


class Planning(BaseModel):
    """The content of planning.yaml."""

    model_config = MODEL_CONFIG

    phases: list[Phase]

    def activities(self) -> list[Activity]:
        """Every activity in plan order."""
        return [activity for phase in self.phases for activity in phase.activities]
