"""Reading the parts of an OOXML package for the checks: safely, and with short names for places."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from lxml import etree

from docpipe.i18n import _

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
XDR = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"
S = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
DC = "http://purl.org/dc/elements/1.1/"
DECORATIVE = "http://schemas.microsoft.com/office/drawing/2017/decorative"
NS = {"w": W, "wp": WP, "a": A, "xdr": XDR, "s": S, "dc": DC, "adec": DECORATIVE}
# no entities, no network: a document to check may come from anyone
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)


class UnreadableDocument(Exception):
    """The file is not the kind of document its name says (not a zip, a part missing or broken)."""


class Package:
    """The parts of an OOXML file, parsed when first asked for."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            with zipfile.ZipFile(path) as archive:
                self.parts = {name: archive.read(name) for name in archive.namelist()}
        except (zipfile.BadZipFile, OSError, KeyError) as error:
            raise UnreadableDocument(_("cannot be read as an Office document: {reason}").format(
                reason=error)) from error
        self._trees: dict[str, etree._Element] = {}

    def names(self, pattern: str) -> list[str]:
        """The part names matching the regular expression ``pattern``, in a stable order."""
        return sorted(name for name in self.parts if re.fullmatch(pattern, name))

    def xml(self, name: str) -> etree._Element | None:
        """The parsed part ``name``, or None when the package has no such part."""
        if name not in self.parts:
            return None
        if name not in self._trees:
            try:
                self._trees[name] = etree.fromstring(self.parts[name], _PARSER)
            except etree.XMLSyntaxError as error:
                raise UnreadableDocument(_("the part {part} is not well-formed XML: {reason}").format(
                    part=name, reason=error)) from error
        return self._trees[name]


def core_text(package: Package, tag: str) -> str:
    """A Dublin Core property of docProps/core.xml (``title``, ``language``), stripped; "" when unset."""
    core = package.xml("docProps/core.xml")
    if core is None:
        return ""
    element = core.find(f"dc:{tag}", NS)
    return (element.text or "").strip() if element is not None else ""


def is_decorative(properties: etree._Element) -> bool:
    """Whether a drawing's properties (``wp:docPr``, ``xdr:cNvPr``) carry Word's decorative mark."""
    marks = properties.findall(".//adec:decorative", NS)
    return any(mark.get("val") in ("1", "true") for mark in marks)


def has_alt_text(properties: etree._Element) -> bool:
    """Whether a drawing says what it shows (``descr``) or says it shows nothing (decorative).

    A placeholder is no alternative text: openpyxl writes "Picture" on every image, and some
    programs the picture's file name."""
    return not is_placeholder(properties.get("descr") or "") or is_decorative(properties)


def is_placeholder(text: str) -> bool:
    """Whether an alternative text says nothing: empty, a generic word, or a file name."""
    words = text.strip().lower()
    return not words or words in _PLACEHOLDERS or bool(_FILE_NAME.fullmatch(words))


_PLACEHOLDERS = frozenset({"picture", "image", "graphic", "photo", "billede", "grafik", "foto", "figur", "logo"})
_FILE_NAME = re.compile(r"[\w. -]+\.(png|jpe?g|gif|bmp|emf|wmf|svg|tiff?)")
