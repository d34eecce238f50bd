"""``docpipe check``: is a finished document accessible? The rules docpipe's own deliverables pass.

A command of its own rather than part of ``templates check``: that one trial-renders templates
with a case and looks for Jinja mistakes, this one reads any finished .docx, .xlsx or .pdf (a
rendered document, a user's own template, a PDF from elsewhere) and needs no case.
"""

from __future__ import annotations

from pathlib import Path

import click

from docpipe.api import _, check_accessibility, ngettext
from docpipe.api import accessibility_documents as documents
from docpipe.cli.errors import INVALID, OK, Stop, reported

EPILOG = """\b
Examples:
  docpipe check outputs/halsnaes-boern-og-unge/*.docx
  docpipe check outputs
  docpipe check my-templates/kommissorium.docx outputs/*/implementeringsplan.xlsx
"""


@click.command("check", epilog=EPILOG)
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@reported
def check(files: tuple[Path, ...]) -> None:
    """Check Word, Excel and PDF FILES (a folder: the files under it) for accessibility; exit 1 on an error.

    \b
    Word and Excel: alternative text on pictures, headings from level 1 without skips, header rows
    (repeating, frozen, print titles), no blank or merged cells for spacing, title and language,
    text contrast (WCAG AA). PDF: PDF/UA-1 with pdfua (pip install 'docpipe[pdf-check]').
    Each finding names its place: part and paragraph or table cell, sheet and cell, PDF page.
    """
    checked = documents(files)
    if not checked:
        raise Stop(INVALID, _("no Word, Excel or PDF file to check in {folders}").format(
            folders=", ".join(map(str, files))))
    findings = check_accessibility(checked)
    for finding in findings:
        label = _("error") if finding.is_error else _("warning")
        click.echo(f"{label}: {finding}", err=True)
    errors = sum(finding.is_error for finding in findings)
    if errors:
        raise Stop(INVALID, ngettext("{count} accessibility error", "{count} accessibility errors",
                                     errors).format(count=errors))
    click.echo(ngettext("{count} file: no accessibility error", "{count} files: no accessibility error",
                        len(checked)).format(count=len(checked)))
    raise Stop(OK)
