"""The partial model of a file that failed validation: what could be read keeps its validated value."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import yaml

from docpipe.model import ActorList, Initiative, Planning
from docpipe.model.salvage import MISSING, Unreadable, partial, readable, readable_items, shown, typed_ids
from tests.conftest import INPUTS

BASE = INPUTS / "halsnaes-boern-og-unge"


def data_of(part: str) -> Any:
    return yaml.safe_load((BASE / f"{part}.yaml").read_text("utf-8"))


def test_what_validates_keeps_its_validated_value_and_the_rest_is_unreadable() -> None:
    data = data_of("initiative")
    data["titel"] = data.pop("title")
    data["risks"][0]["likelihood"] = 9
    data["budget"]["lines"][0]["amount"] = "385.000 kr."
    initiative = partial(Initiative, data)
    assert isinstance(initiative, Initiative)
    assert isinstance(initiative.title, Unreadable) and initiative.title.typed is MISSING  # missing, not the typo
    assert initiative.date == dt.date(2026, 11, 22)
    assert initiative.budget is not None and initiative.budget.lines[0].amount == Decimal(385000)
    risk = initiative.risks[0]
    assert not readable(risk.likelihood) and risk.owner == "helle-soendergaard" and risk.impact == 5


def test_a_broken_item_keeps_its_place_and_its_readable_fields() -> None:
    data = data_of("planning")
    activities = data["phases"][0]["activities"]
    activities[1].update(id="bad id", status="færdig")
    activities[3] = "not an activity"
    planning = partial(Planning, data)
    assert isinstance(planning, Planning)
    read = planning.phases[0].activities
    assert [index for index, _ in readable_items(read)] == [0, 1, 2, 4]
    broken = read[1]
    assert shown(broken.id) == "bad id" and broken.start == dt.date(2026, 10, 12)
    assert broken.depends_on == ["opstartsmoede-topledelse"]
    assert typed_ids(planning.phases[0].activities) is None  # item 3 has no id to know


def test_ids_as_typed_include_the_invalid_ones() -> None:
    data = data_of("actors")
    data["actors"][1].update(id="Henrik Bjerre", interest=0)
    actors = partial(ActorList, data)
    assert isinstance(actors, ActorList)
    ids = typed_ids(actors.actors)
    assert ids is not None and "Henrik Bjerre" in ids and "helle-soendergaard" in ids


def test_something_that_is_not_a_group_of_fields_is_unreadable() -> None:
    assert isinstance(partial(Planning, ["a list"]), Unreadable)
    assert shown(Unreadable(["x"])) == "?" and shown(Unreadable("a\x07b")) == "?" and shown(Unreadable(7)) == "7"
