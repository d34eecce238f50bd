"""``docpipe batch``: every case under a folder, in parallel, with a manifest."""

from __future__ import annotations

import json
from pathlib import Path

import click

from docpipe.api import PdfChoice, _, discover_cases, ngettext, run_batch
from docpipe.cli.errors import INVALID, OK, Stop, reported
from docpipe.cli.options import deliverable_names, only_option, out_option, pdf_option, templates_option
from docpipe.cli.progress import case_line, print_summary, ticker

EPILOG_BATCH = """\b
Examples:
  docpipe batch inputs --out outputs
  docpipe batch kommuner --out ud --jobs 2 --changed-only
  docpipe batch kommuner --out ud --only kommissorium,one-pager --json > resultat.json
"""


@click.command(epilog=EPILOG_BATCH)
@click.argument("root", type=click.Path(path_type=Path, exists=True, file_okay=False))
@out_option("Folder to write into: OUT/<case>/ per case, and OUT/manifest.json.")
@click.option("--jobs", type=click.IntRange(min=1), default=None,
              help="Worker processes (default: one per CPU; 1 renders in this process).")
@only_option
@templates_option
@click.option("--changed-only", is_flag=True,
              help="Skip cases whose inputs, templates and files are unchanged since the last run's manifest.")
@click.option("--fail-fast", is_flag=True, help="Stop starting new cases after the first one that fails.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON on stdout (messages go to stderr).")
@pdf_option
@reported
def batch(root: Path, out_dir: Path, jobs: int | None, only: str | None, templates: Path | None,
          changed_only: bool, fail_fast: bool, as_json: bool, pdf: PdfChoice | None) -> None:
    """Render every case folder under ROOT (folders starting with _ hold shared parts).

    One failing case never stops or spoils the others and leaves none of its documents behind.
    Exit code 0 only when every case succeeded, 1 when one failed or ROOT holds no case. With --pdf
    the documents of all cases are converted together after rendering (LibreOffice starts once).
    """
    names = deliverable_names(only)
    cases = discover_cases(root)
    if not cases:
        raise Stop(INVALID, _("{root}: no case found (a case folder holds an initiative.yaml; an intake "
                              "workbook ends in .xlsx); nothing was written").format(root=root))
    with ticker(_("cases"), len(cases)) as progress:
        result = run_batch(root, out_dir, jobs=jobs, deliverables=names, templates=templates, cases=cases,
                           changed_only=changed_only, fail_fast=fail_fast, pdf=pdf,
                           progress=lambda outcome: progress.tick(case_line(outcome), not outcome.succeeded))
    if result.pdf_note:
        click.echo(result.pdf_note, err=True)
    for outcome in result.outcomes:
        if outcome.errors:
            click.echo(f"{outcome.source}: {outcome.status}", err=True)
            for error in outcome.errors:
                click.echo(f"  {error}", err=True)
    warned = [outcome for outcome in result.outcomes if outcome.warnings]
    for outcome in warned:  # one line a case: a batch of a hundred cases must stay readable
        click.echo(ngettext("{case}: {count} warning (docpipe validate {source} lists it)",
                            "{case}: {count} warnings (docpipe validate {source} lists them)",
                            len(outcome.warnings)).format(case=outcome.name, count=len(outcome.warnings),
                                                          source=outcome.source), err=True)
    if as_json:
        click.echo(json.dumps(result.summary(), ensure_ascii=False, indent=2))
    else:
        print_summary(result)
    raise Stop(OK if result.ok else INVALID)
