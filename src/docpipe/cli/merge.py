"""``docpipe merge``: one Word document per row of a data file, from the user's own template."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import click

from docpipe.api import (
    DataError,
    DocpipeError,
    MergeResult,
    NamePatternError,
    RowResult,
    TemplateError,
    _,
    find_soffice,
    merge,
)
from docpipe.cli.errors import INVALID, OK, Stop, reported
from docpipe.cli.progress import Ticker, ticker

EPILOG_MERGE = """\b
Examples:
  docpipe merge brev.docx kommuner.xlsx --out breve --name "{{ Kommune }}"
  docpipe merge brev.docx kommuner.csv --out breve --strict --pdf \\
      --name 'Brev til {{ row["Navn på kommune"] }}'
"""


@click.command("merge", epilog=EPILOG_MERGE)
@click.argument("template", type=click.Path(path_type=Path, exists=True, dir_okay=False))
@click.argument("data", type=click.Path(path_type=Path, exists=True, dir_okay=False))
@click.option("--out", "out_dir", required=True, type=click.Path(path_type=Path, file_okay=False),
              help="Folder to write the documents and manifest.json into (created if missing).")
@click.option("--name", "name_pattern", default=None, metavar="PATTERN",
              help="File name of each document, a Jinja pattern over the row, e.g. '{{ Kommune }}' "
                   "(default: the row number).")
@click.option("--strict", is_flag=True, help="A name the row does not have is an error for that row, "
              "instead of an empty spot.")
@click.option("--pdf", is_flag=True, help="Also convert every document to PDF with LibreOffice (soffice); "
              "without it the .docx files are written and a line says how to install it.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON on stdout.")
@click.option("--redline-against", "against", default=None, metavar="OLD_DATA",
              type=click.Path(path_type=Path, exists=True, dir_okay=False),
              help="An earlier version of DATA: each document shows what changed since its old row as Word "
                   "tracked changes (needs --key).")
@click.option("--key", default=None, metavar="COLUMN",
              help="With --redline-against: the column that names a row in both lists (e.g. Kommune).")
@reported
def merge_command(template: Path, data: Path, out_dir: Path, name_pattern: str | None, strict: bool, pdf: bool,
                  as_json: bool, against: Path | None, key: str | None) -> None:
    """Mail merge: one Word document per row of DATA, from the Word template TEMPLATE.

    \b
    TEMPLATE is a .docx with docxtpl tags: {{ Kommune }}, {%p if ... %}, {%tr for ... %}.
    DATA is .csv (UTF-8, with ; or , between fields), .xlsx (the first sheet), .json (a list
    of objects) or .yaml (a list of mappings). In a CSV or sheet the first row holds the
    field names; empty rows are skipped; an empty cell is empty text; a sheet's dates stay
    dates and its numbers numbers.

    \b
    What a row gives the template and --name:
      {{ Kommune }}                  a field whose name is a plain name (letters, digits, _)
      {{ row["Navn på kommune"] }}   any field: also names with spaces, æøå, dashes
      {{ row_number }}               the row number as you see it: the sheet's row (the
                                     field names are row 1, so the first data row is 2),
                                     or the position in a JSON/YAML list (from 1)

    \b
    Files: OUT/<name>.docx, the name rendered from --name for each row (default: its row
    number, e.g. 2.docx). .docx is added unless the name ends in it. Letters such as æøå
    are kept; / \\ : * ? " < > | become -, line breaks and control characters a space;
    leading dots and dashes are dropped; a name used twice gets -2, -3 ... Files of an
    earlier run with the same names are replaced. OUT/manifest.json records the template
    and data (sha256), each row's status and errors, and every file with size and sha256.

    \b
    A row that fails (with --strict, a name the row lacks) is reported with its row number
    and field, nothing is written for it, and the other rows go on. A template or data file
    that cannot be read stops everything before anything is written.
    Exit codes: 0 every row written, 1 a row failed or TEMPLATE/DATA cannot be used,
    2 wrong usage.
    """
    try:
        with ticker(_("merging {name}").format(name=data.name), None) as progress:
            result = merge(template, data, out_dir, name_pattern, strict, _row_reporter(progress, pdf), pdf,
                           redline_against=against, key=key)
    except NamePatternError as error:
        raise click.BadParameter(str(error), param_hint="--name") from None
    except DocpipeError as error:  # a template or data file that cannot be used, a folder that cannot be written
        if as_json:
            click.echo(json.dumps({"error": str(error)}, ensure_ascii=False))
        nothing_written = isinstance(error, DataError | TemplateError)
        raise Stop(INVALID, _("{error}; nothing was written").format(error=error) if nothing_written
                   else str(error)) from None
    _show_result(result, data, out_dir, as_json)
    raise Stop(OK if result.succeeded else INVALID)


def _row_reporter(progress: Ticker, pdf: bool) -> Callable[[int, int, RowResult], None]:
    """The callback ``merge`` calls after each row: a line or a bar step, and before the PDFs a word
    on how long they take."""
    written = 0

    def report(done: int, total: int, result: RowResult) -> None:
        nonlocal written
        written += result.status == "ok"
        if result.status == "ok":
            line = _("row {number}: wrote {name}").format(number=result.number, name=result.files[0].name)
        else:
            line = result.error or ""
        progress.tick(line, result.status != "ok", total)
        if pdf and done == total and written and find_soffice():
            progress.say(_("converting {count} documents to PDF with LibreOffice (about 60 ms each) ...")
                         .format(count=written))

    return report


def _show_result(result: MergeResult, data: Path, out_dir: Path, as_json: bool) -> None:
    if result.pdf_note:
        click.echo(result.pdf_note, err=True)
    if as_json:
        click.echo(json.dumps(result.summary(), ensure_ascii=False, sort_keys=True, indent=2))
        return
    click.echo(_("{rows} rows from {data}: {ok} written to {out}, {failed} failed; manifest {manifest}").format(
        rows=len(result.rows), data=data.name, ok=result.ok, out=out_dir, failed=result.failed,
        manifest=result.manifest))
    for failure in result.errors[:5]:
        click.echo(f"  {failure.error}", err=True)
    if result.failed > 5:
        click.echo(_("  ... and {count} more; every error is in {manifest}").format(
            count=result.failed - 5, manifest=result.manifest), err=True)
