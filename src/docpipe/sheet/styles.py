"""The template's cell styles: named styles made usable by cells, fonts in schema order, rebranding.

A cell refers to a *cell format* (``<cellXfs>``), not to a named style. Excel, when a user applies a
named style, adds a cell format that copies the style's font, fill, border, number format and
alignment and points back at it (``xfId``); we do the same once per template for every named style,
so filling a cell with a style is a dictionary look-up.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from copy import deepcopy
from dataclasses import dataclass

from lxml import etree

from docpipe.ooxml.colours import normalise_colours

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
STYLES_PART = "xl/styles.xml"  # where openpyxl and Excel put it
FONT_ORDER = ["b", "i", "strike", "condense", "extend", "outline", "shadow", "u", "vertAlign", "sz", "color",
              "name", "family", "charset", "scheme"]
_Q = f"{{{MAIN_NS}}}"


@dataclass(frozen=True)
class PreparedStyles:
    """styles.xml with a cell format per named style, and where each named style's format is."""

    xml: bytes
    formats: dict[str, int]


def prepare_styles(styles_xml: bytes) -> PreparedStyles:
    """Add one cell format per named style (see the module's docstring); fonts in schema order."""
    root = etree.fromstring(styles_xml)
    style_formats = root.find(f"{_Q}cellStyleXfs")
    cell_formats = root.find(f"{_Q}cellXfs")
    named = root.find(f"{_Q}cellStyles")
    if style_formats is None or cell_formats is None or named is None:
        return PreparedStyles(fonts_in_schema_order(styles_xml), {})
    templates = list(style_formats.findall(f"{_Q}xf"))
    formats: dict[str, int] = {}
    for style in named.findall(f"{_Q}cellStyle"):
        index = int(style.get("xfId", "0"))
        if index >= len(templates):
            continue
        cell_format = deepcopy(templates[index])
        cell_format.set("xfId", str(index))
        formats[style.get("name", "")] = len(cell_formats)
        cell_formats.append(cell_format)
    cell_formats.set("count", str(len(cell_formats)))
    _fonts_in_schema_order(root)
    return PreparedStyles(_serialise(root), formats)


def fonts_in_schema_order(styles_xml: bytes) -> bytes:
    """styles.xml with each font's children in the order of the schema's sequence.

    openpyxl writes ``<name>`` first and ``<b>``/``<sz>``/``<color>`` after it; Excel reads that, but
    strict validators (and so possibly other readers) expect b, i, ..., sz, color, name, family,
    charset, scheme. Reordering changes nothing in how the workbook looks.
    """
    root = etree.fromstring(styles_xml)
    _fonts_in_schema_order(root)
    return _serialise(root)


def _fonts_in_schema_order(root: etree._Element) -> None:
    for font in root.iter(f"{_Q}font"):
        children = sorted(font, key=lambda child: FONT_ORDER.index(etree.QName(child).localname)
                          if etree.QName(child).localname in FONT_ORDER else len(FONT_ORDER))
        for child in children:
            font.append(child)


def _serialise(root: etree._Element) -> bytes:
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


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
