"""``docpipe validate``, ``render``, ``schema`` and ``new``: one case at a time, named on the command line."""

from __future__ import annotations

import json
from pathlib import Path

import click

from docpipe.api import (
    PARTS,
    CaseOutcome,
    InvalidCase,
    PdfChoice,
    _,
    case_warnings,
    create_example_case,
    input_schema,
    load_case,
    ngettext,
    render_cases,
)
from docpipe.cli.errors import INVALID, OK, USAGE, Stop, reported, show_problems, show_warnings
from docpipe.cli.options import deliverable_names, only_option, out_option, pdf_option, templates_option

EPILOG_RENDER = """\b
Examples:
  docpipe render inputs/halsnaes-boern-og-unge --out outputs
  docpipe render inputs/* --out outputs --only kommissorium,one-pager
"""


@click.command()
@click.argument("cases", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--strict", is_flag=True, help="Count warnings (facts that look wrong, a document's own limits) as "
                                             "errors: exit 1 when there is one.")
@reported
def validate(cases: tuple[Path, ...], strict: bool) -> None:
    """Check one or more case folders and list every problem (file, line, field), then every warning.

    \b
    Example:
      docpipe validate inputs/halsnaes-boern-og-unge
      docpipe validate --strict inputs/*
    """
    failed = 0
    for case_dir in cases:
        try:
            case = load_case(case_dir)
        except InvalidCase as error:
            failed += 1
            show_problems(case_dir, error.problems)
            continue
        warnings = case_warnings(case)
        click.echo(_("{case}: valid").format(case=case_dir))
        if warnings:
            show_warnings(case_dir, warnings, strict)
            failed += strict
    raise Stop(INVALID if failed else OK)


@click.command(epilog=EPILOG_RENDER)
@click.argument("cases", nargs=-1, required=True, type=click.Path(path_type=Path))
@out_option("Folder to write into; each case gets OUT/<case folder name>/.")
@only_option
@templates_option
@pdf_option
@reported
def render(cases: tuple[Path, ...], out_dir: Path, only: str | None, templates: Path | None,
           pdf: PdfChoice | None) -> None:
    """Validate and render each case's deliverables. Nothing is written for an invalid case."""
    result = render_cases(cases, out_dir, deliverables=deliverable_names(only), templates=templates, pdf=pdf)
    for outcome in result.outcomes:
        _show_outcome(outcome, out_dir)
    if result.pdf_note:
        click.echo(result.pdf_note, err=True)
    elif pdf:
        made = sum(record.path.endswith(".pdf") for outcome in result.outcomes for record in outcome.files)
        click.echo(ngettext("wrote {count} PDF/A document", "wrote {count} PDF/A documents", made).format(count=made))
    raise Stop(OK if result.ok else INVALID)


def _show_outcome(outcome: CaseOutcome, out_dir: Path) -> None:
    """What became of one case: where its documents went, or every problem, or why it failed."""
    if outcome.status == "invalid":
        show_problems(outcome.source, outcome.problems, _("nothing was written"))
    elif outcome.status == "partial":
        refused = ", ".join(sorted({problem.document for problem in outcome.refused}))
        show_problems(outcome.source, outcome.refused, _("not made: {documents}").format(documents=refused))
    elif not outcome.succeeded:
        for error in outcome.errors:
            click.echo(f"{outcome.source}: {error}", err=True)
    if outcome.warnings:
        show_warnings(outcome.source, outcome.warnings)
    documents = [record for record in outcome.files if not record.path.endswith(".pdf")]
    if documents:
        folder = out_dir / Path(documents[0].path).parent
        click.echo(ngettext("{case}: wrote {count} document to {folder}", "{case}: wrote {count} documents to {folder}",
                            len(documents)).format(case=outcome.source, count=len(documents), folder=folder))


@click.command()
@click.option("--part", type=click.Choice(list(PARTS)), default=None,
              help="Only the schema of one file (for an editor's yaml-language-server).")
def schema(part: str | None) -> None:
    """Print the JSON Schema of the input (all four files, or one with --part).

    \b
    Example (VS Code, YAML extension): save it and point yaml.schemas at it
      docpipe schema --part initiative > initiative.schema.json
    """
    click.echo(json.dumps(input_schema(part), ensure_ascii=False, indent=2))


@click.command()
@click.argument("target", type=click.Path(path_type=Path, file_okay=False))
@reported
def new(target: Path) -> None:
    """Create a complete, valid example case in TARGET to start from."""
    try:
        files = create_example_case(target)
    except FileExistsError:
        raise Stop(USAGE, _("{target} already exists and is not empty; choose a new folder").format(
            target=target)) from None
    click.echo(_("created {target} with {files}").format(target=target, files=", ".join(p.name for p in files)))
    click.echo(_("next: edit the files, then `docpipe validate {target}` and `docpipe render {target} --out outputs`")
               .format(target=target))
