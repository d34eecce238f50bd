"""Sheet helpers the Excel deliverables share: named styles, table writing, row heights, page header.

The named styles are defined by the template workbooks (``python -m tools.templates.xlsx``); the
deliverables only refer to them by name, so restyling a template restyles every workbook.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from docpipe import danish
from docpipe.model import Case
from docpipe.sheet.fill import CellValue, SheetFill
from docpipe.sheet.refs import column_letter

HEADER_STYLE = "Kolonneoverskrift"
TEXT_STYLE = "Tabeltekst"
CENTRED_STYLE = "Tabeltekst centreret"
DATE_STYLE = "Dato"
LONG_DATE_STYLE = "Dato lang"
NUMBER_STYLE = "Tal"

# Estimating row heights: Excel does not fit wrapped rows itself when it opens a file.
LINE_HEIGHT_PT = 12.0
CHARS_PER_WIDTH_UNIT = 1.15


@dataclass(frozen=True)
class Column:
    """One column of a table sheet: its header, width (Excel character units) and data style."""

    header: str
    width: float
    style: str = TEXT_STYLE


def write_table(sheet: SheetFill, columns: Sequence[Column], rows: Sequence[Sequence[CellValue]],
                header_row: int = 1) -> None:
    """Write ``rows`` under the template's header row and stretch its filter and validations over them."""
    for offset, values in enumerate(rows, start=1):
        row = header_row + offset
        for column, (spec, value) in enumerate(zip(columns, values, strict=True), start=1):
            sheet.put(row, column, value, spec.style)
        texts = [(value, spec.width) for spec, value in zip(columns, values, strict=True) if isinstance(value, str)]
        sheet.set_row_height(row, fit_height(texts))
    last_row = header_row + max(len(rows), 1)
    sheet.set_auto_filter(f"A{header_row}:{column_letter(len(columns))}{last_row}")
    sheet.stretch_rules(header_row + 1, last_row)


def fit_height(texts: Iterable[tuple[str, float]]) -> float:
    """A row height (points) that shows every wrapped text in full, estimated from text length."""
    lines = max((_line_count(text, width) for text, width in texts), default=1)
    return LINE_HEIGHT_PT * max(lines, 1) + 4


def _line_count(text: str, width: float) -> int:
    per_line = max(int(width * CHARS_PER_WIDTH_UNIT), 1)
    return sum(max(math.ceil(len(line) * 1.08 / per_line), 1) for line in text.split("\n"))


HEADER_FONT = '&"Arial,Regular"&8'
HEADER_TITLE_CHARS = 90  # Excel allows 255 characters for a whole header


def set_page_header(sheet: SheetFill, case: Case) -> None:
    """The printed page's letterhead, like the Word documents': the organisation and the initiative's
    title left, the sagsnummer right, and UDKAST under it while the case is a draft."""
    title = case.initiative.title
    if len(title) > HEADER_TITLE_CHARS:
        title = title[:HEADER_TITLE_CHARS - 1].rstrip() + "…"
    sheet.set_header(left=f"{HEADER_FONT}{_header_text(case.organisation.name)}\n{_header_text(title)}")
    lines = [f"Sagsnr. {_header_text(case.initiative.case_number)}"] if case.initiative.case_number else []
    if case.initiative.status == "draft":
        lines.append("&B" + danish.STATUS["draft"].upper() + "&B")
    sheet.set_header(right=HEADER_FONT + "\n".join(lines) if lines else None)


def _header_text(text: str) -> str:
    """Plain text in an Excel header: ``&`` starts a code there, so it is doubled."""
    return text.replace("&", "&&")
