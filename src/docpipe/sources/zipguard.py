"""Refusing a workbook before any parser opens it: an .xlsx file is a zip archive of XML parts.

Workbooks arrive from many hands (an intake workbook, a mail-merge list), and a hostile one can
make a parser unpack gigabytes from a few kilobytes (a zip bomb) or expand XML entities without end.
So the archive's own table of contents is checked first, which costs no unpacking: at most
MAX_ENTRIES parts, MAX_UNCOMPRESSED bytes in all, no part (nor the whole) compressed more than
MAX_RATIO:1. Then every XML part is searched for a DTD (``<!DOCTYPE``/``<!ENTITY``, also in
UTF-16), which Excel never writes and which entity expansion needs. openpyxl also parses with
defusedxml when it is installed (``openpyxl.DEFUSEDXML``); this check does not depend on that.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from pathlib import Path

from docpipe.i18n import _
from docpipe.sources.characters import FORBIDDEN, shorten

MAX_WORKBOOK_BYTES = 20 * 1024 * 1024
MAX_ENTRIES = 200
MAX_UNCOMPRESSED = 50 * 1024 * 1024
MAX_RATIO = 100
_RATIO_FROM = 1024 * 1024  # smaller parts may compress as well as they like: they cannot flood memory
_MB = 1024 * 1024
_XML_PARTS = (".xml", ".rels", ".vml")
_DTD = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
_DTD_UTF16 = ("<!DOCTYPE".encode("utf-16-le"), "<!ENTITY".encode("utf-16-le"))
_DAMAGED = (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, RuntimeError, EOFError, OSError,
            zlib.error)


def archive_problem(source: Path | bytes) -> str | None:
    """Why the workbook (a file, or its bytes) is refused before parsing, or None when it may be opened."""
    size = source.stat().st_size if isinstance(source, Path) else len(source)
    if size > MAX_WORKBOOK_BYTES:
        return _("is larger than {limit} MB, the most docpipe reads from a workbook").format(
            limit=MAX_WORKBOOK_BYTES // _MB)
    stream = source if isinstance(source, Path) else io.BytesIO(source)
    if not zipfile.is_zipfile(stream):
        return _('is not an Excel workbook (.xlsx); save it from Excel as "Excel-projektmappe (*.xlsx)"')
    try:
        with zipfile.ZipFile(stream) as archive:
            return size_problem(archive.infolist()) or dtd_problem(archive)
    except _DAMAGED as error:
        return _("cannot be unpacked ({reason}); it is damaged or not a workbook saved by Excel").format(
            reason=error)


def size_problem(entries: list[zipfile.ZipInfo]) -> str | None:
    """Why the archive's table of contents looks like a zip bomb, or None; nothing is unpacked."""
    if len(entries) > MAX_ENTRIES:
        return _("holds {count} parts; a workbook saved by Excel has far fewer (at most {limit} allowed)").format(
            count=len(entries), limit=MAX_ENTRIES)
    total = sum(entry.file_size for entry in entries)
    if total > MAX_UNCOMPRESSED:
        return _("unpacks to {size} MB; at most {limit} MB is allowed (a zip bomb?)").format(
            size=total // _MB, limit=MAX_UNCOMPRESSED // _MB)
    for entry in entries:
        if _too_compressed(entry.file_size, entry.compress_size):
            return _("part {part} is compressed more than {ratio}:1; refused as a possible zip bomb").format(
                part=_shown(entry.filename), ratio=MAX_RATIO)
    if _too_compressed(total, sum(entry.compress_size for entry in entries)):
        return _("is compressed more than {ratio}:1; refused as a possible zip bomb").format(ratio=MAX_RATIO)
    return None


def dtd_problem(archive: zipfile.ZipFile) -> str | None:
    """Why an XML part is refused (it has a DTD, the door to entity expansion), or None.

    Run only after size_problem passed, so reading the parts is bounded by MAX_UNCOMPRESSED.
    """
    for entry in archive.infolist():
        if entry.filename.endswith(_XML_PARTS):
            content = archive.read(entry)
            if _DTD.search(content) or any(marker in content for marker in _DTD_UTF16):
                return _("part {part} contains a DTD (<!DOCTYPE or <!ENTITY); workbooks from Excel never do, and "
                         "entity expansion is refused").format(part=_shown(entry.filename))
    return None


def _too_compressed(unpacked: int, packed: int) -> bool:
    return unpacked > _RATIO_FROM and unpacked > MAX_RATIO * max(packed, 1)


def _shown(part: str) -> str:
    """A part's name as a message may show it: the archive chose it, so no control characters, not too long."""
    return shorten(FORBIDDEN.sub("\ufffd", part), 80)
