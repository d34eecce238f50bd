"""Word rendering for the deliverables: one compiled WordTemplate per template file and process.

The cache key includes the file's modification time and size, so a long-running process (the web
app, a batch) picks up a template edited in Word without a restart.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

from docpipe.output.package import DocumentProperties
from docpipe.word import WordTemplate


def render_docx(template: Path, context: dict[str, Any], properties: DocumentProperties,
                colours: Mapping[str, str] | None = None) -> bytes:
    """The finished .docx for ``context``, with the case's core properties; deterministic.

    ``colours`` (template colour -> colour, six hex digits) rebrands it; see docpipe.branding.
    """
    return compiled_template(template).render(context, properties, colours)


def compiled_template(path: Path) -> WordTemplate:
    """The prepared template at ``path``; strict, so a misspelt name in it is an error."""
    stat = path.stat()
    return _compiled(path.resolve(), stat.st_mtime_ns, stat.st_size)


@cache
def _compiled(path: Path, mtime_ns: int, size: int) -> WordTemplate:
    return WordTemplate(path, strict=True)
