"""``docpipe status import``: the Excel plan's status columns back into the case's planning.yaml."""

from __future__ import annotations

from pathlib import Path

import click

from docpipe.api import _, import_status, ngettext
from docpipe.cli.errors import OK, Stop, reported

EPILOG = """\b
Example:
  docpipe status import implementeringsplan.xlsx inputs/halsnaes-boern-og-unge --dry-run
"""


@click.group()
def status() -> None:
    """Keep the case's plan up to date from the status the project leader keeps in Excel."""


@status.command("import", epilog=EPILOG)
@click.argument("workbook", type=click.Path(path_type=Path, exists=True, dir_okay=False))
@click.argument("case", type=click.Path(path_type=Path, exists=True, file_okay=False))
@click.option("--dry-run", is_flag=True, help="Show what would change; write nothing.")
@reported
def import_command(workbook: Path, case: Path, dry_run: bool) -> None:
    """Read Status, Faktisk slut and Kommentar of WORKBOOK's Plan sheet into CASE's planning.yaml.

    WORKBOOK is the implementeringsplan.xlsx docpipe made for CASE; a workbook of another case is
    refused. Only those three values change: the file's comments, order and layout stay as they are.
    """
    result = import_status(workbook, case, dry_run=dry_run)
    if result.plan_changed:
        click.echo(_("{file}: the plan's activities have changed since the workbook was made; the rows were "
                     "matched by their activity ids").format(file=workbook.name), err=True)
    labels = {"status": _("status"), "actual_end": _("actual end"), "comment": _("comment")}
    for change in result.changes:
        old, new = change.shown
        click.echo(f"  {change.number} {change.title}: {labels[change.field]} {old} -> {new}")
    if not result.changes:
        raise Stop(OK, _("{file}: nothing to change; {planning} already says the same").format(
            file=workbook.name, planning=result.planning))
    count = len(result.changes)
    if dry_run:
        message = ngettext("{count} change would be written to {planning} (dry run: nothing written)",
                           "{count} changes would be written to {planning} (dry run: nothing written)", count)
    else:
        message = ngettext("{count} change written to {planning}", "{count} changes written to {planning}", count)
    click.echo(message.format(count=count, planning=result.planning))
    raise Stop(OK)

