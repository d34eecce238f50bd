"""The domain model: what an initiative is, in the words of the people who run one."""

from docpipe.model.actors import Actor, ActorList
from docpipe.model.case import Case
from docpipe.model.initiative import (
    Budget,
    BudgetLine,
    Committee,
    Governance,
    Initiative,
    Risk,
    SteeringGroup,
    SuccessCriterion,
    WorkingGroup,
)
from docpipe.model.organisation import Organisation
from docpipe.model.planning import Activity, Phase, Planning

__all__ = [
    "Activity",
    "Actor",
    "ActorList",
    "Budget",
    "BudgetLine",
    "Case",
    "Committee",
    "Governance",
    "Initiative",
    "Organisation",
    "Phase",
    "Planning",
    "Risk",
    "SteeringGroup",
    "SuccessCriterion",
    "WorkingGroup",
]
