"""The block redliner on small bodies: every reading (accept all, reject all) is the right document,
also where a paragraph is inserted or deleted last, where Word cannot mark its own paragraph mark."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest
from lxml import etree

from docpipe.redline.blocks import redline_children
from docpipe.redline.marks import Revision
from tests.redline.tracked import readings, resolved

NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
Body = list[tuple[str, str]]


def body(paragraphs: Body) -> object:
    inner = "".join(f'<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>'
                    for style, text in paragraphs)
    return etree.fromstring(f"<w:body {NS}>{inner}<w:sectPr/></w:body>")


def redlined(old: Body, new: Body) -> bytes:
    """A minimal .docx whose body is ``new`` redlined against ``old``."""
    new_body = body(new)
    redline_children(body(old), new_body, Revision("a", dt.date(2026, 1, 1)))
    document = etree.fromstring(f"<w:document {NS}/>")
    document.append(new_body)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", etree.tostring(document))
    return buffer.getvalue()


@pytest.mark.parametrize(("old", "new"), [
    ([("A", "a")], [("A", "a"), ("B", "b")]),                                  # inserted last
    ([("A", "a"), ("B", "b")], [("A", "a")]),                                  # deleted last
    ([("A", "a"), ("B", "b"), ("C", "c")], [("A", "a"), ("D", "d x"), ("E", "e")]),  # both, last
    ([("A", "a"), ("B", "b")], [("A", "a"), ("C", "completely other")]),
    ([("A", "a")], [("B", "b"), ("A", "a")]),                                  # inserted first
    ([("A", "one two three")], [("A", "one four three five")]),                # words
    ([("A", "alpha"), ("A", "beta")], [("A", "gamma"), ("A", "delta"), ("A", "eps")]),
    ([("A", "x")], [("A", "x")]),
])
def test_accept_gives_new_and_reject_gives_old(old: Body, new: Body) -> None:
    document = redlined(old, new)
    assert readings(resolved(document, accept=True)) == new
    assert readings(resolved(document, accept=False)) == old
