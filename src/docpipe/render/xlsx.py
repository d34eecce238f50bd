"""Excel rendering: a copy of the template workbook filled by the deliverable, saved deterministically.

This is the only module that knows openpyxl's loading and saving; it also owns the rule that user
text is never a formula.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.cell.cell import Cell

from docpipe.model import Case
from docpipe.output.package import DocumentProperties, normalise_package


@cache
def _template_bytes(path: Path) -> bytes:
    return path.read_bytes()


def render_xlsx(template: Path, fill: Callable[[Any, Case], None], case: Case,
                properties: DocumentProperties) -> bytes:
    """The finished workbook: the template filled by ``fill``, with fixed properties and zip times."""
    workbook = load_workbook(io.BytesIO(_template_bytes(template)))
    fill(workbook, case)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return normalise_package(buffer.getvalue(), properties)


def set_text(cell: Cell, value: str) -> None:
    """Store ``value`` as text, even when it starts with = + - @ (no formula injection)."""
    cell.value = value
    cell.data_type = "s"
