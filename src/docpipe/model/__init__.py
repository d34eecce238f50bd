"""The domain model: what an initiative is, in the words of the people who run one."""

from docpipe.model.actors import Actor, ActorList
from docpipe.model.case import Case
from docpipe.model.committee import Attachment, Committee, EarlierHandling, Request
from docpipe.model.governance import Governance, RuledGroup, SteeringGroup, WorkingGroup
from docpipe.model.initiative import Budget, BudgetLine, Initiative, Risk, SuccessCriterion
from docpipe.model.organisation import Organisation
from docpipe.model.planning import Activity, Phase, Planning

__all__ = [
    "Activity",
    "Actor",
    "ActorList",
    "Attachment",
    "Budget",
    "BudgetLine",
    "Case",
    "Committee",
    "EarlierHandling",
    "Governance",
    "Initiative",
    "Organisation",
    "Phase",
    "Planning",
    "Request",
    "Risk",
    "RuledGroup",
    "SteeringGroup",
    "SuccessCriterion",
    "WorkingGroup",
]
