"""How people and a returned workbook name a case's activities: "2.3", and which case a workbook is from.

The Word plan, the Excel plan and the status note all number activities "fase.løbenummer" the way a
reader says it in a meeting; the ids in planning.yaml are for machines. A workbook sent out for a
status update carries ``case_identity`` so that reading it back can refuse one from another case.
"""

from __future__ import annotations

import hashlib

from docpipe.model.case import Case

IDENTITY_SEPARATOR = "|"


def activity_numbers(case: Case) -> dict[str, str]:
    """Activity id -> "2.3": the phase's place in the plan and the activity's place in the phase."""
    return {activity.id: f"{phase_number}.{activity_number}"
            for phase_number, phase in enumerate(case.planning.phases, start=1)
            for activity_number, activity in enumerate(phase.activities, start=1)}


def case_key(case: Case) -> str:
    """The case as its organisation files it: the sagsnummer when it has one, else the case folder's name."""
    return case.initiative.case_number or case.name


def plan_hash(case: Case) -> str:
    """A short fingerprint of the plan's activity ids in plan order: changes when activities are added,
    removed or moved, not when a status or a date changes."""
    ids = "\n".join(activity.id for activity in case.activities())
    return hashlib.sha256(ids.encode("utf-8")).hexdigest()[:16]


def case_identity(case: Case) -> str:
    """"<case key>|<plan hash>", written into the workbooks that are read back."""
    return f"{case_key(case)}{IDENTITY_SEPARATOR}{plan_hash(case)}"


def split_identity(text: str) -> tuple[str, str]:
    """(case key, plan hash) of an identity written by ``case_identity``; the key may hold the separator."""
    key, _, digest = text.rpartition(IDENTITY_SEPARATOR)
    return key, digest
