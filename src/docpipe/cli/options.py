"""Options several commands share, spelled once so ``render`` and ``batch`` cannot drift apart."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from docpipe.api import DELIVERABLES, _

F = TypeVar("F", bound=Callable[..., Any])


def only_option(command: F) -> F:
    return click.option("--only", "only", default=None, metavar="NAME,...",
                        help=f"Render only these deliverables: {', '.join(DELIVERABLES)}.")(command)


def templates_option(command: F) -> F:
    return click.option("--templates", "templates", default=None,
                        type=click.Path(path_type=Path, file_okay=False, exists=True),
                        help="A folder of templates that replace the defaults of the same file name.")(command)


def pdf_option(command: F) -> F:
    return click.option("--pdf", "pdf", type=click.Choice(["word", "all"]), is_flag=False, flag_value="word",
                        default=None, help="Also write each Word document as PDF/A-2b with LibreOffice; "
                        "--pdf=all the workbooks too.")(command)


def out_option(help_text: str) -> Callable[[F], F]:
    return click.option("--out", "out_dir", required=True, type=click.Path(path_type=Path, file_okay=False),
                        help=help_text)


def deliverable_names(only: str | None) -> list[str] | None:
    """The deliverables ``--only`` names, checked; None for all of them."""
    if only is None:
        return None
    names = [name.strip() for name in only.split(",") if name.strip()]
    unknown = [name for name in names if name not in DELIVERABLES]
    if unknown:
        raise click.BadParameter(_("unknown deliverable {names}; choose from {choices}").format(
            names=", ".join(unknown), choices=", ".join(DELIVERABLES)), param_hint="--only")
    return names
