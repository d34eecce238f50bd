"""`docpipe schema` describes the governance and committee fields an editor completes: each new field
is there with a description, and a case using every one of them (or no steering group) passes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from docpipe.model.schema import input_schema
from tests.intake.test_intake_governance import BASE, EVERY_FIELD, NO_STEERING_GROUP

NEW_FIELDS = {
    "SteeringGroup": ["name", "role", "vice_chair", "adopted_on", "remuneration"],
    "WorkingGroup": ["name", "role", "chair", "vice_chair", "secretariat", "meeting_frequency", "notice_days",
                     "quorum", "decision_rule", "minutes_within_days", "adopted_on", "remuneration"],
    "Governance": ["steering_group", "anchor_person"],
    "Committee": ["kind", "sender", "requests", "route", "earlier_handling", "competence", "legal_basis",
                  "consultation", "communication", "attachments"],
    "Request": ["kind", "amount"],
    "EarlierHandling": ["date", "body", "decision"],
    "Attachment": ["public"],
}


@pytest.mark.parametrize("model", NEW_FIELDS)
def test_every_new_field_is_described(model: str) -> None:
    properties = input_schema("initiative")["$defs"][model]["properties"]
    undescribed = [name for name in NEW_FIELDS[model] if not properties[name].get("description")]
    assert undescribed == []


def test_the_danish_words_are_in_the_descriptions() -> None:
    definitions = input_schema("initiative")["$defs"]
    assert "kredsråd" in definitions["Committee"]["properties"]["kind"]["description"]
    assert "næstformand" in definitions["SteeringGroup"]["properties"]["vice_chair"]["description"]
    assert "ankerperson" in definitions["Governance"]["properties"]["anchor_person"]["description"]


@pytest.mark.parametrize("changes", [EVERY_FIELD, NO_STEERING_GROUP], ids=["every-new-field", "no-steering-group"])
def test_the_schema_accepts_the_new_fields(changes: dict[str, Any]) -> None:
    import jsonschema  # type: ignore[import-untyped]  # no stubs in the test extra

    initiative = yaml.safe_load((Path(BASE) / "initiative.yaml").read_text("utf-8"))
    initiative.update(changes)
    data = json.loads(json.dumps(initiative, default=str))
    validator = jsonschema.Draft202012Validator(input_schema("initiative"))
    assert [error.message for error in validator.iter_errors(data)] == []
    data["committee"]["kind"] = "byråd"
    assert any("byråd" in error.message for error in validator.iter_errors(data))
