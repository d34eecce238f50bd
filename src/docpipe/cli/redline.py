"""``docpipe redline``: NEW's Word documents with OLD's differences as Word tracked changes."""

from __future__ import annotations

from pathlib import Path

import click

from docpipe.api import PdfChoice, _, make_pdfs, ngettext, redline_case, redline_since
from docpipe.cli.errors import OK, Stop, reported
from docpipe.cli.options import deliverable_names, only_option, out_option, pdf_option, templates_option

EPILOG = """\b
Example:
  docpipe redline before/halsnaes-boern-og-unge inputs/halsnaes-boern-og-unge --out redline
  docpipe redline inputs/halsnaes-boern-og-unge --since HEAD~3 --out redline
"""


@click.command(epilog=EPILOG)
@click.argument("old", type=click.Path(path_type=Path, exists=True))
@click.argument("new", type=click.Path(path_type=Path, exists=True), required=False)
@click.option("--since", "revision", default=None, metavar="REV",
              help="Read OLD from git: the case folder OLD as it was at revision REV (then give no NEW).")
@out_option("Folder to write into; the documents go to OUT/<NEW's case folder name>/.")
@only_option
@click.option("--author", default=None, metavar="NAME",
              help="Who the tracked changes are by; default: the organisation's unit, else its name.")
@templates_option
@pdf_option
@reported
def redline(old: Path, new: Path | None, revision: str | None, out_dir: Path, only: str | None, author: str | None,
            templates: Path | None, pdf: PdfChoice | None) -> None:
    """Write NEW's Word documents with what changed since OLD as tracked changes.

    OLD and NEW are the same case at two moments (case folders or intake workbooks); with --since REV,
    OLD is the one case folder given, as git kept it at REV. Accepting every
    change in Word gives NEW's document, rejecting every change gives OLD's. The workbooks get their
    changed cells marked and a sheet "Ændringer"; aendringer.docx lists what changed per document.
    """
    if (new is None) == (revision is None):
        raise click.UsageError(_("give OLD and NEW, or one CASE with --since REV"))
    if revision is not None:
        new = old
        written = redline_since(old, revision, out_dir, deliverables=deliverable_names(only), author=author,
                                templates=templates)
    else:
        assert new is not None
        written = redline_case(old, new, out_dir, deliverables=deliverable_names(only), author=author,
                               templates=templates)
    click.echo(ngettext("{case}: wrote {count} document marking what changed to {folder}",
                        "{case}: wrote {count} documents marking what changed to {folder}",
                        len(written)).format(case=new, count=len(written), folder=written[0].parent))
    if pdf:
        _pdfs(written, pdf)
    raise Stop(OK)


def _pdfs(written: list[Path], which: PdfChoice) -> None:
    """PDFs beside the documents, as LibreOffice prints them: with the changes shown and coloured."""
    run = make_pdfs(written, which)
    if run.note:
        click.echo(run.note, err=True)
        return
    for document, reason in run.failed.items():
        click.echo(f"{document}: {reason}", err=True)
    count = len(run.made)
    click.echo(ngettext("wrote {count} PDF/A document", "wrote {count} PDF/A documents", count).format(count=count))
