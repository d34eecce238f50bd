"""Finding the template a deliverable is rendered from.

Defaults ship with docpipe (copied into the package at build time; read from the repository's
templates/ in an editable install). ``--templates DIR`` puts a folder in front of them: a file there
replaces the default of the same name.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from docpipe.errors import TemplateError


def default_templates_dir() -> Path:
    """templates/ inside the installed package, or at the repository root in a source checkout."""
    packaged = Path(str(resources.files("docpipe"))) / "templates"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "templates"


def find_template(file_name: str, kind: str, override: Path | None = None) -> Path:
    """The template for ``file_name`` (e.g. kommissorium.docx) of ``kind`` (docx or xlsx)."""
    candidates = []
    if override is not None:
        candidates += [override / kind / file_name, override / file_name]
    candidates.append(default_templates_dir() / kind / file_name)
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    raise TemplateError(file_name, "not found; looked in " + ", ".join(str(c.parent) for c in candidates))
