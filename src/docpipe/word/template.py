"""WordTemplate: a .docx template prepared and compiled once, rendered to bytes any number of times.

Preparing reads the package, turns every story part (body, headers, footers, footnotes, core
properties) into compiled Jinja, and deflates every other part once. Rendering a context then costs
one Jinja render per story part that holds tags, a deflate of those parts, and a zip assembled from
mostly pre-compressed bytes. The tag language is docxtpl's (see docpipe.word.tags); the Jinja
environment is sandboxed and always escapes values for XML.

A render may replace colours (an organisation's colour for the house colour): exact colour values
in the colour attributes of every XML part are swapped, the rendered parts after rendering and the
static parts from a small cache per mapping, assembled from pre-deflated pieces so a new mapping
costs no recompression of the large styles part.
"""

from __future__ import annotations

import io
import re
import struct
import threading
import zipfile
import zlib
from collections import OrderedDict
from collections.abc import Iterator, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

import jinja2
from jinja2 import meta
from jinja2.sandbox import SandboxedEnvironment

from docpipe.errors import TemplateError
from docpipe.ooxml.colours import Colours, normalise_colours
from docpipe.ooxml.package import CONTENT_TYPES, CORE_PART, DocumentProperties
from docpipe.ooxml.zipwriter import COMPRESS_LEVEL, Entry, entries_of, write_zip
from docpipe.output.write import write_atomically
from docpipe.word.compiled import compile_template
from docpipe.word.grid import fit_table_grids, has_cell_loops
from docpipe.word.listing import needs_resolving, resolve_special_characters
from docpipe.word.media import CURRENT_PART, Media, MediaCollector
from docpipe.word.prepared import remembered
from docpipe.word.tags import jinja_source, properties_source

MAIN_PART_RELS = "word/_rels/document.xml.rels"
STORY_RELATIONSHIPS = ("/header", "/footer", "/footnotes")
IMAGE_RELATIONSHIP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"
NOT_SUPPORTED = {
    "InlineImage": "docxtpl's InlineImage (use docpipe.word.Picture for an image)",
    "Subdoc": "docxtpl's sub-documents",
}
_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>\s*")
_PARAGRAPH_START = re.compile(r"<w:p([ >])")
_LINE_BEFORE_PARAGRAPH = "\n<w:p"
# Tags that can see or change the text of the template between them (a block set, a filter block, a
# macro or call block) and any tag with a paragraph inside it (a string holding "<w:p ..."): with
# these, the line breaks before paragraphs are dropped from the rendered text, as docxtpl does.
_TEXT_HANDLING_TAG = re.compile(r"\{%-?\s*(?:set|filter|macro|call)\b")
_TAG = re.compile(r"\{%(?:(?!%\}).)*%\}|\{\{(?:(?!\}\}).)*\}\}", re.DOTALL)
_DOC_PR_ID = re.compile(r'(<wp:docPr\b[^>]*?\bid=")(\d+)(")')
_DRAWING_IDS_PER_PART = 10_000
# docxtpl's way to write a literal "{{" in a template: "{_{" (and "}_}", "{_%", "%_}")
_LITERAL_BRACE_ESCAPES = {"{_{": "{{", "}_}": "}}", "{_%": "{%", "%_}": "%}"}
_DICT_ATTRIBUTES = frozenset(dir(dict))
# What XML 1.0 cannot hold: a value with one would give a file no reader opens. \a and \f are left
# out: inside a paragraph's text they become a new paragraph and a page break (docxtpl's Listing).
_NOT_IN_XML = re.compile("[\x00-\x06\x08\x0b\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# Colours: how many mappings' static parts a template keeps, and what a colour is ("1F3A5F").
COLOUR_CACHE_SIZE = 8
_EMPTY_FINAL_BLOCK = b"\x03\x00"  # a deflate stream's last block, empty (fixed Huffman, end of block)
_ColourKey = tuple[tuple[str, str], ...]


class ColourCacheInfo(NamedTuple):
    """How often a render found its colour mapping's static parts ready (hits) or built them (misses)."""

    hits: int
    misses: int
    size: int


class WordTemplate:
    """A Word template in docxtpl's tag language, compiled once for many documents.

    ``strict=True`` makes a name the context does not hold an error naming it and the template,
    instead of an empty spot. One object is safe to reuse for any number of contexts; it pickles by
    its bytes, so a worker process prepares its own copy once.
    """

    def __init__(self, path: str | Path, *, strict: bool = False) -> None:
        source = Path(path)
        try:
            data = source.read_bytes()
        except OSError as error:
            raise TemplateError(source.name, f"cannot be read: {error.strerror or error}") from error
        self._setup(data, source.name, strict)

    @classmethod
    def from_bytes(cls, data: bytes, name: str, *, strict: bool = False) -> WordTemplate:
        """A template from the bytes of a .docx file; ``name`` is how errors refer to it."""
        template = cls.__new__(cls)
        template._setup(data, name, strict)
        return template

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (self._data, self.name, self.strict))

    def _setup(self, data: bytes, name: str, strict: bool) -> None:
        self._data, self.name, self.strict = data, name, strict
        prepared = remembered("word-template", data, lambda: _prepared(data, name), _Prepared)
        self._order = sorted(prepared.parts, key=lambda member: member != CONTENT_TYPES)
        self._parts = prepared.parts
        self._environment = _environment(strict)
        self._sources = {member: source for member, (_, source) in prepared.stories.items()}
        self._literal_braces = {member for member, source in self._sources.items()
                                if any(escape in source for escape in _LITERAL_BRACE_ESCAPES)}
        self._fit_grids = set(prepared.fit_grids)
        self._lined: set[str] = set()  # parts compiled with a line per paragraph, dropped after rendering
        self._stories = {member: (declaration, self._compile(member, source))
                         for member, (declaration, source) in prepared.stories.items()}
        stored = entries_of(data)
        self._static = {member: stored[member] for member in self._parts if member not in self._stories}
        self._colour_lock = threading.Lock()
        self._recoloured: OrderedDict[_ColourKey, dict[str, Entry]] = OrderedDict()
        self._colour_plans: dict[frozenset[str], dict[str, _SplitPart]] = {}
        self._colour_hits = self._colour_misses = 0

    # --- preparing ------------------------------------------------------------------------------

    def _compile(self, member: str, source: str) -> jinja2.Template:
        """The compiled part; ``source`` has a line per paragraph, so a syntax error can quote its line.

        Rendering drops those line breaks again (and any the template has before a ``<w:p...>``
        element). Where the template's tags cannot see or change its text, they are dropped from
        the source instead, once: the output is the same, without a pass over every rendered part.
        """
        if may_drop_lines_before_rendering(source):
            try:
                return compile_template(self._environment, source.replace(_LINE_BEFORE_PARAGRAPH, "<w:p"))
            except jinja2.TemplateSyntaxError:
                pass  # compiled again below, with the lines, for the message
        self._lined.add(member)
        try:
            return compile_template(self._environment, source)
        except jinja2.TemplateSyntaxError as error:
            raise TemplateError(self.name, f"syntax error in {part_label(member)}: {error.message}; near "
                                f"“{_text_near(source, error.lineno)}”") from error

    def names_used(self) -> dict[str, set[str]]:
        """Per part (``"the body"``, ``"the header"`` ...), the top-level names its tags read from the
        context: what a template check compares with what a deliverable provides."""
        used: dict[str, set[str]] = {}
        for member, source in self._sources.items():
            names = meta.find_undeclared_variables(self._environment.parse(source))
            used.setdefault(part_label(member), set()).update(names)
        return used

    # --- rendering ------------------------------------------------------------------------------

    def render(self, context: Mapping[str, Any], properties: DocumentProperties | None = None,
               colours: Colours | None = None) -> bytes:
        """The complete .docx for ``context``; ``properties`` replace the core properties when given.

        ``colours`` maps colours of the template to the colours to use instead, as six hex digits
        without "#" (``{"1F3A5F": "00558C"}``), in any case. A colour is replaced where it is the whole
        value of a colour attribute (``w:color/@w:val``, ``@w:fill``, ``@w:color`` of shading,
        borders and underlines) in any part, styles and rendered text alike; theme colours are not
        touched. Without a mapping the bytes are exactly those of a render without colours.
        """
        mapping = normalise_colours(colours)
        rendered: dict[str, bytes] = {}
        media: dict[str, list[Media]] = {}
        for index, (member, (declaration, template)) in enumerate(self._stories.items()):
            xml, used = self._render_story(member, template, context, (index + 1) * _DRAWING_IDS_PER_PART)
            if mapping:
                xml = _recolour(xml, mapping)
            rendered[member] = (declaration + xml).encode("utf-8")
            if used:
                media[member] = used
        if properties is not None:
            rendered[CORE_PART] = properties.core_xml()
        rendered.update(self._media_parts(media))
        static = self._static_recoloured(mapping) if mapping else self._static
        names = self._order + [name for name in rendered if name not in self._parts]
        return write_zip(_rendered_entry(name, rendered[name]) if name in rendered else static[name]
                         for name in names)

    def render_to(self, path: str | Path, context: Mapping[str, Any],
                  properties: DocumentProperties | None = None, colours: Colours | None = None) -> Path:
        """Render and write atomically: the file appears complete or not at all."""
        target = Path(path)
        write_atomically(target, self.render(context, properties, colours))
        return target

    def colour_cache_info(self) -> ColourCacheInfo:
        """Renders with a colour mapping whose static parts were cached (hits) or built (misses)."""
        with self._colour_lock:
            return ColourCacheInfo(self._colour_hits, self._colour_misses, len(self._recoloured))

    def _static_recoloured(self, mapping: dict[str, str]) -> dict[str, Entry]:
        """The static parts with ``mapping`` applied, from the cache or built and cached (LRU)."""
        key = tuple(sorted(mapping.items()))
        with self._colour_lock:
            cached = self._recoloured.get(key)
            if cached is not None:
                self._recoloured.move_to_end(key)
                self._colour_hits += 1
                return cached
            self._colour_misses += 1
            plans = self._colour_plans.get(frozenset(mapping))
            if plans is None:
                plans = self._colour_plans[frozenset(mapping)] = self._split_static(frozenset(mapping))
            entries = dict(self._static)
            for member, plan in plans.items():
                entries[member] = plan.assemble(mapping)
            self._recoloured[key] = entries
            while len(self._recoloured) > COLOUR_CACHE_SIZE:
                self._recoloured.popitem(last=False)
            return entries

    def _split_static(self, keys: frozenset[str]) -> dict[str, _SplitPart]:
        """Per static XML part that holds one of ``keys`` as a colour: its text cut at those values,
        the pieces in between deflated once (few mappings share keys: the house colours)."""
        key = self._data + b"\0" + ",".join(sorted(keys)).encode("ascii")
        return remembered("word-colours", key, lambda: _cut_static(self._parts, self._static, keys), dict)

    def _render_story(self, member: str, template: jinja2.Template, context: Mapping[str, Any],
                      first_drawing_id: int) -> tuple[str, list[Media]]:
        collector = MediaCollector(member, next_drawing_id=first_drawing_id)
        token = CURRENT_PART.set(collector)
        try:
            xml = template.render(context)
        except jinja2.UndefinedError as error:
            raise TemplateError(self.name, f"{error.message} (in {part_label(member)}); the context has no "
                                "such name") from error
        except jinja2.TemplateError as error:
            raise TemplateError(self.name, f"{error} (in {part_label(member)})") from error
        except (ValueError, TypeError) as error:
            raise TemplateError(self.name, f"{error} (in {part_label(member)})") from error
        finally:
            CURRENT_PART.reset(token)
        if member in self._lined:
            xml = xml.replace(_LINE_BEFORE_PARAGRAPH, "<w:p")
        if member in self._literal_braces:
            for escape, meant in _LITERAL_BRACE_ESCAPES.items():
                xml = xml.replace(escape, meant)
        if needs_resolving(xml):
            xml = resolve_special_characters(xml)
        if "\a" in xml or "\f" in xml:  # outside a paragraph's text (the properties, an attribute) they stay
            char = "\a" if "\a" in xml else "\f"
            raise TemplateError(self.name, f"a value holds {_describe(char)}, which only a paragraph's text can "
                                f"hold, not the place it is used in {part_label(member)}")
        if member in self._fit_grids:
            xml = fit_table_grids(xml)
        return _unique_drawing_ids(xml, first_drawing_id), collector.media

    def _media_parts(self, media: Mapping[str, list[Media]]) -> dict[str, bytes]:
        """The image files, the relationships that point at them, and their content types."""
        if not media:
            return {}
        added: dict[str, bytes] = {}
        content_types = self._parts[CONTENT_TYPES].decode("utf-8")
        for member, items in media.items():
            rels_name = _rels_name(member)
            rels = self._parts.get(rels_name, _EMPTY_RELS).decode("utf-8")
            new = "".join(f'<Relationship Id="{item.relationship_id}" Type="{IMAGE_RELATIONSHIP}" '
                          f'Target="media/{item.part_name.rsplit("/", 1)[-1]}"/>' for item in items)
            added[rels_name] = rels.replace("</Relationships>", new + "</Relationships>").encode("utf-8")
            for item in items:
                added[item.part_name] = item.data
                content_types = _with_default_type(content_types, item)
        added[CONTENT_TYPES] = content_types.encode("utf-8")
        return added


class _Prepared(NamedTuple):
    """A template's parts unpacked, and its story parts that hold tags as (XML declaration, Jinja source)."""

    parts: dict[str, bytes]
    stories: dict[str, tuple[str, str]]
    fit_grids: frozenset[str]  # story parts with loops over table cells, whose grid is fitted after rendering


def _prepared(data: bytes, name: str) -> _Prepared:
    """The template unpacked and its tags rewritten; raises TemplateError naming ``name``."""
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
        parts = {member: package.read(member) for member in package.namelist()}
    except (zipfile.BadZipFile, KeyError, OSError) as error:
        raise TemplateError(name, f"is not a Word document (.docx): {error}") from error
    if "word/document.xml" not in parts:
        raise TemplateError(name, "is not a Word document (.docx): it has no word/document.xml")
    stories, fit_grids = {}, set()
    for member in story_part_names(parts):
        text = parts[member].decode("utf-8")
        declaration_match = _DECLARATION.match(text)
        declaration = declaration_match.group(0) if declaration_match else ""
        body = text[len(declaration):]
        if member != CORE_PART:
            if has_cell_loops(body):
                fit_grids.add(member)
            body = _PARAGRAPH_START.sub(r"\n<w:p\1", jinja_source(body, name))
        else:
            body = properties_source(body)
        if any(marker in body for marker in ("{{", "{%", "{#")):
            stories[member] = (declaration, body)  # else nothing to render: a pre-compressed static part
    return _Prepared(parts, stories, frozenset(fit_grids & set(stories)))


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


def _rendered_entry(name: str, data: bytes) -> Entry:
    """A rendered part, deflated; a part that is the same in many documents only once.

    The body and the core properties differ in every document. The rest repeats: the logo image,
    its relationships and the content types in every document of a case, the footer in most of them.
    """
    if name in _ONE_DOCUMENT_PARTS:
        return Entry.deflate_quickly(name, data)
    return _deflated_once(name, data)


_ONE_DOCUMENT_PARTS = frozenset(("word/document.xml", CORE_PART))


@lru_cache(maxsize=32)
def _deflated_once(name: str, data: bytes) -> Entry:
    """``Entry.deflate``, kept per name and exact bytes: a pure function, so the entry is the one a
    fresh deflate gives. Small: a case's documents share at most a handful of such parts."""
    return Entry.deflate_quickly(name, data)


def may_drop_lines_before_rendering(source: str) -> bool:
    """Whether ``source`` renders to the same text with its line breaks before ``<w:p...>`` taken out
    as with them taken out of the rendered text.

    They are static text, and Jinja's whitespace control cannot join one to a tag (it is followed
    by ``<w:p``), so only a tag that handles its body's text (a block set, a filter block, a macro or
    call block) or holds such a line itself (in a string) could tell; a template with either
    renders the lined source and drops the line breaks afterwards.
    """
    if _TEXT_HANDLING_TAG.search(source):
        return False
    return not any(_LINE_BEFORE_PARAGRAPH in tag.group() for tag in _TAG.finditer(source))


@lru_cache(maxsize=32)
def _colour_value_pattern(keys: frozenset[str]) -> re.Pattern[str]:
    """An attribute value that is one of ``keys``, in any case; whose attribute is checked apart
    (a pattern that starts with a literal is ten times faster than one that starts with the name)."""
    return re.compile('="((?i:' + "|".join(sorted(keys)) + '))"')


# The attributes that hold a colour: @w:fill and @w:color of any element (shading, borders,
# underline) and @w:val of <w:color>. Theme colours (w:themeColor, the theme part) are not touched.
_COLOUR_ATTRIBUTE_NAME = re.compile(r"\s(w:(?:fill|color|val))\Z")
_COLOUR_ELEMENT = "<w:color"


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


def _recolour(text: str, mapping: Mapping[str, str]) -> str:
    """``text`` with each colour of ``mapping`` replaced where it is a colour attribute's value."""
    pieces, last = [], 0
    for begin, end in _colour_sites(text, _colour_value_pattern(frozenset(mapping))):
        pieces += [text[last:begin], mapping[text[begin:end].upper()]]
        last = end
    if not pieces:
        return text
    pieces.append(text[last:])
    return "".join(pieces)


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


def _rebuild(data: bytes, name: str, strict: bool) -> WordTemplate:
    return WordTemplate.from_bytes(data, name, strict=strict)


class _Environment(SandboxedEnvironment):
    """The sandbox, with ``row.name`` on a plain dict looked up as a key first.

    Jinja tries Python attribute access before the key, and for a dict that attempt always fails
    with an exception, which dominated the cost of large table loops. Names of dict methods keep
    Jinja's order, so ``row.items`` still means the method, as in docxtpl.
    """

    def getattr(self, obj: Any, attribute: str) -> Any:
        if type(obj) is dict and attribute not in _DICT_ATTRIBUTES and attribute in obj:
            return obj[attribute]
        return super().getattr(obj, attribute)


def _environment(strict: bool) -> SandboxedEnvironment:
    undefined = jinja2.StrictUndefined if strict else jinja2.Undefined
    return _Environment(autoescape=True, undefined=undefined, keep_trailing_newline=True,
                        finalize=_refuse_unsupported)


def _refuse_unsupported(value: Any) -> Any:
    if type(value) is str and (value.isprintable() or _NOT_IN_XML.search(value) is None):
        return value  # the common case, fast: printable text holds nothing XML forbids
    kind = type(value).__name__
    if kind in NOT_SUPPORTED and type(value).__module__.startswith("docxtpl"):
        raise ValueError(f"{NOT_SUPPORTED[kind]} are not supported by docpipe's WordTemplate")
    if isinstance(value, jinja2.Undefined):
        return value  # empty, or the error strict mode raises when it is printed
    text = value if isinstance(value, str) else getattr(value, "xml", None)  # docxtpl's RichText and Listing
    if isinstance(text, str) and (found := _NOT_IN_XML.search(text)):
        raise ValueError(f"a value holds {_describe(found.group())}, which a Word document (XML 1.0) cannot "
                         f"store: “{_shorten(text)}”")
    return value


def _describe(char: str) -> str:
    names = {"\a": "bell", "\f": "form feed (page break)", "\x0b": "vertical tab (Word's manual line break)"}
    if "\ud800" <= char <= "\udfff":
        return f"U+{ord(char):04X} (a lone surrogate: half of an emoji or other character)"
    return f"U+{ord(char):04X} ({names.get(char, 'a control character' if char < ' ' else 'not a character')})"


def _shorten(text: str, limit: int = 40) -> str:
    """The start of ``text`` for a message, the characters XML forbids shown as ``\\u000b``."""
    text = text if len(text) <= limit else f"{text[:limit]}…"
    return _NOT_IN_XML.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def story_part_names(parts: Mapping[str, bytes]) -> list[str]:
    """The main document, its headers, footers and footnotes, and the core properties."""
    names = ["word/document.xml"]
    rels = parts.get(MAIN_PART_RELS, b"").decode("utf-8")
    for match in re.finditer(r"<Relationship\b[^>]*>", rels):
        element = match.group(0)
        kind = re.search(r'Type="([^"]+)"', element)
        target = re.search(r'Target="([^"]+)"', element)
        if kind and target and kind.group(1).endswith(STORY_RELATIONSHIPS):
            name = target.group(1).lstrip("/")
            name = name if name.startswith("word/") else f"word/{name}"
            if name in parts:
                names.append(name)
    if CORE_PART in parts:
        names.append(CORE_PART)
    return names


def _unique_drawing_ids(xml: str, first_id: int) -> str:
    """Pictures repeated by a loop share their drawing id; Word wants each unique."""
    if "<wp:docPr" not in xml:
        return xml
    ids = _DOC_PR_ID.findall(xml)
    if len(ids) == len({value for _, value, _ in ids}):
        return xml
    counter = iter(range(first_id + 5_000, first_id + _DRAWING_IDS_PER_PART))
    return _DOC_PR_ID.sub(lambda match: f"{match.group(1)}{next(counter)}{match.group(3)}", xml)


def _rels_name(member: str) -> str:
    folder, _, file_name = member.rpartition("/")
    return f"{folder}/_rels/{file_name}.rels"


def _with_default_type(content_types: str, item: Media) -> str:
    extension = item.part_name.rsplit(".", 1)[-1]
    if f'Extension="{extension}"' in content_types:
        return content_types
    default = f'<Default Extension="{extension}" ContentType="{item.content_type}"/>'
    return re.sub(r"(<Types\b[^>]*>)", lambda match: match.group(1) + default, content_types, count=1)


def part_label(member: str) -> str:
    labels = {"word/document.xml": "the body", CORE_PART: "the document properties"}
    if member in labels:
        return labels[member]
    return "the " + member.rsplit("/", 1)[-1].removesuffix(".xml").rstrip("0123456789")


def _text_near(source: str, line: int | None) -> str:
    lines = source.splitlines()
    index = max((line or 1) - 1, 0)
    nearby = " ".join(lines[max(index - 1, 0): index + 2])
    text = re.sub(r"<[^>]+>", "", nearby)
    return " ".join(text.split())[:160]


_EMPTY_RELS = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
               b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
               b"</Relationships>")

