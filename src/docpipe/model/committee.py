"""The body that decides on the initiative, and its meeting as the case describes it.

Not every deciding body is an udvalg: a kredsråd, a regionsråd or a board decides too, and the
texts name it for what it is. The agenda item (dagsordenspunkt) is made from these fields; every one
but ``name`` and ``meeting_date`` is optional, with defaults that suit a case that gives none.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel

from docpipe.model.amounts import Amount
from docpipe.model.types import MODEL_CONFIG, OptionalText, Text

CommitteeKind = Literal["committee", "finance-committee", "municipal-council", "regional-council",
                        "police-council", "board"]
RequestKind = Literal["approve-terms", "approve-one-pager", "note-plan", "note-status", "grant-funds"]
AttachedDeliverable = Literal["kommissorium", "forretningsorden", "implementeringsplan", "one-pager",
                              "aktoeroverblik"]

DEFAULT_ATTACHMENTS: tuple[AttachedDeliverable, ...] = (
    "kommissorium", "forretningsorden", "implementeringsplan", "one-pager", "aktoeroverblik")
CLOSED_BY_DEFAULT = frozenset({"aktoeroverblik"})
"""The aktøroverblik scores named people's interest and influence, with their e-mails and phone
numbers; agenda bilag are published, so it is a closed bilag unless the case says otherwise."""


class Request(BaseModel):
    """One thing the committee is asked to decide; ``amount`` is for a grant of funds."""

    model_config = MODEL_CONFIG

    kind: RequestKind
    amount: Amount | None = None


class EarlierHandling(BaseModel):
    """An earlier political handling of the matter (tidligere politisk behandling)."""

    model_config = MODEL_CONFIG

    date: dt.date
    body: Text
    decision: Text


class Attachment(BaseModel):
    """A deliverable that goes to the committee as a bilag; ``public`` left out follows the default
    (every bilag public except the aktøroverblik)."""

    model_config = MODEL_CONFIG

    deliverable: AttachedDeliverable
    public: bool | None = None

    @property
    def is_public(self) -> bool:
        return self.public if self.public is not None else self.deliverable not in CLOSED_BY_DEFAULT


class Committee(BaseModel):
    """The political body (an udvalg by default) that approves the initiative, and its meeting."""

    model_config = MODEL_CONFIG

    name: Text
    meeting_date: dt.date
    kind: CommitteeKind = "committee"
    sender: OptionalText | None = None
    requests: list[Request] = []
    route: list[Text] = []
    earlier_handling: list[EarlierHandling] = []
    competence: OptionalText | None = None
    legal_basis: OptionalText | None = None
    consultation: OptionalText | None = None
    communication: OptionalText | None = None
    attachments: list[Attachment] | None = None

    def bilag(self) -> list[Attachment]:
        """The bilag of the agenda item: the case's list, or every deliverable with the defaults."""
        if self.attachments is not None:
            return list(self.attachments)
        return [Attachment(deliverable=name) for name in DEFAULT_ATTACHMENTS]

    def asked(self) -> list[Request]:
        """What the committee is asked to decide: the case's list, or approving the kommissorium."""
        return list(self.requests) or [Request(kind="approve-terms")]
