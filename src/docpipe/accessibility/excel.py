"""The accessibility rules for an Excel workbook (.xlsx), each finding with its sheet and cell.

- every sheet's name says what it holds (not Excel's "Sheet1"/"Ark1");
- the workbook has a title and a language (docProps/core.xml ``dc:title``, ``dc:language``);
- a sheet with a table (two rows or more) has its header rows frozen, so they stay in view, and
  defined as print titles, so they repeat on every printed page;
- every picture or chart has alternative text or is marked decorative;
- a cell's text reaches WCAG AA contrast against its fill (as its style gives them).
"""

from __future__ import annotations

import posixpath
import re

from lxml import etree

from docpipe.accessibility.contrast import minimum_contrast, too_faint
from docpipe.accessibility.findings import Finding
from docpipe.accessibility.ooxml import NS, Package, core_text, has_alt_text
from docpipe.i18n import _

WORKBOOK = "xl/workbook.xml"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
DEFAULT_NAME = re.compile(r"(sheet|ark|blad|tabelle|feuil|hoja)\s*\d*", re.IGNORECASE)
DEFAULT_POINTS = 11.0
WHITE, BLACK = "FFFFFF", "000000"


def check_excel(package: Package, file: str) -> list[Finding]:
    """Every rule's findings for the .xlsx in ``package``, sheet by sheet."""
    workbook = package.xml(WORKBOOK)
    if workbook is None:
        return [Finding(file, "document", "", _("has no xl/workbook.xml: is it an Excel workbook?"))]
    findings = []
    if not core_text(package, "title"):
        findings.append(Finding(file, "title", "docProps/core.xml",
                                _("the workbook has no title (File > Info > Properties > Title)")))
    if not core_text(package, "language"):
        findings.append(Finding(file, "language", "docProps/core.xml",
                                _("the workbook's language is not set (docProps/core.xml dc:language)")))
    targets = _relationships(package, WORKBOOK)
    cell_looks = _cell_looks(package.xml("xl/styles.xml"))
    for index, sheet in enumerate(workbook.findall("s:sheets/s:sheet", NS)):
        name = sheet.get("name") or ""
        part = targets.get(sheet.get(f"{{{R}}}id") or "", "")
        findings += _sheet(package, file, name, index, part, workbook, cell_looks)
    return findings


def _sheet(package: Package, file: str, name: str, index: int, part: str, workbook: etree._Element,
           cell_looks: dict[str, tuple[str, str, float, bool]]) -> list[Finding]:
    findings = []
    if DEFAULT_NAME.fullmatch(name.strip()):
        findings.append(Finding(file, "sheet-name", name,
                                _("the sheet's name \"{name}\" does not say what it holds").format(name=name)))
    root = package.xml(part)
    if root is None:
        return findings
    filled_rows = [row for row in root.findall("s:sheetData/s:row", NS) if _has_values(row)]
    if len(filled_rows) >= 2:
        if not _frozen_rows(root):
            findings.append(Finding(file, "freeze-header", name,
                                    _("the header rows are not frozen (View > Freeze Panes)")))
        if not _print_title_rows(workbook, index):
            findings.append(Finding(file, "print-titles", name,
                                    _("the header rows are not print titles (Page Layout > Print Titles)")))
    findings += _pictures(package, file, name, part)
    findings += _contrast(file, name, root, cell_looks)
    return findings


def _has_values(row: etree._Element) -> bool:
    return any(cell.find("s:v", NS) is not None or cell.find("s:is", NS) is not None
               for cell in row.findall("s:c", NS))


def _frozen_rows(root: etree._Element) -> bool:
    pane = root.find("s:sheetViews/s:sheetView/s:pane", NS)
    return pane is not None and pane.get("state") in ("frozen", "frozenSplit") and float(pane.get("ySplit") or 0) >= 1


def _print_title_rows(workbook: etree._Element, index: int) -> bool:
    for defined in workbook.findall("s:definedNames/s:definedName", NS):
        if defined.get("name") == "_xlnm.Print_Titles" and defined.get("localSheetId") == str(index):
            return bool(re.search(r"\$\d+:\$\d+", defined.text or ""))
    return False


def _relationships(package: Package, part: str) -> dict[str, str]:
    """A part's relationship ids -> the parts they point at (resolved against the part's folder)."""
    folder, name = posixpath.split(part)
    rels = package.xml(posixpath.join(folder, "_rels", f"{name}.rels"))
    if rels is None:
        return {}
    targets = {}
    for relation in rels.iter(PACKAGE_RELS):
        target = relation.get("Target") or ""
        resolved = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
        targets[relation.get("Id") or ""] = resolved
    return targets


def _pictures(package: Package, file: str, sheet: str, part: str) -> list[Finding]:
    findings = []
    for drawing in sorted(set(_relationships(package, part).values())):
        root = package.xml(drawing) if drawing.startswith("xl/drawings/") else None
        if root is None:
            continue
        for anchor in root:
            for properties in anchor.iter(f"{{{NS['xdr']}}}cNvPr"):
                if not has_alt_text(properties):
                    findings.append(Finding(file, "alt-text", f"{sheet}!{_anchor_cell(anchor)}", _(
                        "the picture \"{name}\" has no alternative text (or only a placeholder) "
                      "and is not marked decorative").format(
                            name=properties.get("name") or "?")))
    return findings


def _anchor_cell(anchor: etree._Element) -> str:
    column = anchor.findtext("xdr:from/xdr:col", default="0", namespaces=NS)
    row = anchor.findtext("xdr:from/xdr:row", default="0", namespaces=NS)
    return f"{column_letters(int(column) + 1)}{int(row) + 1}"


def column_letters(number: int) -> str:
    """1 -> A, 27 -> AA."""
    letters = ""
    while number:
        number, remainder = divmod(number - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def _cell_looks(styles: etree._Element | None) -> dict[str, tuple[str, str, float, bool]]:
    """Cell style index -> (text colour, fill colour, points, bold) for the styles whose colours are
    given as RGB; a theme or indexed colour is left out (not checked)."""
    if styles is None:
        return {}
    fonts = styles.findall("s:fonts/s:font", NS)
    fills = styles.findall("s:fills/s:fill", NS)
    looks = {}
    for index, xf in enumerate(styles.findall("s:cellXfs/s:xf", NS)):
        font = _item(fonts, xf.get("fontId"))
        fill = _item(fills, xf.get("fillId"))
        colour = _rgb(font.find("s:color", NS)) if font is not None else BLACK
        background = WHITE
        if fill is not None and (pattern := fill.find("s:patternFill", NS)) is not None \
                and pattern.get("patternType") == "solid":
            background = _rgb(pattern.find("s:fgColor", NS)) or ""
        if font is not None and font.find("s:color", NS) is None:
            colour = BLACK
        if colour and background:
            size = font.find("s:sz", NS) if font is not None else None
            bold = font is not None and font.find("s:b", NS) is not None and \
                (font.find("s:b", NS).get("val") or "1") not in ("0", "false")
            looks[str(index)] = (colour, background, float(size.get("val") or DEFAULT_POINTS)
                                 if size is not None else DEFAULT_POINTS, bold)
    return looks


def _item(items: list[etree._Element], index: str | None) -> etree._Element | None:
    number = int(index or 0)
    return items[number] if 0 <= number < len(items) else None


def _rgb(colour: etree._Element | None) -> str | None:
    value = (colour.get("rgb") or "") if colour is not None else ""
    return value[-6:].upper() if re.fullmatch(r"[0-9A-Fa-f]{6}([0-9A-Fa-f]{2})?", value) else None


def _contrast(file: str, sheet: str, root: etree._Element,
              looks: dict[str, tuple[str, str, float, bool]]) -> list[Finding]:
    findings, seen = [], set()
    for cell in root.iterfind("s:sheetData/s:row/s:c", NS):
        style = cell.get("s") or "0"
        if style in seen or style not in looks or not _has_values_cell(cell):
            continue
        colour, background, points, bold = looks[style]
        ratio = too_faint(colour, background, points, bold)
        if ratio is not None:
            seen.add(style)
            findings.append(Finding(file, "contrast", f"{sheet}!{cell.get('r')}", _(
                "text in #{colour} on #{background} has a contrast of {ratio:.2f}:1; "
                "WCAG AA asks for {minimum}:1").format(colour=colour, background=background, ratio=ratio,
                                                       minimum=f"{minimum_contrast(points, bold):g}")))
    return findings


def _has_values_cell(cell: etree._Element) -> bool:
    value = cell.findtext("s:v", default="", namespaces=NS)
    return bool(value.strip()) or cell.find("s:is", NS) is not None
