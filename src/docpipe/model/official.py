"""The official Danish municipality and region codes, shipped inside the package."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True)
class OfficialOrganisation:
    code: str
    name: str
    official_name: str
    kind: str
    region_code: str
    region_name: str


@cache
def official_organisations() -> dict[str, OfficialOrganisation]:
    """Every municipality (3-digit kommunekode) and region (regionskode), keyed by code."""
    text = resources.files("docpipe").joinpath("data/dk-organisations.csv").read_text("utf-8")
    rows = csv.DictReader(io.StringIO(text))
    return {row["code"]: OfficialOrganisation(**row) for row in rows}


def find_by_name(name: str) -> OfficialOrganisation | None:
    """The official organisation whose name or official name matches ``name``, ignoring case."""
    wanted = name.strip().casefold()
    for organisation in official_organisations().values():
        if wanted in {organisation.name.casefold(), organisation.official_name.casefold()}:
            return organisation
    return None
