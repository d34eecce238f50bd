"""The ``docpipe`` command: parses arguments, calls the public API, prints. Nothing else.

Exit codes: 0 all good, 1 invalid input (a case, a template), 2 wrong usage.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from docpipe import DELIVERABLES, DocpipeError, InvalidCase, __version__, input_schema, load_case, render_case
from docpipe.examples import create_example_case
from docpipe.schema import PARTS

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
def render(cases: tuple[Path, ...], out_dir: Path, only: str | None, templates: Path | None) -> None:
    """Validate and render each case's deliverables. Nothing is written for an invalid case."""
    names = _deliverable_names(only)
    failed = 0
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
