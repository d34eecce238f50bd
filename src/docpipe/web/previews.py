"""Pictures of each document's first page for the results page, made after the page has answered.

LibreOffice takes seconds where rendering takes a fraction of one, so a single upload's results page
answers at once with every document listed and downloadable, each picture's address already in it;
the pictures are made afterwards, and a request for one that is not there yet waits for it
(``wait_for_preview``): the browser shows each as it is ready, with no script. A marker file says
when the pictures are done, so a request for one that failed stops waiting and gets 404.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import subprocess
import time
from pathlib import Path

from docpipe.api import convert_to_pdf, find_soffice

PREVIEWS = "preview"
DONE_MARKER = ".done"
PICTURE = "side1.png"
WAIT_SECONDS = 90.0
"""How long a request for a picture waits for it (LibreOffice may be busy with other uploads)."""


def can_preview() -> bool:
    """Whether LibreOffice and pdftoppm are installed."""
    return find_soffice() is not None and shutil.which("pdftoppm") is not None


def planned_previews(out: Path, cases: list[str]) -> dict[str, dict[str, str]]:
    """Where each document's picture will be, ``{case: {file: relative png path}}``, before it exists."""
    return {case: {document.name: f"{case}/{document.name}/{PICTURE}" for document in _documents(out / case)}
            for case in cases}


def previews(out: Path, preview_dir: Path, cases: list[str]) -> dict[str, dict[str, str]]:
    """A PNG of each document's first page (LibreOffice to PDF, then ``pdftoppm``), by case and file name:
    ``{case: {file: relative png path}}``. Empty when LibreOffice or pdftoppm is missing. Each picture
    appears whole (written beside and renamed), and the done marker is written last."""
    soffice, pdftoppm = find_soffice(), shutil.which("pdftoppm")
    if soffice is None or pdftoppm is None:
        return {}
    copies: dict[Path, tuple[str, str]] = {}
    for case in cases:
        for document in _documents(out / case):
            copy = preview_dir / case / document.name / document.name
            copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(document, copy)
            copies[copy] = (case, document.name)
    shown: dict[str, dict[str, str]] = {}
    try:
        for copy, result in convert_to_pdf(list(copies), pdfa=False, soffice=soffice).items():
            if not isinstance(result, Path):
                continue
            prefix = copy.parent / "side1-making"
            done = subprocess.run([pdftoppm, "-png", "-f", "1", "-l", "1", "-r", "40", "-singlefile", str(result),
                                   str(prefix)], capture_output=True, timeout=120, check=False)
            made = prefix.with_suffix(".png")
            if done.returncode == 0 and made.is_file():
                os.replace(made, copy.parent / PICTURE)
                case, name = copies[copy]
                shown.setdefault(case, {})[name] = (copy.parent / PICTURE).relative_to(preview_dir).as_posix()
    finally:
        preview_dir.mkdir(parents=True, exist_ok=True)
        (preview_dir / DONE_MARKER).touch()
    return shown


def make_previews(folder: Path, cases: list[str]) -> None:
    """The pictures planned by ``planned_previews`` for the upload in ``folder``."""
    previews(folder / "out", folder / PREVIEWS, cases)


async def wait_for_preview(folder: Path, picture: Path, wait_seconds: float = WAIT_SECONDS) -> bool:
    """Whether ``picture`` exists, waiting while the upload's pictures are still being made."""
    deadline = time.monotonic() + wait_seconds
    while not picture.is_file():
        if (folder / PREVIEWS / DONE_MARKER).is_file() or time.monotonic() > deadline or not folder.is_dir():
            return picture.is_file()
        await asyncio.sleep(0.2)
    return True


def _documents(case_folder: Path) -> list[Path]:
    return [document for document in sorted(case_folder.glob("*")) if document.suffix.lower() in (".docx", ".xlsx")]
