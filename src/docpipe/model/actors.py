"""The people and bodies around an initiative."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel

from docpipe.model.types import MODEL_CONFIG, Email, OptionalText, Score, Slug, Text

ActorType = Literal["internal", "external", "citizen", "association", "business", "education", "region",
                    "political"]
Involvement = Literal["inform", "consult", "involve", "collaborate", "empower"]


class Actor(BaseModel):
    """A person (or body) that takes part in, decides on or is affected by the initiative."""

    model_config = MODEL_CONFIG

    id: Slug
    name: Text
    organisation: Text
    title: Text
    type: ActorType
    interest: Score
    influence: Score
    involvement: Involvement
    email: Email | None = None
    phone: OptionalText | None = None


class ActorList(BaseModel):
    """The content of actors.yaml."""

    model_config = MODEL_CONFIG

    actors: list[Actor]
