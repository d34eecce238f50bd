"""Every shipped output is schema-valid OOXML and converts with LibreOffice.

openxml-audit checks the OOXML schema the way Word would; LibreOffice converting each file proves
another real reader opens it. Both run over all deliverables of all shipped cases at once.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from docpipe import load_case, render_case
from tests.conftest import INPUTS, SHIPPED_CASES
from tests.ooxml import audit_folder


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    out = tmp_path_factory.mktemp("outputs")
    return [path for case in SHIPPED_CASES for path in render_case(load_case(INPUTS / case), out)]



def test_outputs_are_schema_valid(rendered: list[Path]) -> None:
    # outputs/<case>/<file>: the folder above the cases holds them all
    checked, errors = audit_folder(rendered[0].parents[1])
    assert checked == len(rendered)
    assert errors == []


def test_outputs_convert_with_libreoffice(rendered: list[Path], tmp_path: Path) -> None:
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui "
                    "libreoffice-calc-nogui")
    for folder, suffix in sorted({(path.parent, path.suffix) for path in rendered}):
        files = [path for path in rendered if path.parent == folder and path.suffix == suffix]
        target = tmp_path / f"{folder.name}{suffix}"
        # one LibreOffice start per case and kind (the .docx and .xlsx plans share a name); start-up dominates
        subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/lo-profile", "--headless",
                        "--convert-to", "pdf", "--outdir", str(target), *map(str, files)],
                       capture_output=True, timeout=300, check=True)
        for path in files:
            pdf = target / f"{path.stem}.pdf"
            assert pdf.is_file() and pdf.stat().st_size > 1000, f"LibreOffice could not convert {path}"
