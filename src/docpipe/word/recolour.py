"""Colours replaced in a rendered document: an organisation's colour for the template's house colour.

Exact colour values in the colour attributes of every XML part are swapped: the rendered parts after
rendering (``recoloured``), the static parts from a small cache per mapping (``StaticColours``),
assembled from pre-deflated pieces so a new mapping costs no recompression of the large styles part.
"""

from __future__ import annotations

import re
import struct
import threading
import zlib
from collections import OrderedDict
from collections.abc import Iterator, Mapping
from functools import lru_cache
from typing import NamedTuple

from docpipe.ooxml.package import CONTENT_TYPES
from docpipe.ooxml.zipwriter import COMPRESS_LEVEL, Entry
from docpipe.word.prepared import remembered

# How many mappings' static parts a template keeps.
COLOUR_CACHE_SIZE = 8
_EMPTY_FINAL_BLOCK = b"\x03\x00"  # a deflate stream's last block, empty (fixed Huffman, end of block)
_ColourKey = tuple[tuple[str, str], ...]
# The attributes that hold a colour: @w:fill and @w:color of any element (shading, borders,
# underline) and @w:val of <w:color>. Theme colours (w:themeColor, the theme part) are not touched.
_COLOUR_ATTRIBUTE_NAME = re.compile(r"\s(w:(?:fill|color|val))\Z")
_COLOUR_ELEMENT = "<w:color"


class ColourCacheInfo(NamedTuple):
    """How often a render found its colour mapping's static parts ready (hits) or built them (misses)."""

    hits: int
    misses: int
    size: int


class StaticColours:
    """A template's static parts recoloured per mapping, the last COLOUR_CACHE_SIZE mappings kept.

    One object serves every thread that renders the template, hence the lock.
    """

    def __init__(self, data: bytes, parts: Mapping[str, bytes], static: Mapping[str, Entry]) -> None:
        self._data, self._parts, self._static = data, parts, static
        self._lock = threading.Lock()
        self._recoloured: OrderedDict[_ColourKey, dict[str, Entry]] = OrderedDict()
        self._plans: dict[frozenset[str], dict[str, _SplitPart]] = {}
        self._hits = self._misses = 0

    def entries(self, mapping: dict[str, str]) -> dict[str, Entry]:
        """The static parts with ``mapping`` applied, from the cache or built and cached (LRU)."""
        key = tuple(sorted(mapping.items()))
        with self._lock:
            cached = self._recoloured.get(key)
            if cached is not None:
                self._recoloured.move_to_end(key)
                self._hits += 1
                return cached
            self._misses += 1
            plans = self._plans.get(frozenset(mapping))
            if plans is None:
                plans = self._plans[frozenset(mapping)] = self._split(frozenset(mapping))
            entries = dict(self._static)
            for member, plan in plans.items():
                entries[member] = plan.assemble(mapping)
            self._recoloured[key] = entries
            while len(self._recoloured) > COLOUR_CACHE_SIZE:
                self._recoloured.popitem(last=False)
            return entries

    def info(self) -> ColourCacheInfo:
        with self._lock:
            return ColourCacheInfo(self._hits, self._misses, len(self._recoloured))

    def _split(self, keys: frozenset[str]) -> dict[str, _SplitPart]:
        """Per static XML part that holds one of ``keys`` as a colour: its text cut at those values,
        the pieces in between deflated once (few mappings share keys: the house colours)."""
        key = self._data + b"\0" + ",".join(sorted(keys)).encode("ascii")
        return remembered("word-colours", key, lambda: _cut_static(self._parts, self._static, keys), dict)


def recoloured(text: str, mapping: Mapping[str, str]) -> str:
    """``text`` with each colour of ``mapping`` replaced where it is a colour attribute's value."""
    pieces, last = [], 0
    for begin, end in _colour_sites(text, _colour_value_pattern(frozenset(mapping))):
        pieces += [text[last:begin], mapping[text[begin:end].upper()]]
        last = end
    if not pieces:
        return text
    pieces.append(text[last:])
    return "".join(pieces)


def _cut_static(parts: Mapping[str, bytes], static: Mapping[str, Entry], keys: frozenset[str]) -> dict[str, _SplitPart]:
    pattern = _colour_value_pattern(keys)
    plans = {}
    for member in static:
        if not _may_hold_colours(member):
            continue
        try:
            text = parts[member].decode("utf-8")
        except UnicodeDecodeError:
            continue  # not UTF-8 XML (a UTF-16 part): left as it is
        sites = list(_colour_sites(text, pattern))
        if sites:
            plans[member] = _SplitPart.cut(member, text, sites)
    return plans


@lru_cache(maxsize=32)
def _colour_value_pattern(keys: frozenset[str]) -> re.Pattern[str]:
    """An attribute value that is one of ``keys``, in any case; whose attribute is checked apart
    (a pattern that starts with a literal is ten times faster than one that starts with the name)."""
    return re.compile('="((?i:' + "|".join(sorted(keys)) + '))"')


def _colour_sites(text: str, pattern: re.Pattern[str]) -> Iterator[tuple[int, int]]:
    """Where ``text`` holds a colour ``pattern`` matches as a colour attribute's whole value."""
    for match in pattern.finditer(text):
        at = match.start()
        name = _COLOUR_ATTRIBUTE_NAME.search(text, max(at - 8, 0), at)
        if name is None:
            continue
        element = text.rfind("<", 0, at)
        if element < 0 or text.rfind(">", element, at) >= 0:
            continue  # not inside a tag: text such as 'w:fill="1F3A5F"' typed into the template
        if name.group(1) == "w:val":
            after = text[element + len(_COLOUR_ELEMENT): element + len(_COLOUR_ELEMENT) + 1]
            if not text.startswith(_COLOUR_ELEMENT, element) or not after.isspace():
                continue
        yield match.start(1), match.end(1)


def _may_hold_colours(member: str) -> bool:
    """XML parts other than the theme (whose colours are the theme's and stay)."""
    return member.endswith(".xml") and "/theme/" not in member and member != CONTENT_TYPES


class _SplitPart:
    """A static part cut at its colour values: the text between them kept raw (for the checksum)
    and deflated once as byte-aligned, independent pieces of one deflate stream. A mapping's part is
    those pieces with the new values in between as stored blocks, and an empty final block."""

    def __init__(self, name: str, pieces: list[bytes], deflated: list[bytes], values: list[str]) -> None:
        self.name, self.pieces, self.deflated, self.values = name, pieces, deflated, values

    @classmethod
    def cut(cls, name: str, text: str, sites: list[tuple[int, int]]) -> _SplitPart:
        pieces, values, start = [], [], 0
        for begin, end in sites:
            pieces.append(text[start:begin].encode("utf-8"))
            values.append(text[begin:end].upper())
            start = end
        pieces.append(text[start:].encode("utf-8"))
        return cls(name, pieces, [_deflate_piece(piece) for piece in pieces], values)

    def assemble(self, mapping: Mapping[str, str]) -> Entry:
        crc, size, chunks = 0, 0, []
        for index, piece in enumerate(self.pieces):
            crc = zlib.crc32(piece, crc)
            size += len(piece)
            chunks.append(self.deflated[index])
            if index < len(self.values):
                value = mapping.get(self.values[index], self.values[index]).encode("ascii")
                crc = zlib.crc32(value, crc)
                size += len(value)
                chunks.append(b"\x00" + struct.pack("<HH", len(value), len(value) ^ 0xFFFF) + value)
        chunks.append(_EMPTY_FINAL_BLOCK)
        return Entry(self.name, crc, size, b"".join(chunks))


def _deflate_piece(data: bytes) -> bytes:
    """``data`` as deflate blocks that end on a byte boundary and refer to nothing before them."""
    if not data:
        return b""
    compressor = zlib.compressobj(COMPRESS_LEVEL, zlib.DEFLATED, -15)
    return compressor.compress(data) + compressor.flush(zlib.Z_SYNC_FLUSH)
