"""Re-rendering a case removes the PDFs of the documents it rewrote; other PDFs stay."""

from __future__ import annotations

import shutil
from pathlib import Path

from docpipe import load_case, render_case
from docpipe.batch import run_batch
from tests.conftest import INPUTS

CASE = "halsnaes-boern-og-unge"


def fake_pdfs(folder: Path, *names: str) -> list[Path]:
    pdfs = [folder / name for name in names]
    for pdf in pdfs:
        pdf.write_bytes(b"%PDF-1.7 from an earlier run")
    return pdfs


def test_rendering_again_removes_the_pdfs_of_the_documents_it_wrote(tmp_path: Path) -> None:
    case = load_case(INPUTS / CASE)
    render_case(case, tmp_path)
    folder = tmp_path / CASE
    word, workbook = fake_pdfs(folder, "kommissorium.pdf", "implementeringsplan.xlsx.pdf")
    render_case(case, tmp_path)
    assert not word.exists() and not workbook.exists()
    assert (folder / "kommissorium.docx").is_file()


def test_only_the_rewritten_documents_lose_their_pdfs(tmp_path: Path) -> None:
    case = load_case(INPUTS / CASE)
    render_case(case, tmp_path)
    folder = tmp_path / CASE
    rewritten, kept, not_ours = fake_pdfs(folder, "kommissorium.pdf", "forretningsorden.pdf", "bilag.pdf")
    render_case(case, tmp_path, ["kommissorium"])
    assert not rewritten.exists()
    assert kept.exists() and not_ours.exists()


def test_a_batch_without_pdf_leaves_no_stale_pdf(tmp_path: Path) -> None:
    root = tmp_path / "root"
    shutil.copytree(INPUTS / CASE, root / CASE)
    out = tmp_path / "out"
    run_batch(root, out, jobs=1)
    (stale,) = fake_pdfs(out / CASE, "one-pager.pdf")
    result = run_batch(root, out, jobs=1)
    assert not stale.exists()
    assert all(not record.path.endswith(".pdf") for outcome in result.outcomes for record in outcome.files)
