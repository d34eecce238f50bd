"""Unchanged template parts are copied with their compressed bytes, never recompressed."""

from __future__ import annotations

import io
import zipfile
import zlib

import pytest

from docpipe.ooxml.zipwriter import entries_of, write_zip


def package(method: int) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(zipfile.ZipInfo("[Content_Types].xml"), b"<Types/>" * 50, compress_type=method)
        info = zipfile.ZipInfo("word/styles.xml")
        info.extra = b"\xfe\xca\x00\x00"  # an extra field in the local header, as jar tools write
        archive.writestr(info, "<w:styles>æøå</w:styles>".encode() * 200, compress_type=method)
    return buffer.getvalue()


def test_deflated_members_keep_their_compressed_bytes() -> None:
    data = package(zipfile.ZIP_DEFLATED)
    entries = entries_of(data)
    archive = zipfile.ZipFile(io.BytesIO(data))
    for info in archive.infolist():
        entry = entries[info.filename]
        assert zlib.decompress(entry.compressed, -15) == archive.read(info)
        assert (entry.crc, entry.size, len(entry.compressed)) == (info.CRC, info.file_size, info.compress_size)
    copied = zipfile.ZipFile(io.BytesIO(write_zip(entries.values())))
    assert copied.testzip() is None
    assert {name: copied.read(name) for name in copied.namelist()} == \
        {name: archive.read(name) for name in archive.namelist()}


def test_stored_members_are_deflated() -> None:
    data = package(zipfile.ZIP_STORED)
    entries = entries_of(data)
    assert all(len(entry.compressed) < entry.size for entry in entries.values())
    copied = zipfile.ZipFile(io.BytesIO(write_zip(entries.values())))
    assert copied.read("word/styles.xml") == "<w:styles>æøå</w:styles>".encode() * 200


def test_a_damaged_package_is_refused() -> None:
    data = bytearray(package(zipfile.ZIP_DEFLATED))
    data[0:4] = b"XXXX"  # the first local header
    with pytest.raises(zipfile.BadZipFile):
        entries_of(bytes(data))
