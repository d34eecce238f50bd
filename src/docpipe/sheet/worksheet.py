"""One worksheet of a template, prepared once, and written out with a case's ``SheetFill``.

The template's XML is kept as text: every element the fill does not change (views, print setup,
the template's own rows and cells) is copied byte for byte; only the rows the fill writes into, the
columns it widens, and the ranges it stretches (dimension, merged cells, filter, validations,
conditional formats, page header) are written anew.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from xml.sax.saxutils import escape, unescape

from docpipe.sheet.fill import HeaderText, SheetFill
from docpipe.sheet.refs import column_letter, split_ref, stretched_sqref
from docpipe.sheet.strings import SharedStrings, TemplateStrings
from docpipe.sheet.xmlscan import Element, children, root_parts, start_tag, with_attribute

# CT_Worksheet's sequence: where an element the template lacks has to go.
WORKSHEET_ORDER = (
    "sheetPr", "dimension", "sheetViews", "sheetFormatPr", "cols", "sheetData", "sheetCalcPr",
    "sheetProtection", "protectedRanges", "scenarios", "autoFilter", "sortState", "dataConsolidate",
    "customSheetViews", "mergeCells", "phoneticPr", "conditionalFormatting", "dataValidations", "hyperlinks",
    "printOptions", "pageMargins", "pageSetup", "headerFooter", "rowBreaks", "colBreaks", "customProperties",
    "cellWatches", "ignoredErrors", "smartTags", "drawing", "legacyDrawing", "legacyDrawingHF", "drawingHF",
    "picture", "oleObjects", "controls", "webPublishItems", "tableParts", "extLst",
)
HEADER_FOOTER_ORDER = ("oddHeader", "oddFooter", "evenHeader", "evenFooter", "firstHeader", "firstFooter")
_SQREF = re.compile(r"""(\ssqref\s*=\s*)("[^"]*"|'[^']*')""")
_HEADER_CODE = re.compile(r"&([LCR])")
_EPOCH_1900 = dt.datetime(1899, 12, 30)
_EPOCH_1904 = dt.datetime(1904, 1, 1)


@dataclass(frozen=True)
class TemplateRow:
    """A row of the template: its attributes and its cells' XML by column."""

    attributes: dict[str, str]
    cells: dict[int, str]


@dataclass(frozen=True)
class ColumnRange:
    """One ``<col>`` of the template: columns ``first``..``last`` and their attributes."""

    first: int
    last: int
    attributes: dict[str, str]


class SheetTemplate:
    """A worksheet part of the template, cut into the pieces a fill may change."""

    def __init__(self, name: str, xml: str, strings: TemplateStrings, date1904: bool = False) -> None:
        self.name = name
        self._epoch = _EPOCH_1904 if date1904 else _EPOCH_1900
        self._head, content, self._tail = root_parts(xml)
        elements = children(content)
        self._children = [child for child in elements if child.name != "sheetData"]
        sheet_data = next((child for child in elements if child.name == "sheetData"), None)
        self._rows = _template_rows(sheet_data.content if sheet_data else "", strings)
        self._columns = _column_ranges(self._child("cols"))

    def new_fill(self) -> SheetFill:
        """An empty fill that knows the template's column widths (the Gantt chart reads them)."""
        widths = {}
        for column_range in self._columns:
            width = column_range.attributes.get("width")
            if width is not None and column_range.last - column_range.first < 1024:
                widths.update(dict.fromkeys(range(column_range.first, column_range.last + 1), float(width)))
        return SheetFill(self.name, template_widths=widths)

    def render(self, fill: SheetFill, formats: Mapping[str, int], strings: SharedStrings) -> str:
        """The worksheet's XML with ``fill`` written into it; ``formats`` maps named styles to cell
        formats, and ``strings`` is the workbook's shared-string table the texts go into."""
        rows = self._rows_with(fill, formats, strings)
        replaced: dict[str, str | None] = {
            "dimension": f'<dimension ref="{_dimension(rows, fill)}"/>',
            "cols": self._cols(fill) if fill.column_widths else None,
            "sheetData": _sheet_data(rows),
            "mergeCells": self._merge_cells(fill),
            "autoFilter": self._auto_filter(fill),
            "headerFooter": self._header_footer(fill.header),
        }
        if fill.rule_rows is not None:
            first, last = fill.rule_rows
            replaced["conditionalFormatting"] = "".join(
                _stretched_sqrefs(child.text, first, last) for child in self._all("conditionalFormatting"))
            replaced["dataValidations"] = "".join(
                _stretched_sqrefs(child.text, first, last) for child in self._all("dataValidations"))
        if fill.rules_dropped:
            replaced["conditionalFormatting"] = replaced["dataValidations"] = ""
        return self._head + "".join(_in_schema_order(self._children, replaced)) + self._tail

    # --- the pieces --------------------------------------------------------------------------------

    def _child(self, name: str) -> Element | None:
        return next((child for child in self._children if child.local_name == name), None)

    def _all(self, name: str) -> list[Element]:
        return [child for child in self._children if child.local_name == name]

    def _rows_with(self, fill: SheetFill, formats: Mapping[str, int],
                   strings: SharedStrings) -> dict[int, TemplateRow]:
        rows = dict(self._rows)
        written: dict[int, dict[int, str]] = {}
        style_indexes: dict[str, int] = {}
        for (row, column), (value, style) in fill.cells.items():
            index = style_indexes.get(style)
            if index is None:
                index = style_indexes[style] = _format_index(formats, style)
            ref = f"{column_letter(column)}{row}"
            if value is None:  # most cells of a Gantt chart: a coloured week
                xml = f'<c r="{ref}" s="{index}"/>' if index else f'<c r="{ref}"/>'
            else:
                xml = self._cell_xml(ref, index, value, strings)
            row_cells = written.get(row)
            if row_cells is None:
                row_cells = written[row] = {}
            row_cells[column] = xml
        for row in written.keys() | fill.row_heights.keys():
            template = rows.get(row)
            attributes = dict(template.attributes) if template else {"r": str(row)}
            attributes.pop("spans", None)  # a hint only, and stale once cells are added
            if row in fill.row_heights:
                attributes["ht"] = _number(fill.row_heights[row])
                attributes["customHeight"] = "1"
            cells = {**template.cells, **written.get(row, {})} if template else written.get(row, {})
            rows[row] = TemplateRow(attributes, cells)
        for row, column in fill.cleared:
            if row in rows and column in rows[row].cells and column not in written.get(row, {}):
                rows[row] = TemplateRow(rows[row].attributes,
                                        {key: xml for key, xml in rows[row].cells.items() if key != column})
        return rows

    def _cell_xml(self, ref: str, style: int, value: str | int | float | Decimal | dt.date,
                  strings: SharedStrings) -> str:
        style_text = f' s="{style}"' if style else ""
        if isinstance(value, str):
            return f'<c r="{ref}"{style_text} t="s"><v>{strings.index(value)}</v></c>'
        return f'<c r="{ref}"{style_text}><v>{self._number_text(value)}</v></c>'

    def _number_text(self, value: int | float | Decimal | dt.date) -> str:
        if isinstance(value, bool):
            raise TypeError("a cell value cannot be True/False; write the Danish word instead")
        if isinstance(value, dt.datetime):
            return _number((value - self._epoch) / dt.timedelta(days=1))
        if isinstance(value, dt.date):
            return str((dt.datetime.combine(value, dt.time()) - self._epoch).days)
        return _number(value)

    def _cols(self, fill: SheetFill) -> str:
        """``<cols>`` with the fill's widths; a run of columns with the same attributes is one ``<col>``."""
        per_column: dict[int, dict[str, str]] = {}
        for column_range in self._columns:
            for column in range(column_range.first, column_range.last + 1):
                per_column[column] = column_range.attributes
        for column, width in fill.column_widths.items():
            per_column[column] = {**per_column.get(column, {}), "width": _number(width), "customWidth": "1"}
        pieces = []
        for first, last, attributes in _runs(per_column):
            pieces.append(start_tag("col", {**attributes, "min": str(first), "max": str(last)}, empty=True))
        return f"<cols>{''.join(pieces)}</cols>"

    def _merge_cells(self, fill: SheetFill) -> str | None:
        existing = self._child("mergeCells")
        if not fill.merges:
            return None
        refs = [element.text for element in children(existing.content)] if existing else []
        refs += [f'<mergeCell ref="{_range_ref(*merge)}"/>' for merge in fill.merges]
        return f'<mergeCells count="{len(refs)}">{"".join(refs)}</mergeCells>'

    def _auto_filter(self, fill: SheetFill) -> str | None:
        if fill.auto_filter is None:
            return None
        existing = self._child("autoFilter")
        if existing is None:
            return f'<autoFilter ref="{fill.auto_filter}"/>'
        return with_attribute(existing.start_tag, "ref", fill.auto_filter) + existing.text[len(existing.start_tag):]

    def _header_footer(self, header: HeaderText) -> str | None:
        if header.left is None and header.right is None:
            return None
        existing = self._child("headerFooter")
        parts = {child.local_name: child for child in children(existing.content)} if existing else {}
        old = parts.get("oddHeader")
        sections = _header_sections(_unescape(old.content) if old else "")
        if header.left is not None:
            sections["L"] = header.left
        if header.right is not None:
            sections["R"] = header.right
        text = "".join(f"&{code}{sections[code]}" for code in "LCR" if sections.get(code))
        new_parts = {name: element.text for name, element in parts.items()}
        new_parts["oddHeader"] = f"<oddHeader>{escape(text)}</oddHeader>"
        ordered = [new_parts.pop(name) for name in HEADER_FOOTER_ORDER if name in new_parts]
        opening = existing.start_tag if existing and not existing.is_empty else "<headerFooter>"
        return opening + "".join(ordered) + "".join(new_parts.values()) + "</headerFooter>"


# --- helpers -----------------------------------------------------------------------------------------


def _format_index(formats: Mapping[str, int], style: str) -> int:
    try:
        return formats[style]
    except KeyError:
        raise KeyError(f"the named cell style {style!r}") from None


def _template_rows(sheet_data: str, strings: TemplateStrings) -> dict[int, TemplateRow]:
    rows = {}
    previous = 0
    for element in children(sheet_data):
        attributes = element.attributes()
        number = int(attributes.get("r", previous + 1))
        attributes["r"] = str(number)
        rows[number] = TemplateRow(attributes, _template_cells(element.content, number, strings))
        previous = number
    return rows


def _template_cells(row_content: str, row: int, strings: TemplateStrings) -> dict[int, str]:
    """The row's cells by column, inline strings made shared; a cell without ``r`` (allowed: it
    follows the one before) gets one."""
    cells = {}
    column = 0
    for element in children(row_content):
        attributes = element.attributes()
        ref = attributes.get("r")
        column = (split_ref(ref)[0] or column + 1) if ref else column + 1
        tag = element.start_tag if ref else with_attribute(element.start_tag, "r", f"{column_letter(column)}{row}")
        text = tag + element.text[len(element.start_tag):]
        if attributes.get("t") == "inlineStr" and not element.is_empty:
            text = strings.shared(text, tag, element.content)
        cells[column] = text
    return cells


def _column_ranges(cols: Element | None) -> list[ColumnRange]:
    if cols is None:
        return []
    ranges = []
    for element in children(cols.content):
        attributes = element.attributes()
        first, last = int(attributes.pop("min")), int(attributes.pop("max"))
        ranges.append(ColumnRange(first, last, attributes))
    return ranges


def _runs(per_column: Mapping[int, dict[str, str]]) -> Iterator[tuple[int, int, dict[str, str]]]:
    run: list[tuple[int, int, dict[str, str]]] = []
    for column in sorted(per_column):
        attributes = per_column[column]
        if run and run[-1][1] == column - 1 and run[-1][2] == attributes:
            run[-1] = (run[-1][0], column, attributes)
        else:
            run.append((column, column, attributes))
    yield from run


def _sheet_data(rows: Mapping[int, TemplateRow]) -> str:
    pieces = ["<sheetData>"]
    for number in sorted(rows):
        row = rows[number]
        cells = row.cells
        if not cells:
            pieces.append(start_tag("row", row.attributes, empty=True))
            continue
        pieces.append(start_tag("row", row.attributes))
        pieces.extend(cells[column] for column in sorted(cells))
        pieces.append("</row>")
    pieces.append("</sheetData>")
    return "".join(pieces)


def _dimension(rows: Mapping[int, TemplateRow], fill: SheetFill) -> str:
    """The used range: every cell with content or a style, and every merged range."""
    numbers = [number for number, row in rows.items() if row.cells]
    columns = [column for row in rows.values() for column in row.cells]
    for first_row, first_column, last_row, last_column in fill.merges:
        numbers += [first_row, last_row]
        columns += [first_column, last_column]
    if not numbers:
        return "A1"
    return _range_ref(min(numbers), min(columns), max(numbers), max(columns))


def _range_ref(first_row: int, first_column: int, last_row: int, last_column: int) -> str:
    first = f"{column_letter(first_column)}{first_row}"
    last = f"{column_letter(last_column)}{last_row}"
    return first if first == last else f"{first}:{last}"


def _stretched_sqrefs(xml: str, first_row: int, last_row: int) -> str:
    """Every ``sqref`` in ``xml`` made to span rows ``first_row``..``last_row`` (refs.stretched_sqref)."""
    return _SQREF.sub(lambda match: f'{match.group(1)}"{stretched_sqref(match.group(2)[1:-1], first_row, last_row)}"',
                      xml)


def _in_schema_order(existing: list[Element], replaced: Mapping[str, str | None]) -> Iterator[str]:
    """The template's children with ``replaced`` ones swapped in (None: keep the template's), and the
    new ones the template lacks put where CT_Worksheet's sequence wants them."""
    pending = {name: text for name, text in replaced.items()
               if text is not None and all(child.local_name != name for child in existing)}
    emitted: set[str] = set()
    for child in existing:
        rank = _rank(child.local_name)
        for name in sorted(pending, key=_rank):
            if _rank(name) < rank:
                yield pending.pop(name)
        text = replaced.get(child.local_name)
        if text is None:
            yield child.text
        elif child.local_name not in emitted:  # several conditionalFormatting elements become one text
            emitted.add(child.local_name)
            yield text
    for name in sorted(pending, key=_rank):
        yield pending[name]


def _rank(name: str) -> int:
    return WORKSHEET_ORDER.index(name) if name in WORKSHEET_ORDER else len(WORKSHEET_ORDER)


def _header_sections(text: str) -> dict[str, str]:
    """Excel's header text cut into its &L, &C and &R sections (``&&`` is a literal ampersand)."""
    sections: dict[str, str] = {}
    current = "C"  # text before any section code is centred
    position = 0
    pieces: list[str] = []
    while position < len(text):
        if text.startswith("&&", position):
            pieces.append("&&")
            position += 2
            continue
        match = _HEADER_CODE.match(text, position)
        if match:
            sections[current] = sections.get(current, "") + "".join(pieces)
            pieces, current = [], match.group(1)
            position = match.end()
            continue
        pieces.append(text[position])
        position += 1
    sections[current] = sections.get(current, "") + "".join(pieces)
    return {code: value for code, value in sections.items() if value}


def _unescape(text: str) -> str:
    """XML text as characters: the five entities and numeric character references."""
    text = re.sub(r"&#x([0-9A-Fa-f]+);", lambda match: chr(int(match.group(1), 16)), text)
    text = re.sub(r"&#([0-9]+);", lambda match: chr(int(match.group(1))), text)
    return unescape(text, {"&quot;": '"', "&apos;": "'"})


def _number(value: float | int | Decimal) -> str:
    """A number as the shortest text that reads back as the same number (15.0 -> "15")."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return str(value)
