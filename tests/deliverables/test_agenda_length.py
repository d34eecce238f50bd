"""An agenda item is 1-3 pages: it summarises and leaves the detail to the bilag.

Counted with LibreOffice, for every shipped case and for a programme with a 23,000-character
background (one paragraph, the worst case for a summary), a long purpose and 150 actors; skipped,
saying why, without LibreOffice.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from docpipe import DELIVERABLES, load_case, render_deliverable
from tests.conftest import INPUTS, SHIPPED_CASES, edit_yaml
from tests.deliverables.test_one_pager_fit import programme

MAX_PAGES = 3
SENTENCE = ("Indsatserne i kommunen er organiseret i hver sin søjle, og der mangler et fælles billede af, hvad der "
            "virker. ")


def _long_case(folder: Path) -> Path:
    programme(folder, actors=150, organisations=18)

    def lengthen(data: dict[str, Any]) -> None:
        data["background"] = (SENTENCE * (23000 // len(SENTENCE) + 1))[:23000]
        data["purpose"] = SENTENCE * 20 + "\n\nDette dokument beskriver forløbet."

    edit_yaml(folder / "initiative.yaml", lengthen)
    return folder


def _page_counts(paths: list[Path], out: Path) -> dict[str, int]:
    """Each document's page count as LibreOffice lays it out, converted in one LibreOffice start."""
    soffice, pdfinfo = shutil.which("soffice"), shutil.which("pdfinfo")
    if soffice is None or pdfinfo is None:
        reason = "LibreOffice (soffice) or pdfinfo is not installed: cannot count the agenda items' pages"
        print(reason)
        pytest.skip(reason)
    subprocess.run([soffice, f"-env:UserInstallation=file://{out}/lo-profile", "--headless", "--convert-to", "pdf",
                    "--outdir", str(out), *map(str, paths)], check=True, capture_output=True, timeout=600)
    counts = {}
    for path in paths:
        info = subprocess.run([pdfinfo, str(out / f"{path.stem}.pdf")], check=True, capture_output=True, text=True,
                              timeout=60).stdout
        counts[path.stem] = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    return counts


def test_every_agenda_item_is_at_most_three_pages(tmp_path: Path) -> None:
    folders = {name: INPUTS / name for name in SHIPPED_CASES}
    folders["long-background-150-actors"] = _long_case(tmp_path / "long")
    paths = []
    for name, folder in folders.items():
        path = tmp_path / f"{name}.docx"
        path.write_bytes(render_deliverable(load_case(folder), DELIVERABLES["dagsordenspunkt"]))
        paths.append(path)
    counts = _page_counts(paths, tmp_path)
    assert {name: pages for name, pages in counts.items() if pages > MAX_PAGES} == {}
