"""The file name of each row's document: the ``--name`` pattern, made safe and unique.

The name is rendered from the row like the document, in Jinja's sandbox (a pattern cannot reach
Python internals), then made safe by docpipe.output.names.safe_file_name (letters kept, nothing
that could leave the folder), and made unique within the merge.
"""

from __future__ import annotations

import os

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from docpipe.merge.errors import NamePatternError
from docpipe.merge.result import DOCX
from docpipe.output.names import safe_file_name

_NAME_ENVIRONMENT = SandboxedEnvironment(undefined=jinja2.StrictUndefined, autoescape=False)


def compile_name_pattern(pattern: str) -> jinja2.Template:
    """The Jinja template of ``--name``; NamePatternError when it is not valid Jinja (before any work)."""
    try:
        return _NAME_ENVIRONMENT.from_string(pattern)
    except jinja2.TemplateSyntaxError as error:
        raise NamePatternError(pattern, error.message or str(error)) from error


def document_file_name(rendered: str, fallback: str) -> str:
    """The .docx file name for a rendered name pattern: made safe, ``.docx`` added unless present.

    Only ``.docx`` counts as the extension: "Aftale 1.2" becomes "Aftale 1.2.docx", and a pattern
    cannot give a Word document another type's extension. An empty result falls back to ``fallback``.
    """
    stem = rendered.strip()
    if stem.lower().endswith(DOCX):
        stem = stem[: -len(DOCX)]
    return (safe_file_name(stem) or fallback) + DOCX


class UniqueNames:
    """Hands out file names unique within one merge, ``-2``, ``-3`` ... appended on a clash.

    Names are compared case-insensitively, as Windows and macOS do, so "Aarhus.docx" and
    "aarhus.docx" cannot overwrite each other there. Files already in the folder from an earlier
    run do not count: running the same merge again replaces its own output instead of piling up
    "-2" copies.
    """

    def __init__(self) -> None:
        self._taken: set[str] = set()

    def claim(self, file_name: str) -> str:
        """``file_name``, or the first of ``name-2.docx``, ``name-3.docx`` ... not handed out yet."""
        stem, suffix = os.path.splitext(file_name)
        candidate, counter = file_name, 2
        while candidate.casefold() in self._taken:
            candidate, counter = f"{stem}-{counter}{suffix}", counter + 1
        self._taken.add(candidate.casefold())
        return candidate
