"""How batch runs look on a terminal: a rich progress bar and summary table, or plain lines.

Kept out of the library: ``docpipe.batch`` reports each finished case through a callback, and this
module decides how a person sees it. On a terminal rich draws a bar with cases done, failed and an
estimate; in a log (CI, a pipe) each case is one plain line.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from docpipe.batch import BatchResult, CaseOutcome
from docpipe.batch import Progress as ProgressCallback

STATUS_WORDS = {"ok": "ok", "unchanged": "unchanged", "invalid": "invalid input", "failed": "failed"}


@contextmanager
def batch_progress(total: int) -> Iterator[ProgressCallback]:
    """A callback to hand to run_batch, drawing progress on stderr while the batch runs."""
    if not sys.stderr.isatty():
        done = 0

        def line(outcome: CaseOutcome) -> None:
            nonlocal done
            done += 1
            click.echo(f"[{done}/{total}] {outcome.name}: {STATUS_WORDS[outcome.status]} "
                       f"({outcome.seconds:.1f} s)", err=True)

        yield line
        return
    failed = 0
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                  TextColumn("{task.fields[failed]} failed"), TimeRemainingColumn(),
                  console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("cases", total=total, failed=0)

        def advance(outcome: CaseOutcome) -> None:
            nonlocal failed
            failed += not outcome.succeeded
            bar.update(task, advance=1, failed=failed)

        yield advance


def print_summary(result: BatchResult) -> None:
    """The table of cases: status, documents, seconds and the first error of each."""
    table = Table(title=f"{len(result.outcomes)} cases, manifest: {result.manifest}", title_justify="left")
    for column, justify in (("case", "left"), ("status", "left"), ("documents", "right"), ("seconds", "right"),
                            ("first error", "left")):
        table.add_column(column, justify=justify, overflow="fold")  # type: ignore[arg-type]
    for outcome in result.outcomes:
        style = None if outcome.succeeded else "red"
        table.add_row(outcome.name, STATUS_WORDS[outcome.status], str(len(outcome.files)),
                      f"{outcome.seconds:.2f}", outcome.first_error, style=style)
    Console(width=None if sys.stdout.isatty() else 160).print(table)
