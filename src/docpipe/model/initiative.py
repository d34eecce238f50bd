"""The initiative: what is to be done, why, by whom and with what money."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, Field

from docpipe.model.amounts import Amount
from docpipe.model.committee import Committee
from docpipe.model.governance import Governance
from docpipe.model.types import MODEL_CONFIG, OptionalText, Score, Slug, Text

Method = Literal["policy-lab", "co-creation", "project"]
Status = Literal["draft", "final"]


class SuccessCriterion(BaseModel):
    """A succeskriterium: what counts as success and how it is measured."""

    model_config = MODEL_CONFIG

    criterion: Text
    indicator: Text
    baseline: Text
    target: Text
    deadline: dt.date
    data_source: Text


class BudgetLine(BaseModel):
    model_config = MODEL_CONFIG

    item: Text
    amount: Amount


class Budget(BaseModel):
    model_config = MODEL_CONFIG

    currency: Literal["DKK"] = "DKK"
    lines: list[BudgetLine] = Field(min_length=1)
    financing: OptionalText | None = None

    @property
    def total(self) -> Decimal:
        return sum((line.amount for line in self.lines), Decimal(0))


class Risk(BaseModel):
    model_config = MODEL_CONFIG

    risk: Text
    likelihood: Score
    impact: Score
    mitigation: Text
    owner: Slug
    flagged: bool = Field(default=False, description="the owner flags the risk for the steering group's next "
                                                     "status note (statusnotat.docx)")


class OnePagerTexts(BaseModel):
    """Shorter texts for the one-pager, where the kommissorium's own are longer than its one page holds.

    Each one given replaces its namesake on the one-pager only; the other documents keep the full text.
    """

    model_config = MODEL_CONFIG

    title: Text | None = None
    vision: Text | None = None
    challenge: Text | None = None
    goals: list[Text] | None = Field(default=None, min_length=1)
    deliverables: list[Text] | None = None


class Initiative(BaseModel):
    """The content of initiative.yaml."""

    model_config = MODEL_CONFIG

    title: Text
    method: Method
    date: dt.date
    version: OptionalText = "1.0"
    status: Status = "draft"
    case_number: OptionalText | None = None
    committee: Committee | None = None
    background: Text
    challenge: Text
    vision: Text
    purpose: Text
    scope: OptionalText = ""
    goals: list[Text] = Field(min_length=1)
    success_criteria: list[SuccessCriterion] = []
    deliverables: list[Text] = []
    budget: Budget | None = None
    governance: Governance
    risks: list[Risk] = []
    one_pager: OnePagerTexts | None = None
