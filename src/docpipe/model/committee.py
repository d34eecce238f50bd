"""The body that decides on the initiative, and its meeting as the case describes it.

Not every deciding body is an udvalg: a kredsråd, a regionsråd or a board decides too, and the
texts name it for what it is. The agenda item (dagsordenspunkt) is made from these fields; every one
but ``name`` and ``meeting_date`` is optional, with defaults that suit a case that gives none.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, Field

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

    kind: RequestKind = Field(description=(
        "approve-terms (godkende kommissoriet), approve-one-pager, note-plan (tage implementeringsplanen til "
        "efterretning), note-status or grant-funds (bevilge midler)"), examples=["grant-funds"])
    amount: Amount | None = Field(default=None, description="kroner; required for grant-funds, and only there",
                                  examples=[250000, "250.000 kr."])


class EarlierHandling(BaseModel):
    """An earlier political handling of the matter (tidligere politisk behandling)."""

    model_config = MODEL_CONFIG

    date: dt.date = Field(description="the meeting date, YYYY-MM-DD", examples=["2026-03-04"])
    body: Text = Field(description="the body that handled it", examples=["Børne- og Uddannelsesudvalget"])
    decision: Text = Field(description="what it decided", examples=["Udvalget bad om et kommissorium"])


class Attachment(BaseModel):
    """A deliverable that goes to the committee as a bilag; ``public`` left out follows the default
    (every bilag public except the aktøroverblik)."""

    model_config = MODEL_CONFIG

    deliverable: AttachedDeliverable = Field(examples=["kommissorium"])
    public: bool | None = Field(default=None, description=(
        "true: an open bilag (published with the agenda), false: closed; left out: open, except the "
        "aktoeroverblik, which scores named people and lists their contact details"))

    @property
    def is_public(self) -> bool:
        return self.public if self.public is not None else self.deliverable not in CLOSED_BY_DEFAULT


class Committee(BaseModel):
    """The political body (an udvalg by default) that approves the initiative, and its meeting."""

    model_config = MODEL_CONFIG

    name: Text
    meeting_date: dt.date
    kind: CommitteeKind = Field(default="committee", description=(
        "committee (udvalg, the default), finance-committee (økonomiudvalg), municipal-council "
        "(kommunalbestyrelse), regional-council (regionsråd), police-council (kredsråd) or board (bestyrelse)"),
        examples=["police-council"])
    sender: OptionalText | None = Field(default=None, description="who the indstilling comes from",
                                        examples=["Center for Børn og Unge"])
    requests: list[Request] = Field(default=[], description=(
        "what the body is asked to decide (indstilling), in order; left out: to approve the kommissorium"))
    route: list[Text] = Field(default=[], description="the sagsgang: the bodies the matter passes, in order",
                              examples=[["Børne- og Uddannelsesudvalget", "Økonomiudvalget", "Kommunalbestyrelsen"]])
    earlier_handling: list[EarlierHandling] = Field(default=[], description=(
        "earlier political handling of the matter (tidligere politisk behandling)"))
    competence: OptionalText | None = Field(default=None, description=(
        "who has the competence to decide (kompetence): a body's name, or a sentence ending with a full stop; a body "
        "other than this one makes this one recommend (indstille) to it"), examples=["Kommunalbestyrelsen"])
    legal_basis: OptionalText | None = Field(default=None, description="the legal basis (lovgrundlag, hjemmel)",
                                             examples=["Lov om social service § 11"])
    consultation: OptionalText | None = Field(default=None, description="høring: who has been or will be consulted")
    communication: OptionalText | None = Field(default=None, description="how the decision is communicated")
    attachments: list[Attachment] | None = Field(default=None, description=(
        "the bilag of the agenda item, in order; left out: all five deliverables, the aktoeroverblik closed; "
        "an empty list: no bilag"))

    def bilag(self) -> list[Attachment]:
        """The bilag of the agenda item: the case's list, or every deliverable with the defaults."""
        if self.attachments is not None:
            return list(self.attachments)
        return [Attachment(deliverable=name) for name in DEFAULT_ATTACHMENTS]

    def asked(self) -> list[Request]:
        """What the committee is asked to decide: the case's list, or approving the kommissorium."""
        return list(self.requests) or [Request(kind="approve-terms")]

    def decider(self) -> str:
        """The body with the competence to decide: ``competence`` when it names a body (a sentence
        ends with a full stop and names none we can use), else the last body of the route, else this one."""
        competence = (self.competence or "").strip()
        if competence and not competence.endswith("."):
            return competence
        return self.route[-1].strip() if self.route else self.name

    def recommends(self) -> bool:
        """Whether this body only recommends (indstiller) to another that decides, as an udvalg does
        to the kommunalbestyrelse or the regionsråd when the matter is outside its own competence. The
        body's short name is the body itself: "Kredsrådet" decides for "Kredsrådet for Nordsjællands Politi"."""
        decider, name = self.decider().casefold(), self.name.strip().casefold()
        return not (name == decider or name.startswith(decider + " "))
