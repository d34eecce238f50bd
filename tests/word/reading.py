"""What a reader sees in a .docx, read back with python-docx, as plain data two documents can be compared by.

Body, headers, footers and footnotes become lists of blocks: a paragraph is its style, python-docx's
text, and its runs merged by formatting (text with tabs as ``\\t``, line breaks as ``\\n``, page breaks
as ``\\f`` and pictures as ``[picture]``); a table is its grid's column widths and its rows of cells,
each cell with its column span, shading, blocks (nested tables included) and vertical merge
(``restart``, ``continue`` or None). How the XML spells this (run splitting, ids, namespace
declarations, attribute order) does not show.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import Any

from docx import Document
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

FOOTNOTES = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
CORE_FIELDS = ("title", "subject", "author", "keywords", "comments", "category", "language", "identifier")


def visible(data: bytes) -> dict[str, Any]:
    """Everything a reader of the document sees, as nested lists and tuples."""
    document = Document(io.BytesIO(data))
    seen: dict[str, Any] = {"body": blocks(document.iter_inner_content())}
    for index, section in enumerate(document.sections):
        for kind in ("header", "first_page_header", "even_page_header",
                     "footer", "first_page_footer", "even_page_footer"):
            story = getattr(section, kind)
            if not story.is_linked_to_previous:
                seen[f"section {index} {kind}"] = blocks(story.iter_inner_content())
    seen["footnotes"] = footnotes(document)
    seen["core"] = {name: getattr(document.core_properties, name) for name in CORE_FIELDS}
    return seen


def blocks(items: Iterable[Paragraph | Table]) -> list[Any]:
    return [table(item) if isinstance(item, Table) else paragraph(item) for item in items]


def paragraph(item: Paragraph) -> tuple[Any, ...]:
    return ("p", item.style.name if item.style is not None else None, item.text, runs(item))


def runs(item: Paragraph) -> list[tuple[str, tuple[Any, ...]]]:
    """The paragraph's text by formatting: adjacent runs with the same formatting are one."""
    merged: list[tuple[str, tuple[Any, ...]]] = []
    for run in item._p.iter(qn("w:r")):
        formatting = run_formatting(run)
        for child in run:
            text = child_text(child)
            if not text:
                continue
            if merged and merged[-1][1] == formatting:
                merged[-1] = (merged[-1][0] + text, formatting)
            else:
                merged.append((text, formatting))
    return merged


def run_formatting(run: Any) -> tuple[Any, ...]:
    properties = run.rPr
    if properties is None:
        return ()
    values = []
    for name in ("w:b", "w:i", "w:u", "w:strike", "w:color", "w:sz", "w:vertAlign", "w:rStyle", "w:shd"):
        element = properties.find(qn(name))
        if element is not None:
            values.append((name, element.get(qn("w:val")), element.get(qn("w:fill"))))
    return tuple(values)


def child_text(child: Any) -> str:
    tag = child.tag
    if tag == qn("w:t"):
        return str(child.text or "")
    if tag == qn("w:tab"):
        return "\t"
    if tag in (qn("w:br"), qn("w:cr")):
        return "\f" if child.get(qn("w:type")) == "page" else "\n"
    if tag == qn("w:drawing"):
        return "[picture]"
    if tag == qn("w:footnoteReference"):
        return f"[footnote {child.get(qn('w:id'))}]"
    return ""


def table(item: Table) -> tuple[Any, ...]:
    rows = []
    for row in item.rows:
        cells = []
        for tc in row._tr.tc_lst:
            cell = _Cell(tc, item)
            shading = tc.tcPr.find(qn("w:shd")) if tc.tcPr is not None else None
            fill = shading.get(qn("w:fill")) if shading is not None else None
            cells.append((tc.grid_span, fill, blocks(cell.iter_inner_content()), tc.vMerge))
        rows.append(cells)
    grid = item._tbl.tblGrid
    widths = [column.get(qn("w:w")) for column in grid.iterchildren(qn("w:gridCol"))] if grid is not None else []
    return ("table", widths, rows)


def footnotes(document: Any) -> list[list[Any]]:
    """Each real footnote's paragraphs (python-docx has no footnote API: read the part's XML)."""
    found = []
    for part in document.part.package.iter_parts():
        if part.content_type != FOOTNOTES:
            continue
        root = parse_xml(part.blob)
        for note in root.iterchildren(qn("w:footnote")):
            if note.get(qn("w:type")) in ("separator", "continuationSeparator"):
                continue
            found.append([paragraph_without_style(p) for p in note.iterchildren(qn("w:p"))])
    return found


def paragraph_without_style(p: Any) -> tuple[Any, ...]:
    item = Paragraph(p, None)  # type: ignore[arg-type]
    return ("p", None, item.text, runs(item))


def texts(seen: Any) -> list[str]:
    """Every paragraph text in ``seen`` (a visible() value or part of one), in reading order."""
    if isinstance(seen, tuple) and seen and seen[0] == "p":
        return [seen[2]]
    if isinstance(seen, dict):
        return [text for value in seen.values() for text in texts(value)]
    if isinstance(seen, list | tuple):
        return [text for value in seen for text in texts(value)]
    return []
