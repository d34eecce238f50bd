"""Rows of a table: a CSV file or the first sheet of a workbook, the first non-empty row holding
the field names.

Field names are keys, so they meet the rule keys of a case file meet: a character Word and Excel
cannot store is refused with its row and position (such a name cannot be typed in a template).
Values are left as they are; one holding such a character fails only a row whose document uses
it (docpipe.merge.row). A workbook passes sources.zipguard before openpyxl opens it.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
import zlib
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from docpipe.i18n import _
from docpipe.merge.errors import DataError
from docpipe.merge.rows import Row, is_empty
from docpipe.sources.characters import FORBIDDEN, forbidden_character_message, shorten
from docpipe.sources.zipguard import archive_problem

_CSV_SAMPLE = 64 * 1024
# what openpyxl raises for a damaged workbook, also while reading rows (read-only mode reads lazily)
_UNREADABLE = (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError, EOFError, NotImplementedError,
               RuntimeError, SyntaxError, zlib.error)


def csv_rows(path: Path, text: str) -> list[Row]:
    """The rows of CSV ``text``, numbered as Excel numbers them (a quoted line break stays in its row)."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=detect_delimiter(text))
    try:
        records = list(reader)
    except csv.Error as error:
        raise DataError(path, _("is not valid CSV: {reason}").format(reason=error), reader.line_num) from error
    return table_rows(path, enumerate(records, start=1))


def detect_delimiter(text: str) -> str:
    """``;`` or ``,``: what Danish Excel writes (``;``) or everyone else (``,``).

    csv.Sniffer decides on a sample, restricted to those two; when it cannot, or when it picks a
    character the header line does not even contain, the one that appears most in the header
    line wins (a tie, e.g. a single column, means ``,``).
    """
    sample = text[:_CSV_SAMPLE]
    if len(text) > _CSV_SAMPLE and "\n" in sample:
        sample = sample[: sample.rindex("\n") + 1]
    header = text.split("\n", 1)[0]
    by_header = ";" if header.count(";") > header.count(",") else ","
    try:
        sniffed = csv.Sniffer().sniff(sample, delimiters=";,").delimiter
    except csv.Error:
        return by_header
    return sniffed if sniffed in header else by_header


def xlsx_rows(path: Path, data: bytes) -> list[Row]:
    """The rows of a workbook's first sheet, numbered as the sheet numbers them; refused before
    parsing when sources.zipguard refuses it."""
    refused = archive_problem(data)
    if refused:
        raise DataError(path, refused)
    import openpyxl  # only a merge over a workbook pays for importing openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True, keep_links=False)
        try:
            if not workbook.worksheets:
                raise DataError(path, _("has no worksheet"))
            sheet = workbook.worksheets[0]
            sheet.reset_dimensions()  # some writers store wrong dimensions; read every row there is
            return table_rows(path, enumerate(sheet.iter_rows(values_only=True), start=1))
        finally:
            workbook.close()
    except (InvalidFileException, *_UNREADABLE) as error:
        raise DataError(path, _("is not an Excel workbook (.xlsx) docpipe can read: {reason}").format(
            reason=error)) from error


def table_rows(path: Path, records: Iterable[tuple[int, Sequence[Any]]]) -> list[Row]:
    """Rows of a table whose first non-empty record holds the field names; empty records are skipped."""
    names: list[str] | None = None
    rows: list[Row] = []
    for number, record in records:
        if all(is_empty(value) for value in record):
            continue
        if names is None:
            names = field_names(path, number, record)
            continue
        fields = {name: cell_value(value) for name, value in zip(names, record, strict=False) if name}
        fields.update({name: "" for name in names[len(record):] if name})
        rows.append(Row(number, fields))
    return rows


def field_names(path: Path, number: int, record: Sequence[Any]) -> list[str]:
    """The field names of the header record ``number``; DataError for a name used twice or one
    holding a character Word and Excel cannot store."""
    names = ["" if value is None else str(value).strip() for value in record]
    seen: set[str] = set()
    for name in names:
        refusal = forbidden_character_message(name)
        if refusal is not None:
            raise DataError(path, _("this field name {refusal}").format(refusal=refusal), number,
                            shorten(FORBIDDEN.sub("\ufffd", name)))
        if name and name in seen:
            raise DataError(path, _('this row names the field "{name}" twice; field names must be unique').format(
                name=name), number, name)
        seen.add(name)
    return names


def cell_value(value: Any) -> Any:
    """Empty cells become empty text; a date-time at midnight is the date a sheet cell shows."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime) and value.time() == dt.time(0) and value.tzinfo is None:
        return value.date()
    return value
