"""Documents that break one accessibility rule each, made with python-docx and openpyxl."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import docx
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from PIL import Image

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def png() -> io.BytesIO:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "navy").save(buffer, "PNG")
    buffer.seek(0)
    return buffer


def clean_document() -> docx.document.Document:
    """A Word document that passes: title, language, Heading 1, a table with a repeating header row."""
    document = docx.Document()
    document.core_properties.title = "Prøve"
    defaults = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    language = defaults.find(qn("w:lang"))
    if language is None:
        language = defaults.makeelement(qn("w:lang"), {})
        defaults.append(language)
    language.set(qn("w:val"), "da-DK")
    document.add_heading("Formål", level=1)
    document.add_paragraph("Brødtekst.")
    table = document.add_table(rows=3, cols=2)
    for row, texts in enumerate((("Navn", "Rolle"), ("Anne", "Formand"), ("Bo", "Medlem"))):
        for column, text in enumerate(texts):
            table.cell(row, column).text = text
    header = table.rows[0]._tr.get_or_add_trPr()
    header.append(header.makeelement(qn("w:tblHeader"), {}))
    return document


def save(document: docx.document.Document, path: Path) -> Path:
    document.save(str(path))
    return path


def without_language(path: Path) -> Path:
    """The same .docx with no language anywhere (styles' defaults and core properties)."""
    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    parts["word/styles.xml"] = re.sub(rb"<w:lang [^>]*/>", b"", parts["word/styles.xml"])
    parts["docProps/core.xml"] = re.sub(rb"<dc:language>[^<]*</dc:language>", b"", parts["docProps/core.xml"])
    with zipfile.ZipFile(path, "w") as target:
        for name, content in parts.items():
            target.writestr(name, content)
    return path


def coloured_run(document: docx.document.Document, text: str, colour: str, points: float, bold: bool = False) -> None:
    run = document.add_paragraph().add_run(text)
    run.font.color.rgb = RGBColor.from_string(colour)
    run.font.size = Pt(points)
    run.bold = bold


def clean_workbook(name: str = "Aktører", frozen: bool = True, print_titles: bool = True,
                   title: str | None = "Prøve", language: str | None = "da-DK") -> Workbook:
    """An Excel workbook that passes (named sheet, title, language, frozen header, print titles),
    unless told to leave one out."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = name
    for row in (("Navn", "Rolle"), ("Anne", "Formand"), ("Bo", "Medlem")):
        sheet.append(row)
    if frozen:
        sheet.freeze_panes = "A2"
    if print_titles:
        sheet.print_title_rows = "1:1"
    workbook.properties.title = title
    workbook.properties.language = language
    return workbook


def white_on_yellow(workbook: Workbook) -> None:
    cell = workbook.active["B2"]
    cell.font = Font(color="FFFFFF", size=10)
    cell.fill = PatternFill("solid", fgColor="FFFF00")
