"""What a Word paragraph or run looks like once its styles are applied: colour, size, bold, shading.

Only what the contrast and heading checks need: a run's colour, size and boldness come from the run
itself, its character style, its paragraph's style, its table's style (its first-row formatting in
a header row; each style through its ``basedOn`` chain) and the document defaults, nearest first; a
paragraph's shading from the paragraph or its style, a cell's from the cell or its table's style; its
outline level from the style's name (Title, heading N) or ``w:outlineLvl``. Theme colours are read
by the value Word wrote beside them (``w:val``), which Word keeps in step.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from docpipe.accessibility.ooxml import NS, W

DEFAULT_POINTS = 10.0  # Word's size when neither the styles nor the defaults say one
_HEADING_NAME = re.compile(r"heading ([1-9])", re.IGNORECASE)
_OFF = ("0", "false", "off")


@dataclass(frozen=True)
class Look:
    """A run's effective text colour (None: automatic), size in points and boldness."""

    colour: str | None
    points: float
    bold: bool


class Styles:
    """A document's styles.xml, resolved on demand."""

    def __init__(self, styles: etree._Element | None) -> None:
        self._styles = {} if styles is None else {
            style.get(f"{{{W}}}styleId"): style for style in styles.findall("w:style", NS)}
        defaults = None if styles is None else styles.find("w:docDefaults/w:rPrDefault/w:rPr", NS)
        self._defaults = defaults
        self.language = "" if defaults is None else (_val(defaults.find("w:lang", NS)) or "")

    def chain(self, style_id: str | None) -> list[etree._Element]:
        """The style and those it is based on, nearest first (a loop in basedOn ends the chain)."""
        chain: list[etree._Element] = []
        while style_id and style_id in self._styles and self._styles[style_id] not in chain:
            style = self._styles[style_id]
            chain.append(style)
            style_id = _val(style.find("w:basedOn", NS))
        return chain

    def heading_level(self, paragraph: etree._Element) -> int | None:
        """1 for the Title, N for a heading N (by style name or outline level), else None."""
        direct = paragraph.find("w:pPr/w:outlineLvl", NS)
        chain = self.chain(_val(paragraph.find("w:pPr/w:pStyle", NS)))
        for style in chain:
            name = _val(style.find("w:name", NS)) or ""
            if name.lower() == "title":
                return 1
            if match := _HEADING_NAME.fullmatch(name):
                return int(match.group(1))
        levels = [direct] + [style.find("w:pPr/w:outlineLvl", NS) for style in chain]
        level = next((_val(element) for element in levels if element is not None), None)
        return int(level) + 1 if level is not None and level.isdigit() and int(level) < 9 else None

    def look(self, run: etree._Element, paragraph: etree._Element | None) -> Look:
        """The colour, size and boldness ``run`` is shown in."""
        sources = [run.find("w:rPr", NS)]
        sources += [style.find("w:rPr", NS) for style in self.chain(_val(run.find("w:rPr/w:rStyle", NS)))]
        if paragraph is not None:
            sources += [style.find("w:rPr", NS) for style in self.chain(_paragraph_style(paragraph))]
        sources += [part.find("w:rPr", NS) for part in self.table_parts(run)]
        sources.append(self._defaults)
        properties = [source for source in sources if source is not None]
        colour = _first(properties, "w:color")
        size = _first(properties, "w:sz")
        bold = next((properties_bold for element in properties
                     if (properties_bold := _bold(element)) is not None), False)
        return Look(None if colour in (None, "auto") else colour.upper(),
                    int(size) / 2 if size and size.isdigit() else DEFAULT_POINTS, bold)

    def paragraph_fill(self, paragraph: etree._Element) -> str | None:
        """The shading behind a paragraph (its own, else its style's), None when it has none."""
        candidates = [paragraph.find("w:pPr/w:shd", NS)]
        candidates += [style.find("w:pPr/w:shd", NS) for style in self.chain(_paragraph_style(paragraph))]
        return next((fill for element in candidates if (fill := shading_fill(element))), None)


    def table_parts(self, element: etree._Element) -> list[etree._Element]:
        """The formatting ``element``'s table style gives its cell, nearest first: in a first row that
        the table marks as a header (``tblLook firstRow``), the style's first-row formatting, then the
        style's own; each through the style's ``basedOn`` chain. Empty outside a styled table."""
        cell = next(element.iterancestors(f"{{{W}}}tc"), None) if element.tag != f"{{{W}}}tc" else element
        row = cell.getparent() if cell is not None else None
        table = row.getparent() if row is not None else None
        if table is None:
            return []
        chain = self.chain(_val(table.find("w:tblPr/w:tblStyle", NS)))
        look = table.find("w:tblPr/w:tblLook", NS)
        header = look is not None and (look.get(f"{{{W}}}firstRow") in ("1", "true") or
                                       int(look.get(f"{{{W}}}val") or "0", 16) & 0x0020 != 0)
        parts: list[etree._Element] = []
        if header and table.find("w:tr", NS) is row:
            parts += [part for style in chain for part in style.findall("w:tblStylePr", NS)
                      if part.get(f"{{{W}}}type") == "firstRow"]
        return parts + chain

    def cell_fill(self, cell: etree._Element) -> str | None:
        """The shading of a table cell: its own, else its table style's (first row's, then whole)."""
        candidates = [cell.find("w:tcPr/w:shd", NS)]
        candidates += [part.find("w:tcPr/w:shd", NS) for part in self.table_parts(cell)]
        return next((fill for element in candidates if (fill := shading_fill(element))), None)


def shading_fill(shading: etree._Element | None) -> str | None:
    """The fill colour of a ``w:shd``, None when there is none or it is automatic."""
    if shading is None:
        return None
    fill = shading.get(f"{{{W}}}fill")
    return fill.upper() if fill and fill.lower() != "auto" and re.fullmatch(r"[0-9A-Fa-f]{6}", fill) else None


def _paragraph_style(paragraph: etree._Element) -> str:
    return _val(paragraph.find("w:pPr/w:pStyle", NS)) or "Normal"


def _first(properties: list[etree._Element], path: str) -> str | None:
    for element in properties:
        value = _val(element.find(path, NS))
        if value is not None:
            return value
    return None


def _bold(properties: etree._Element) -> bool | None:
    element = properties.find("w:b", NS)
    if element is None:
        return None
    return (_val(element) or "1").lower() not in _OFF


def _val(element: etree._Element | None) -> str | None:
    return None if element is None else element.get(f"{{{W}}}val")
