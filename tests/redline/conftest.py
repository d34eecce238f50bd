"""A case at two moments: the new one with a changed budget amount, an added steering-group member,
a moved milestone and a removed risk."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import INPUTS, edit_yaml

CASE = "halsnaes-boern-og-unge"


def _changed_initiative(data: Any) -> None:
    data["budget"]["lines"][1]["amount"] = 150000  # Databaseret udfordringsbillede: 120.000 -> 150.000 kr.
    data["governance"]["steering_group"]["members"].append("kasper-vinther")
    del data["risks"][1]  # Data om trivsel og sundhed ...


def _moved_milestone(data: Any) -> None:
    activity = next(a for phase in data["phases"] for a in phase["activities"] if str(a["start"]) == "2027-06-16")
    activity["start"] = activity["end"] = "2027-06-23"  # Godkendelse i Børne- og Uddannelsesudvalget


@pytest.fixture(scope="session")
def case_pair(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(old, new) case folders of the same case; only the four changes above between them."""
    root = tmp_path_factory.mktemp("pair")
    old, new = root / "old" / CASE, root / "new" / CASE
    shutil.copytree(INPUTS / CASE, old)
    shutil.copytree(INPUTS / CASE, new)
    edit_yaml(new / "initiative.yaml", _changed_initiative)
    edit_yaml(new / "planning.yaml", _moved_milestone)
    return old, new
