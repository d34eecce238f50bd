"""A .docx template taken apart: its parts, which of them are stories, and their Jinja source.

Preparing is a pure function of the template's bytes, so its result (PreparedParts) is kept on disk
by docpipe.word.prepared and a new process does not prepare the same template again.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Mapping
from typing import NamedTuple

from docpipe.errors import TemplateError
from docpipe.i18n import N_, _
from docpipe.ooxml.package import CORE_PART
from docpipe.word.grid import has_cell_loops
from docpipe.word.tags import jinja_source, properties_source

MAIN_PART = "word/document.xml"
MAIN_PART_RELS = "word/_rels/document.xml.rels"
STORY_RELATIONSHIPS = ("/header", "/footer", "/footnotes")
_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>\s*")
_PARAGRAPH_START = re.compile(r"<w:p([ >])")
_PART_LABELS = {MAIN_PART: N_("the body"), CORE_PART: N_("the document properties")}
_STORY_LABELS = {"header": N_("the header"), "footer": N_("the footer"), "footnotes": N_("the footnotes")}
"""How messages name the story parts (a header's part is ``word/header2.xml``), translated when shown."""


class PreparedParts(NamedTuple):
    """A template's parts unpacked, and its story parts that hold tags as (XML declaration, Jinja source)."""

    parts: dict[str, bytes]
    stories: dict[str, tuple[str, str]]
    fit_grids: frozenset[str]  # story parts with loops over table cells, whose grid is fitted after rendering


def prepared_parts(data: bytes, name: str) -> PreparedParts:
    """The template unpacked and its tags rewritten; raises TemplateError naming ``name``."""
    parts = _unpacked(data, name)
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
    return PreparedParts(parts, stories, frozenset(fit_grids & set(stories)))


def _unpacked(data: bytes, name: str) -> dict[str, bytes]:
    """Every part of the package by name; a file that is not a Word document is refused here."""
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
        parts = {member: package.read(member) for member in package.namelist()}
    except (zipfile.BadZipFile, KeyError, OSError) as error:
        raise TemplateError(name, f"is not a Word document (.docx): {error}") from error
    if MAIN_PART not in parts:
        raise TemplateError(name, "is not a Word document (.docx): it has no word/document.xml")
    return parts


def story_part_names(parts: Mapping[str, bytes]) -> list[str]:
    """The main document, its headers, footers and footnotes, and the core properties."""
    names = [MAIN_PART]
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


def part_label(member: str) -> str:
    """How a message names a part to the person editing the template, in the current language: "the
    body", "the header". Called only when a message or a template check is made, never per render."""
    label = _PART_LABELS.get(member) or _STORY_LABELS.get(member.rsplit("/", 1)[-1].removesuffix(".xml").rstrip(
        "0123456789"))
    return _(label) if label else _("the part {name}").format(name=member)
