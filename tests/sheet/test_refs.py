"""Cell references agree with openpyxl's, and rendering does not import openpyxl."""

from __future__ import annotations

import subprocess
import sys

import pytest
from openpyxl.utils import column_index_from_string, get_column_letter, range_boundaries

from docpipe.sheet.refs import MAX_COLUMN, column_index, column_letter, range_columns, split_ref


def test_every_column_letter_is_openpyxls() -> None:
    for index in range(1, MAX_COLUMN + 1):
        letters = column_letter(index)
        assert letters == get_column_letter(index)
        assert column_index(letters) == column_index_from_string(letters) == index


@pytest.mark.parametrize("index", [0, -1, MAX_COLUMN + 1])
def test_columns_outside_excel_are_refused(index: int) -> None:
    with pytest.raises(ValueError, match="outside"):
        column_letter(index)


@pytest.mark.parametrize("ref", ["A1", "M2:M16", "$B$3:$D$9", "AA10", "C:E", "XFD1048576", "a5:b6"])
def test_range_columns_are_openpyxls(ref: str) -> None:
    min_column, _, max_column, _ = range_boundaries(ref.upper())
    assert range_columns(ref) == (min_column, max_column)


def test_split_ref() -> None:
    assert split_ref("$AB$12") == (28, 12)
    assert split_ref("C") == (3, None) and split_ref("7") == (None, 7)
    with pytest.raises(ValueError, match="not a cell reference"):
        split_ref("A1B")


def test_rendering_does_not_import_openpyxl() -> None:
    """openpyxl (and NumPy through it) would add about 0.3 s to every start and every batch worker."""
    code = ("import sys, docpipe.batch, docpipe.render.case, docpipe.cli; "
            "print(sorted(name for name in ('openpyxl', 'numpy') if name in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
