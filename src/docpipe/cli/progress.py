"""How a long run looks on a terminal: a rich progress bar, or one plain line per item in a log.

Kept out of the library: ``docpipe.api.run_batch`` and ``merge`` report each finished item through
a callback, and this module decides how a person sees it. On a terminal rich draws a bar with the
items done, failed and an estimate; in a log (CI, a pipe) each item is one plain line.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from docpipe.api import BatchResult, CaseOutcome, CaseStatus, _, ngettext


def status_word(status: CaseStatus) -> str:
    """A case's status as the summary shows it."""
    words = {"ok": _("ok"), "unchanged": _("unchanged"), "invalid": _("invalid input"), "failed": _("failed"),
             "partial": _("partly made")}
    return words[status]


class Ticker:
    """One running display: ``tick`` for each finished item, ``say`` for a message above it."""

    def __init__(self, total: int | None, bar: Progress | None = None) -> None:
        self.total, self.done, self.failed = total, 0, 0
        self._bar = bar
        self._task = bar.add_task("", total=total, failed=0) if bar is not None else None

    def tick(self, line: str, failed: bool = False, total: int | None = None) -> None:
        """One more item done: a bar step on a terminal, ``[done/total] line`` in a log."""
        self.done += 1
        self.failed += failed
        self.total = total if total is not None else self.total
        if self._bar is None or self._task is None:
            click.echo(f"[{self.done}/{self.total}] {line}", err=True)
            return
        self._bar.update(self._task, completed=self.done, total=self.total, failed=self.failed)
        if failed:
            self.say(line, error=True)

    def say(self, text: str, error: bool = False) -> None:
        """A message for the reader now, above the bar (it stays when the bar is gone)."""
        if self._bar is None:
            click.echo(text, err=True)
        else:
            self._bar.console.print(text, style="red" if error else None, markup=False, highlight=False)


@contextmanager
def ticker(label: str, total: int | None) -> Iterator[Ticker]:
    """A Ticker on stderr for the length of the block: a bar on a terminal, plain lines otherwise."""
    if not sys.stderr.isatty():
        yield Ticker(total)
        return
    failed = TextColumn(_("{task.fields[failed]} failed"))
    with Progress(TextColumn(label), BarColumn(), MofNCompleteColumn(), failed, TimeRemainingColumn(),
                  console=Console(stderr=True), transient=True) as bar:
        yield Ticker(total, bar)


def case_line(outcome: CaseOutcome) -> str:
    """``name: status (1.2 s)``: one case in a log."""
    return f"{outcome.name}: {status_word(outcome.status)} ({outcome.seconds:.1f} s)"


def print_summary(result: BatchResult) -> None:
    """The table of cases: status, documents, seconds and the first error of each."""
    count = len(result.outcomes)
    title = ngettext("{count} case", "{count} cases", count).format(count=count)
    if result.manifest is not None:
        title += _(", manifest: {path}").format(path=result.manifest)
    table = Table(title=title, title_justify="left")
    for column, justify in ((_("case"), "left"), (_("status"), "left"), (_("documents"), "right"),
                            (_("seconds"), "right"), (_("first error"), "left")):
        table.add_column(column, justify=justify, overflow="fold")  # type: ignore[arg-type]
    for outcome in result.outcomes:
        style = None if outcome.succeeded else "red"
        table.add_row(outcome.name, status_word(outcome.status), str(len(outcome.files)),
                      f"{outcome.seconds:.2f}", outcome.first_error, style=style)
    Console(width=None if sys.stdout.isatty() else 160).print(table)
