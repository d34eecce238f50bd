"""The reviewable form of a rendered document, for golden-file comparison.

Word: each story part (document, headers, footers, core properties) as canonical, pretty-printed
XML. Excel: per sheet, every non-empty cell with its value, type and number format, plus merged
ranges, data validations and sheet settings, as pretty-printed JSON.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import zipfile
from typing import Any

from lxml import etree
from openpyxl import load_workbook

DOCX_PARTS = re.compile(r"^(word/(document|header\d*|footer\d*|footnotes)\.xml|docProps/core\.xml)$")


def canonical_docx(data: bytes) -> dict[str, str]:
    """Part name -> pretty-printed canonical XML of the parts a reader sees."""
    package = zipfile.ZipFile(io.BytesIO(data))
    parts = {}
    for name in sorted(package.namelist()):
        if DOCX_PARTS.match(name):
            root = etree.fromstring(package.read(name))
            canonical = etree.tostring(root, method="c14n")
            pretty = etree.tostring(etree.fromstring(canonical), pretty_print=True, encoding="unicode")
            parts[name.replace("/", "__")] = pretty
    return parts


def canonical_xlsx(data: bytes) -> dict[str, str]:
    """One JSON text per sheet: cells (value, type, number format), merges, validations, settings."""
    workbook = load_workbook(io.BytesIO(data))
    sheets = {}
    for sheet in workbook.worksheets:
        cells = {}
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value is None:
                    continue
                cells[cell.coordinate] = {"value": _plain(cell.value), "type": cell.data_type,
                                          "format": cell.number_format}
        summary: dict[str, Any] = {
            "merged": sorted(str(merged) for merged in sheet.merged_cells.ranges),
            "validations": sorted(f"{v.type}:{v.formula1}:{v.sqref}" for v in sheet.data_validations.dataValidation),
            "freeze_panes": sheet.freeze_panes,
            "auto_filter": sheet.auto_filter.ref,
            "print_title_rows": sheet.print_title_rows,
            "orientation": sheet.page_setup.orientation,
            "cells": cells,
        }
        # cells stay in reading order (row by row), which is how a reviewer reads a sheet
        sheets[f"{sheet.title}.json"] = json.dumps(summary, ensure_ascii=False, indent=1) + "\n"
    return sheets


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value
