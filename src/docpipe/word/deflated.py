"""Rendered parts as zip entries: deflated for every document, or once where they repeat."""

from __future__ import annotations

from functools import lru_cache

from docpipe.ooxml.package import CORE_PART
from docpipe.ooxml.zipwriter import Entry

_ONE_DOCUMENT_PARTS = frozenset(("word/document.xml", CORE_PART))


def rendered_entry(name: str, data: bytes) -> Entry:
    """A rendered part, deflated; a part that is the same in many documents only once.

    The body and the core properties differ in every document. The rest repeats: the logo image,
    its relationships and the content types in every document of a case, the footer in most of them.
    """
    if name in _ONE_DOCUMENT_PARTS:
        return Entry.deflate_quickly(name, data)
    return deflated_once(name, data)


@lru_cache(maxsize=32)
def deflated_once(name: str, data: bytes) -> Entry:
    """``Entry.deflate``, kept per name and exact bytes: a pure function, so the entry is the one a
    fresh deflate gives. Small: a case's documents share at most a handful of such parts."""
    return Entry.deflate_quickly(name, data)
