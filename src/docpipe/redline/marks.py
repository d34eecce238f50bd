"""The tracked-change markup: who and when, numbered revisions, and marking runs, paragraph marks and rows.

Every mark carries the same author and date (the new case's), and revision ids count up from 1 in
document order, so the same two cases always give the same bytes.
"""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

from lxml import etree

from docpipe.redline.xml import (
    DEL,
    DELINSTRTEXT,
    DELTEXT,
    INS,
    INSTRTEXT,
    PPR,
    PPRCHANGE,
    RPR,
    SECTPR,
    TBL,
    TR,
    TRPR,
    Element,
    P,
    w,
)

Change = Literal["ins", "del"]


@dataclass
class Revision:
    """Author and date of every change in one document, and the next free revision id.

    ``date`` None leaves the changes undated (the schema allows it): a user's own template rendered
    without properties has no date of its own, and the clock would make every run's bytes differ.
    """

    author: str
    date: dt.date | None
    _next_id: int = field(default=1, repr=False)

    def mark(self, change: Change | Literal["pPrChange", "rPrChange"]) -> Element:
        """A new ``w:ins``, ``w:del``, ``w:pPrChange`` or ``w:rPrChange`` with the next id, this author and date."""
        element = etree.Element(w(change))
        element.set(w("id"), str(self._next_id))
        element.set(w("author"), self.author)
        if self.date is not None:
            element.set(w("date"), f"{self.date.isoformat()}T00:00:00Z")
        self._next_id += 1
        return element


def wrapped_runs(runs: list[Element], change: Change, revision: Revision) -> Element:
    """One ``w:ins``/``w:del`` holding ``runs``; deleted runs get their text as ``w:delText``."""
    wrapper = revision.mark(change)
    for run in runs:
        if change == "del":
            as_deleted(run)
        wrapper.append(run)
    return wrapper


def as_deleted(run: Element) -> None:
    """Turn ``w:t`` into ``w:delText`` (and field codes into ``w:delInstrText``), as the schema wants."""
    for child in run:
        if child.tag == w("t"):
            child.tag = DELTEXT
        elif child.tag == INSTRTEXT:
            child.tag = DELINSTRTEXT


def mark_runs(paragraph: Element, change: Change, revision: Revision) -> None:
    """Every run of ``paragraph`` (also inside hyperlinks) inserted or deleted, consecutive runs together."""
    for parent in [paragraph, *paragraph.iterdescendants()]:
        if parent.tag in (INS, DEL) or parent.tag == w("r"):
            continue
        group: list[Element] = []
        for child in list(parent):
            if child.tag == w("r"):
                group.append(child)
                continue
            _wrap_group(parent, group, change, revision)
            group = []
        _wrap_group(parent, group, change, revision)


def _wrap_group(parent: Element, group: list[Element], change: Change, revision: Revision) -> None:
    if group:
        index = parent.index(group[0])
        parent.insert(index, wrapped_runs(group, change, revision))


def mark_paragraph_mark(paragraph: Element, change: Change, revision: Revision) -> None:
    """The paragraph's mark (its end) inserted or deleted: ``w:pPr/w:rPr/w:ins|w:del``, first in rPr."""
    properties = paragraph_properties(paragraph)
    run_properties = properties.find(RPR)
    if run_properties is None:
        run_properties = etree.Element(RPR)
        _insert_before(properties, run_properties, (SECTPR, PPRCHANGE))
    run_properties.insert(0, revision.mark(change))


def record_old_properties(paragraph: Element, old: Element, revision: Revision) -> None:
    """``w:pPrChange`` holding ``old`` (a ``w:pPr``) when it differs from the paragraph's own: what a
    reader who rejects the changes gets back."""
    properties = paragraph_properties(paragraph)
    if _comparable(properties) == _comparable(old):
        return
    change = revision.mark("pPrChange")
    former = etree.SubElement(change, PPR)
    for child in old:
        if child.tag not in (RPR, SECTPR, PPRCHANGE):
            former.append(copy.deepcopy(child))
    properties.append(change)


def _comparable(properties: Element) -> bytes:
    return b"".join(bytes(etree.tostring(child)) for child in properties if child.tag not in (RPR, SECTPR, PPRCHANGE))


def paragraph_properties(paragraph: Element) -> Element:
    """The paragraph's ``w:pPr``, made (first child) when it has none."""
    properties = paragraph.find(PPR)
    if properties is None:
        properties = etree.Element(PPR)
        paragraph.insert(0, properties)
    return properties


def replace_properties(paragraph: Element, properties: Element) -> None:
    """Give ``paragraph`` a copy of ``properties`` (a ``w:pPr``), keeping its own mark's revision."""
    own = paragraph_properties(paragraph)
    mark = own.find(RPR)
    new = copy.deepcopy(properties)
    for child in new.findall(RPR) + new.findall(PPRCHANGE):
        new.remove(child)
    if mark is not None:
        _insert_before(new, mark, (SECTPR, PPRCHANGE))
    paragraph.replace(own, new)


def mark_row(row: Element, change: Change, revision: Revision) -> None:
    """A whole table row inserted or deleted: ``w:trPr/w:ins|w:del`` and every run and mark in it."""
    properties = row.find(TRPR)
    if properties is None:
        properties = etree.Element(TRPR)
        _insert_before(row, properties, (w("tc"), w("sdt"), w("customXml")))
    _insert_before(properties, revision.mark(change), (w("trPrChange"),))
    for paragraph in row.iter(P):
        mark_runs(paragraph, change, revision)
        mark_paragraph_mark(paragraph, change, revision)


def mark_table(table: Element, change: Change, revision: Revision) -> None:
    """A whole table inserted or deleted: each of its rows."""
    for row in table.iter(TR):
        if row.getparent() is table:
            mark_row(row, change, revision)


def mark_block(block: Element, change: Change, revision: Revision) -> None:
    """A whole paragraph (text and mark) or table inserted or deleted."""
    if block.tag == P:
        mark_runs(block, change, revision)
        mark_paragraph_mark(block, change, revision)
    elif block.tag == TBL:
        mark_table(block, change, revision)


def _insert_before(parent: Element, child: Element, later: tuple[str, ...]) -> None:
    """Insert ``child`` before the first child of ``parent`` whose tag is in ``later``, else at the end."""
    for index, existing in enumerate(parent):
        if existing.tag in later:
            parent.insert(index, child)
            return
    parent.append(child)
