"""A table's column grid made to fit its rows again after a ``{%tc %}`` loop changed how many cells they have.

A ``<w:tbl>`` declares its columns in ``<w:tblGrid>``; a cell loop that yields more cells than the
template's row had leaves cells outside the grid, which LibreOffice does not show at all, and fewer
cells leave empty grid columns. docxtpl (``fix_tables``) adds or removes grid columns after rendering,
keeping the table's total width; this does the same, with docxtpl's arithmetic so the widths match.
Only parts whose template holds a cell loop pay for it (one XML parse per render).
"""

from __future__ import annotations

import re

from lxml import etree

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_CELL_LOOP = re.compile(r"\{[%{]tc\s")
_MARKUP = re.compile(r"<[^>]*>")


def has_cell_loops(xml: str) -> bool:
    """Whether a part's template XML holds a ``{%tc ...%}`` tag (also when Word split it over runs)."""
    return _CELL_LOOP.search(_MARKUP.sub("", xml)) is not None


def fit_table_grids(xml: str) -> str:
    """The rendered part with every table's grid holding as many columns as its widest row spans."""
    try:
        root = etree.fromstring(xml)
    except etree.XMLSyntaxError:
        return xml  # not well-formed: leave it to the reader to report, as without a cell loop
    changed = [_fit(table) for table in root.iter(f"{_W}tbl")]
    return etree.tostring(root, encoding="unicode") if any(changed) else xml


def _fit(table: etree._Element) -> bool:
    grid = table.find(f"{_W}tblGrid")
    rows = table.findall(f"{_W}tr")
    if grid is None or not rows:
        return False
    columns = grid.findall(f"{_W}gridCol")
    widest = max(sum(_span(cell) for cell in row.findall(f"{_W}tc")) for row in rows)
    if widest > len(columns):
        _add_columns(grid, columns, widest - len(columns))
    elif widest < len(columns):
        _remove_columns(grid, columns, len(columns) - widest)
    return widest != len(columns)


def _span(cell: etree._Element) -> int:
    span = cell.find(f"{_W}tcPr/{_W}gridSpan")
    value = span.get(f"{_W}val") if span is not None else None
    return int(value) if value and value.isdigit() else 1


def _add_columns(grid: etree._Element, columns: list[etree._Element], count: int) -> None:
    """New columns of the average width; the old ones narrowed so the table keeps its width."""
    widths = [float(column.get(f"{_W}w")) for column in columns if column.get(f"{_W}w") is not None]
    width = sum(widths)
    attributes = {}
    if width > 0:
        old_average = width / len(columns)
        new_average = width / (len(columns) + count)
        for column in columns:
            if column.get(f"{_W}w") is not None:
                column.set(f"{_W}w", str(int(float(column.get(f"{_W}w")) * new_average / old_average)))
        attributes = {f"{_W}w": str(int(new_average))}
    for _ in range(count):
        etree.SubElement(grid, f"{_W}gridCol", attributes)


def _remove_columns(grid: etree._Element, columns: list[etree._Element], count: int) -> None:
    """The last columns removed; their width shared out over the others."""
    removed = 0.0
    for column in columns[-count:]:
        removed += float(column.get(f"{_W}w") or 0)
        grid.remove(column)
    left = columns[:-count]
    extra = int(removed / len(left)) if left else 0
    for column in left:
        if column.get(f"{_W}w") is not None:
            column.set(f"{_W}w", str(int(float(column.get(f"{_W}w")) + extra)))
