"""(being written)"""

from __future__ import annotations

from openpyxl.workbook.workbook import Workbook

from docpipe.model import Case


def fill(workbook: Workbook, case: Case) -> None:
    raise NotImplementedError
