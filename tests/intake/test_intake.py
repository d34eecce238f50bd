"""The Excel intake workbook: layout, round trip of every shipped case, error cells, refusals, CLI."""

from __future__ import annotations

import random
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from docpipe.batch import discover_cases
from docpipe.cli import main
from docpipe.deliverables.registry import for_case
from docpipe.errors import InvalidCase
from docpipe.intake import blank_workbook, export_case
from docpipe.model.load import load_case
from docpipe.render.case import render_deliverable
from docpipe.sources.workbook import MAX_ENTRIES
from docpipe.sources.workbook_layout import ACTOR_RANGE, INSTRUCTIONS, KEY_VALUE_SHEETS, SHEET_ORDER, TABLE_SHEETS

INPUTS = Path(__file__).resolve().parents[2] / "inputs"
CASES = discover_cases(INPUTS)


@pytest.fixture(scope="module")
def blank(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("intake") / "blank.xlsx"
    blank_workbook(path)
    return path


def test_blank_workbook_sheets_headers_and_named_range(blank: Path) -> None:
    book = load_workbook(blank)
    assert book.sheetnames == [INSTRUCTIONS, *SHEET_ORDER]
    assert ACTOR_RANGE in book.defined_names
    assert book.defined_names[ACTOR_RANGE].attr_text == "'Aktører'!$A$4:$A$103"
    for spec in TABLE_SHEETS:
        sheet = book[spec.title]
        assert [cell.value for cell in sheet[2]][: len(spec.columns)] == [column.label for column in spec.columns]
        assert all(cell.value for cell in sheet[3][: len(spec.columns)])  # a help row
        assert sheet.freeze_panes == "A4"
        assert sheet.protection.sheet and not sheet["A4"].protection.locked and sheet["A2"].protection.locked
    for kv in KEY_VALUE_SHEETS:
        sheet = book[kv.title]
        assert sheet.freeze_panes == "A3" and sheet.protection.sheet and not sheet["B3"].protection.locked


def _validations(book: openpyxl.Workbook, title: str) -> dict[str, tuple[str, str | None]]:
    found = {}
    for rule in book[title].data_validations.dataValidation:
        for cells in str(rule.sqref).split():
            found[cells] = (rule.type, rule.formula1)
    return found


def test_every_enumeration_and_actor_reference_has_a_drop_down(blank: Path) -> None:
    book = load_workbook(blank)
    actors = _validations(book, "Aktører")
    assert actors["E4:E103"] == ("list", '"Intern,Ekstern,Borger,Forening,Erhverv,Uddannelse,Region,Politisk"')
    assert actors["H4:H103"][0] == "list" and actors["F4:F103"][0] == "whole"
    planning = _validations(book, "Planlægning")
    assert planning["G4:G103"] == ("list", f"={ACTOR_RANGE}")
    assert planning["N4:N103"] == ("list", '"Planlagt,I gang,Afsluttet,Forsinket"')
    assert planning["C4:C103"][0] == planning["I4:I103"][0] == "date"
    assert planning["L4:L103"] == ("list", '"Ja,Nej"')
    assert _validations(book, "Risici")["E4:E103"] == ("list", f"={ACTOR_RANGE}")
    assert _validations(book, "Budget")["B4:B103"][0] == "decimal"
    assert _validations(book, "Succeskriterier")["E4:E103"][0] == "date"
    organisation = {cells: rule for cells, rule in _validations(book, "Organisation").items()}
    assert ("list", '"Kommune,Region,Organisation"') in organisation.values()
    initiative = _validations(book, "Initiativ").values()
    assert ("list", '"Udkast,Endelig"') in initiative
    assert ("list", '"Policy Lab,Co-creation (samskabelse),Projekt"') in initiative
    styring = list(_validations(book, "Styring").values())
    # chair, næstformand and secretariat of each group, anchor person, leader; 10 rows per member list
    assert styring.count(("list", f"={ACTOR_RANGE}")) == 3 + 3 + 2 + 10 + 10
    assert ("list", '"konsensus,simpelt flertal"') in styring


@pytest.mark.parametrize("case_dir", CASES, ids=[case.name for case in CASES])
def test_round_trip_is_lossless_and_renders_byte_identical(case_dir: Path, tmp_path: Path) -> None:
    case = load_case(case_dir)
    workbook = tmp_path / f"{case_dir.name}.xlsx"
    export_case(case, workbook)
    again = load_case(workbook)
    assert again.name == case_dir.name
    assert again.model_dump(exclude={"name", "template_dirs"}) == case.model_dump(exclude={"name", "template_dirs"})
    for deliverable in for_case(case, None):
        assert render_deliverable(again, deliverable) == render_deliverable(case, deliverable), deliverable.name


def test_errors_point_at_sheet_and_cell(tmp_path: Path) -> None:
    path = tmp_path / "bad.xlsx"
    export_case(load_case(INPUTS / "halsnaes-boern-og-unge"), path)
    book = load_workbook(path)
    book["Aktører"]["I7"] = "x"
    book["Aktører"]["E8"] = "Borgerx"
    book["Succeskriterier"]["E5"] = "30/06/2028"
    book["Succeskriterier"]["E5"].data_type = "s"
    book.save(path)
    with pytest.raises(InvalidCase) as caught:
        load_case(path)
    shown = [str(problem) for problem in caught.value.problems]
    assert ('Aktører!I7 actors[3].email: "x" is not a valid e-mail address (an email address must have an '
            "@-sign)") in shown
    assert ('Aktører!E8 actors[4].type: "Borgerx" is not one of the choices; choose one of: Intern, Ekstern, Borger, '
            "Forening, Erhverv, Uddannelse, Region, Politisk") in shown
    assert ('Succeskriterier!E5 success_criteria[1].deadline: "30/06/2028" is not a date; type a date in the cell, '
            "e.g. 22-11-2026 (Excel then shows it as a date)") in shown
    assert len(shown) == 3


def test_unknown_actor_points_at_its_cell(tmp_path: Path) -> None:
    path = tmp_path / "bad.xlsx"
    export_case(load_case(INPUTS / "halsnaes-boern-og-unge"), path)
    book = load_workbook(path)
    book["Planlægning"]["G5"] = "nobody"
    book.save(path)
    with pytest.raises(InvalidCase) as caught:
        load_case(path)
    shown = [str(problem) for problem in caught.value.problems]
    assert len(shown) == 1
    assert shown[0].startswith('Planlægning!G5 phases[0].activities[1].owner: unknown actor "nobody"')


def _zip(path: Path, entries: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return path


def _refusal(path: Path) -> str:
    with pytest.raises(InvalidCase) as caught:
        load_case(path)
    assert len(caught.value.problems) == 1
    return str(caught.value.problems[0])


def test_zip_bomb_and_too_many_entries_are_refused(tmp_path: Path) -> None:
    bomb = _zip(tmp_path / "bomb.xlsx", {"xl/worksheets/sheet1.xml": b"0" * (4 * 1024 * 1024)})
    assert "compressed more than 100:1" in _refusal(bomb)
    many = _zip(tmp_path / "many.xlsx", {f"x{index}.xml": b"<a/>" for index in range(MAX_ENTRIES + 1)})
    assert "201 parts" in _refusal(many)
    huge = _zip(tmp_path / "huge.xlsx", {f"x{index}.bin": bytes(range(256)) * 4096 * 13 for index in range(5)})
    assert "unpacks to" in _refusal(huge)
    (tmp_path / "text.xlsx").write_text("hello")
    assert _refusal(tmp_path / "text.xlsx") == ('text.xlsx: is not an Excel workbook (.xlsx); save it from Excel as '
                                                '"Excel-projektmappe (*.xlsx)"')


# The documented limits (README): over 200 parts, 50 MB unpacked or a 100:1 compression ratio is refused
MB = 1024 * 1024
UNPACKED_MB = 50
RATIO = 100


@pytest.fixture(scope="module")
def halsnaes_workbook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("intake") / "halsnaes.xlsx"
    export_case(load_case(INPUTS / "halsnaes-boern-og-unge"), path)
    return path


def _with_parts(workbook: Path, target: Path, parts: dict[str, bytes]) -> Path:
    """A copy of a real, valid workbook with extra parts (which openpyxl ignores): only the zip guard
    can refuse it, so a refusal below is the guard's."""
    shutil.copyfile(workbook, target)
    with zipfile.ZipFile(target, "a", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return target


def _totals(path: Path) -> tuple[int, int, int]:
    """Parts, bytes unpacked and bytes packed, from the archive's table of contents."""
    with zipfile.ZipFile(path) as archive:
        entries = archive.infolist()
    return len(entries), sum(e.file_size for e in entries), sum(e.compress_size for e in entries)


def test_the_workbook_with_extra_parts_is_still_read(halsnaes_workbook: Path, tmp_path: Path) -> None:
    """The control for the tests below: padded to exactly the most parts allowed, it is a valid case."""
    count = _totals(halsnaes_workbook)[0]
    padded = _with_parts(halsnaes_workbook, tmp_path / "padded.xlsx",
                         {f"xl/extra/{index}.txt": b"x" for index in range(MAX_ENTRIES - count)})
    assert _totals(padded)[0] == MAX_ENTRIES
    assert load_case(padded).initiative.title == load_case(halsnaes_workbook).initiative.title
    one_more = _with_parts(padded, tmp_path / "one-more.xlsx", {"xl/extra/one-more.txt": b"x"})
    assert _refusal(one_more) == (f"one-more.xlsx: holds {MAX_ENTRIES + 1} parts; a workbook saved by Excel has far "
                                  f"fewer (at most {MAX_ENTRIES} allowed)")


def test_one_part_compressed_too_much_is_refused_though_the_whole_is_not(halsnaes_workbook: Path,
                                                                          tmp_path: Path) -> None:
    noise = random.Random(0).randbytes(MB // 4)  # does not compress: keeps the whole workbook's ratio low
    path = _with_parts(halsnaes_workbook, tmp_path / "one-part.xlsx",
                       {"xl/media/zeros.bin": bytes(2 * MB), "xl/media/noise.bin": noise})
    count, unpacked, packed = _totals(path)
    assert count <= MAX_ENTRIES and unpacked <= UNPACKED_MB * MB and unpacked < RATIO * packed
    assert _refusal(path) == ("one-part.xlsx: part xl/media/zeros.bin is compressed more than 100:1; refused as "
                              "a possible zip bomb")


def test_parts_that_each_pass_are_refused_together(halsnaes_workbook: Path, tmp_path: Path) -> None:
    """Many small parts, each allowed on its own, compressed more than 100:1 in all; and many parts,
    each compressed only 50:1, unpacking to more than 50 MB in all."""
    small = _with_parts(halsnaes_workbook, tmp_path / "small-parts.xlsx",
                        {f"xl/media/zeros{index}.bin": bytes(MB // 2) for index in range(40)})
    count, unpacked, packed = _totals(small)
    assert count <= MAX_ENTRIES and unpacked <= UNPACKED_MB * MB and unpacked > RATIO * packed
    assert _refusal(small) == "small-parts.xlsx: is compressed more than 100:1; refused as a possible zip bomb"

    noise = random.Random(0).randbytes(20_000)
    part = (noise + bytes(MB - len(noise))) * 2  # 2 MB that compress about 50:1
    many = _with_parts(halsnaes_workbook, tmp_path / "many-parts.xlsx",
                       {f"xl/media/part{index}.bin": part for index in range(UNPACKED_MB // 2 + 1)})
    with zipfile.ZipFile(many) as archive:
        assert all(entry.file_size < RATIO / 2 * entry.compress_size for entry in archive.infolist())
    count, unpacked, packed = _totals(many)
    assert count <= MAX_ENTRIES and unpacked > UNPACKED_MB * MB
    assert _refusal(many) == (f"many-parts.xlsx: unpacks to {unpacked // MB} MB; at most {UNPACKED_MB} MB is "
                              "allowed (a zip bomb?)")


def test_entities_are_refused_and_openpyxl_uses_defusedxml(tmp_path: Path) -> None:
    pytest.importorskip("defusedxml")
    assert openpyxl.DEFUSEDXML
    source = tmp_path / "good.xlsx"
    export_case(load_case(INPUTS / "halsnaes-boern-og-unge"), source)
    entity = tmp_path / "entity.xlsx"
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(entity, "w") as copy:
        for item in original.infolist():
            data = original.read(item)
            if item.filename == "xl/workbook.xml":
                dtd = b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;">]>'
                data = data.replace(b"?>", b"?>" + dtd, 1) if data.startswith(b"<?xml") else dtd + data
            copy.writestr(item, data)
    assert "contains a DTD" in _refusal(entity)


def test_cli_intake_new_and_export(tmp_path: Path) -> None:
    runner = CliRunner()
    new = tmp_path / "ny.xlsx"
    assert runner.invoke(main, ["intake", "new", str(new)]).exit_code == 0
    assert load_workbook(new).sheetnames[0] == INSTRUCTIONS
    assert runner.invoke(main, ["intake", "new", str(new)]).exit_code == 2  # exists: wrong usage, as for docpipe new
    assert runner.invoke(main, ["intake", "new", str(new), "--force"]).exit_code == 0
    assert runner.invoke(main, ["intake", "new", str(tmp_path / "ny.txt")]).exit_code == 2
    out = tmp_path / "gribskov.xlsx"
    result = runner.invoke(main, ["intake", "export", str(INPUTS / "policy-lab-gribskov"), str(out)])
    assert result.exit_code == 0, result.output
    assert runner.invoke(main, ["validate", str(out)]).exit_code == 0
    bad = tmp_path / "bad-case"
    bad.mkdir()
    assert runner.invoke(main, ["intake", "export", str(bad), str(tmp_path / "b.xlsx")]).exit_code == 1
    assert not (tmp_path / "b.xlsx").exists()


def test_blank_workbook_reads_as_missing_fields(blank: Path) -> None:
    with pytest.raises(InvalidCase) as caught:
        load_case(blank)
    shown = [str(problem) for problem in caught.value.problems]
    assert "Organisation!B3 name: is required but missing" in shown
    assert "Styring!B3 governance: is required but missing" in shown or any(s.startswith("Styring!") for s in shown)


def test_batch_discovers_workbooks_in_root(tmp_path: Path) -> None:
    export_case(load_case(INPUTS / "policy-lab-gribskov"), tmp_path / "gribskov.xlsx")
    blank_workbook(tmp_path / "_skabelon.xlsx")
    assert discover_cases(tmp_path) == [tmp_path / "gribskov.xlsx"]


def test_exported_workbook_is_reproducible() -> None:
    """Fixed zip times and properties: the same case gives the same bytes, whatever the clock says."""
    import io as _io
    import zipfile as _zipfile

    from docpipe.intake.writer import workbook_bytes

    case = load_case(INPUTS / "region-sjaelland-sundhed")
    data = workbook_bytes(case)
    package = _zipfile.ZipFile(_io.BytesIO(data))
    assert all(info.date_time == (1980, 1, 1, 0, 0, 0) for info in package.infolist())
    core = package.read("docProps/core.xml").decode()
    assert f"{case.initiative.date.isoformat()}T00:00:00Z" in core and case.organisation.name in core
    assert workbook_bytes(None) == workbook_bytes(None)


def test_the_one_pager_s_own_texts_travel_in_the_workbook_and_are_placed_by_cell(tmp_path: Path) -> None:
    """one_pager: rows on the Initiativ sheet; a short vision still too long names its sheet and cell."""
    from docpipe.deliverables.one_pager_fit import refusals
    from tests.conftest import INPUTS, edit_yaml

    folder = tmp_path / "case"
    shutil.copytree(INPUTS / "halsnaes-boern-og-unge", folder)
    edit_yaml(folder / "initiative.yaml", lambda d: d.update(one_pager={"vision": "v" * 310, "goals": ["Et", "To"]}))
    case = load_case(folder)
    export_case(case, tmp_path / "sag.xlsx")
    read_back = load_case(tmp_path / "sag.xlsx")
    assert read_back.initiative.one_pager == case.initiative.one_pager
    [problem] = refusals(read_back)
    assert (problem.file, problem.field, problem.document) == ("Initiativ", "one_pager.vision", "one-pager")
    sheet = load_workbook(tmp_path / "sag.xlsx")["Initiativ"]
    assert isinstance(problem.line, str) and sheet[problem.line].value == "v" * 310
