"""``docpipe intake new/export``: the Excel intake workbook, for those who do not edit YAML."""

from __future__ import annotations

from pathlib import Path

import click

from docpipe.api import _, blank_workbook, export_case, load_case
from docpipe.cli.errors import USAGE, Stop, reported


@click.group()
def intake() -> None:
    """The Excel intake workbook: a Danish form for those who do not edit YAML.

    \b
    Examples:
      docpipe intake new indtastning.xlsx
      docpipe intake export inputs/halsnaes-boern-og-unge halsnaes.xlsx
      docpipe validate halsnaes.xlsx
    """


@intake.command("new")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--force", is_flag=True, help="Overwrite FILE if it exists.")
@reported
def intake_new(file: Path, force: bool) -> None:
    """Write a blank intake workbook (Danish, with drop-downs and help) to FILE.xlsx."""
    _refuse_existing(file, force)
    blank_workbook(file)
    click.echo(_("wrote {file}").format(file=file))


@intake.command("export")
@click.argument("case", type=click.Path(path_type=Path, exists=True))
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--force", is_flag=True, help="Overwrite FILE if it exists.")
@reported
def intake_export(case: Path, file: Path, force: bool) -> None:
    """Write the case folder CASE (shared parts resolved) into an intake workbook FILE.xlsx."""
    _refuse_existing(file, force)
    export_case(load_case(case), file)
    click.echo(_("wrote {file}").format(file=file))


def _refuse_existing(file: Path, force: bool) -> None:
    """Wrong usage, as ``docpipe new`` on a folder in use: a name that is not .xlsx, or a file in the way."""
    if file.suffix.lower() != ".xlsx":
        raise Stop(USAGE, _("{file}: an intake workbook must end in .xlsx").format(file=file))
    if file.exists() and not force:
        raise Stop(USAGE, _("{file} already exists; use --force to overwrite it").format(file=file))
