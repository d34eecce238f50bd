"""The list a merge reads meets the guards of a case file: size, encoding, YAML/JSON limits, zip bombs.

Each refusal is a DataError naming the file (and the line and field where there is one), raised
before anything is written.
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import openpyxl
import pytest
import yaml

from docpipe.merge import DataError, merge, read_rows
from docpipe.merge import read as merge_read
from docpipe.sources.files import MAX_FILE_BYTES
from docpipe.sources.yaml import MAX_ALIASED_VALUES, MAX_NODES, parse_yaml
from docpipe.sources.zipguard import MAX_ENTRIES, MAX_WORKBOOK_BYTES
from tests.merge.conftest import make_template
from tests.work import measured


def refusal(path: Path) -> DataError:
    with pytest.raises(DataError) as caught:
        read_rows(path)
    assert caught.value.path == str(path)
    return caught.value


def workbook_bytes() -> bytes:
    """A small valid workbook: one header row and one data row."""
    workbook = openpyxl.Workbook()
    workbook.active.append(["Kommune"])
    workbook.active.append(["Halsnæs"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def rezipped(data: bytes, extra: dict[str, bytes] | None = None, replace: dict[str, bytes] | None = None) -> bytes:
    """The workbook ``data`` with parts added or replaced (deflated, as Excel writes them)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            target.writestr(entry.filename, (replace or {}).get(entry.filename, source.read(entry)))
        for name, content in (extra or {}).items():
            target.writestr(name, content)
    return buffer.getvalue()


# --- size ---------------------------------------------------------------------------------------


def test_csv_over_the_size_limit_is_refused_before_parsing(tmp_path: Path) -> None:
    path = tmp_path / "stor.csv"
    path.write_bytes(b"Kommune\n" + b"x\n" * (MAX_FILE_BYTES // 2))
    error = refusal(path)
    assert "docpipe merge reads at most 5 MB from a .csv file" in str(error) and str(error).startswith(str(path))


def test_csv_at_the_size_limit_is_read(tmp_path: Path) -> None:
    path = tmp_path / "stor.csv"
    header = b"Kommune\n"
    lines, rest = divmod(MAX_FILE_BYTES - len(header), 1000)
    path.write_bytes(header + (b"x" * 999 + b"\n") * lines + b"y" * (rest - 1) + b"\n")
    assert path.stat().st_size == MAX_FILE_BYTES
    assert len(read_rows(path)) == lines + 1


def test_workbook_over_the_size_limit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "stor.xlsx"
    path.write_bytes(workbook_bytes() + b"\0" * MAX_WORKBOOK_BYTES)
    assert "at most 20 MB from a .xlsx file" in str(refusal(path))


def test_oversized_list_writes_nothing(tmp_path: Path) -> None:
    template = make_template(tmp_path / "t.docx", "{{ Kommune }}")
    data = tmp_path / "stor.json"
    data.write_text('[{"Kommune": "' + "x" * MAX_FILE_BYTES + '"}]', "utf-8")
    with pytest.raises(DataError, match="at most 5 MB"):
        merge(template, data, tmp_path / "out")
    assert not (tmp_path / "out").exists()


# --- YAML and JSON --------------------------------------------------------------------------------


def spaced(number: int) -> str:
    return f"{number:,}".replace(",", " ")


def many_rows(count: int = 6_000) -> list[dict[str, object]]:
    """A list of ``count`` rows of five fields: 11 values a row, keys counted, far above a case's cap."""
    rows: list[dict[str, object]] = [
        {"Kommune": f"Kommune {index}", "Kode": index, "Adresse": f"Torvet {index % 90 + 1}",
         "Postnummer": 1000 + index % 8000, "Svar": index % 2 == 0} for index in range(count)]
    assert count * 11 + 1 > MAX_NODES  # what a case file may hold would refuse it
    return rows


@pytest.mark.parametrize("suffix", [".json", ".yaml"])
def test_a_list_of_thousands_of_rows_is_read(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"data{suffix}"
    records = many_rows()
    path.write_text(json.dumps(records, ensure_ascii=False, indent=1) if suffix == ".json"
                    else yaml.safe_dump(records, allow_unicode=True, sort_keys=False), "utf-8")
    assert path.stat().st_size <= MAX_FILE_BYTES
    rows = read_rows(path)
    assert len(rows) == len(records)
    assert rows[-1].number == len(records) and rows[-1].fields == {
        "Kommune": "Kommune 5999", "Kode": 5999, "Adresse": "Torvet 60", "Postnummer": 6999, "Svar": False}


def test_the_list_cap_admits_a_large_mail_merge() -> None:
    """10 000 letters of ten fields (a mapping, its keys and its values counted) fit under the cap."""
    assert merge_read.MAX_LIST_VALUES >= 10_000 * (10 * 2 + 1) + 1


@pytest.mark.parametrize(("suffix", "text"), [
    (".json", json.dumps([{"a": index, "b": index} for index in range(40)])),
    (".yaml", "".join(f"- a: {index}\n  b: {index}\n" for index in range(40))),
])
def test_a_list_over_the_cap_is_refused_as_a_data_list(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                      suffix: str, text: str) -> None:
    monkeypatch.setattr(merge_read, "MAX_LIST_VALUES", 100)  # 40 rows of 2 fields: 201 values
    path = tmp_path / f"data{suffix}"
    path.write_text(text, "utf-8")
    assert refusal(path).message == ("holds more than 100 values; docpipe merge reads at most that many from a JSON "
                                     "or YAML list, so the file is refused; split it, or save the list as CSV or "
                                     "Excel, which have no such limit")


def test_a_list_over_the_cap_by_its_aliases_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(merge_read, "MAX_LIST_VALUES", 100)
    path = tmp_path / "data.yaml"
    path.write_text("- a: &row [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]\n" + "".join(f"- a{i}: *row\n" for i in range(20)),
                    "utf-8")
    error = refusal(path)
    assert error.message == ("holds more than 100 values once its anchors (&name) and aliases (*name) are "
                             "expanded; docpipe merge reads at most that many from a data list, so the file is refused")


def alias_bomb() -> str:
    """A list whose first row holds the billion laughs: 10^9 values expanded."""
    levels = ["  a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    levels += [f"  a{level}: &a{level} [{', '.join([f'*a{level - 1}'] * 10)}]" for level in range(1, 9)]
    return "- Kommune: Halsnæs\n" + "\n".join(levels) + "\n"


def test_yaml_alias_bomb_is_refused_quickly(tmp_path: Path) -> None:
    """The list's cap is 50 times a case's, but aliases may repeat no more values than in a case file:
    refusing the bomb costs the data list no more work (Python calls, counted) and memory than a case."""
    path = tmp_path / "bombe.yaml"
    path.write_text(alias_bomb(), "utf-8")
    with measured() as as_list:
        error = refusal(path)
    with measured() as as_case:
        _, problems = parse_yaml(str(path), alias_bomb())
    assert "more than 50 000 values once its anchors" in problems[0].message  # the case's own refusal
    assert as_list.calls <= 2 * as_case.calls, f"{as_list.calls} calls as a list, {as_case.calls} as a case"
    assert as_list.peak_megabytes <= 2 * as_case.peak_megabytes + 1, f"{as_list.peak_megabytes:.1f} MB"
    assert error.message == (f"its aliases (*name) repeat more than {spaced(MAX_ALIASED_VALUES)} values of its "
                             "anchors (&name), so the file is refused; write the values out in full instead")
    assert (error.line, error.field) == (1, "[0]")


def test_yaml_tags_are_refused_not_run(tmp_path: Path) -> None:
    path = tmp_path / "data.yaml"
    path.write_text("- Kommune: !!python/object/apply:os.system ['echo hacked']\n", "utf-8")
    error = refusal(path)
    assert error.line == 1 and error.field == "[0].Kommune" and 'uses the YAML tag "!!python/object/apply' in str(error)


def test_yaml_deep_nesting_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "data.yaml"
    path.write_text("- a: " + "[" * 200 + "]" * 200 + "\n", "utf-8")
    assert "nested more than 50 levels" in str(refusal(path))


def test_json_duplicate_key_is_refused_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "data.json"
    path.write_text('[\n{"Kommune": "A",\n "Kommune": "B"}\n]', "utf-8")
    error = refusal(path)
    assert error.line == 3 and error.field == "[0].Kommune" and '"Kommune" is given twice' in error.message


def test_json_infinity_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "data.json"
    path.write_text('[{"Antal": 1e999}]', "utf-8")
    assert "is not a number docpipe can use" in str(refusal(path))


def test_several_problems_are_counted(tmp_path: Path) -> None:
    path = tmp_path / "data.json"
    path.write_text('[{"a": NaN, "b": Infinity}]', "utf-8")
    assert "(and 1 more problem in the file)" in refusal(path).message


# --- control characters and encodings ------------------------------------------------------------


def test_csv_with_a_null_byte_is_refused_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "data.csv"
    path.write_bytes(b"Kommune;Kode\nHals\x00naes;260\n")
    error = refusal(path)
    assert error.line == 2 and "null byte (U+0000)" in error.message and "CSV UTF-8" in error.message


def test_csv_saved_as_utf16_is_named_so(tmp_path: Path) -> None:
    path = tmp_path / "data.csv"
    path.write_bytes("Kommune\nHalsnæs\n".encode("utf-16"))
    assert "is saved as UTF-16 text" in refusal(path).message


def test_csv_field_name_with_a_control_character_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "data.csv"
    path.write_text("Kommune;Na\u000bvn\nHalsnæs;x\n", "utf-8")
    error = refusal(path)
    assert error.line == 1 and error.field == "Na\ufffdvn"
    assert "U+000B, vertical tab" in error.message and "position 3" in error.message
    assert "\u000b" not in str(error)


def test_yaml_key_with_a_control_character_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "data.yaml"
    path.write_text('- "Na\\vn": Halsnæs\n', "utf-8")
    error = refusal(path)
    assert error.line == 1 and "a key contains a character Word and Excel cannot store (U+000B" in error.message


def test_yaml_raw_control_character_is_refused_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "data.yaml"
    path.write_text("- Kommune: Halsnæs\n- Kommune: Ærø\u0007\n", "utf-8")
    error = refusal(path)
    assert error.line == 2 and "U+0007, bell" in error.message


def test_control_character_in_a_value_fails_only_its_row(tmp_path: Path) -> None:
    template = make_template(tmp_path / "t.docx", "{{ Kommune }}")
    data = tmp_path / "data.csv"
    data.write_text("Kommune\nHalsnæs\nÆ\u000brø\nAabenraa\n", "utf-8")
    result = merge(template, data, tmp_path / "out")
    assert [row.status for row in result.rows] == ["ok", "failed", "ok"]
    assert result.rows[1].field == "Kommune" and "U+000B" in (result.rows[1].error or "")


# --- workbooks: the zip guard ---------------------------------------------------------------------


def test_workbook_with_too_many_parts_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "mange.xlsx"
    path.write_bytes(rezipped(workbook_bytes(), extra={f"xl/extra{index}.bin": b"x" for index in range(MAX_ENTRIES)}))
    assert f"holds {MAX_ENTRIES + len(zipfile.ZipFile(io.BytesIO(workbook_bytes())).namelist())} parts" in str(
        refusal(path))


def test_workbook_zip_bomb_is_refused_by_its_ratio(tmp_path: Path) -> None:
    path = tmp_path / "bombe.xlsx"
    sheet = "xl/worksheets/sheet1.xml"
    path.write_bytes(rezipped(workbook_bytes(), replace={sheet: b"<a>" + b"0" * (8 * 1024 * 1024) + b"</a>"}))
    assert f"part {sheet} is compressed more than 100:1; refused as a possible zip bomb" in str(refusal(path))


def test_workbook_that_unpacks_too_large_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "stor.xlsx"
    noise = bytes(range(256)) * 4096 * 13  # 13 MB that compresses less than 100:1
    path.write_bytes(rezipped(workbook_bytes(), extra={f"xl/media/{index}.bin": noise for index in range(5)}))
    assert "unpacks to 65 MB; at most 50 MB is allowed" in str(refusal(path))


def test_workbook_with_a_dtd_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "dtd.xlsx"
    bomb = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>'
    path.write_bytes(rezipped(workbook_bytes(), replace={"xl/workbook.xml": bomb}))
    assert "part xl/workbook.xml contains a DTD" in str(refusal(path))


def test_damaged_workbook_is_refused_not_a_crash(tmp_path: Path) -> None:
    data = bytearray(rezipped(workbook_bytes(), replace={"xl/workbook.xml": b"<workbook>" + b"x" * 4000}))
    start = data.index(b"xl/workbook.xml") + len("xl/workbook.xml")  # the deflated bytes follow the local name
    data[start + 10:start + 40] = b"\xff" * 30
    path = tmp_path / "brudt.xlsx"
    path.write_bytes(bytes(data))
    assert "cannot be unpacked (" in str(refusal(path)) and "it is damaged" in str(refusal(path))


def test_valid_workbook_passes_the_guard(tmp_path: Path) -> None:
    path = tmp_path / "data.xlsx"
    path.write_bytes(workbook_bytes())
    assert [row.fields for row in read_rows(path)] == [{"Kommune": "Halsnæs"}]
