"""One redlined .docx: NEW's package with its body rewritten against OLD's body.

Everything but ``word/document.xml`` is NEW's, byte for byte (styles, numbering, headers and footers,
core properties): the two documents come from the same template, so the body is where the cases
differ. The package is written by the engines' own zip writer, so it is reproducible.
"""

from __future__ import annotations

import io
import zipfile

from docpipe.ooxml.zipwriter import Entry, entries_of, write_zip
from docpipe.redline.blocks import redline_children
from docpipe.redline.marks import Revision
from docpipe.redline.xml import Element, parsed, serialised, w

BODY_PART = "word/document.xml"


def redlined_docx(old: bytes | None, new: bytes, revision: Revision) -> bytes:
    """NEW's document with OLD's differences as tracked changes; ``old`` None: everything is new."""
    entries = entries_of(new)
    new_root = parsed(body_part(new))
    old_body = body_of(parsed(body_part(old))) if old is not None else None
    redline_children(old_body, body_of(new_root), revision)
    entries[BODY_PART] = Entry.deflate(BODY_PART, serialised(new_root))
    return write_zip(entries.values())


def body_part(package: bytes) -> bytes:
    """The bytes of a .docx package's main document part."""
    with zipfile.ZipFile(io.BytesIO(package)) as archive:
        return archive.read(BODY_PART)


def body_of(root: Element) -> Element:
    """The ``w:body`` of a main document part."""
    body = root.find(w("body"))
    if body is None:
        raise ValueError("a Word document without a body")
    return body
