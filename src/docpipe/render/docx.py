"""Word rendering for the deliverables: one compiled WordTemplate per template file and process.

The cache key includes the file's path, identity (device and inode), modification time and size, so
a long-running process (the web app, a batch) picks up a template edited in Word without a restart.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

from docpipe.ooxml.package import DocumentProperties
from docpipe.render.locate import FileVersion, file_version
from docpipe.word import WordTemplate


def render_docx(template: Path, context: dict[str, Any], properties: DocumentProperties,
                colours: Mapping[str, str] | None = None) -> bytes:
    """The finished .docx for ``context``, with the case's core properties; deterministic.

    ``colours`` (template colour -> colour, six hex digits) rebrands it; see docpipe.render.branding.
    """
    return compiled_template(template).render(context, properties, colours)


def compiled_template(path: Path) -> WordTemplate:
    """The prepared template at ``path``; strict, so a misspelt name in it is an error. Prepared again
    when the file changes (see docpipe.render.locate.file_version)."""
    return _compiled(file_version(path))


@lru_cache(maxsize=256)
def _compiled(version: FileVersion) -> WordTemplate:
    """The template compiled once per file version, from the resolved path so errors name the real file.

    Bounded: a long-running ``docpipe serve`` sees every edited version of every organisation's
    templates. 256 prepared templates take about 150 MB (0.6 MB each): the Word deliverables of 50
    organisations with their own templates stay compiled through a batch.
    """
    return WordTemplate(Path(version.path).resolve(), strict=True)
