"""A whole, valid case: everything the deliverables are made from."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict

from docpipe.model.actors import Actor
from docpipe.model.initiative import Initiative
from docpipe.model.organisation import Organisation
from docpipe.model.planning import Activity, Planning


class Case(BaseModel):
    """One organisation's initiative, its actors and its plan, checked against every rule.

    ``logo`` holds the image bytes (not a path) so a Case is complete in itself and can be sent to
    a worker process. ``template_dirs`` are the ``templates/`` folders of the case and of the shared
    folders it extends, most specific first: an organisation's own templates.
    """

    model_config = ConfigDict(frozen=True)

    name: str
    organisation: Organisation
    initiative: Initiative
    actors: list[Actor]
    planning: Planning
    logo: bytes | None = None
    template_dirs: tuple[Path, ...] = ()

    def actor(self, actor_id: str) -> Actor:
        """The actor with ``actor_id``; validation guarantees every reference exists.

        Looked for from the end, so the answer is that of ``actors_by_id()`` (where a repeated id
        would keep its last actor) without building the whole mapping for one name; the documents
        of a case ask for an actor over a hundred times.
        """
        for actor in reversed(self.actors):
            if actor.id == actor_id:
                return actor
        raise KeyError(actor_id)

    def actors_by_id(self) -> dict[str, Actor]:
        return {actor.id: actor for actor in self.actors}

    def activities(self) -> list[Activity]:
        return self.planning.activities()
