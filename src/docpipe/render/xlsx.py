"""Excel rendering: a copy of the template workbook filled by the deliverable, saved deterministically.

This is the only module that knows openpyxl's loading and saving; it also owns the rule that user
text is never a formula.
"""

from __future__ import annotations

import io
import pickle
import re
import zipfile
from collections.abc import Callable, Mapping
from functools import cache
from pathlib import Path
from typing import Any

from lxml import etree
from openpyxl import load_workbook
from openpyxl.cell.cell import Cell
from openpyxl.workbook.workbook import Workbook

from docpipe.errors import TemplateError
from docpipe.model import Case
from docpipe.output.package import DocumentProperties, normalise_package
from docpipe.word.template import normalise_colours

STYLES_PART = "xl/styles.xml"
MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
FONT_ORDER = ["b", "i", "strike", "condense", "extend", "outline", "shadow", "u", "vertAlign", "sz", "color",
              "name", "family", "charset", "scheme"]


def _template_workbook(path: Path) -> Workbook:
    """A fresh copy of the parsed template workbook.

    Parsing the template with openpyxl costs 12-15 ms per document; unpickling a workbook parsed
    once per process costs about 1 ms. Pickling drops the factories of the sheets' row and column
    dimension tables (defaultdicts bound to their sheet), which are put back here; the outputs are
    byte-identical to parsing afresh (tested). The cache key has the file's modification time and
    size, so an edited template is parsed again.
    """
    stat = path.stat()
    workbook: Workbook = pickle.loads(_parsed_template(path.resolve(), stat.st_mtime_ns, stat.st_size))
    for sheet in workbook.worksheets:
        sheet.row_dimensions.default_factory = sheet._add_row
        sheet.column_dimensions.default_factory = sheet._add_column
    return workbook


@cache
def _parsed_template(path: Path, mtime_ns: int, size: int) -> bytes:
    # a pickle this process made of a workbook it parsed itself: never data from outside
    return pickle.dumps(load_workbook(io.BytesIO(path.read_bytes())), protocol=pickle.HIGHEST_PROTOCOL)


def render_xlsx(template: Path, fill: Callable[[Any, Case], None], case: Case,
                properties: DocumentProperties, colours: Mapping[str, str] | None = None) -> bytes:
    """The finished workbook: the template filled by ``fill``, with fixed properties and zip times.

    ``colours`` (template colour -> colour, six hex digits) rebrands the cell styles; see
    ``recolour_styles`` and docpipe.branding.
    """
    try:
        workbook = _template_workbook(template)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise TemplateError(template.name, f"is not an Excel workbook (.xlsx) openpyxl can read: {error}") from error
    try:
        fill(workbook, case)
    except (KeyError, ValueError, IndexError) as error:
        # the deliverable relies on the template's sheets and named styles; an edited template may lack them
        raise TemplateError(template.name, f"lacks something this deliverable fills in: {error}") from error
    buffer = io.BytesIO()
    workbook.save(buffer)
    mapping = normalise_colours(colours)
    if not mapping:
        return normalise_package(buffer.getvalue(), properties, {STYLES_PART: fonts_in_schema_order})

    def styles(styles_xml: bytes) -> bytes:
        return recolour_styles(fonts_in_schema_order(styles_xml), mapping)

    return normalise_package(buffer.getvalue(), properties, {STYLES_PART: styles})


_STYLE_COLOUR = re.compile(rb'(<(?:color|fgColor|bgColor)\b[^>]*?\srgb="[0-9A-Fa-f]{2})([0-9A-Fa-f]{6})(?=")')
_DIFFERENTIAL_STYLES = re.compile(rb"<dxfs\b[^>]*?/>|<dxfs\b.*?</dxfs>", re.DOTALL)


def recolour_styles(styles_xml: bytes, colours: Mapping[str, str]) -> bytes:
    """styles.xml with each colour of ``colours`` ("1F3A5F" -> "00558C") replaced in the cell
    styles' fonts, fills and borders (``rgb="AARRGGBB"``; the alpha byte stays as it was).

    The conditional formats' styles (``<dxfs>``: the status colours) and the legacy palette
    (``<indexedColors>``) are left alone, as are theme colours (``theme="4"``).
    """
    mapping = normalise_colours(colours)

    def replace(match: re.Match[bytes]) -> bytes:
        value = match.group(2).decode("ascii").upper()
        return match.group(1) + mapping[value].encode("ascii") if value in mapping else match.group(0)

    pieces, last = [], 0
    for kept in _DIFFERENTIAL_STYLES.finditer(styles_xml):
        pieces += [_STYLE_COLOUR.sub(replace, styles_xml[last:kept.start()]), kept.group(0)]
        last = kept.end()
    pieces.append(_STYLE_COLOUR.sub(replace, styles_xml[last:]))
    return b"".join(pieces)


def fonts_in_schema_order(styles_xml: bytes) -> bytes:
    """styles.xml with each font's children in the order of the schema's sequence.

    openpyxl writes ``<name>`` first and ``<b>``/``<sz>``/``<color>`` after it; Excel reads that, but
    strict validators (and so possibly other readers) expect b, i, ..., sz, color, name, family,
    charset, scheme. Reordering changes nothing in how the workbook looks.
    """
    root = etree.fromstring(styles_xml)
    for font in root.iter(f"{{{MAIN_NS}}}font"):
        children = sorted(font, key=lambda child: FONT_ORDER.index(etree.QName(child).localname)
                          if etree.QName(child).localname in FONT_ORDER else len(FONT_ORDER))
        for child in children:
            font.append(child)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


def set_text(cell: Cell, value: str) -> None:
    """Store ``value`` as text, even when it starts with = + - @ (no formula injection)."""
    cell.value = value
    cell.data_type = "s"
