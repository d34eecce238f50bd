"""docpipe status import: the Excel plan's status columns back into planning.yaml, nothing else touched."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from docpipe.cli import main
from docpipe.deliverables.registry import DELIVERABLES
from docpipe.errors import InvalidCase
from docpipe.model.load import load_case
from docpipe.render.case import render_deliverable
from docpipe.status_import import WorkbookRefused, import_status

CaseCopy = Callable[..., Path]
ROW_OF = {"udfordringsbillede": 3, "borgerperspektiver": 4}  # Halsnæs: rows 2.. in plan order
NOTE = "# Statusmøde hver anden uge; planen opdateres fra Excel\n"


def workbook_for(case_dir: Path, target: Path, edits: dict[str, object]) -> Path:
    """The case's implementeringsplan.xlsx with ``edits`` (cell -> value) made as a project leader would."""
    book = load_workbook(io.BytesIO(render_deliverable(load_case(case_dir), DELIVERABLES["implementeringsplan-xlsx"])))
    sheet = book["Plan"]
    for cell, value in edits.items():
        sheet[cell] = value
    book.save(target)
    return target


@pytest.fixture
def case_dir(case_copy: CaseCopy) -> Path:
    """Halsnæs with comments in planning.yaml: a full-line one and one after a value."""
    folder = case_copy()
    planning = folder / "planning.yaml"
    text = planning.read_text("utf-8")
    text = NOTE + text.replace("        status: in_progress\n", "        status: in_progress  # afventer data\n", 1)
    planning.write_text(text, "utf-8")
    return folder


def test_only_the_changed_values_change(case_dir: Path, tmp_path: Path) -> None:
    planning = case_dir / "planning.yaml"
    before = planning.read_text("utf-8")
    book = workbook_for(case_dir, tmp_path / "plan.xlsx",
                        {"M3": "Afsluttet", "N3": dt.datetime(2026, 12, 10), "O3": "Klar før tid", "M4": "i gang"})
    result = import_status(book, case_dir)
    assert [(c.number, c.field, c.shown) for c in result.changes] == [
        ("1.2", "status", ("I gang", "Afsluttet")), ("1.2", "actual_end", ("–", "10.12.2026")),
        ("1.2", "comment", ("–", "\"Klar før tid\"")), ("1.3", "status", ("Forsinket", "I gang"))]
    expected = before.replace("        status: in_progress  # afventer data\n",
                              # ruamel.yaml keeps a trailing comment in its column
                              "        status: done         # afventer data\n"
                              "        actual_end: 2026-12-10\n        comment: Klar før tid\n", 1)
    expected = expected.replace("        status: late\n", "        status: in_progress\n", 1)
    assert planning.read_text("utf-8") == expected
    assert result.written and not result.plan_changed


def test_a_second_import_changes_nothing(case_dir: Path, tmp_path: Path) -> None:
    book = workbook_for(case_dir, tmp_path / "plan.xlsx", {"M3": "Afsluttet", "O3": "Klar"})
    import_status(book, case_dir)
    after = (case_dir / "planning.yaml").read_bytes()
    again = import_status(book, case_dir)
    assert again.changes == [] and not again.written
    assert (case_dir / "planning.yaml").read_bytes() == after


def test_emptied_cells_remove_the_fields(case_dir: Path, tmp_path: Path) -> None:
    """Halsnæs's 1.1 has an actual end and 1.3 a comment; empty cells take them out again."""
    book = workbook_for(case_dir, tmp_path / "plan.xlsx", {"N2": None, "O4": None})
    import_status(book, case_dir)
    activities = {a.id: a for a in load_case(case_dir).activities()}
    assert activities["opstartsmoede-topledelse"].actual_end is None
    assert activities["borgerperspektiver"].comment is None
    assert NOTE in (case_dir / "planning.yaml").read_text("utf-8")


def test_dry_run_writes_nothing(case_dir: Path, tmp_path: Path) -> None:
    before = (case_dir / "planning.yaml").read_bytes()
    result = import_status(workbook_for(case_dir, tmp_path / "plan.xlsx", {"M3": "Afsluttet"}), case_dir,
                           dry_run=True)
    assert len(result.changes) == 1 and not result.written
    assert (case_dir / "planning.yaml").read_bytes() == before


def test_another_cases_workbook_is_refused(case_dir: Path, case_copy: CaseCopy, tmp_path: Path) -> None:
    other = workbook_for(case_copy("nordsjaellands-politi-tryghed"), tmp_path / "andet.xlsx", {})
    before = (case_dir / "planning.yaml").read_bytes()
    with pytest.raises(WorkbookRefused, match=r"andet\.xlsx was made for the case 26/31207, not for 26/14872"):
        import_status(other, case_dir)
    assert (case_dir / "planning.yaml").read_bytes() == before


def test_bad_cells_are_named_by_sheet_and_cell(case_dir: Path, tmp_path: Path) -> None:
    book = workbook_for(case_dir, tmp_path / "plan.xlsx", {"M3": "Færdig", "N4": "snart", "M5": "Afsluttet"})
    before = (case_dir / "planning.yaml").read_bytes()
    with pytest.raises(InvalidCase) as caught:
        import_status(book, case_dir)
    assert [(p.location, p.field) for p in caught.value.problems] == [("Plan!M3", "Status"),
                                                                      ("Plan!N4", "Faktisk slut")]
    assert (case_dir / "planning.yaml").read_bytes() == before  # the good row M5 is not written either


def test_the_command_shows_changes_and_exits_like_the_others(case_dir: Path, tmp_path: Path) -> None:
    book = workbook_for(case_dir, tmp_path / "plan.xlsx", {"M3": "Afsluttet"})
    runner = CliRunner()
    dry = runner.invoke(main, ["--lang", "en", "status", "import", str(book), str(case_dir), "--dry-run"])
    assert dry.exit_code == 0, dry.output
    assert "1.2 Databaseret udfordringsbillede: status I gang -> Afsluttet" in dry.output
    assert "dry run: nothing written" in dry.output
    bad = workbook_for(case_dir, tmp_path / "bad.xlsx", {"M3": "Færdig"})
    refused = runner.invoke(main, ["--lang", "da", "status", "import", str(bad), str(case_dir)])
    assert refused.exit_code == 1
    assert "Plan!M3 Status" in refused.output
