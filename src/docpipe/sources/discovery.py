"""Finding the cases under a folder: what ``docpipe batch`` and the web page render.

A batch is a folder of case folders; folders whose names start with ``_`` or ``.`` hold shared
parts, templates or version control and are not cases. Intake workbooks lying in the folder itself
are cases too.
"""

from __future__ import annotations

import os
from pathlib import Path

from docpipe.sources.folder import EXTENSIONS


def discover_cases(root: Path) -> list[Path]:
    """Every case folder under ``root`` (a folder with an initiative file), in name order.

    Folders starting with ``_`` or ``.`` are skipped with everything inside them: shared parts,
    templates, version control.
    """
    found = []
    for folder, subfolders, files in os.walk(root):
        subfolders[:] = sorted(name for name in subfolders if not name.startswith(("_", ".")))
        if any(f"initiative{extension}" in files for extension in EXTENSIONS):  # names listed: no stat per case
            found.append(Path(folder))
            subfolders[:] = []  # a case folder's own subfolders (templates/) are not cases
    # intake workbooks (docpipe intake) directly in ROOT are cases too; _ and . hide them the same way
    found.extend(path for path in Path(root).glob("*.xlsx")
                 if path.is_file() and not path.name.startswith(("_", ".", "~$")))
    return sorted(found)


def case_key(case_path: Path) -> str:
    """A case's name in a batch, as its output folder is named: the folder's name, or a workbook's
    name without ``.xlsx`` (``x.xlsx`` and a folder ``x`` would share ``OUT/x/``)."""
    return case_path.stem if case_path.is_file() else case_path.name


def is_case_folder(folder: Path) -> bool:
    """Whether ``folder`` holds a case: an initiative file in any of the formats docpipe reads."""
    return any((folder / f"initiative{extension}").is_file() for extension in EXTENSIONS)
