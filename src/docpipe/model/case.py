"""A whole, valid case: everything the deliverables are made from."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pydantic import BaseModel, ConfigDict, PrivateAttr

from docpipe.errors import Problem
from docpipe.model.actors import Actor
from docpipe.model.initiative import Initiative
from docpipe.model.organisation import Organisation
from docpipe.model.planning import Activity, Planning
from docpipe.sources.document import format_field_path

FieldPath = tuple[str | int, ...]
Locator = Callable[[str, FieldPath], tuple[str, int | str | None]]
"""Where a field of a case file stands: (part, field path) -> (file as shown, line or sheet cell)."""


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

    _locator: Locator | None = PrivateAttr(default=None)

    def located(self, locator: Locator) -> Case:
        """This case, knowing where each of its values was written (what ``load_case`` gives).

        Problems found after loading (a document's own limits, warnings) then name file and line as
        the loader's problems do. Not part of the case's content: it is in no dump and no hash.
        """
        self._locator = locator
        return self

    def __eq__(self, other: object) -> bool:
        """Equal by content: where the values were written (the locator) does not make two cases differ."""
        if not isinstance(other, Case):
            return NotImplemented
        return self.__dict__ == other.__dict__

    __hash__ = None  # type: ignore[assignment]  # a case holds lists: it never could be hashed

    def problem(self, part: str, path: FieldPath, message: str, document: str = "") -> Problem:
        """A Problem about the value at ``path`` of ``part`` (``initiative``), placed at its file and line.

        A case built in code, not loaded from files, names the file its part would have, without a line.
        """
        file, line = self._locator(part, path) if self._locator else (f"{part}.yaml", None)
        return Problem(file, line, format_field_path(path), message, document)

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
