"""Page budgets a typesetter would sign, laid out by LibreOffice: no page of a Word deliverable is less
than a quarter full unless it is the last, and the implementeringsplan's page 1 holds its first
section (all of it when it can: for the big case's long purpose, its heading and a full page); and no
word of the big case is broken across lines without a hyphen.

Every Word deliverable of every shipped case and of the big case (tests/deliverables/big_case.py) is
converted once, in one LibreOffice start, and measured with ``pdftotext -bbox``
(tests/deliverables/page_fill.py). Skipped, saying why, without soffice or pdftotext.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from docpipe import DELIVERABLES, load_case, render_deliverable
from tests.conftest import INPUTS, SHIPPED_CASES
from tests.deliverables.big_case import big_case
from tests.deliverables.page_fill import Page, page_texts, pages
from tests.deliverables.word_breaks import broken_words

WORD = [name for name, deliverable in DELIVERABLES.items() if deliverable.kind == "docx"]
QUARTER = 0.25
BIG = "big-case"


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    """(case, deliverable) -> its PDF, for every Word deliverable of every shipped case and the big case."""
    missing = [tool for tool in ("soffice", "pdftotext") if shutil.which(tool) is None]
    if missing:
        reason = f"{' and '.join(missing)} not installed: cannot measure the pages (apt-get install " \
                 "libreoffice-writer-nogui poppler-utils)"
        print(f"skipping the page budgets: {reason}")
        pytest.skip(reason)
    out = tmp_path_factory.mktemp("page-budget")
    folders = {name: INPUTS / name for name in SHIPPED_CASES}
    folders[BIG] = big_case(out / BIG)
    paths: dict[tuple[str, str], Path] = {}
    for case_name, folder in folders.items():
        case = load_case(folder)
        for name in WORD:
            if DELIVERABLES[name].applies_to(case):
                paths[(case_name, name)] = out / f"{case_name}--{name}.docx"
                paths[(case_name, name)].write_bytes(render_deliverable(case, DELIVERABLES[name]))
    subprocess.run([str(shutil.which("soffice")), f"-env:UserInstallation=file://{out}/lo-profile", "--headless",
                    "--convert-to", "pdf", "--outdir", str(out), *map(str, paths.values())],
                   check=True, capture_output=True, timeout=900)
    return {key: path.with_suffix(".pdf") for key, path in paths.items()}


def _thin(document: list[Page]) -> list[str]:
    return [f"page {page.number}: {page.fill:.0%} ({page.first_words})" for page in document[:-1]
            if page.fill < QUARTER]


def test_no_page_but_the_last_is_less_than_a_quarter_full(pdfs: dict[tuple[str, str], Path]) -> None:
    thin = {f"{case}/{name}": found for (case, name), pdf in pdfs.items() if (found := _thin(pages(pdf)))}
    assert thin == {}


def test_the_plans_page_1_holds_its_first_section(pdfs: dict[tuple[str, str], Path]) -> None:
    for (case, name), pdf in pdfs.items():
        if name != "implementeringsplan":
            continue
        first = " ".join(page_texts(pdf)[0].split())
        assert "1. Formål og metode" in first, case
        if case == BIG:  # its purpose alone is longer than a page: the section starts page 1 and fills it
            assert pages(pdf)[0].fill > 0.9
        else:
            assert "Planen dækker perioden" in first and "Oversigt over faser" not in first.split("Planen")[0], case


def test_the_check_can_fail(pdfs: dict[tuple[str, str], Path]) -> None:
    """A full page measures nearly full, a thin page that is not the last is reported, the last is not."""
    document = pages(pdfs[(BIG, "kommissorium")])
    assert document[0].fill > 0.9 and document[-1].fill < document[0].fill
    assert _thin([Page(1, 0.1, "Bilag"), Page(2, 0.9, "Slut")]) == ["page 1: 10% (Bilag)"]
    assert _thin([Page(1, 0.9, "Start"), Page(2, 0.1, "Slut")]) == []


def test_no_word_of_the_big_case_is_broken_without_a_hyphen(pdfs: dict[tuple[str, str], Path]) -> None:
    """The word-break check (test_word_breaks.py covers the shipped cases) on the big case's PDFs."""
    broken = {name: words for (case, name), pdf in pdfs.items()
              if case == BIG and (words := broken_words(pdf, pdf.with_suffix(".docx")))}
    assert broken == {}
