"""Mail merge: one Word document per row of a list, from a template the user already has.

People who own a Word template (docxtpl's tag language) and a spreadsheet with one row per
municipality or recipient want one document per row, named after the row, without learning
docpipe's case format. This module is that job as a library; ``docpipe merge`` only parses
arguments and prints. The promises, and why:

- **Nothing half-done.** The template, the name pattern and the data file are read and checked
  before anything is written, so a broken template or an unreadable list fails at once with a
  message naming the file. Each document is rendered to bytes first and written atomically, so a
  failing row leaves no file behind, and a crash never leaves half a document.
- **One bad row does not stop the others.** A row whose values the template cannot use (a name
  the row lacks with ``strict=True``, a character Word cannot store, an expression that fails on
  its values) is reported with its row number and, when known, the field, and the merge goes on.
- **Row numbers as the user sees them**: the spreadsheet row (the header is row 1, so the first
  data row is 2) for .xlsx and .csv, the 1-based position in the list for .json and .yaml. That
  number is what a civil servant looks for in Excel when a message names a row.
- **Every field is reachable.** Column headers such as "Navn på kommune" are not template names,
  so each row is also given whole as ``row``: ``{{ row["Navn på kommune"] }}``.
- **A manifest** (``DIR/manifest.json``, see docpipe.output.manifest) records which template and list
  made the folder and every file's sha256, so the output can be checked and reproduced later.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import difflib
import io
import json
import os
import re
import unicodedata
import zipfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import jinja2
import yaml
from jinja2.sandbox import SandboxedEnvironment

from docpipe.errors import DocpipeError, OutputError, TemplateError
from docpipe.output.manifest import Entry, FileRecord, InputRecord, Manifest, current_version, sha256_bytes
from docpipe.output.pdf import LIBREOFFICE_HINT as LIBREOFFICE_HINT  # re-exported: merge callers know it from here
from docpipe.output.pdf import convert_to_pdf
from docpipe.output.pdf import find_soffice as find_soffice
from docpipe.output.write import remove_stale_temporaries, write_atomically
from docpipe.sources.characters import FORBIDDEN, forbidden_character_message, shorten
from docpipe.word import WordTemplate

DATA_SUFFIXES = (".csv", ".xlsx", ".json", ".yaml", ".yml")
DOCX = ".docx"
MAX_NAME_BYTES = 180
"""Longest file name stem, in UTF-8 bytes: file systems allow 255, and room is needed for ``-12``,
``.docx`` and the temporary name write_atomically uses while writing."""

_WINDOWS_RESERVED_CHARACTERS = frozenset('/\\<>:"|?*')
_WINDOWS_RESERVED_NAMES = frozenset(
    ["CON", "PRN", "AUX", "NUL"] + [f"{kind}{digit}" for kind in ("COM", "LPT") for digit in "123456789¹²³"])
_UNDEFINED_NAME = re.compile(r"'(?P<name>[^']+)' is undefined|has no attribute '(?P<attribute>[^']+)'")
_CSV_SAMPLE = 64 * 1024
_EXPRESSION_ERRORS = (ArithmeticError, LookupError, AttributeError, TypeError, ValueError)

Status = Literal["ok", "failed"]


class DataError(DocpipeError):
    """A data file that cannot be read as a list of rows; names the file and says what is wrong."""

    def __init__(self, path: Path | str, message: str) -> None:
        self.path = str(path)
        super().__init__(f"{path}: {message}")


class NamePatternError(DocpipeError):
    """A ``--name`` pattern that is not valid Jinja; a usage mistake, reported before any work."""


@dataclass(frozen=True)
class Row:
    """One data row: its number as the user counts it, and its fields in the file's column order."""

    number: int
    fields: dict[str, Any]


@dataclass(frozen=True)
class RowResult:
    """What became of one row: ``ok`` with the files written, or ``failed`` with a message.

    ``error`` names the row number (and the field when known) so it can be printed on its own;
    ``field`` is that field's name for tools that want it separately.
    """

    number: int
    status: Status
    files: tuple[Path, ...] = ()
    error: str | None = None
    field: str | None = None

    @property
    def document(self) -> Path | None:
        """The .docx written for the row, if any."""
        return next((path for path in self.files if path.suffix == DOCX), None)


@dataclass(frozen=True)
class MergeResult:
    """The outcome of a merge: one RowResult per data row, the manifest, and a note about PDFs."""

    template: Path
    data: Path
    out_dir: Path
    rows: tuple[RowResult, ...]
    manifest: Path
    pdf_requested: bool = False
    pdf_note: str | None = None

    @property
    def ok(self) -> int:
        return sum(result.status == "ok" for result in self.rows)

    @property
    def failed(self) -> int:
        return len(self.rows) - self.ok

    @property
    def succeeded(self) -> bool:
        """True when every row was written (exit code 0)."""
        return self.failed == 0

    @property
    def errors(self) -> list[RowResult]:
        return [result for result in self.rows if result.status == "failed"]

    def summary(self) -> dict[str, Any]:
        """The JSON-ready summary ``docpipe merge --json`` prints."""
        pdfs = sum(path.suffix == ".pdf" for result in self.rows for path in result.files)
        return {
            "template": str(self.template),
            "data": str(self.data),
            "out_dir": str(self.out_dir),
            "manifest": str(self.manifest),
            "rows": len(self.rows),
            "ok": self.ok,
            "failed": self.failed,
            "errors": [{"row": result.number, "field": result.field, "message": result.error}
                       for result in self.errors],
            "pdf": {"made": pdfs, "note": self.pdf_note} if self.pdf_requested else None,
        }


Progress = Callable[[int, int, RowResult], None]
"""Called after each row with (rows done, rows in total, that row's result)."""


# --- reading the data ---------------------------------------------------------------------------


def read_rows(path: str | Path) -> list[Row]:
    """The data rows of a .csv, .xlsx, .json or .yaml/.yml file; DataError when it cannot be read.

    Rows without any value are skipped (spreadsheets often end in empty, formatted rows); an empty
    cell or ``null`` becomes empty text, because "None" in a letter is never what anyone wants.
    """
    source = Path(path)
    return _parse_rows(source, _read_bytes(source))


def _read_bytes(path: Path) -> bytes:
    if path.suffix.lower() not in DATA_SUFFIXES:
        raise DataError(path, f"docpipe merge reads {', '.join(DATA_SUFFIXES)} files; save the list as one of "
                        "these (in Excel: Save as > Excel workbook or CSV UTF-8)")
    try:
        return path.read_bytes()
    except OSError as error:
        raise DataError(path, f"cannot be read: {error.strerror or error}") from error


def _parse_rows(path: Path, data: bytes) -> list[Row]:
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        rows = _xlsx_rows(path, data)
    elif suffix == ".csv":
        rows = _csv_rows(path, _decode(path, data))
    elif suffix == ".json":
        rows = _json_rows(path, _decode(path, data))
    else:
        rows = _yaml_rows(path, _decode(path, data))
    if not rows:
        raise DataError(path, "holds no data rows" + (" below the field names" if suffix in (".csv", ".xlsx") else ""))
    return rows


def _decode(path: Path, data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise DataError(path, f"is not UTF-8 text (byte 0x{data[error.start]:02x} at position {error.start + 1}); "
                        "save it as UTF-8 (in Excel: Save as > CSV UTF-8)") from error


def _csv_rows(path: Path, text: str) -> list[Row]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=detect_delimiter(text))
    try:
        records = list(reader)
    except csv.Error as error:
        raise DataError(path, f"is not valid CSV (line {reader.line_num}: {error})") from error
    return _table_rows(path, enumerate(records, start=1))


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


def _xlsx_rows(path: Path, data: bytes) -> list[Row]:
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise DataError(path, f"is not an Excel workbook (.xlsx) docpipe can read: {error}") from error
    try:
        if not workbook.worksheets:
            raise DataError(path, "has no worksheet")
        sheet = workbook.worksheets[0]
        sheet.reset_dimensions()  # some writers store wrong dimensions; read every row there is
        return _table_rows(path, enumerate(sheet.iter_rows(values_only=True), start=1))
    finally:
        workbook.close()


def _table_rows(path: Path, records: Iterable[tuple[int, Sequence[Any]]]) -> list[Row]:
    """Rows of a table whose first non-empty row holds the field names (CSV and sheets)."""
    names: list[str] | None = None
    rows: list[Row] = []
    for number, record in records:
        if all(_is_empty(value) for value in record):
            continue
        if names is None:
            names = _field_names(path, number, record)
            continue
        fields = {name: _cell_value(value) for name, value in zip(names, record, strict=False) if name}
        fields.update({name: "" for name in names[len(record):] if name})
        rows.append(Row(number, fields))
    return rows


def _field_names(path: Path, number: int, record: Sequence[Any]) -> list[str]:
    names = ["" if value is None else str(value).strip() for value in record]
    seen: set[str] = set()
    for name in names:
        if name and name in seen:
            raise DataError(path, f'row {number} names the field "{name}" twice; field names must be unique')
        seen.add(name)
    return names


def _is_empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _cell_value(value: Any) -> Any:
    """Empty cells become empty text; a date-time at midnight is the date a sheet cell shows."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime) and value.time() == dt.time(0) and value.tzinfo is None:
        return value.date()
    return value


def _json_rows(path: Path, text: str) -> list[Row]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise DataError(path, f"is not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})") from error
    return _list_rows(path, data, "a list of objects ([{...}, {...}])", "an object")


def _yaml_rows(path: Path, text: str) -> list[Row]:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 1}: " if mark is not None else ""
        problem = getattr(error, "problem", None) or str(error)
        raise DataError(path, f"is not valid YAML ({where}{problem})") from error
    return _list_rows(path, data, "a list of mappings (- name: value)", "a mapping")


def _list_rows(path: Path, data: Any, expected: str, item_kind: str) -> list[Row]:
    if not isinstance(data, list):
        raise DataError(path, f"must hold {expected}, but holds {_kind(data)}")
    rows = []
    for number, item in enumerate(data, start=1):
        if not isinstance(item, dict):
            raise DataError(path, f"item {number} is {_kind(item)}, not {item_kind}")
        if all(_is_empty(value) for value in item.values()):
            continue
        rows.append(Row(number, {str(name): "" if value is None else value for name, value in item.items()}))
    return rows


def _kind(value: Any) -> str:
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return "true/false"
    kinds = {dict: "an object (mapping)", list: "a list", str: "text", int: "a number", float: "a number"}
    return next((kind for type_, kind in kinds.items() if isinstance(value, type_)), type(value).__name__)


# --- the context and the file names -------------------------------------------------------------


def row_context(row: Row) -> dict[str, Any]:
    """What the template (and the name pattern) sees for a row.

    Fields whose names are valid names (``Kommune``, ``kommune_kode``) are top-level; every field,
    whatever its name, is in ``row`` (``row["Navn på kommune"]``); ``row_number`` is the row's
    number. ``row`` and ``row_number`` win over fields of the same name, which stay in ``row``.
    """
    context = {name: value for name, value in row.fields.items() if name.isidentifier()}
    context["row"] = dict(row.fields)
    context["row_number"] = row.number
    return context


_NAME_ENVIRONMENT = SandboxedEnvironment(undefined=jinja2.StrictUndefined, autoescape=False)


def compile_name_pattern(pattern: str) -> jinja2.Template:
    """The Jinja template of ``--name``; NamePatternError when it is not valid Jinja."""
    try:
        return _NAME_ENVIRONMENT.from_string(pattern)
    except jinja2.TemplateSyntaxError as error:
        raise NamePatternError(f"the name pattern {pattern!r} is not valid Jinja: {error.message}") from error


def safe_file_name(name: str) -> str:
    """``name`` made safe as one file name in a folder, on Linux, macOS and Windows alike.

    Letters of every script are kept (æøå included: "Halsnæs Kommune.docx" is what the reader
    expects, every current file system stores it, and safe_folder_name's ASCII spelling is for
    folder names used in scripts and URLs). Path separators and the characters Windows reserves
    (``/ \\ < > : " | ? *``) become ``-``, so a name can never point outside the folder; control and
    format characters (line breaks, bidi overrides that could disguise an extension) and unusual
    spaces become one space; leading dots, dashes and spaces (hidden files, ``..``, option-like
    names) and trailing dots and spaces (which Windows drops) are removed; Windows' device names
    (CON, NUL, COM1 ...) get a ``_``; the result is NFC and at most MAX_NAME_BYTES long. May be empty.
    """
    characters = []
    for character in unicodedata.normalize("NFC", name):
        category = unicodedata.category(character)
        if character in _WINDOWS_RESERVED_CHARACTERS:
            characters.append("-")
        elif category[0] in "CZ":
            characters.append(" ")
        else:
            characters.append(character)
    text = _trim(" ".join("".join(characters).split()))
    encoded = text.encode("utf-8")
    if len(encoded) > MAX_NAME_BYTES:
        text = _trim(encoded[:MAX_NAME_BYTES].decode("utf-8", "ignore"))
    first, dot, rest = text.partition(".")
    if first.upper() in _WINDOWS_RESERVED_NAMES:
        text = f"{first}_{dot}{rest}"
    return text


def _trim(text: str) -> str:
    return text.lstrip(" .-").rstrip(" .")


def document_file_name(rendered: str, fallback: str) -> str:
    """The .docx file name for a rendered name pattern: made safe, ``.docx`` added unless present.

    Only ``.docx`` counts as the extension: "Aftale 1.2" becomes "Aftale 1.2.docx", and a pattern
    cannot give a Word document another type's extension. An empty result falls back to ``fallback``.
    """
    stem = rendered.strip()
    if stem.lower().endswith(DOCX):
        stem = stem[: -len(DOCX)]
    return (safe_file_name(stem) or fallback) + DOCX


class UniqueNames:
    """Hands out file names unique within one merge, ``-2``, ``-3`` ... appended on a clash.

    Names are compared case-insensitively, as Windows and macOS do, so "Aarhus.docx" and
    "aarhus.docx" cannot overwrite each other there. Files already in the folder from an earlier
    run do not count: running the same merge again replaces its own output instead of piling up
    "-2" copies.
    """

    def __init__(self) -> None:
        self._taken: set[str] = set()

    def claim(self, file_name: str) -> str:
        stem, suffix = os.path.splitext(file_name)
        candidate, counter = file_name, 2
        while candidate.casefold() in self._taken:
            candidate, counter = f"{stem}-{counter}{suffix}", counter + 1
        self._taken.add(candidate.casefold())
        return candidate


# --- merging ------------------------------------------------------------------------------------


def merge(template_path: str | Path, data_path: str | Path, out_dir: str | Path, name_pattern: str | None = None,
          strict: bool = False, progress: Progress | None = None, pdf: bool = False) -> MergeResult:
    """Write one document per data row into ``out_dir`` and ``out_dir/manifest.json``.

    Raises NamePatternError, TemplateError or DataError, before anything is written, when the
    pattern, the template or the data cannot be used; OutputError when the folder or the manifest
    cannot be written. A row that fails is reported in the result and does not stop the others.
    ``pdf=True`` also converts the documents with LibreOffice when it is installed (see
    docpipe.output.pdf.convert_to_pdf: PDF/A-2b beside each document); when it is not, ``pdf_note`` says
    how to install it and the .docx files stand.
    """
    template_file, data_file, folder = Path(template_path), Path(data_path), Path(out_dir)
    pattern = compile_name_pattern(name_pattern) if name_pattern is not None else None
    template_bytes = _read_template(template_file)
    template = WordTemplate.from_bytes(template_bytes, template_file.name, strict=strict)
    data_bytes = _read_bytes(data_file)
    rows = _parse_rows(data_file, data_bytes)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OutputError(str(folder), error.strerror or str(error)) from error
    remove_stale_temporaries(folder)

    names = UniqueNames()
    for source in (template_file, data_file):  # never overwrite the inputs when they lie in the output folder
        if _same_folder(source.parent, folder):
            names.claim(source.name)
    results: list[RowResult] = []
    for row in rows:
        results.append(_merge_row(template, row, pattern, folder, names))
        if progress is not None:
            progress(len(results), len(rows), results[-1])

    pdf_note = None
    if pdf:
        results, pdf_note = _add_pdfs(results, folder)
    manifest = Manifest(
        command="merge",
        version=current_version(),
        inputs={"template": InputRecord(str(template_file), sha256_bytes(template_bytes)),
                "data": InputRecord(str(data_file), sha256_bytes(data_bytes))},
        entries=[Entry({"row": result.number}, result.status, [result.error] if result.error else [],
                       [FileRecord.of(path, folder) for path in result.files]) for result in results],
        options={"name": name_pattern, "strict": strict, "pdf": pdf},
    )
    return MergeResult(template_file, data_file, folder, tuple(results), manifest.write(folder), pdf, pdf_note)


def _same_folder(first: Path, second: Path) -> bool:
    try:
        return first.resolve() == second.resolve()
    except (OSError, RuntimeError):
        return False


def _read_template(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise TemplateError(path.name, f"cannot be read: {error.strerror or error}") from error


def _merge_row(template: WordTemplate, row: Row, pattern: jinja2.Template | None, folder: Path,
               names: UniqueNames) -> RowResult:
    context = row_context(row)
    try:
        rendered_name = pattern.render(context) if pattern is not None else str(row.number)
    except (jinja2.TemplateError, *_EXPRESSION_ERRORS) as error:
        field = _undefined_field(error)
        return _failed(row, f"the name pattern: {_error_text(error)}{_field_hint(row, field)}", field)
    # claimed before rendering, so fixing an earlier failing row never renames a later one
    file_name = names.claim(document_file_name(rendered_name, str(row.number)))

    unstorable = _unstorable_fields(row)
    try:
        document = template.render(context)
    except TemplateError as error:
        field = _undefined_field(error)
        if field is None and unstorable and isinstance(error.__cause__, ValueError | UnicodeError):
            field = unstorable[0][0]  # WordTemplate refused a character Word cannot store: name its field
        return _failed(row, f"{error}{_field_hint(row, field)}", field)
    except UnicodeError:  # a lone surrogate, e.g. from "\ud800" in JSON, cannot be encoded
        return _unstorable_failure(row, unstorable)
    except _EXPRESSION_ERRORS as error:
        return _failed(row, f"template {template.name}: {_error_text(error)}", None)
    if unstorable and _holds_forbidden_character(document):
        return _unstorable_failure(row, unstorable)

    target = folder / file_name
    if target.parent != folder or target.name != file_name:  # safe_file_name makes this impossible
        return _failed(row, f"the name {file_name!r} points outside {folder}", None)
    try:
        write_atomically(target, document)
    except OutputError as error:
        return _failed(row, str(error), None)
    return RowResult(row.number, "ok", (target,))


def _failed(row: Row, message: str, field: str | None) -> RowResult:
    """A failed row; characters no terminal or JSON file can hold are shown as U+FFFD in the message."""
    where = f'row {row.number}, field "{field}"' if field else f"row {row.number}"
    return RowResult(row.number, "failed", error=FORBIDDEN.sub("\ufffd", f"{where}: {message}"), field=field)


def _error_text(error: BaseException) -> str:
    message = getattr(error, "message", None) or str(error)
    return message if isinstance(error, jinja2.TemplateError) else f"{type(error).__name__}: {message}"


def _undefined_field(error: BaseException) -> str | None:
    """The name an UndefinedError complains about (``'Kommune' is undefined``), if that is the error."""
    cause = error if isinstance(error, jinja2.UndefinedError) else error.__cause__
    if not isinstance(cause, jinja2.UndefinedError):
        return None
    match = _UNDEFINED_NAME.search(cause.message or "")
    return (match.group("name") or match.group("attribute")) if match else None


def _field_hint(row: Row, field: str | None) -> str:
    if field is None or field in row.fields:
        return ""
    folded = {name.casefold(): name for name in row.fields}
    close = folded.get(field.casefold()) or next(iter(difflib.get_close_matches(field, row.fields, n=1)), None)
    return f'; this row has no field "{field}"' + (f' (did you mean "{close}"?)' if close else "")


def _unstorable_fields(row: Row) -> list[tuple[str, str]]:
    """(field, text) for values holding characters Word cannot store (checked only when present)."""
    found = []
    for name, value in row.fields.items():
        text = next((text for text in _texts(value) if FORBIDDEN.search(text)), None)
        if text is not None:
            found.append((name, text))
    return found


def _texts(value: Any) -> Iterable[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, Mapping):
        for key, item in value.items():
            yield from _texts(key)
            yield from _texts(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _texts(item)


def _holds_forbidden_character(document: bytes) -> bool:
    """Whether a rendered document's XML holds a character Word cannot open (from a row's value)."""
    with zipfile.ZipFile(io.BytesIO(document)) as package:
        return any(FORBIDDEN.search(package.read(member).decode("utf-8", "replace"))
                   for member in package.namelist() if member.endswith((".xml", ".rels")))


def _unstorable_failure(row: Row, unstorable: list[tuple[str, str]]) -> RowResult:
    name, text = unstorable[0]
    message = forbidden_character_message(text) or "holds a character Word cannot store"
    return _failed(row, f"the value “{shorten(text)}” {message}", name)


# --- PDF ----------------------------------------------------------------------------------------


def _add_pdfs(results: list[RowResult], folder: Path) -> tuple[list[RowResult], str | None]:
    soffice = find_soffice()
    if soffice is None:
        return results, LIBREOFFICE_HINT
    documents = [result.document for result in results if result.document is not None]
    outcome = convert_to_pdf(documents, soffice=soffice)
    updated = []
    for result in results:
        made = outcome.get(result.document) if result.document is not None else None
        if isinstance(made, Path):
            result = dataclasses.replace(result, files=(*result.files, made))
        elif isinstance(made, str):
            result = dataclasses.replace(result, status="failed", error=f"row {result.number}: PDF: {made}")
        updated.append(result)
    return updated, None
