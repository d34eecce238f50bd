"""The organisation that sends the documents (a municipality, a region or another body)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from docpipe.model.types import MODEL_CONFIG, Colour, Email, FileName, OptionalText, Text

OrganisationKind = Literal["municipality", "region", "other"]


class Organisation(BaseModel):
    """Who sends the documents; its name, logo and colour brand every deliverable."""

    model_config = MODEL_CONFIG

    name: Text
    kind: OrganisationKind
    code: OptionalText | None = None
    unit: OptionalText | None = None
    address: OptionalText | None = None
    email: Email | None = None
    phone: OptionalText | None = None
    website: OptionalText | None = None
    logo: FileName | None = None
    logo_alt: OptionalText | None = Field(default=None, description=(
        "the logo's alternative text, read aloud by screen readers; empty = 'Logo: <name>'"),
        examples=["Logo: Halsnæs Kommune, en stiliseret bølge"])
    primary_colour: Colour | None = None
    logo_shows_name: bool = Field(default=False, description=(
        "true when the logo itself shows the organisation's name: the header then does not print the name "
        "again under it; default false (the name is printed)"))
