"""Reading the list a merge runs over, through the same hardened readers as a case file.

A list comes from someone else (an export from another system, an e-mail attachment), so it meets
the guards of docpipe.sources before anything parses it, and a refusal names the file, and the line
and field where there is one:

- size: at most MAX_FILE_BYTES (5 MB) of .csv, .json or .yaml and MAX_WORKBOOK_BYTES (20 MB) of
  .xlsx, read with one byte to spare at most, so a file growing meanwhile cannot flood memory;
- text must be UTF-8 (a BOM is fine): UTF-16/32, null bytes and other encodings are refused with
  the line (sources.files.decode);
- JSON and YAML are read by sources.json and sources.yaml: every YAML tag, nesting deeper than 50,
  more than MAX_LIST_VALUES values (keys and what aliases expand to counted), aliases repeating more
  than 50 000 values (an alias bomb, refused after as little work as in a case file), the same key
  twice, infinite numbers and keys holding control characters are refused;
- a workbook passes sources.zipguard (parts, unpacked size, compression ratio, DTDs) before
  openpyxl opens it; CSV and sheets are read by docpipe.merge.table.

The bytes are read once: the rows and the manifest's sha256 come from the same bytes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docpipe.errors import Problem
from docpipe.i18n import N_, _, decimal
from docpipe.merge.errors import DataError
from docpipe.merge.rows import Row, is_empty
from docpipe.merge.table import csv_rows, xlsx_rows
from docpipe.sources.document import Document
from docpipe.sources.files import MAX_FILE_BYTES, TooLarge, decode, read_at_most
from docpipe.sources.json import parse_json
from docpipe.sources.limits import spaced
from docpipe.sources.yaml import parse_yaml
from docpipe.sources.zipguard import MAX_WORKBOOK_BYTES

DATA_SUFFIXES = (".csv", ".xlsx", ".json", ".yaml", ".yml")
_WORKBOOK = ".xlsx"
_TABLES = (".csv", ".xlsx")
_MB = 1024 * 1024
# A case file's cap (sources.MAX_NODES, 50 000) is far too small for a list of thousands of rows; the
# 5 MB size limit alone is too loose (a 5 MB list holds over a million values, and reading that many
# the slow way costs a minute and a gigabyte). 250 000 values (keys count too) are about 12 000
# letters of ten fields, and are read in seconds; a CSV or workbook has no such cap.
MAX_LIST_VALUES = 250_000
_KINDS: tuple[tuple[type, str], ...] = ((dict, N_("an object (mapping)")), (list, N_("a list")), (str, N_("text")),
                                        (int, N_("a number")), (float, N_("a number")))


def read_rows(path: str | Path) -> list[Row]:
    """The data rows of a .csv, .xlsx, .json or .yaml/.yml file; DataError when it cannot be read.

    Rows without any value are skipped (spreadsheets often end in empty, formatted rows); an empty
    cell or ``null`` becomes empty text, because "None" in a letter is never what anyone wants.
    """
    source = Path(path)
    return parse_rows(source, read_data(source))


def read_data(path: Path) -> bytes:
    """The bytes of a data file; DataError when its kind is not one merge reads, it is too large or unreadable."""
    suffix = path.suffix.lower()
    if suffix not in DATA_SUFFIXES:
        raise DataError(path, _("docpipe merge reads {suffixes} files; save the list as one of these (in Excel: "
                                "Save as > Excel workbook or CSV UTF-8)").format(suffixes=", ".join(DATA_SUFFIXES)))
    limit = MAX_WORKBOOK_BYTES if suffix == _WORKBOOK else MAX_FILE_BYTES
    try:
        return read_at_most(path, limit)
    except TooLarge as error:
        raise DataError(path, _("is {size} MB; docpipe merge reads at most {limit} MB from a {suffix} file").format(
            size=decimal(error.size / _MB), limit=limit // _MB, suffix=suffix)) from error
    except (OSError, RuntimeError) as error:  # RuntimeError: a loop of links, before Python 3.13
        reason = getattr(error, "strerror", None) or error
        raise DataError(path, _("cannot be read: {reason}").format(reason=reason)) from error


def parse_rows(path: Path, data: bytes) -> list[Row]:
    """The rows of ``data``, read as the kind of file ``path``'s suffix names; DataError when there are none."""
    suffix = path.suffix.lower()
    rows = xlsx_rows(path, data) if suffix == _WORKBOOK else _text_rows(path, suffix, decoded(path, data))
    if not rows:
        raise DataError(path, _("holds no data rows below the field names") if suffix in _TABLES
                        else _("holds no data rows"))
    return rows


def decoded(path: Path, data: bytes) -> str:
    """The text of a data file; DataError with the line when it is not UTF-8 (Excel's CSV often is not)."""
    text, problem = decode(str(path), data)
    if text is not None:
        return text
    message = problem.message if problem is not None else _("is not UTF-8 text")
    if path.suffix.lower() == ".csv":
        message = _("{message}; in Excel: Save as > CSV UTF-8").format(message=message)
    raise DataError(path, message, problem.line if problem is not None else None)


def _text_rows(path: Path, suffix: str, text: str) -> list[Row]:
    if suffix == ".csv":
        return csv_rows(path, text)
    if suffix == ".json":
        return _list_rows(path, _document(path, parse_json(str(path), text, MAX_LIST_VALUES, _too_many)),
                          N_("a list of objects ([{...}, {...}])"), N_("an object"))
    return _list_rows(path, _document(path, parse_yaml(str(path), text, MAX_LIST_VALUES, _too_many)),
                      N_("a list of mappings (- name: value)"), N_("a mapping"))


def _too_many(aliased: bool, limit: int) -> str:
    """For a data list of more than ``limit`` values (``aliased``: counted as its aliases expand)."""
    if aliased:
        return _("holds more than {limit} values once its anchors (&name) and aliases (*name) are expanded; "
                 "docpipe merge reads at most that many from a data list, so the file is refused").format(
            limit=spaced(limit))
    return _("holds more than {limit} values; docpipe merge reads at most that many from a JSON or YAML list, so "
             "the file is refused; split it, or save the list as CSV or Excel, which have no such limit").format(
        limit=spaced(limit))


def _document(path: Path, parsed: tuple[Document | None, list[Problem]]) -> Document:
    """The document a source reader made; DataError for its first problem (a duplicate key too)."""
    document, problems = parsed
    if problems:
        raise DataError.of_problems(problems)
    if document is None:
        raise DataError(path, _("cannot be read"))
    return document


def _list_rows(path: Path, document: Document, expected: str, item_kind: str) -> list[Row]:
    """Rows of a list of mappings, numbered by their position in the list (from 1)."""
    data = document.data
    if not isinstance(data, list):
        raise DataError(path, _("must hold {expected}, but holds {kind}").format(expected=_(expected),
                                                                                kind=_kind(data)))
    rows = []
    for index, item in enumerate(data):
        if not isinstance(item, dict):
            raise DataError(path, _("item {number} is {kind}, not {item_kind}").format(
                number=index + 1, kind=_kind(item), item_kind=_(item_kind)), document.line_of((index,)))
        if not all(is_empty(value) for value in item.values()):
            rows.append(Row(index + 1, {str(name): "" if value is None else value for name, value in item.items()}))
    return rows


def _kind(value: Any) -> str:
    """What a value is, in the words of the messages (``text``, ``a list``)."""
    if value is None:
        return _("nothing (null)")
    if isinstance(value, bool):
        return _("true/false")
    return next((_(kind) for type_, kind in _KINDS if isinstance(value, type_)), type(value).__name__)
