"""WordTemplate: a .docx template prepared and compiled once, rendered to bytes any number of times.

Preparing reads the package, turns every story part (body, headers, footers, footnotes, core
properties) into compiled Jinja, and deflates every other part once. Rendering a context then costs
one Jinja render per story part that holds tags, a deflate of those parts, and a zip assembled from
mostly pre-compressed bytes. The tag language is docxtpl's (see docpipe.word.tags); the Jinja
environment is sandboxed and always escapes values for XML.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import meta
from jinja2.sandbox import SandboxedEnvironment

from docpipe.errors import TemplateError
from docpipe.output.package import DocumentProperties
from docpipe.output.write import write_atomically
from docpipe.word.grid import fit_table_grids, has_cell_loops
from docpipe.word.listing import needs_resolving, resolve_special_characters
from docpipe.word.media import CURRENT_PART, Media, MediaCollector
from docpipe.word.tags import jinja_source, properties_source
from docpipe.word.zipwriter import Entry, write_zip

CONTENT_TYPES = "[Content_Types].xml"
CORE_PART = "docProps/core.xml"
MAIN_PART_RELS = "word/_rels/document.xml.rels"
STORY_RELATIONSHIPS = ("/header", "/footer", "/footnotes")
IMAGE_RELATIONSHIP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"
NOT_SUPPORTED = {
    "InlineImage": "docxtpl's InlineImage (use docpipe.word.Picture for an image)",
    "Subdoc": "docxtpl's sub-documents",
}
_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>\s*")
_PARAGRAPH_START = re.compile(r"<w:p([ >])")
_DOC_PR_ID = re.compile(r'(<wp:docPr\b[^>]*?\bid=")(\d+)(")')
_DRAWING_IDS_PER_PART = 10_000
# docxtpl's way to write a literal "{{" in a template: "{_{" (and "}_}", "{_%", "%_}")
_LITERAL_BRACE_ESCAPES = {"{_{": "{{", "}_}": "}}", "{_%": "{%", "%_}": "%}"}
_DICT_ATTRIBUTES = frozenset(dir(dict))
# What XML 1.0 cannot hold: a value with one would give a file no reader opens. \a and \f are left
# out: inside a paragraph's text they become a new paragraph and a page break (docxtpl's Listing).
_NOT_IN_XML = re.compile("[\x00-\x06\x08\x0b\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


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
        try:
            package = zipfile.ZipFile(io.BytesIO(data))
            parts = {member: package.read(member) for member in package.namelist()}
        except (zipfile.BadZipFile, KeyError, OSError) as error:
            raise TemplateError(name, f"is not a Word document (.docx): {error}") from error
        if "word/document.xml" not in parts:
            raise TemplateError(name, "is not a Word document (.docx): it has no word/document.xml")
        self._order = sorted(parts, key=lambda member: member != CONTENT_TYPES)
        self._parts = parts
        self._environment = _environment(strict)
        self._sources: dict[str, str] = {}
        self._literal_braces: set[str] = set()
        self._fit_grids: set[str] = set()
        self._stories = self._compile_stories(parts)
        self._static = {member: Entry.deflate(member, content) for member, content in parts.items()
                        if member not in self._stories}

    # --- preparing ------------------------------------------------------------------------------

    def _compile_stories(self, parts: Mapping[str, bytes]) -> dict[str, tuple[str, jinja2.Template]]:
        stories = {}
        for member in story_part_names(parts):
            text = parts[member].decode("utf-8")
            declaration_match = _DECLARATION.match(text)
            declaration = declaration_match.group(0) if declaration_match else ""
            body = text[len(declaration):]
            if member != CORE_PART:
                if has_cell_loops(body):
                    self._fit_grids.add(member)
                body = _PARAGRAPH_START.sub(r"\n<w:p\1", jinja_source(body, self.name))
            else:
                body = properties_source(body)
            if not any(marker in body for marker in ("{{", "{%", "{#")):
                continue  # nothing to render: stays a pre-compressed static part
            stories[member] = (declaration, self._compile(member, body))
            self._sources[member] = body
            if any(escape in body for escape in _LITERAL_BRACE_ESCAPES):
                self._literal_braces.add(member)
        return stories

    def _compile(self, member: str, source: str) -> jinja2.Template:
        try:
            return self._environment.from_string(source)
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

    def render(self, context: Mapping[str, Any], properties: DocumentProperties | None = None) -> bytes:
        """The complete .docx for ``context``; ``properties`` replace the core properties when given."""
        rendered: dict[str, bytes] = {}
        media: dict[str, list[Media]] = {}
        for index, (member, (declaration, template)) in enumerate(self._stories.items()):
            xml, used = self._render_story(member, template, context, (index + 1) * _DRAWING_IDS_PER_PART)
            rendered[member] = (declaration + xml).encode("utf-8")
            if used:
                media[member] = used
        if properties is not None:
            rendered[CORE_PART] = properties.core_xml()
        rendered.update(self._media_parts(media))
        names = self._order + [name for name in rendered if name not in self._parts]
        return write_zip(Entry.deflate(name, rendered[name]) if name in rendered else self._static[name]
                         for name in names)

    def render_to(self, path: str | Path, context: Mapping[str, Any],
                  properties: DocumentProperties | None = None) -> Path:
        """Render and write atomically: the file appears complete or not at all."""
        target = Path(path)
        write_atomically(target, self.render(context, properties))
        return target

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
        xml = xml.replace("\n<w:p", "<w:p")
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

