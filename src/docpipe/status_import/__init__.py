"""``docpipe status import``: the status a project leader kept in the Excel plan, back into planning.yaml.

The implementeringsplan workbook goes out with every activity's status; the project leader updates
Status, Faktisk slut and Kommentar and sends it back. ``import_status`` reads those three columns,
refuses a workbook made for another case (its hidden identity, see model/identity.py), reports every
bad cell, and rewrites only those values in the case's planning.yaml (see planning_file.py), atomically.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from docpipe import danish
from docpipe.errors import InvalidCase, Problem
from docpipe.i18n import _
from docpipe.model import Case
from docpipe.model.identity import activity_numbers, case_key, plan_hash, split_identity
from docpipe.model.load import load_case
from docpipe.output.write import write_atomically
from docpipe.status_import.planning_file import FIELDS, PlanningNotKept, updated_text
from docpipe.status_import.sheet import Update, WorkbookRefused, identity_of, open_plan, read_updates

__all__ = ["PlanningNotKept", "StatusChange", "StatusImport", "WorkbookRefused", "import_status"]


@dataclass(frozen=True)
class StatusChange:
    """One value that changed: activity "1.3", its title, the field, the old and the new value."""

    number: str
    title: str
    field: str
    old: object
    new: object

    @property
    def shown(self) -> tuple[str, str]:
        """(old, new) as the sheet shows them: the Danish status, a date as 15.03.2026, empty as –."""
        return _shown(self.old), _shown(self.new)


def _shown(value: object) -> str:
    if value is None:
        return "–"
    if isinstance(value, dt.date):
        return value.strftime("%d.%m.%Y")
    text = str(value)
    return danish.ACTIVITY_STATUS.get(text, f'"{text}"' if " " in text else text)


@dataclass(frozen=True)
class StatusImport:
    """What an import found: the changes (written unless a dry run), the planning file, and whether the
    plan's activities changed since the workbook was made (the rows were still matched by id)."""

    planning: Path
    changes: list[StatusChange]
    plan_changed: bool
    written: bool


def import_status(workbook: Path, case_dir: Path, *, dry_run: bool = False) -> StatusImport:
    """Read ``workbook``'s Plan sheet into ``case_dir``'s planning.yaml; only status, actual_end, comment.

    Raises WorkbookRefused for a workbook of another case, InvalidCase (problems at sheet cells) for
    bad cells or unknown activities, PlanningNotKept when the file's layout could not be kept.
    """
    case = load_case(case_dir)
    planning = case_dir / "planning.yaml"
    if not planning.is_file():
        raise WorkbookRefused(_("{case}: the plan is not in the case's own planning.yaml (it comes from a shared "
                                "folder); status import writes only the case's own file").format(case=case_dir))
    book, sheet = open_plan(workbook)
    identity = identity_of(book)
    if identity is None:
        raise WorkbookRefused(_("{file} does not say which case it is from; only an implementeringsplan.xlsx made "
                                "by this version of docpipe can be read back").format(file=workbook.name))
    key, digest = split_identity(identity)
    if key != case_key(case):
        raise WorkbookRefused(_("{file} was made for the case {other}, not for {case}; nothing was changed").format(
            file=workbook.name, other=key, case=case_key(case)))
    updates, problems = read_updates(sheet, workbook)
    by_id = {activity.id: activity for activity in case.activities()}
    problems += [Problem(sheet.title, None, update.activity_id, _("no activity has this id in {file}").format(
        file=planning.name)) for update in updates if update.activity_id not in by_id]
    if problems:
        raise InvalidCase(workbook.name, problems)
    changes = _changes(case, updates)
    if changes and not dry_run:
        values = {update.activity_id: {field: getattr(update, field) for field in FIELDS} for update in updates}
        write_atomically(planning, updated_text(planning, values).encode("utf-8"))
    return StatusImport(planning, changes, digest != plan_hash(case), bool(changes) and not dry_run)


def _changes(case: Case, updates: list[Update]) -> list[StatusChange]:
    numbers = activity_numbers(case)
    by_id = {activity.id: activity for activity in case.activities()}
    changes = []
    for update in updates:
        activity = by_id[update.activity_id]
        for field in FIELDS:
            old, new = getattr(activity, field), getattr(update, field)
            if old != new:
                changes.append(StatusChange(numbers[activity.id], activity.title, field, old, new))
    return sorted(changes, key=lambda change: [int(part) for part in change.number.split(".")])
