"""``docpipe worker``: runs the batch jobs that ``docpipe serve --queue`` instances put on a Redis queue."""

from __future__ import annotations

from pathlib import Path

import click

from docpipe.api import _, keep_compiled_templates_in
from docpipe.cli.errors import USAGE, Stop, reported


@click.command()
@click.option("--queue", metavar="redis://HOST:PORT/DB", required=True, envvar="DOCPIPE_QUEUE",
              help="The Redis queue the servers were started with (--queue).")
@click.option("--data-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="The servers' shared data folder (default: docpipe's folder in your cache).")
@reported
def worker(queue: str, data_dir: Path | None) -> None:
    """Run batch jobs from the queue until stopped (Ctrl+C); start as many as the machine has cores.

    \b
    Example:
      docpipe serve --queue redis://127.0.0.1:6379/0 --data-dir /srv/docpipe
      docpipe worker --queue redis://127.0.0.1:6379/0 --data-dir /srv/docpipe
    """
    try:
        from docpipe.web.queue import run_worker
        from docpipe.web.uploads import TEMPLATE_CACHE, default_data_dir
    except ImportError as error:  # rq and redis are an extra
        raise Stop(USAGE, _("docpipe worker needs rq and redis: pip install 'docpipe[queue]' ({reason})").format(
            reason=error)) from None
    keep_compiled_templates_in((data_dir or default_data_dir()) / TEMPLATE_CACHE)
    click.echo(_("docpipe worker: running jobs from {queue} (Ctrl+C stops it)").format(queue=queue), err=True)
    run_worker(queue)
