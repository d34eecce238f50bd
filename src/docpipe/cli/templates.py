"""``docpipe templates check``: template mistakes found before a case meets them."""

from __future__ import annotations

from pathlib import Path

import click

from docpipe.api import DELIVERABLES, _, check_templates, ngettext
from docpipe.cli.errors import INVALID, Stop, reported


@click.group()
def templates() -> None:
    """Work with the Word and Excel templates the deliverables are made from."""


@templates.command("check")
@click.option("--templates", "template_dir", default=None, type=click.Path(path_type=Path, file_okay=False,
              exists=True), help="Check this folder's templates (in front of the defaults), as render would use them.")
@reported
def templates_check(template_dir: Path | None) -> None:
    """Find template mistakes before a case meets them; exit 0 only when every template is clean.

    \b
    Reports Jinja syntax errors with the text around them, names a deliverable does not provide
    (a misspelt field), tags Word has split over several pieces of formatting, and anything a
    trial render with the example case trips over.
    Example:
      docpipe templates check --templates my-templates
    """
    findings = check_templates(template_dir)
    for finding in findings:
        click.echo(str(finding), err=True)
    if findings:
        raise Stop(INVALID, ngettext("{count} problem in the templates", "{count} problems in the templates",
                                     len(findings)).format(count=len(findings)))
    # two versions of the aktøroverblik share one template: count templates, not deliverables
    click.echo(_("all {count} templates are clean").format(
        count=len({deliverable.template_name for deliverable in DELIVERABLES.values()})))
