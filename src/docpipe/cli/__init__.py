"""The ``docpipe`` command: parses arguments, calls the public API, prints. Nothing else.

Exit codes: 0 all good, 1 invalid input (a case, a template), 2 wrong usage.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from docpipe import DELIVERABLES, DocpipeError, InvalidCase, __version__, input_schema, load_case, render_case
from docpipe.batch import PdfChoice, discover_cases, run_batch
from docpipe.cli.progress import batch_progress, print_summary
from docpipe.errors import TemplateError
from docpipe.examples import create_example_case
from docpipe.merge import DataError, MergeResult, NamePatternError, RowResult, merge
from docpipe.model.schema import PARTS
from docpipe.output.pdf import LIBREOFFICE_HINT, convert_to_pdf, find_soffice, is_excel, is_word
from docpipe.render.check import check_templates

EPILOG_RENDER = """\b
Examples:
  docpipe render inputs/halsnaes-boern-og-unge --out outputs
  docpipe render inputs/* --out outputs --only kommissorium,one-pager
"""


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="docpipe")
def main() -> None:
    """docpipe: turn a case (an initiative, its actors and its plan) into Danish committee documents.

    \b
    A case is a folder with organisation.yaml, initiative.yaml, actors.yaml and planning.yaml.
    Start with `docpipe new my-case`, edit the files, then `docpipe validate my-case` and
    `docpipe render my-case --out outputs`.
    """


@main.command()
@click.argument("cases", nargs=-1, required=True, type=click.Path(path_type=Path))
def validate(cases: tuple[Path, ...]) -> None:
    """Check one or more case folders and list every problem (file, line, field).

    \b
    Example:
      docpipe validate inputs/halsnaes-boern-og-unge
    """
    failed = 0
    for case_dir in cases:
        try:
            load_case(case_dir)
        except InvalidCase as error:
            failed += 1
            _print_invalid(case_dir, error, "")
        else:
            click.echo(f"{case_dir}: valid")
    sys.exit(1 if failed else 0)


@main.command(epilog=EPILOG_RENDER)
@click.argument("cases", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--out", "out_dir", required=True, type=click.Path(path_type=Path, file_okay=False),
              help="Folder to write into; each case gets OUT/<case folder name>/.")
@click.option("--only", "only", default=None, metavar="NAME,...",
              help=f"Render only these deliverables: {', '.join(DELIVERABLES)}.")
@click.option("--templates", "templates", default=None, type=click.Path(path_type=Path, file_okay=False,
              exists=True), help="A folder of templates that replace the defaults of the same file name.")
@click.option("--pdf", "pdf", type=click.Choice(["word", "all"]), is_flag=False, flag_value="word", default=None,
              help="Also write each Word document as PDF/A-2b with LibreOffice; --pdf=all the workbooks too.")
def render(cases: tuple[Path, ...], out_dir: Path, only: str | None, templates: Path | None, pdf: str | None) -> None:
    """Validate and render each case's deliverables. Nothing is written for an invalid case."""
    names = _deliverable_names(only)
    failed = 0
    documents: list[Path] = []
    for case_dir in cases:
        try:
            written = render_case(load_case(case_dir), out_dir, names, templates)
        except InvalidCase as error:
            failed += 1
            _print_invalid(case_dir, error, "; nothing was written")
            continue
        except DocpipeError as error:
            failed += 1
            click.echo(f"{case_dir}: {error}", err=True)
            continue
        click.echo(f"{case_dir}: wrote {len(written)} documents to {written[0].parent if written else out_dir}")
        documents += [path for path in written if is_word(path) or (pdf == "all" and is_excel(path))]
    if pdf and documents:
        if find_soffice() is None:
            click.echo(LIBREOFFICE_HINT, err=True)
        else:
            made = convert_to_pdf(documents)
            for document, result in made.items():
                if isinstance(result, str):
                    failed += 1
                    click.echo(f"{document}: no PDF: {result}", err=True)
            click.echo(f"wrote {sum(isinstance(result, Path) for result in made.values())} PDF/A documents")
    sys.exit(1 if failed else 0)


@main.command()
@click.option("--part", type=click.Choice(list(PARTS)), default=None,
              help="Only the schema of one file (for an editor's yaml-language-server).")
def schema(part: str | None) -> None:
    """Print the JSON Schema of the input (all four files, or one with --part).

    \b
    Example (VS Code, YAML extension): save it and point yaml.schemas at it
      docpipe schema --part initiative > initiative.schema.json
    """
    click.echo(json.dumps(input_schema(part), ensure_ascii=False, indent=2))


@main.command()
@click.argument("target", type=click.Path(path_type=Path, file_okay=False))
def new(target: Path) -> None:
    """Create a complete, valid example case in TARGET to start from."""
    try:
        files = create_example_case(target)
    except FileExistsError:
        raise click.UsageError(f"{target} already exists and is not empty; choose a new folder") from None
    click.echo(f"created {target} with {', '.join(path.name for path in files)}")
    click.echo(f"next: edit the files, then `docpipe validate {target}` and `docpipe render {target} --out outputs`")


def _deliverable_names(only: str | None) -> list[str] | None:
    if only is None:
        return None
    names = [name.strip() for name in only.split(",") if name.strip()]
    unknown = [name for name in names if name not in DELIVERABLES]
    if unknown:
        raise click.BadParameter(f"unknown deliverable {', '.join(unknown)}; choose from {', '.join(DELIVERABLES)}",
                                 param_hint="--only")
    return names


def _print_invalid(case_dir: Path, error: InvalidCase, consequence: str) -> None:
    count = len(error.problems)
    click.echo(f"{case_dir}: {count} problem{'s' if count != 1 else ''}{consequence}", err=True)
    for problem in error.problems:
        click.echo(f"  {problem}", err=True)


EPILOG_MERGE = """\b
Examples:
  docpipe merge brev.docx kommuner.xlsx --out breve --name "{{ Kommune }}"
  docpipe merge brev.docx kommuner.csv --out breve --strict --pdf \\
      --name 'Brev til {{ row["Navn på kommune"] }}'
"""


@main.command("merge", epilog=EPILOG_MERGE)
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
def merge_command(template: Path, data: Path, out_dir: Path, name_pattern: str | None, strict: bool, pdf: bool,
                  as_json: bool) -> None:
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
    written = 0

    def pdf_announcement(done: int, total: int, result: RowResult) -> str | None:
        nonlocal written
        written += result.status == "ok"
        if pdf and done == total and written and find_soffice():
            return f"converting {written} documents to PDF with LibreOffice (about 60 ms each) ..."
        return None

    def plain_line(done: int, total: int, result: RowResult) -> None:
        if result.status == "ok":
            click.echo(f"[{done}/{total}] row {result.number}: wrote {result.files[0].name}", err=True)
        else:
            click.echo(f"[{done}/{total}] {result.error}", err=True)
        if announcement := pdf_announcement(done, total, result):
            click.echo(announcement, err=True)

    def run() -> MergeResult:
        if not sys.stderr.isatty():
            return merge(template, data, out_dir, name_pattern, strict, plain_line, pdf)
        try:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
        except ImportError:  # rich is optional: plain lines instead of a bar
            return merge(template, data, out_dir, name_pattern, strict, plain_line, pdf)
        with Progress(TextColumn("merging {task.fields[data]}"), BarColumn(), MofNCompleteColumn(),
                      TimeRemainingColumn(), console=Console(stderr=True)) as bar:
            task = bar.add_task("merge", total=None, data=data.name)

            def advance(done: int, total: int, result: RowResult) -> None:
                bar.update(task, completed=done, total=total)
                if result.error:
                    bar.console.print(result.error, style="red", markup=False, highlight=False)
                if announcement := pdf_announcement(done, total, result):
                    bar.console.print(announcement, markup=False, highlight=False)

            return merge(template, data, out_dir, name_pattern, strict, advance, pdf)

    try:
        result = run()
    except NamePatternError as error:
        raise click.BadParameter(str(error), param_hint="--name") from None
    except DocpipeError as error:  # a template or data file that cannot be used, a folder that cannot be written
        nothing_written = isinstance(error, DataError | TemplateError)
        click.echo(f"{error}; nothing was written" if nothing_written else str(error), err=True)
        if as_json:
            click.echo(json.dumps({"error": str(error)}, ensure_ascii=False))
        sys.exit(1)

    if result.pdf_note:
        click.echo(result.pdf_note, err=True)
    if as_json:
        click.echo(json.dumps(result.summary(), ensure_ascii=False, sort_keys=True, indent=2))
    else:
        click.echo(f"{len(result.rows)} rows from {data.name}: {result.ok} written to {out_dir}, "
                   f"{result.failed} failed; manifest {result.manifest}")
        for failure in result.errors[:5]:
            click.echo(f"  {failure.error}", err=True)
        if result.failed > 5:
            click.echo(f"  ... and {result.failed - 5} more; every error is in {result.manifest}", err=True)
    sys.exit(0 if result.succeeded else 1)


@main.group()
def templates() -> None:
    """Work with the Word and Excel templates the deliverables are made from."""


@templates.command("check")
@click.option("--templates", "template_dir", default=None, type=click.Path(path_type=Path, file_okay=False,
              exists=True), help="Check this folder's templates (in front of the defaults), as render would use them.")
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
    checked = len(DELIVERABLES)
    if findings:
        click.echo(f"{len(findings)} problem{'s' if len(findings) != 1 else ''} in the templates", err=True)
        sys.exit(1)
    click.echo(f"all {checked} templates are clean")


EPILOG_BATCH = """\b
Examples:
  docpipe batch inputs --out outputs
  docpipe batch kommuner --out ud --jobs 2 --changed-only
  docpipe batch kommuner --out ud --only kommissorium,one-pager --json > resultat.json
"""


@main.command(epilog=EPILOG_BATCH)
@click.argument("root", type=click.Path(path_type=Path, exists=True, file_okay=False))
@click.option("--out", "out_dir", required=True, type=click.Path(path_type=Path, file_okay=False),
              help="Folder to write into: OUT/<case>/ per case, and OUT/manifest.json.")
@click.option("--jobs", type=click.IntRange(min=1), default=None,
              help="Worker processes (default: one per CPU; 1 renders in this process).")
@click.option("--only", "only", default=None, metavar="NAME,...",
              help=f"Render only these deliverables: {', '.join(DELIVERABLES)}.")
@click.option("--templates", "templates", default=None, type=click.Path(path_type=Path, file_okay=False,
              exists=True), help="A folder of templates that replace the defaults of the same file name.")
@click.option("--changed-only", is_flag=True,
              help="Skip cases whose inputs, templates and files are unchanged since the last run's manifest.")
@click.option("--fail-fast", is_flag=True, help="Stop starting new cases after the first one that fails.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON on stdout (messages go to stderr).")
@click.option("--pdf", "pdf", type=click.Choice(["word", "all"]), is_flag=False, flag_value="word", default=None,
              help="Also write each Word document as PDF/A-2b with LibreOffice; --pdf=all the workbooks too.")
def batch(root: Path, out_dir: Path, jobs: int | None, only: str | None, templates: Path | None,
          changed_only: bool, fail_fast: bool, as_json: bool, pdf: PdfChoice | None) -> None:
    """Render every case folder under ROOT (folders starting with _ hold shared parts).

    One failing case never stops or spoils the others and leaves none of its documents behind.
    Exit code 0 only when every case succeeded. With --pdf the documents of all cases are converted
    together after rendering (LibreOffice starts once, not per case).
    """
    names = _deliverable_names(only)
    total = len(discover_cases(root))
    with batch_progress(total) as report:
        result = run_batch(root, out_dir, jobs=jobs, deliverables=names, templates=templates,
                           changed_only=changed_only, fail_fast=fail_fast, progress=report, pdf=pdf)
    if result.pdf_note:
        click.echo(result.pdf_note, err=True)
    for outcome in result.outcomes:
        if outcome.errors:
            click.echo(f"{outcome.source}: {outcome.status}", err=True)
            for error in outcome.errors:
                click.echo(f"  {error}", err=True)
    if as_json:
        click.echo(json.dumps(result.summary(), ensure_ascii=False, indent=2))
    else:
        print_summary(result)
    sys.exit(0 if result.ok else 1)


@main.group()
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
def intake_new(file: Path, force: bool) -> None:
    """Write a blank intake workbook (Danish, with drop-downs and help) to FILE.xlsx."""
    from docpipe.intake import blank_workbook

    _refuse_existing(file, force)
    blank_workbook(file)
    click.echo(f"wrote {file}")


@intake.command("export")
@click.argument("case", type=click.Path(path_type=Path, exists=True))
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--force", is_flag=True, help="Overwrite FILE if it exists.")
def intake_export(case: Path, file: Path, force: bool) -> None:
    """Write the case folder CASE (shared parts resolved) into an intake workbook FILE.xlsx."""
    from docpipe.intake import export_case

    _refuse_existing(file, force)
    try:
        loaded = load_case(case)
    except InvalidCase as error:
        _print_invalid(case, error, "; nothing was written")
        sys.exit(1)
    export_case(loaded, file)
    click.echo(f"wrote {file}")


def _refuse_existing(file: Path, force: bool) -> None:
    if file.suffix.lower() != ".xlsx":
        click.echo(f"{file}: an intake workbook must end in .xlsx", err=True)
        sys.exit(2)
    if file.exists() and not force:
        click.echo(f"{file} exists; use --force to overwrite it", err=True)
        sys.exit(1)


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; anything but 127.0.0.1/localhost opens it to the network.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option("--templates", "templates", default=None, type=click.Path(path_type=Path, file_okay=False,
              exists=True), help="A folder of templates that replace the defaults of the same file name.")
@click.option("--token", default=None, envvar="DOCPIPE_TOKEN",
              help="Every request must carry it: header 'Authorization: Bearer TOKEN' or ?token=TOKEN.")
def serve(host: str, port: int, templates: Path | None, token: str | None) -> None:
    """A local web page (Danish) and HTTP API: upload a case, see every problem, download the documents.

    \b
    Example:
      docpipe serve              then open http://127.0.0.1:8000/
    API: POST /api/validate and /api/render (multipart field 'file'); description at /openapi.json.
    """
    try:
        import uvicorn

        from docpipe.web.app import create_app
    except ImportError as error:
        click.echo(f"docpipe serve needs fastapi, uvicorn and python-multipart ({error}); "
                   "install them with `pip install fastapi uvicorn python-multipart`", err=True)
        sys.exit(2)
    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(f"warning: listening on {host}, so other computers can reach docpipe"
                   f"{'' if token else '; consider --token so only those who know it can use it'}", err=True)
    click.echo(f"docpipe serve: http://{host}:{port}/{'?token=...' if token else ''} (Ctrl+C stops it)", err=True)
    uvicorn.run(create_app(templates=templates, token=token), host=host, port=port, log_level="warning")
