"""The one funnel from docpipe's errors to what a person at a terminal sees, and the exit codes.

Commands raise docpipe's typed errors (InvalidCase, TemplateError, OutputError ...) or ``Stop``;
``reported`` turns each into its message on stderr and its exit code, as copier's CLI funnels
its errors in one place. Exit codes: 0 all good, 1 invalid input or a failed document, 2 wrong usage.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import ParamSpec, TypeVar

import click

from docpipe.api import DocpipeError, InvalidCase, Problem, _, ngettext

OK, INVALID, USAGE = 0, 1, 2
P = ParamSpec("P")
R = TypeVar("R")


class Stop(Exception):
    """A command ends here with ``code``, after ``message`` (if any) on stderr."""

    def __init__(self, code: int, message: str = "") -> None:
        self.code = code
        super().__init__(message)


def reported(command: Callable[P, R]) -> Callable[P, R]:
    """``command`` with docpipe's errors shown as one message each and turned into exit codes."""

    @functools.wraps(command)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return command(*args, **kwargs)
        except Stop as stop:
            if str(stop):
                click.echo(str(stop), err=True)
            sys.exit(stop.code)
        except InvalidCase as error:
            show_problems(error.case, error.problems, _("nothing was written"))
            sys.exit(INVALID)
        except DocpipeError as error:
            click.echo(str(error), err=True)
            sys.exit(INVALID)

    return run


def show_problems(case: str | Path, problems: list[Problem] | tuple[Problem, ...], consequence: str = "") -> None:
    """``CASE: N problems; consequence`` and then every problem, one per line, with file:line and field."""
    count = len(problems)
    heading = ngettext("{case}: {count} problem", "{case}: {count} problems", count).format(case=case, count=count)
    click.echo(f"{heading}; {consequence}" if consequence else heading, err=True)
    for problem in problems:
        click.echo(f"  {problem}", err=True)


def show_warnings(case: str | Path, warnings: list[Problem] | tuple[Problem, ...], strict: bool = False) -> None:
    """``CASE: N warnings`` and every warning, one per line, placed as a problem is; on stderr."""
    count = len(warnings)
    if strict:
        heading = ngettext("{case}: {count} warning, an error with --strict",
                           "{case}: {count} warnings, errors with --strict", count).format(case=case, count=count)
    else:
        heading = ngettext("{case}: {count} warning", "{case}: {count} warnings", count).format(case=case, count=count)
    click.echo(heading, err=True)
    for warning in warnings:
        click.echo(f"  {warning}", err=True)
