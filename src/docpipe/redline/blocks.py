"""Redlining a sequence of blocks (the body, a table cell): paragraphs and tables, kept, changed,
inserted or deleted, and the rows of a changed table the same way.

A paragraph's mark (its end) belongs to the text before it. Word merges a paragraph whose mark is
removed with the one after it, so a paragraph inserted or deleted *last* in a cell or body cannot
carry its own mark change (nothing follows to merge with): there the changed marks move one
paragraph up, onto the kept paragraph before them, and the last mark stays unmarked with the
properties each reading needs (``w:pPrChange`` for the rejected one). See ``_settle_last_marks``.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from docpipe.redline.align import aligned, text_likeness
from docpipe.redline.marks import (
    Revision,
    mark_block,
    mark_paragraph_mark,
    mark_row,
    paragraph_properties,
    record_old_properties,
    replace_properties,
)
from docpipe.redline.paragraph import is_plain, rebuild
from docpipe.redline.xml import (
    DEL,
    INS,
    PPR,
    RPR,
    TBL,
    TBLGRID,
    TC,
    TCPR,
    TR,
    Element,
    P,
    block_key,
    paragraph_text,
    row_key,
    style_of,
    w,
)

Status = Literal["kept", "ins", "del"]
_FRAME = frozenset({TCPR, w("sectPr"), w("tblPr"), TBLGRID, w("trPr"), w("tblPrEx")})


@dataclass
class Placed:
    """A block of the redlined sequence and what happened to its paragraph mark."""

    element: Element
    mark: Status
    old_properties: Element | None = None  # a kept paragraph's OLD w:pPr


def redline_children(old_parent: Element | None, new_parent: Element, revision: Revision) -> None:
    """Rewrite ``new_parent``'s blocks (a ``w:body`` or ``w:tc``) as the redline of ``old_parent``'s."""
    old_blocks = blocks_of(old_parent) if old_parent is not None else []
    new_blocks = blocks_of(new_parent)
    placed = redlined_blocks(old_blocks, new_blocks, revision)
    _settle_last_marks(placed, revision)
    anchor = _first_after_blocks(new_parent)
    for block in new_blocks:
        new_parent.remove(block)
    for item in placed:
        if anchor is None:
            new_parent.append(item.element)
        else:
            anchor.addprevious(item.element)


def blocks_of(parent: Element) -> list[Element]:
    """The content blocks of a body or cell: everything but its properties (and the body's sectPr)."""
    return [child for child in parent if child.tag not in _FRAME]


def _first_after_blocks(parent: Element) -> Element | None:
    """The body's final ``w:sectPr``, before which the blocks go back (None in a cell)."""
    last = parent[-1] if len(parent) else None
    return last if last is not None and last.tag == w("sectPr") else None


def redlined_blocks(old: Sequence[Element], new: Sequence[Element], revision: Revision) -> list[Placed]:
    """The blocks in their new order, each kept, changed in place, inserted or deleted."""
    old_keys = [block_key(block) for block in old]
    new_keys = [block_key(block) for block in new]
    placed: list[Placed] = []
    for old_index, new_index in aligned(old_keys, new_keys, lambda i, j: _likeness(old[i], new[j]), pair_single=True):
        if new_index is None:
            assert old_index is not None
            placed.append(_deleted(old[old_index], revision))
        elif old_index is None:
            mark_block(new[new_index], "ins", revision)
            placed.append(Placed(new[new_index], "ins" if new[new_index].tag == P else "kept"))
        elif old_keys[old_index] == new_keys[new_index]:
            placed.append(Placed(new[new_index], "kept", old[old_index].find(PPR)))
        else:
            placed += _changed(old[old_index], new[new_index], revision)
    return placed


def _deleted(old_block: Element, revision: Revision) -> Placed:
    """A copy of OLD's block, marked deleted, for NEW's tree."""
    block = copy.deepcopy(old_block)
    mark_block(block, "del", revision)
    return Placed(block, "del" if block.tag == P else "kept")


def _changed(old: Element, new: Element, revision: Revision) -> list[Placed]:
    """A pair the alignment matched but whose text differs."""
    if old.tag == new.tag == P and is_plain(old) and is_plain(new):
        rebuild(old, new, revision)
        return [Placed(new, "kept", old.find(PPR))]
    if old.tag == new.tag == TBL and _same_grid(old, new):
        redline_table(old, new, revision)
        return [Placed(new, "kept")]
    deleted = _deleted(old, revision)
    mark_block(new, "ins", revision)
    return [deleted, Placed(new, "ins" if new.tag == P else "kept")]


def _likeness(old: Element, new: Element) -> float:
    """How alike two blocks are: 0 for different kinds or paragraph styles, else their text's likeness."""
    if old.tag != new.tag or (old.tag == P and style_of(old) != style_of(new)):
        return 0.0
    if old.tag == P:
        return max(text_likeness(paragraph_text(old), paragraph_text(new)), 0.01)
    if old.tag == TBL and _same_grid(old, new):
        return max(text_likeness(block_key(old), block_key(new)), 0.5)
    return 0.0


def _same_grid(old: Element, new: Element) -> bool:
    """Tables with the same number of columns: their rows can be compared cell by cell."""
    def columns(table: Element) -> int:
        grid = table.find(TBLGRID)
        return 0 if grid is None else len(grid)
    return columns(old) == columns(new)


def redline_table(old: Element, new: Element, revision: Revision) -> None:
    """NEW's table with OLD's rows: kept, changed cell by cell, inserted or deleted."""
    old_rows = [row for row in old if row.tag == TR]
    new_rows = [row for row in new if row.tag == TR]
    old_keys = [row_key(row) for row in old_rows]
    new_keys = [row_key(row) for row in new_rows]
    pairs = aligned(old_keys, new_keys, lambda i, j: _row_likeness(old_rows[i], new_rows[j]))
    result: list[Element] = []
    for old_index, new_index in pairs:
        if new_index is None:
            assert old_index is not None
            row = copy.deepcopy(old_rows[old_index])
            mark_row(row, "del", revision)
            result.append(row)
        elif old_index is None:
            mark_row(new_rows[new_index], "ins", revision)
            result.append(new_rows[new_index])
        else:
            if old_keys[old_index] != new_keys[new_index]:
                _redline_cells(old_rows[old_index], new_rows[new_index], revision)
            result.append(new_rows[new_index])
    for row in new_rows:
        new.remove(row)
    new.extend(result)


def _row_likeness(old: Element, new: Element) -> float:
    """Rows with as many cells, by how alike their texts are; a row's first cell (its name, its
    number) weighs as much as the rest together, so a moved date does not make another row."""
    old_cells, new_cells = _cells(old), _cells(new)
    if len(old_cells) != len(new_cells):
        return 0.0
    texts = [("\n".join(paragraph_text(p) for p in cell.iter(P))) for cell in old_cells + new_cells]
    half = len(old_cells)
    first = text_likeness(texts[0], texts[half]) if half else 1.0
    rest = text_likeness(" ".join(texts[1:half]), " ".join(texts[half + 1:]))
    return (first + rest) / 2


def _cells(row: Element) -> list[Element]:
    return [cell for cell in row if cell.tag == TC]


def _redline_cells(old: Element, new: Element, revision: Revision) -> None:
    for old_cell, new_cell in zip(_cells(old), _cells(new), strict=True):
        if row_key_of_cell(old_cell) != row_key_of_cell(new_cell):
            redline_children(old_cell, new_cell, revision)


def row_key_of_cell(cell: Element) -> str:
    return "\n".join(block_key(block) for block in blocks_of(cell))


def _settle_last_marks(placed: list[Placed], revision: Revision) -> None:
    """Move changed paragraph marks off the last paragraph of the sequence (see the module's doc).

    The trailing run of inserted/deleted paragraphs, with the kept paragraph before it, have their
    mark statuses rotated by one (the last mark becomes kept), and each mark gets the paragraph
    properties of the paragraph it ends in the accepted reading, and, when it survives both
    readings and they differ, the rejected one's as ``w:pPrChange``.
    """
    end = len(placed)
    start = end
    while start > 0 and placed[start - 1].element.tag == P and placed[start - 1].mark != "kept":
        start -= 1
    if start == end or start == 0 or placed[start - 1].element.tag != P:
        return
    chain = placed[start - 1:end]
    accepted = [_properties(item, accepted=True) for item in chain if item.mark != "del"]
    rejected = [_properties(item, accepted=False) for item in chain if item.mark != "ins"]
    statuses: list[Status] = [item.mark for item in chain[1:]] + ["kept"]
    for item, status in zip(chain, statuses, strict=True):
        _unmark(item.element)
        if status != "kept":
            mark_paragraph_mark(item.element, status, revision)
        replace_properties(item.element, (rejected if status == "del" else accepted).pop(0))
        if status == "kept":
            record_old_properties(item.element, rejected.pop(0), revision)


def _properties(item: Placed, *, accepted: bool) -> Element:
    """The ``w:pPr`` the paragraph has in the accepted or rejected reading."""
    if not accepted and item.mark == "kept" and item.old_properties is not None:
        return item.old_properties
    return copy.deepcopy(paragraph_properties(item.element))


def _unmark(paragraph: Element) -> None:
    """Take the ``w:ins``/``w:del`` off the paragraph's mark (its runs keep theirs)."""
    mark = paragraph.find(f"{PPR}/{RPR}")
    if mark is None:
        return
    for change in [*mark.findall(INS), *mark.findall(DEL)]:
        mark.remove(change)
    if len(mark) == 0:
        mark.getparent().remove(mark)
