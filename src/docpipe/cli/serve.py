"""``docpipe serve``: the local web page and HTTP API, started from the command line."""

from __future__ import annotations

import errno
import socket
from pathlib import Path

import click

from docpipe.api import DEFAULT_MEMORY_MB, DEFAULT_SECONDS, RenderLimits, _, keep_compiled_templates_in
from docpipe.cli.errors import USAGE, Stop, reported
from docpipe.cli.options import templates_option

LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; anything but 127.0.0.1/localhost opens it to the network.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@templates_option
@click.option("--token", default=None, envvar="DOCPIPE_TOKEN",
              help="Every request must carry it: API clients as header 'Authorization: Bearer TOKEN'; people log "
                   "in once on the page.")
@click.option("--allow-host", "allow_hosts", multiple=True, metavar="NAME",
              help="A host name the server answers to besides the address it listens on (the name people use, "
                   "e.g. behind a reverse proxy); repeatable.")
@click.option("--data-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Where uploads, jobs and results are kept (default: docpipe's folder in your cache, "
                   "~/.cache/docpipe/web).")
@click.option("--retention", type=click.IntRange(1, 7 * 24 * 60), default=30, show_default=True, metavar="MINUTES",
              help="How long an upload and its documents are kept; older ones are removed at start and while "
                   "serving.")
@click.option("--queue", metavar="redis://HOST:PORT/DB", default=None, envvar="DOCPIPE_QUEUE",
              help="Put batch jobs on this Redis queue, run by 'docpipe worker' processes (pip install "
                   "'docpipe[queue]'); every instance and worker must share --data-dir.")
@click.option("--allow-uploaded-templates", is_flag=True,
              help="Let an uploaded case bring its own templates/ (they run on this server; off by default).")
@click.option("--render-timeout", type=click.FloatRange(1, 3600), default=DEFAULT_SECONDS, show_default=True,
              metavar="SECONDS", help="The longest one document may take to make; past it, its case fails with a "
                                      "message naming the document (the server keeps serving).")
@click.option("--render-memory", type=click.IntRange(64, 64 * 1024), default=DEFAULT_MEMORY_MB, show_default=True,
              metavar="MB", help="The memory one case's render may take; past it, its case fails with a message.")
@reported
def serve(host: str, port: int, templates: Path | None, token: str | None, allow_hosts: tuple[str, ...],
          data_dir: Path | None, retention: int, queue: str | None, allow_uploaded_templates: bool,
          render_timeout: float, render_memory: int) -> None:
    """A local web page (Danish) and HTTP API: upload a case, see every problem, download the documents.

    \b
    Example:
      docpipe serve              then open http://127.0.0.1:8000/
    API: POST /api/validate and /api/render (multipart field 'file'); description at /openapi.json.
    """
    if token is not None and not token.strip():
        raise Stop(USAGE, _("--token is empty, which would let anyone in; give a real token or leave it out"))
    _refuse_busy_port(host, port)
    if host not in LOCAL_HOSTS:
        warning = _("warning: listening on {host}, so other computers can reach docpipe").format(host=host)
        if not token:
            warning += _("; consider --token so only those who know it can use it")
        click.echo(warning, err=True)
    address = f"http://{host}:{port}/"
    click.echo(_("docpipe serve: {address} (Ctrl+C stops it)").format(address=address), err=True)
    import uvicorn  # here: the web app and its server cost every other command's start a fifth of a second

    from docpipe.web.app import create_app
    from docpipe.web.uploads import TEMPLATE_CACHE, default_data_dir

    # the server's compiled templates live in its own data folder (the worker processes inherit this)
    keep_compiled_templates_in((data_dir or default_data_dir()) / TEMPLATE_CACHE)

    app = create_app(templates=templates, token=token, allowed_hosts=host_names(host, allow_hosts),
                     data_dir=data_dir, retention_seconds=retention * 60,
                     uploaded_templates=allow_uploaded_templates, queue=queue,
                     render_limits=RenderLimits(seconds=render_timeout, memory_mb=render_memory))
    from docpipe.web.server import server_config

    uvicorn.Server(server_config(app, host, port)).run()


def host_names(host: str, extra: tuple[str, ...]) -> list[str]:
    """The names the server answers to: the address it listens on, and for loopback its other names;
    for every address (0.0.0.0, ::) this machine's names. Any other Host header is refused, so a page
    on a look-alike name (DNS rebinding) cannot reach the server through a visitor's browser."""
    names = {host.strip("[]").lower(), *(name.lower() for name in extra)}
    if host in LOCAL_HOSTS:
        names.update(LOCAL_HOSTS)
    if host in ("0.0.0.0", "::"):
        names.update({*LOCAL_HOSTS, socket.gethostname().lower(), socket.getfqdn().lower()})
    return sorted(names)


def _refuse_busy_port(host: str, port: int) -> None:
    """One line, before the server starts, when another program already listens on ``host:port``
    (uvicorn would print a traceback-like log and exit)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as error:
            if error.errno == errno.EADDRINUSE:
                raise Stop(USAGE, _("port {port} on {host} is in use by another program; choose another with "
                                    "--port").format(port=port, host=host)) from None
            raise Stop(USAGE, _("cannot listen on {host}:{port}: {reason}").format(
                host=host, port=port, reason=error.strerror or error)) from None
