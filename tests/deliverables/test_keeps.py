"""What stays together on a page, read from the rendered Word XML (no LibreOffice needed).

A table's last row never keeps with the next (it would chain the table to the next heading and push
both to a new page); rows never split; header rows repeat; widow and orphan control is on; a short
list keeps together, a long one may break.
"""

from __future__ import annotations

import io
import zipfile

import docx
import pytest
from docx.table import Table

from docpipe import DELIVERABLES, load_case, render_deliverable
from tests.conftest import INPUTS, SHIPPED_CASES

WORD = [name for name, deliverable in DELIVERABLES.items() if deliverable.kind == "docx"]
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
CASE = load_case(INPUTS / "halsnaes-boern-og-unge")


def _keeps(row: object) -> bool:
    return any(p.paragraph_format.keep_with_next for cell in row.cells for p in cell.paragraphs)  # type: ignore[attr-defined]


def _tables(name: str, case_name: str = "halsnaes-boern-og-unge") -> list[Table]:
    case = CASE if case_name == "halsnaes-boern-og-unge" else load_case(INPUTS / case_name)
    if not DELIVERABLES[name].applies_to(case):
        return []
    return list(docx.Document(io.BytesIO(render_deliverable(case, DELIVERABLES[name]))).tables)


@pytest.mark.parametrize("case_name", SHIPPED_CASES)
@pytest.mark.parametrize("name", WORD)
def test_no_table_keeps_its_last_row_with_the_next(name: str, case_name: str) -> None:
    for table in _tables(name, case_name):
        assert not _keeps(table.rows[-1]), (name, table.rows[-1].cells[0].text)


def test_the_phase_overview_keeps_together_but_not_with_the_next_section() -> None:
    overview = next(t for t in _tables("implementeringsplan") if t.rows[0].cells[0].text == "Fase")
    assert [_keeps(row) for row in overview.rows[1:]] == [True] * (len(overview.rows) - 2) + [False]


@pytest.mark.parametrize("name", WORD)
def test_rows_never_split_and_loop_tables_repeat_their_header(name: str) -> None:
    for table in _tables(name):
        assert all(_row_has(row, "cantSplit") for row in table.rows), name
        styles = [{p.style.name for cell in row.cells for p in cell.paragraphs if p.style is not None}
                  for row in table.rows[:2]]
        if len(table.columns) > 2 and len(styles) == 2 and styles[0] == {"Table Heading"} != styles[1]:
            assert _row_has(table.rows[0], "tblHeader"), name  # a loop table's header row


def _row_has(row: object, name: str) -> bool:
    properties = row._tr.trPr  # type: ignore[attr-defined]
    return properties is not None and properties.find(f"{W}{name}") is not None


@pytest.mark.parametrize("name", WORD)
def test_widow_and_orphan_control_is_on(name: str) -> None:
    if not DELIVERABLES[name].applies_to(CASE):
        return
    with zipfile.ZipFile(io.BytesIO(render_deliverable(CASE, DELIVERABLES[name]))) as package:
        styles = package.read("word/styles.xml").decode("utf-8")
    defaults = styles.split("<w:pPrDefault>")[1].split("</w:pPrDefault>")[0]
    assert "<w:widowControl/>" in defaults


def test_a_short_list_keeps_together_a_long_one_may_break() -> None:
    document = docx.Document(io.BytesIO(render_deliverable(CASE, DELIVERABLES["kommissorium"])))
    bullets = [p for p in document.paragraphs if p.style is not None and p.style.name == "List Bullet"]
    runs: list[list[bool]] = [[]]
    for paragraph in bullets:
        runs[-1].append(bool(paragraph.paragraph_format.keep_with_next))
        if not paragraph.paragraph_format.keep_with_next:
            runs.append([])
    lists = [run for run in runs if run]
    assert lists and all(run[-1] is False for run in lists)
    assert any(len(run) > 1 for run in lists)


def test_the_name_is_left_out_of_the_header_when_the_logo_shows_it() -> None:
    """organisation.logo_shows_name: a logo that already says "Halsnæs Kommune" is not followed by it."""
    shows = CASE.model_copy(update={"organisation": CASE.organisation.model_copy(update={"logo_shows_name": True})})
    for case, expected in ((CASE, True), (shows, False)):
        document = docx.Document(io.BytesIO(render_deliverable(case, DELIVERABLES["kommissorium"])))
        header = "\n".join(cell.text for table in document.sections[0].header.tables
                           for row in table.rows for cell in row.cells)
        assert ("Halsnæs Kommune" in header) is expected
