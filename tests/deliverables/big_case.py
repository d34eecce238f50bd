"""The big case the page and print checks share: the Halsnæs case grown to a 23,000-character
background, a long purpose, 150 actors from 18 organisations and 40 activities (ten per phase, every
third one depending on the one before, every tenth a milestone)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.conftest import edit_yaml
from tests.deliverables.test_agenda_length import _long_case

ACTIVITIES = 40


def big_case(folder: Path) -> Path:
    """Write the big case into ``folder`` (which must not exist) and return it."""
    _long_case(folder)

    def grow(data: dict[str, Any]) -> None:
        phases = data["phases"]
        template = phases[0]["activities"][1]
        per_phase = ACTIVITIES // len(phases)
        for number, phase in enumerate(phases):
            existing = phase["activities"]
            model = existing[0] if existing else template
            for index in range(len(existing), per_phase):
                previous = phase["activities"][-1]["id"] if phase["activities"] else None
                phase["activities"].append({
                    **model, "id": f"ekstra-{number}-{index}", "title": f"Arbejdsmøde {index} om indsatsområde "
                    f"{number + 1}: sundhed, trivsel og uddannelse", "start": phase["start"], "end": phase["end"],
                    "depends_on": [previous] if previous and index % 3 == 0 else [],
                    "milestone": index % 10 == 9, "status": "planned"})
            phase["activities"] = phase["activities"][:max(per_phase, len(existing))]

    edit_yaml(folder / "planning.yaml", grow)
    return folder
