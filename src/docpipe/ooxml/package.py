"""Making an OOXML package byte-identical for the same input.

python-docx and openpyxl stamp the current time into zip entries and into docProps/core.xml; we
rewrite both so the same case gives the same bytes, which golden files and version control need.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from xml.sax.saxutils import escape

from docpipe.ooxml.zipwriter import Entry, write_zip

CONTENT_TYPES = "[Content_Types].xml"
CORE_PART = "docProps/core.xml"


@dataclass(frozen=True)
class DocumentProperties:
    """What File > Properties shows: taken from the case, never from the clock."""

    title: str
    author: str
    date: dt.date
    language: str = "da-DK"
    subject: str = ""

    def core_xml(self) -> bytes:
        stamp = f"{self.date.isoformat()}T00:00:00Z"
        return (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
            'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/'
            'terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/'
            'XMLSchema-instance">'
            f"<dc:title>{escape(self.title)}</dc:title>"
            f"<dc:subject>{escape(self.subject)}</dc:subject>"
            f"<dc:creator>{escape(self.author)}</dc:creator>"
            f"<cp:lastModifiedBy>{escape(self.author)}</cp:lastModifiedBy>"
            "<cp:revision>1</cp:revision>"
            f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
            f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified>'
            f"<dc:language>{escape(self.language)}</dc:language>"
            "</cp:coreProperties>"
        ).encode()


def normalise_package(data: bytes, properties: DocumentProperties,
                      rewrites: Mapping[str, Callable[[bytes], bytes]] | None = None) -> bytes:
    """The same package with fixed entry times, a stable entry order and our core properties.

    ``[Content_Types].xml`` stays first (some readers expect it); the other parts keep the order the
    library wrote them in, which is itself stable. ``rewrites`` maps a part name to a function that
    corrects that part's bytes on the way through. Written by the engines' own zip writer, so a
    package docpipe makes with openpyxl has the same zip layout as one its engines make.
    """
    rewrites = rewrites or {}
    source = zipfile.ZipFile(io.BytesIO(data))
    names = source.namelist()
    names.sort(key=lambda name: name != CONTENT_TYPES)
    return write_zip(Entry.deflate(name, _content(source, name, properties, rewrites)) for name in names)


def _content(source: zipfile.ZipFile, name: str, properties: DocumentProperties,
             rewrites: Mapping[str, Callable[[bytes], bytes]]) -> bytes:
    content = properties.core_xml() if name == CORE_PART else source.read(name)
    return rewrites[name](content) if name in rewrites else content
