"""Writing status updates into planning.yaml without disturbing anything else in it.

ruamel.yaml's round trip keeps the file's comments, key order, quoting and flow lists; only the
values given change. Its output is only trusted when an unchanged round trip gives the file back byte
for byte under one of the usual indentations, so a hand-formatted file is refused rather than reflowed.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap

from docpipe.errors import DocpipeError
from docpipe.i18n import _

# (mapping, sequence, offset) as ruamel.yaml counts them: "  - id:" under "phases:" is (2, 4, 2).
INDENTS = ((2, 4, 2), (2, 2, 0), (4, 6, 4), (4, 4, 0), (2, 3, 1))
FIELDS = ("status", "actual_end", "comment")
# a new field goes after the last of these the activity has, so the status update stays together at the end
AFTER = ("status", "actual_end", "comment", "deliverable", "milestone", "depends_on", "end")


class PlanningNotKept(DocpipeError):
    """planning.yaml cannot be rewritten with its formatting kept."""


def _yaml(indent: tuple[int, int, int]) -> YAML:
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-wrap a long line of the user's
    mapping, sequence, offset = indent
    yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
    return yaml


def _dump(yaml: YAML, data: Any) -> str:
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


def updated_text(path: Path, values: Mapping[str, Mapping[str, object]]) -> str:
    """The text of ``path`` with ``values`` (activity id -> field -> value; None removes the field) set."""
    text = path.read_text("utf-8")
    for indent in INDENTS:
        yaml = _yaml(indent)
        data = yaml.load(text)
        if _dump(yaml, data) == text:
            break
    else:
        raise PlanningNotKept(_("{file}: its layout (indentation) cannot be kept when it is rewritten; nothing "
                                "was changed. Indent it as docpipe new's example does.").format(file=path))
    activities = {activity["id"]: activity for phase in data["phases"] for activity in phase.get("activities") or []}
    for activity_id, fields in values.items():
        for field, value in fields.items():
            _set(activities[activity_id], field, value)
    return _dump(yaml, data)


def _set(activity: CommentedMap, field: str, value: object) -> None:
    if value is None:
        activity.pop(field, None)
    elif field in activity:
        activity[field] = value
    else:
        keys = list(activity)
        position = max((keys.index(key) + 1 for key in AFTER if key in activity), default=len(keys))
        activity.insert(position, field, value)
