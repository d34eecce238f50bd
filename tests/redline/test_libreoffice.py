"""An independent reader: LibreOffice keeps the redlined documents' changes as ``text:changed-region``s.

Converting to .odt makes LibreOffice read every ``w:ins``/``w:del`` and write it as its own change
record; their count must be what the redliner wrote (``change_regions``), and nothing for a
document whose case part did not change. Skipped, saying why, without soffice.
"""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from docpipe import redline_case
from tests.redline.tracked import change_regions


def test_libreoffice_finds_every_changed_region(case_pair: tuple[Path, Path], tmp_path: Path) -> None:
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    old, new = case_pair
    documents = [path for path in redline_case(old, new, tmp_path / "out") if path.suffix == ".docx"]
    subprocess.run([soffice, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
                    "--norestore", "--convert-to", "odt", "--outdir", str(tmp_path / "odt"),
                    *map(str, documents)], capture_output=True, timeout=300, check=True)
    found, expected = {}, {}
    for document in documents:
        content = zipfile.ZipFile(tmp_path / "odt" / f"{document.stem}.odt").read("content.xml")
        found[document.stem] = content.count(b"<text:changed-region ")
        expected[document.stem] = change_regions(document.read_bytes())
    assert found == expected
    # the case pair's changes (a member, a milestone, a budget line, a risk) are in these, not the one-pager
    assert expected["kommissorium"] == 16 and expected["one-pager"] == 0 and expected["aendringer"] == 0
