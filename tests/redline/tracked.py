"""Accepting and rejecting Word tracked changes, written for the tests, independent of the redliner.

Word's rules: an inserted run stays on accept and goes on reject, a deleted run the other way round;
a paragraph whose mark (``w:pPr/w:rPr/w:ins|w:del``) goes merges with the paragraph after it (an
empty one just disappears); a row marked in ``w:trPr`` goes or stays whole; ``w:pPrChange`` and ``w:rPrChange`` hold
the properties a rejection restores.
"""

from __future__ import annotations

import io
import zipfile
from typing import Any

from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
Element = Any


def body_root(docx: bytes) -> Element:
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        return etree.fromstring(archive.read("word/document.xml"))


def resolved(docx: bytes, *, accept: bool) -> Element:
    """The document's body part with every change accepted (or rejected)."""
    root = body_root(docx)
    keep, drop = (f"{W}ins", f"{W}del") if accept else (f"{W}del", f"{W}ins")
    for row in list(root.iter(f"{W}tr")):
        properties = row.find(f"{W}trPr")
        if properties is not None and properties.find(drop) is not None:
            row.getparent().remove(row)
    for paragraph in list(root.iter(f"{W}p")):
        if paragraph.getparent() is None or paragraph.find(f"{W}pPr/{W}pPrChange") is None:
            continue
        _restore_properties(paragraph, accept)
    for change in list(root.iter(f"{W}rPrChange")):  # a run's formatting: OLD's back on reject
        properties = change.getparent()
        properties.remove(change)
        if not accept:
            for child in list(properties):
                properties.remove(child)
            properties.extend(list(change.find(f"{W}rPr")))
    for wrapper in list(root.iter(drop)):
        parent = wrapper.getparent()
        if parent.tag != f"{W}rPr" and parent.tag != f"{W}trPr":
            parent.remove(wrapper)
    for wrapper in list(root.iter(keep)):
        parent = wrapper.getparent()
        if parent.tag in (f"{W}rPr", f"{W}trPr"):
            continue
        for child in wrapper:
            for text in child.iter(f"{W}delText"):
                text.tag = f"{W}t"
        index = parent.index(wrapper)
        for offset, child in enumerate(list(wrapper)):
            parent.insert(index + offset, child)
        parent.remove(wrapper)
    for paragraph in list(root.iter(f"{W}p")):
        if paragraph.find(f"{W}pPr/{W}rPr/{drop}") is not None:
            _merge_with_next(paragraph)
    return root


def _restore_properties(paragraph: Element, accept: bool) -> None:
    properties = paragraph.find(f"{W}pPr")
    change = properties.find(f"{W}pPrChange")
    properties.remove(change)
    if accept:
        return
    mark = properties.find(f"{W}rPr")
    former = change.find(f"{W}pPr")
    for child in list(properties):
        if child.tag != f"{W}rPr":
            properties.remove(child)
    for child in former:
        properties.insert(len(properties) - (mark is not None), child)


def _merge_with_next(paragraph: Element) -> None:
    """Word's removal of a paragraph mark: its content joins the next paragraph."""
    content = [child for child in paragraph if child.tag != f"{W}pPr"]
    following = paragraph.getnext()
    if following is not None and following.tag == f"{W}p":
        start = 1 if following.find(f"{W}pPr") is not None else 0
        for offset, child in enumerate(content):
            following.insert(start + offset, child)
        paragraph.getparent().remove(paragraph)
    elif not "".join(paragraph.itertext()):
        paragraph.getparent().remove(paragraph)


def readings(root: Element) -> list[tuple[str, str]]:
    """Every paragraph of the body (also in tables) as (style, text): what a reader sees."""
    found = []
    for paragraph in root.iter(f"{W}p"):
        style = paragraph.find(f"{W}pPr/{W}pStyle")
        text = "".join(node.text or "" for node in paragraph.iter(f"{W}t", f"{W}delText"))
        found.append(("" if style is None else style.get(f"{W}val"), text))
    return found


def changes(docx: bytes) -> list[tuple[str, str]]:
    """Every inserted or deleted text of the document, in order: ("ins" | "del", text)."""
    found = []
    for wrapper in body_root(docx).iter(f"{W}ins", f"{W}del"):
        text = "".join(node.text or "" for node in wrapper.iter(f"{W}t", f"{W}delText"))
        if text:
            found.append((wrapper.tag[len(W):], text))
    return found


def marked_paragraphs(docx: bytes) -> int:
    """How many paragraphs carry any tracked change (in their runs, their mark or their row)."""
    marks = (f"{W}ins", f"{W}del", f"{W}pPrChange")
    return sum(1 for paragraph in body_root(docx).iter(f"{W}p")
               if any(True for _ in paragraph.iter(*marks)) or _row_marked(paragraph))


def _row_marked(paragraph: Element) -> bool:
    row = next(paragraph.iterancestors(f"{W}tr"), None)
    return row is not None and row.find(f"{W}trPr/{W}ins") is not None


_CONTENT = {f"{W}{name}" for name in ("t", "delText", "tab", "br", "drawing", "fldChar", "instrText", "delInstrText",
                                      "sym", "noBreakHyphen")}


def change_regions(docx: bytes) -> int:
    """How many changed regions a reader shows: runs of inserted (or deleted) content in document
    order, where a changed paragraph mark joins its paragraph's change to the next paragraph's, and
    a table cell's end ends a region. LibreOffice's ``text:changed-region``s are counted this way."""
    count, last = 0, ""
    for kind in _kinds(body_root(docx).find(f"{W}body")):
        count += kind in ("ins", "del") and kind != last
        last = kind
    return count


def _kinds(container: Element) -> Any:
    for element in container:
        if element.tag == f"{W}p":
            for child in element:
                if child.tag in (f"{W}ins", f"{W}del", f"{W}r") and any(n.tag in _CONTENT for n in child.iter()):
                    yield "plain" if child.tag == f"{W}r" else child.tag[len(W):]
                elif child.tag in (f"{W}hyperlink", f"{W}fldSimple"):
                    yield "plain"
            mark = element.find(f"{W}pPr/{W}rPr")
            yield next((name for name in ("ins", "del") if mark is not None and mark.find(f"{W}{name}") is not None),
                       "plain")
        elif element.tag == f"{W}tbl":
            yield "break"
            for cell in element.iter(f"{W}tc"):
                yield from _kinds(cell)
                yield "break"
        elif element.tag == f"{W}sdt" and element.find(f"{W}sdtContent") is not None:
            yield from _kinds(element.find(f"{W}sdtContent"))
