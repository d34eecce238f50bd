"""Finding the template a deliverable is rendered from.

Defaults ship with docpipe (copied into the package at build time; read from the repository's
templates/ in an editable install). ``--templates DIR`` puts a folder in front of them, and an
organisation's own ``templates/`` folders (in its case folder or the shared folder it extends) go in
front of that: the first folder holding a file of the template's name wins.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from functools import cache
from importlib import resources
from pathlib import Path
from typing import NamedTuple

from docpipe.errors import TemplateError
from docpipe.i18n import _


class FileVersion(NamedTuple):
    """One version of a template file, as a cache key for what is prepared from it."""

    path: str
    device: int
    inode: int
    mtime_ns: int
    size: int


def file_version(path: Path) -> FileVersion:
    """The file's absolute path and, from one ``stat``, its device and inode, modification time and
    size: a file edited in place or replaced (Word saves a new file under the old name) gets a new
    version. Resolving the path (a system call per part of it) would cost more than the rest of
    finding a template."""
    stat = path.stat()
    return FileVersion(os.path.abspath(path), stat.st_dev, stat.st_ino, stat.st_mtime_ns, stat.st_size)


@cache
def default_templates_dir() -> Path:
    """templates/ inside the installed package, or at the repository root in a source checkout.

    Kept for the process: where docpipe is installed does not change while it runs, and asking
    importlib and the file system again cost more than finding a template itself.
    """
    packaged = Path(str(resources.files("docpipe"))) / "templates"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / "templates"


def find_template(file_name: str, kind: str, override: Path | None = None,
                  case_dirs: Sequence[Path] = ()) -> Path:
    """The template for ``file_name`` (e.g. kommissorium.docx) of ``kind`` (docx or xlsx).

    Looked for in ``case_dirs`` (most specific first), then ``override``, then the defaults; in
    each folder either directly or in its ``docx/`` or ``xlsx/`` subfolder.
    """
    candidates = []
    for folder in [*case_dirs, *([override] if override is not None else [])]:
        candidates += [folder / kind / file_name, folder / file_name]
    candidates.append(default_templates_dir() / kind / file_name)
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    raise TemplateError(file_name, _("not found; looked in {folders}").format(
        folders=", ".join(str(c.parent) for c in candidates)))
