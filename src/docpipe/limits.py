"""How much one document may cost to render: time, memory, and the size of any part it renders.

A Word template is a program (Jinja): ``{{ 'x' * 200000000 }}`` in a 20 KB template asks for
gigabytes, and two nested loops can run for ever. The web server renders its uploads in a child
process per case (docpipe.batch.limited) that is killed when a document takes longer than
``seconds`` or needs more than ``memory_mb`` of memory beyond what the process started with; the
server itself never pays. The part cap (``part_mb``) holds everywhere, on the command line too: no
real document has a part near it, and a render refused at the cap costs far less than one written.

This module holds what the renderer consults while it works (the part cap, the document being
made) so the child can name the document and the limit when it is stopped.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from docpipe.errors import TemplateError
from docpipe.i18n import N_, _

MB = 1024 * 1024
DEFAULT_SECONDS = 60
DEFAULT_MEMORY_MB = 1024
DEFAULT_PART_MB = 64

TOO_SLOW = N_("{document}: stopped after {seconds} seconds; making one document may take at most {seconds} "
              "seconds on this server (does a loop in the template never end?)")
TOO_MUCH_MEMORY = N_("{document}: stopped because making it needed more than {mb} MB of memory, the most one "
                     "document may use on this server")
STOPPED = N_("{document}: the process making it stopped unexpectedly ({reason}); try again, or report it with "
             "the file")
PART_TOO_LARGE = N_("{part} became larger than {mb} MB, the most one part of a document may be")


@dataclass(frozen=True)
class RenderLimits:
    """The limits a server renders with (``docpipe serve --render-timeout/--render-memory``)."""

    seconds: float = DEFAULT_SECONDS
    """The longest one document may take (the clock starts again for each document of a case)."""
    memory_mb: int = DEFAULT_MEMORY_MB
    """The memory a case's render process may take beyond what it had when it started."""
    part_mb: int = DEFAULT_PART_MB
    """The largest a rendered part (a document's body, a header) may be."""


_part_bytes = DEFAULT_PART_MB * MB
_memory_mb = 0
_current = ""
_reporter: Callable[[str], None] | None = None


def use_limits(limits: RenderLimits, reporter: Callable[[str], None] | None = None) -> None:
    """Set this process's limits (a render child does, once); ``reporter`` hears each document begun."""
    global _part_bytes, _memory_mb, _reporter
    _part_bytes, _memory_mb, _reporter = limits.part_mb * MB, limits.memory_mb, reporter


def check_part(template: str, part: str, size: int) -> None:
    """Refuse a rendered part larger than the cap (``size`` in characters or bytes: both count)."""
    if size > _part_bytes:
        raise TemplateError(template, _(PART_TOO_LARGE).format(part=part, mb=_part_bytes // MB))


def entering(document: str) -> None:
    """Note that ``document`` (its file name) is being made now, for a limit's message."""
    global _current
    _current = document
    if _reporter is not None:
        _reporter(document)


def current_document() -> str:
    """The document being made (or last made) in this process, "" before the first."""
    return _current


def out_of_memory(document: str) -> str:
    """What a user reads when ``document`` needed more memory than the limit."""
    return _(TOO_MUCH_MEMORY).format(document=document, mb=_memory_mb or DEFAULT_MEMORY_MB)


def too_slow(document: str, seconds: float) -> str:
    """What a user reads when ``document`` took longer than the limit."""
    return _(TOO_SLOW).format(document=document, seconds=f"{seconds:g}")


def too_much_memory(document: str, memory_mb: int) -> str:
    """What a user reads when the process making ``document`` was over its memory and was killed."""
    return _(TOO_MUCH_MEMORY).format(document=document, mb=memory_mb)


def stopped(document: str, reason: str) -> str:
    """What a user reads when the process making ``document`` died for another reason."""
    return _(STOPPED).format(document=document, reason=reason)
