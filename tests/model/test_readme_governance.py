"""The README's governance and committee examples are valid input: a reader copies them."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from docpipe.model.load import load_case

ROOT = Path(__file__).resolve().parents[2]
CASE = ROOT / "inputs" / "nordsjaellands-politi-tryghed"  # the examples name its actors


def _examples() -> list[dict[str, Any]]:
    text = (ROOT / "README.md").read_text("utf-8")
    section = text.split("### Governance and the committee", 1)[1].split("\n## ", 1)[0]
    return [yaml.safe_load(block) for block in re.findall(r"```yaml\n(.*?)```", section, re.DOTALL)]


def test_the_section_has_its_three_examples() -> None:
    assert [list(example) for example in _examples()] == [["governance"], ["governance"], ["committee"]]


@pytest.mark.parametrize("governance", [0, 1], ids=["both-groups", "no-steering-group"])
def test_the_examples_validate(governance: int, tmp_path: Path) -> None:
    examples = _examples()
    folder = tmp_path / "case"
    shutil.copytree(CASE, folder)
    initiative = yaml.safe_load((folder / "initiative.yaml").read_text("utf-8"))
    initiative.update({**examples[governance], **examples[2]})
    (folder / "initiative.yaml").write_text(yaml.safe_dump(initiative, allow_unicode=True), "utf-8")
    case = load_case(folder)
    assert case.initiative.committee is not None and case.initiative.committee.kind == "police-council"
    assert (case.initiative.governance.steering_group is None) == (governance == 1)
