"""``docpipe redline``: what it writes and prints, through the one door."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from docpipe.cli import main
from tests.redline.tracked import changes


def test_redline_writes_the_named_documents_with_tracked_changes(case_pair: tuple[Path, Path], tmp_path: Path) -> None:
    old, new = case_pair
    result = CliRunner().invoke(main, ["--lang", "en", "redline", str(old), str(new), "--out", str(tmp_path),
                                       "--only", "kommissorium,forretningsorden", "--author", "Sekretariatet"])
    assert result.exit_code == 0, result.output
    folder = tmp_path / new.name
    assert "wrote 3 documents marking what changed" in result.stdout
    assert sorted(path.name for path in folder.iterdir()) == ["aendringer.docx", "forretningsorden.docx",
                                                              "kommissorium.docx"]
    assert ("ins", "seks") in changes((folder / "forretningsorden.docx").read_bytes())  # fem -> seks medlemmer


def test_redline_of_an_invalid_case_writes_nothing(case_pair: tuple[Path, Path], tmp_path: Path) -> None:
    old, _new = case_pair
    empty = tmp_path / "empty"
    empty.mkdir()
    result = CliRunner().invoke(main, ["--lang", "en", "redline", str(old), str(empty), "--out", str(tmp_path / "o")])
    assert result.exit_code == 1
    assert "nothing was written" in result.stderr and not (tmp_path / "o").exists()


def test_redline_pdf_shows_the_changes_as_libreoffice_prints_them(case_pair: tuple[Path, Path],
                                                                   tmp_path: Path) -> None:
    if shutil.which("soffice") is None or shutil.which("pdftotext") is None:
        pytest.skip("LibreOffice (soffice) and pdftotext are needed to print and read the PDF")
    old, new = case_pair
    result = CliRunner().invoke(main, ["--lang", "en", "redline", str(old), str(new), "--out", str(tmp_path),
                                       "--only", "kommissorium", "--pdf"])
    assert result.exit_code == 0, result.output
    assert "wrote 2 PDF/A documents" in result.stdout
    text = subprocess.run(["pdftotext", str(tmp_path / new.name / "kommissorium.pdf"), "-"], capture_output=True,
                          text=True, check=True, timeout=60).stdout
    assert "120.000150.000" in text  # the deleted amount shown struck through beside the inserted one
