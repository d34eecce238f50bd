"""docxtpl's table-cell tags: ``{% colspan n %}``, ``{% cellbg colour %}``, ``{% vm %}`` and ``{% hm %}``.

- ``{% colspan n %}`` and ``{% cellbg colour %}`` give the cell that holds them a span of n columns
  and a background colour.
- ``{% vm %}`` in a cell of a row repeated by ``{%tr for %}`` merges that cell of all the rows the
  loop makes into one, vertically: the first row's cell starts the merge and shows its text, the
  others continue it.
- ``{% hm %}`` in a cell repeated by ``{%tc for %}`` merges the cells the loop makes into one,
  horizontally: the first spans the columns of all of them (its own span times the loop's length),
  the others are left out.

The rewriting follows docxtpl's ``patch_xml`` rule for rule, with corrections where docxtpl writes
a file Word or a validator refuses: the elements it adds to ``<w:tcPr>`` go where the schema orders
them (docxtpl puts ``gridSpan``/``shd`` first and ``vMerge``/``gridSpan`` of a merge last), a cell's
own ``<w:vMerge>`` is replaced rather than doubled, and the text a ``{% vm %}`` hides in the later
rows starts at a ``<w:t>`` element (docxtpl's pattern also takes ``<w:tab/>`` or ``<w:tabs>`` for
one, and then cuts the XML in two).
"""

from __future__ import annotations

import re

_COLSPAN = re.compile(r"(<w:tc[ >](?:(?!<w:tc[ >]).)*)\{%\s*colspan\s+([^%]*)\s*%\}(.*?</w:tc>)", re.DOTALL)
_CELLBG = re.compile(r"(<w:tc[ >](?:(?!<w:tc[ >]).)*)\{%\s*cellbg\s+([^%]*)\s*%\}(.*?</w:tc>)", re.DOTALL)
_EMPTY_RUN = re.compile(r"<w:r[ >](?:(?!<w:r[ >]).)*<w:t></w:t>.*?</w:r>", re.DOTALL)
MERGE_TAGS = {"vm": re.compile(r"\{%\s*vm\s*%\}"), "hm": re.compile(r"\{%\s*hm\s*%\}")}
# A cell with the tag: from its start to the end of the first cell that closes after the tag.
_VM_CELL = re.compile(r"<w:tc[ >](?:(?!<w:tc[ >]).)*?\{%\s*vm\s*%\}.*?</w:tc[ >]", re.DOTALL)
_HM_CELL = re.compile(r"<w:tc[ >](?:(?!<w:tc[ >]).)*?\{%\s*hm\s*%\}.*?</w:tc[ >]", re.DOTALL)
# The cell's first text after its properties up to the tag, the tag, and the rest of that text.
_VM_TEXT = re.compile(r"(</w:tcPr[ >].*?<w:t(?: [^>]*)?>)(.*?)\{%\s*vm\s*%\}(.*?)(</w:t>)", re.DOTALL)
_GRID_SPAN_VALUE = re.compile(r'(w:gridSpan w:val=")(\d+)(")')
_VERTICAL_MERGE = '<w:vMerge w:val="{% if loop.first %}restart{% else %}continue{% endif %}"/>'
_LOOP_SPAN = '<w:gridSpan w:val="{{ loop.length }}"/>'

# The elements of <w:tcPr> that the schema puts after <w:gridSpan>, after <w:vMerge> and after <w:shd>.
_AFTER_SHADING = ("noWrap", "tcMar", "textDirection", "tcFitText", "vAlign", "hideMark", "headers", "cellIns",
                  "cellDel", "cellMerge", "tcPrChange")
_AFTER_VERTICAL_MERGE = ("tcBorders", "shd", *_AFTER_SHADING)
_AFTER_GRID_SPAN = ("hMerge", "vMerge", *_AFTER_VERTICAL_MERGE)
_CELL_PROPERTIES = re.compile(r"<w:tcPr(?:\s[^>]*)?(?<!/)>(?:(?!</w:tcPr>).)*", re.DOTALL)


def with_spans_and_shading(xml: str) -> str:
    """``xml`` with its ``{% colspan %}`` and ``{% cellbg %}`` tags made into cell properties."""
    if "colspan" in xml:
        xml = _COLSPAN.sub(_colspan, xml)
    if "cellbg" in xml:
        xml = _CELLBG.sub(_cellbg, xml)
    return xml


def with_merged_cells(xml: str) -> str:
    """``xml`` with its ``{% vm %}`` and ``{% hm %}`` tags made into merges over their loop's cells.

    Runs after the row and cell tags became plain Jinja loops (``loop`` is theirs). A tag in a cell
    without properties, or outside a cell, stays, and is reported by docpipe.word.tags.
    """
    if MERGE_TAGS["vm"].search(xml):
        xml = _VM_CELL.sub(_vertical_merge, xml)
    if MERGE_TAGS["hm"].search(xml):
        xml = _HM_CELL.sub(_horizontal_merge, xml)
    return xml


def _vertical_merge(match: re.Match[str]) -> str:
    """The cell restarting the merge in the loop's first row, continuing it after; its text up to the
    end of the ``<w:t>`` holding the tag is shown in the first row only."""
    cell, hidden = _VM_TEXT.subn(_first_row_only, match.group(0))
    if not hidden:
        return cell
    cell = re.sub(r"<w:vMerge\b[^>]*/>", "", cell, count=1)
    return _with_cell_property(cell, _VERTICAL_MERGE, _AFTER_VERTICAL_MERGE)


def _first_row_only(match: re.Match[str]) -> str:
    properties_end, before, after, text_end = match.groups()
    return f"{properties_end}{{% if loop.first %}}{before}{after}{{% endif %}}{text_end}"


def _horizontal_merge(match: re.Match[str]) -> str:
    """The cell in the loop's first round only, spanning the columns of every round's cell."""
    cell = match.group(0)
    if "w:gridSpan" in cell:
        cell = _GRID_SPAN_VALUE.sub(r"\1{{ \2 * loop.length }}\3", cell)
    elif _CELL_PROPERTIES.search(cell) is not None:
        cell = _with_cell_property(cell, _LOOP_SPAN, _AFTER_GRID_SPAN)
    else:
        return cell
    return "{% if loop.first %}" + MERGE_TAGS["hm"].sub("", cell) + "{% endif %}"


def _colspan(match: re.Match[str]) -> str:
    cell = _EMPTY_RUN.sub("", match.group(1) + match.group(3))
    cell = re.sub(r"<w:gridSpan[^/]*/>", "", cell, count=1)
    return _with_cell_property(cell, f'<w:gridSpan w:val="{{{{{match.group(2)}}}}}"/>', _AFTER_GRID_SPAN)


def _cellbg(match: re.Match[str]) -> str:
    cell = _EMPTY_RUN.sub("", match.group(1) + match.group(3))
    cell = re.sub(r"<w:shd[^/]*/>", "", cell, count=1)
    return _with_cell_property(cell, f'<w:shd w:val="clear" w:color="auto" w:fill="{{{{{match.group(2)}}}}}"/>',
                               _AFTER_SHADING)


def _with_cell_property(cell: str, element: str, followers: tuple[str, ...]) -> str:
    """``element`` put into the cell's own ``<w:tcPr>`` where the schema wants it: before its followers."""
    properties = _CELL_PROPERTIES.search(cell)
    if properties is None:
        return cell  # no properties to put it in (docxtpl leaves such a cell alone too)
    follower = re.compile(rf"<w:(?:{'|'.join(followers)})[ />]").search(cell, properties.start(), properties.end())
    at = follower.start() if follower else properties.end()
    return cell[:at] + element + cell[at:]
