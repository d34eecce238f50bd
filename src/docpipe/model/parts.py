"""Which model validates which file of a case: the one map from case file to model part.

The part names are the sources' (``organisation.yaml`` is the part ``organisation``); loading a
case and printing the JSON Schema both read this map, so a new part is added in one place.
"""

from __future__ import annotations

from pydantic import BaseModel

from docpipe.model.actors import ActorList
from docpipe.model.initiative import Initiative
from docpipe.model.organisation import Organisation
from docpipe.model.planning import Planning
from docpipe.sources.files import PARTS

PART_MODELS: dict[str, type[BaseModel]] = dict(zip(PARTS, (Organisation, Initiative, ActorList, Planning),
                                                    strict=True))
