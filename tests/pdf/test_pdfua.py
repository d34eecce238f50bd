"""Accessibility of the Word deliverables, proven on every shipped case.

- Every Word deliverable's PDF passes ``pdfua`` (PyPI, pikepdf-based, no JVM: the machine-checkable
  subset of PDF/UA-1) with no error and no warning, through its command and through ``docpipe check``,
  and declares PDF/UA-1. One LibreOffice run for all
  cases; without soffice or pdfua the test is skipped, saying why.
- Heading levels start at 1 (the Title counts as level 1) and never skip a level, in every Word
  deliverable of every shipped case, read from the .docx (no LibreOffice needed).
"""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import sys
from itertools import pairwise
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from docpipe.accessibility import check_accessibility
from docpipe.cli import main
from docpipe.deliverables.registry import DELIVERABLES
from docpipe.model.load import load_case
from docpipe.render.case import render_deliverable
from tests.conftest import INPUTS, SHIPPED_CASES

WORD_DELIVERABLES = sorted(name for name, deliverable in DELIVERABLES.items()
                           if deliverable.file_name.endswith(".docx"))


def _pdfua_missing() -> str | None:
    """Why pdfua cannot run here, or None."""
    try:
        import pdfua  # noqa: F401
    except ImportError:
        return "pdfua is not installed: pip install pdfua"
    return None


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """The Word deliverables' PDFs of every shipped case, from one batch run."""
    missing = [reason for reason in (_pdfua_missing(), None if shutil.which("soffice") else
                                     "LibreOffice (soffice) is not installed") if reason]
    if missing:
        print(f"skipping the PDF/UA test: {'; '.join(missing)}")
        pytest.skip("; ".join(missing))
    folder = tmp_path_factory.mktemp("pdfua")
    result = CliRunner().invoke(main, ["batch", str(INPUTS), "--out", str(folder / "out"), "--pdf",
                                       "--jobs", "1"])
    assert result.exit_code == 0, result.stderr
    made = sorted((folder / "out").rglob("*.pdf"))
    cases = [load_case(INPUTS / name) for name in SHIPPED_CASES]
    assert len(made) == sum(DELIVERABLES[name].applies_to(case) for case in cases for name in WORD_DELIVERABLES)
    return made


def test_every_word_pdf_passes_pdfua(pdfs: list[Path]) -> None:
    completed = subprocess.run([sys.executable, "-m", "pdfua", "check", "--format", "json", *map(str, pdfs)],
                               capture_output=True, text=True, timeout=300, check=False)
    decoder, text, reports = json.JSONDecoder(), completed.stdout.strip(), []
    while text:  # one JSON object per file
        report, end = decoder.raw_decode(text)
        reports.append(report)
        text = text[end:].strip()
    assert len(reports) == len(pdfs), completed.stderr
    findings = {report["file"]: [(finding.get("rule_id"), finding.get("message")) for finding in report["findings"]]
                for report in reports if report["findings"]}
    assert findings == {}


def test_every_word_pdf_passes_the_package_checker(pdfs: list[Path]) -> None:
    """``docpipe check`` gives docpipe's PDFs the verdict pdfua gives them: nothing to report."""
    assert [str(finding) for finding in check_accessibility(pdfs)] == []


def test_every_word_pdf_declares_pdfua(pdfs: list[Path]) -> None:
    for pdf in pdfs:
        assert re.search(rb'pdfuaid:part(>|=")1', pdf.read_bytes()), pdf


def heading_levels(data: bytes) -> list[int]:
    """The outline levels of a .docx's body, in order: Title 1, Heading N N."""
    levels = []
    for para in docx.Document(io.BytesIO(data)).paragraphs:
        name = para.style.name if para.style is not None else ""
        if name == "Title":
            levels.append(1)
        elif match := re.fullmatch(r"Heading (\d)", name):
            levels.append(int(match.group(1)))
    return levels


@pytest.mark.parametrize("case_name", SHIPPED_CASES)
def test_headings_start_at_1_and_never_skip_a_level(case_name: str) -> None:
    case = load_case(INPUTS / case_name)
    for name in WORD_DELIVERABLES:
        if not DELIVERABLES[name].applies_to(case):
            continue
        levels = heading_levels(render_deliverable(case, DELIVERABLES[name]))
        assert levels and levels[0] == 1, (name, levels)
        skips = [(before, after) for before, after in pairwise(levels) if after > before + 1]
        assert skips == [], (name, levels)
