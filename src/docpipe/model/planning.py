"""The plan: phases holding activities, with dates, owners and dependencies."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel

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
    actual_end: dt.date | None = None
    """When the activity really finished (the project leader's status update); ``end`` stays the plan."""
    comment: OptionalText | None = None
    """The project leader's note on the status: what is late and why, what was decided."""


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
