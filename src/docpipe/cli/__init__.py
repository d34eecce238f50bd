"""The ``docpipe`` command: parses arguments, calls ``docpipe.api``, prints. Nothing else.

Each command lives in a module named for it; errors reach the terminal through one funnel
(``docpipe.cli.errors``). Exit codes: 0 all good, 1 invalid input (a case, a template), 2 wrong usage.
Messages follow the locale (``LANG=da_DK.UTF-8`` gives Danish); ``--lang da|en`` overrides it.
"""

from __future__ import annotations

import click

from docpipe.api import LANGUAGES, __version__, language_from_environment, set_language
from docpipe.cli.batch import batch
from docpipe.cli.cases import new, render, schema, validate
from docpipe.cli.check import check
from docpipe.cli.intake import intake
from docpipe.cli.merge import merge_command
from docpipe.cli.redline import redline
from docpipe.cli.serve import serve
from docpipe.cli.status import status
from docpipe.cli.templates import templates
from docpipe.cli.worker import worker


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="docpipe")
@click.option("--lang", type=click.Choice(LANGUAGES), default=None, envvar="DOCPIPE_LANG",
              help="Language of the messages: da (Danish) or en (English); default: from the locale (LANG).")
def main(lang: str | None) -> None:
    """docpipe: turn a case (an initiative, its actors and its plan) into Danish committee documents.

    \b
    A case is a folder with organisation.yaml, initiative.yaml, actors.yaml and planning.yaml.
    Start with `docpipe new my-case`, edit the files, then `docpipe validate my-case` and
    `docpipe render my-case --out outputs`.
    """
    set_language(lang or language_from_environment())


for command in (validate, render, redline, schema, new, merge_command, templates, check, batch, intake, serve,
                worker, status):
    main.add_command(command)
