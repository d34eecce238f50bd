"""``merge --redline-against OLD_DATA --key COLUMN``: each row's document redlined against its old row.

A letter sent to every municipality last month, sent again with new figures: the rows of the old
list are matched to the new by the key column (the municipality's name or code), never by position,
so a row added or removed in the middle changes nothing for the others. A new row with no old
counterpart is all inserted. Checked before anything is written: the key must be in both lists and
name each old row once.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docpipe.i18n import _
from docpipe.merge.errors import DataError
from docpipe.merge.read import parse_rows, read_data
from docpipe.merge.rows import Row, is_empty


def old_rows_by_key(path: Path, key: str, new_rows: list[Row], new_path: Path) -> dict[str, Row]:
    """The old list's rows by their key's value; DataError for a missing key column or a repeated key."""
    old_rows = parse_rows(path, read_data(path))
    for rows, where in ((old_rows, path), (new_rows, new_path)):
        if rows and key not in rows[0].fields:
            raise DataError(where, _('has no column "{key}" to match rows by; its columns: {columns}').format(
                key=key, columns=", ".join(rows[0].fields)), field=key)
    found: dict[str, Row] = {}
    for row in old_rows:
        value = key_value(row, key)
        if value in found:
            raise DataError(path, _('"{value}" is in rows {first} and {second}; the key must name each row '
                                    "once").format(value=value, first=found[value].number, second=row.number),
                            row.number, key)
        if value:
            found[value] = row
    return found


def key_value(row: Row, key: str) -> str:
    """The row's key as text ("" when empty): 260 and "260" are the same municipality."""
    value: Any = row.fields.get(key)
    return "" if is_empty(value) else str(value).strip()
