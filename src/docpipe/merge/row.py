"""One row's document: rendered to bytes, checked, and written atomically, or a failure that says why.

A row whose values the template cannot use (a name the row lacks with ``strict=True``, a character
Word cannot store, an expression that fails on its values) becomes a failed RowResult naming its
row number and, when known, the field; the merge goes on with the next row. Nothing is written for
a failed row, and a crash never leaves half a document (docpipe.output.write.write_atomically).
"""

from __future__ import annotations

import difflib
import io
import re
import zipfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

from docpipe.errors import OutputError, TemplateError
from docpipe.i18n import _
from docpipe.merge.against import key_value
from docpipe.merge.names import UniqueNames, document_file_name
from docpipe.merge.result import RowResult
from docpipe.merge.rows import Row, row_context
from docpipe.output.write import write_atomically
from docpipe.sources.characters import FORBIDDEN, forbidden_character_message, shorten
from docpipe.word import WordTemplate

_UNDEFINED_NAME = re.compile(r"'(?P<name>[^']+)' is undefined|has no attribute '(?P<attribute>[^']+)'")
_EXPRESSION_ERRORS = (ArithmeticError, LookupError, AttributeError, TypeError, ValueError)


@dataclass(frozen=True)
class Against:
    """The old list's rows by key: each row's document is redlined against its old row's."""

    rows: dict[str, Row]
    key: str

    def old_context(self, row: Row) -> dict[str, Any] | None:
        """What the template saw for this row's old version; None for a row the old list lacks."""
        old = self.rows.get(key_value(row, self.key))
        return row_context(old) if old is not None else None


def merged_row(template: WordTemplate, row: Row, pattern: jinja2.Template | None, folder: Path,
               names: UniqueNames, against: Against | None = None) -> RowResult:
    """The row's document written into ``folder`` (``ok``), or why it could not be (``failed``)."""
    context = row_context(row)
    try:
        rendered_name = pattern.render(context) if pattern is not None else str(row.number)
    except (jinja2.TemplateError, *_EXPRESSION_ERRORS) as error:
        field = _undefined_field(error)
        return failed(row, _("the name pattern: {reason}").format(reason=_error_text(error))
                      + _field_hint(row, field), field)
    # claimed before rendering, so fixing an earlier failing row never renames a later one
    file_name = names.claim(document_file_name(rendered_name, str(row.number)))
    document = _rendered(template, row, context, against)
    if isinstance(document, RowResult):
        return document
    target = folder / file_name
    if target.parent != folder or target.name != file_name:  # safe_file_name makes this impossible
        return failed(row, _("the name {name} points outside {folder}").format(name=repr(file_name), folder=folder),
                      None)
    try:
        write_atomically(target, document)
    except OutputError as error:
        return failed(row, str(error), None)
    return RowResult(row.number, "ok", (target,))


def failed(row: Row, message: str, field: str | None) -> RowResult:
    """A failed row; characters no terminal or JSON file can hold are shown as U+FFFD in the message."""
    where = (_('row {number}, field "{field}"').format(number=row.number, field=field) if field
             else _("row {number}").format(number=row.number))
    return RowResult(row.number, "failed", error=FORBIDDEN.sub("\ufffd", f"{where}: {message}"), field=field)


def _rendered(template: WordTemplate, row: Row, context: dict[str, Any],
              against: Against | None = None) -> bytes | RowResult:
    """The row's document as bytes, or the failed RowResult saying why it cannot be rendered."""
    unstorable = _unstorable_fields(row)
    try:
        document = (template.render(context) if against is None
                    else template.redline(against.old_context(row), context))
    except TemplateError as error:
        field = _undefined_field(error)
        if field is None and unstorable and isinstance(error.__cause__, ValueError | UnicodeError):
            field = unstorable[0][0]  # WordTemplate refused a character Word cannot store: name its field
        return failed(row, f"{error}{_field_hint(row, field)}", field)
    except UnicodeError:  # a lone surrogate, e.g. from "\ud800" in JSON, cannot be encoded
        return _unstorable_failure(row, unstorable)
    except _EXPRESSION_ERRORS as error:
        return failed(row, _("template {template}: {reason}").format(template=template.name,
                                                                     reason=_error_text(error)), None)
    if unstorable and _holds_forbidden_character(document):
        return _unstorable_failure(row, unstorable)
    return document


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
    """``; this row has no field "X" (did you mean "x"?)`` when the row lacks ``field``, else nothing."""
    if field is None or field in row.fields:
        return ""
    folded = {name.casefold(): name for name in row.fields}
    close = folded.get(field.casefold()) or next(iter(difflib.get_close_matches(field, row.fields, n=1)), None)
    if close:
        return _('; this row has no field "{field}" (did you mean "{close}"?)').format(field=field, close=close)
    return _('; this row has no field "{field}"').format(field=field)


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
    if not unstorable:
        return failed(row, _("holds a character Word cannot store"), None)
    name, text = unstorable[0]
    message = forbidden_character_message(text) or _("holds a character Word cannot store")
    return failed(row, _("the value “{value}” {reason}").format(value=shorten(text), reason=message), name)
