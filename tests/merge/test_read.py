"""Reading rows: every DATA format, row numbers as the user counts them, and clear errors."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest

from docpipe.merge import DataError, Row, detect_delimiter, read_rows, row_context
from tests.merge.conftest import FIELDS, RECORDS


def test_csv_comma(data_csv: Path) -> None:
    rows = read_rows(data_csv)
    assert [row.number for row in rows] == [2, 3, 4]  # the header is row 1, as in Excel
    assert rows[0].fields == RECORDS[0]
    assert list(rows[0].fields) == FIELDS


def test_csv_semicolon_with_bom_and_commas_in_values(write_csv: Callable[..., Path]) -> None:
    path = write_csv([["Navn", "Adresse"], ["Hansen, Jens", "Vej 1, 3300 Frederiksværk"], ["Øster", "Torv 2"]],
                     delimiter=";", bom=True)
    rows = read_rows(path)
    assert rows[0].fields == {"Navn": "Hansen, Jens", "Adresse": "Vej 1, 3300 Frederiksværk"}
    assert "\ufeffNavn" not in rows[0].fields


def test_csv_quoted_line_break_counts_as_one_row(tmp_path: Path) -> None:
    path = tmp_path / "d.csv"
    path.write_text('Navn;Tekst\r\nA;"to\r\nlinjer"\r\n\r\nB;x\r\n', "utf-8")
    rows = read_rows(path)
    assert [(row.number, row.fields["Tekst"]) for row in rows] == [(2, "to\r\nlinjer"), (4, "x")]


def test_csv_empty_rows_skipped_and_short_rows_padded(write_csv: Callable[..., Path]) -> None:
    path = write_csv([["A", "B", "C"], ["1"], ["", "", ""], ["4", "5", "6"]])
    rows = read_rows(path)
    assert [row.number for row in rows] == [2, 4]
    assert rows[0].fields == {"A": "1", "B": "", "C": ""}


@pytest.mark.parametrize(("text", "expected"), [
    ("a;b\n1;2\n", ";"),
    ("a,b\n1,2\n", ","),
    ("Navn\nHansen, Jens\n", ","),          # one column: the sniffer cannot tell, the header has neither
    ("a;b;c\nx,y;z,w;q\n", ";"),
])
def test_detect_delimiter(text: str, expected: str) -> None:
    assert detect_delimiter(text) == expected


def test_csv_not_utf8_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "ansi.csv"
    path.write_bytes("Kommune\nHalsnæs\n".encode("cp1252"))
    with pytest.raises(DataError, match=r'ansi\.csv:2: is not saved as UTF-8: .*"Halsn".*"æ".*CSV UTF-8') as caught:
        read_rows(path)
    assert caught.value.line == 2 and caught.value.path == str(path)


def test_duplicate_field_names_are_an_error(write_csv: Callable[..., Path]) -> None:
    with pytest.raises(DataError, match='names the field "A" twice'):
        read_rows(write_csv([["A", "A"], ["1", "2"]]))


def test_header_only_is_an_error(write_csv: Callable[..., Path]) -> None:
    with pytest.raises(DataError, match="holds no data rows below the field names"):
        read_rows(write_csv([["A", "B"]]))


def test_xlsx_types_row_numbers_and_empty_rows(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Kommune", "Navn på kommune", "Dato", "Antal", "Beløb", None])
    sheet.append(["Halsnæs", "Halsnæs Kommune", dt.date(2026, 11, 22), 3300, 1250000.5, None])
    sheet.append([None, None, None, None])  # empty: skipped
    sheet.append(["Ærø", None, dt.datetime(2026, 1, 5, 10, 30), 0, None, "no header: ignored"])
    workbook.create_sheet("Ignored").append(["x"])
    path = tmp_path / "data.xlsx"
    workbook.save(path)
    rows = read_rows(path)
    assert [row.number for row in rows] == [2, 4]
    first, second = rows[0].fields, rows[1].fields
    assert first == {"Kommune": "Halsnæs", "Navn på kommune": "Halsnæs Kommune", "Dato": dt.date(2026, 11, 22),
                     "Antal": 3300, "Beløb": 1250000.5}
    assert type(first["Dato"]) is dt.date and type(first["Antal"]) is int
    assert second["Dato"] == dt.datetime(2026, 1, 5, 10, 30) and second["Navn på kommune"] == ""


def test_xlsx_header_below_empty_rows_keeps_sheet_row_numbers(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet["B3"], sheet["B4"] = "Kommune", "Halsnæs"
    path = tmp_path / "data.xlsx"
    workbook.save(path)
    assert read_rows(path) == [Row(4, {"Kommune": "Halsnæs"})]


def test_not_an_xlsx(tmp_path: Path) -> None:
    path = tmp_path / "data.xlsx"
    path.write_text("not a workbook")
    with pytest.raises(DataError, match=r"data\.xlsx: is not an Excel workbook"):
        read_rows(path)


def test_json_list_of_objects(write_json: Callable[..., Path]) -> None:
    rows = read_rows(write_json([{"Kommune": "Halsnæs", "Antal": 3, "Liste": [1, 2]}, {}, {"Kommune": None}]))
    assert rows == [Row(1, {"Kommune": "Halsnæs", "Antal": 3, "Liste": [1, 2]})]


@pytest.mark.parametrize(("data", "message"), [
    ({"Kommune": "Halsnæs"}, "must hold a list of objects .*, but holds an object"),
    ([{"a": 1}, "tekst"], "item 2 is text, not an object"),
    ([], "holds no data rows$"),
])
def test_json_that_is_not_a_list_of_objects(write_json: Callable[..., Path], data: object, message: str) -> None:
    with pytest.raises(DataError, match=r"data\.json(:\d+)?: " + message):
        read_rows(write_json(data))


def test_json_syntax_error_names_line(tmp_path: Path) -> None:
    path = tmp_path / "data.json"
    path.write_text('[\n{"a": 1},\n{"a": }\n]', "utf-8")
    with pytest.raises(DataError, match=r"data\.json:3: not valid JSON: .*\(column 7\)") as caught:
        read_rows(path)
    assert caught.value.line == 3


@pytest.mark.parametrize("suffix", [".yaml", ".yml"])
def test_yaml_list_of_mappings(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"data{suffix}"
    path.write_text("- Kommune: Halsnæs\n  Navn på kommune: Halsnæs Kommune\n  dato: 2026-11-22\n"
                    "- Kommune: Ærø\n", "utf-8")
    rows = read_rows(path)
    assert rows[0] == Row(1, {"Kommune": "Halsnæs", "Navn på kommune": "Halsnæs Kommune",
                              "dato": dt.date(2026, 11, 22)})
    assert rows[1].number == 2


def test_yaml_not_a_list_and_syntax_error(tmp_path: Path) -> None:
    path = tmp_path / "data.yaml"
    path.write_text("Kommune: Halsnæs\n", "utf-8")
    with pytest.raises(DataError, match="must hold a list of mappings"):
        read_rows(path)
    path.write_text("- a: [1\n- b: 2\n", "utf-8")
    with pytest.raises(DataError, match=r"data\.yaml:2: not valid YAML"):
        read_rows(path)


def test_unknown_suffix(tmp_path: Path) -> None:
    path = tmp_path / "data.xls"
    path.write_bytes(b"")
    with pytest.raises(DataError, match=r"reads \.csv, \.xlsx"):
        read_rows(path)


def test_context_top_level_names_row_and_row_number() -> None:
    context = row_context(Row(7, {"Kommune": "Halsnæs", "Navn på kommune": "H K", "kode-nr": "1", "Område_å": "x",
                                  "row": "field named row"}))
    assert context["Kommune"] == "Halsnæs" and context["Område_å"] == "x"
    assert "Navn på kommune" not in context and "kode-nr" not in context
    assert context["row"]["Navn på kommune"] == "H K" and context["row"]["row"] == "field named row"
    assert context["row_number"] == 7
