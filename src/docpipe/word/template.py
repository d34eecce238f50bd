"""WordTemplate: a .docx template prepared and compiled once, rendered to bytes any number of times.

Preparing reads the package, turns every story part (body, headers, footers, footnotes, core
properties) into compiled Jinja, and deflates every other part once. Rendering a context then costs
one Jinja render per story part that holds tags, a deflate of those parts, and a zip assembled from
mostly pre-compressed bytes. The tag language is docxtpl's (see docpipe.word.tags); the Jinja
environment is sandboxed and always escapes values for XML (docpipe.word.environment).

The work is shared out: docpipe.word.parts takes the package apart, docpipe.word.story compiles and
renders one part, docpipe.word.recolour swaps colours, docpipe.word.media adds pictures; this module
holds them together.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import meta

from docpipe.errors import TemplateError
from docpipe.i18n import _
from docpipe.ooxml.app import package_changes
from docpipe.ooxml.colours import Colours, normalise_colours
from docpipe.ooxml.package import CONTENT_TYPES, CORE_PART, DocumentProperties
from docpipe.ooxml.zipwriter import Entry, entries_of, write_zip
from docpipe.output.write import write_atomically
from docpipe.redline.document import redlined_docx
from docpipe.redline.marks import Revision
from docpipe.word.deflated import rendered_entry
from docpipe.word.environment import environment
from docpipe.word.media import Media, media_parts
from docpipe.word.parts import PreparedParts, part_label, prepared_parts, story_part_names
from docpipe.word.prepared import remembered
from docpipe.word.recolour import COLOUR_CACHE_SIZE, ColourCacheInfo, StaticColours, recoloured
from docpipe.word.story import DRAWING_IDS_PER_PART, Story, compiled_story
from docpipe.word.unknown import NotedUndefined, UnknownName, noting

# Re-exported: other modules import these names from here.
__all__ = ["COLOUR_CACHE_SIZE", "ColourCacheInfo", "UnknownName", "WordTemplate", "normalise_colours", "part_label",
           "story_part_names"]


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
            raise TemplateError(source.name, _("cannot be read: {reason}").format(
                reason=error.strerror or error)) from error
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
        prepared = remembered("word-template", data, lambda: prepared_parts(data, name), PreparedParts)
        self._prepared = prepared
        # docpipe's app.xml, no thumbnail: what the package says of itself is true of every render
        changes = package_changes(prepared.parts)
        parts = {member: changes.get(member, content) for member, content in prepared.parts.items()}
        self._parts = {member: content for member, content in parts.items() if content is not None}
        self._order = sorted(self._parts, key=lambda member: member != CONTENT_TYPES)
        self._environment = environment(jinja2.StrictUndefined if strict else jinja2.Undefined)
        self._stories = self._compiled(self._environment)
        self._noting_stories: dict[str, Story] | None = None  # compiled at the first unknown_names()
        stored = entries_of(data)
        self._static = {member: Entry.deflate(member, content) if member in changes else stored[member]
                        for member, content in self._parts.items() if member not in self._stories}
        self._colours = StaticColours(data, self._parts, self._static)

    def _compiled(self, environment: jinja2.Environment) -> dict[str, Story]:
        """Every story part that holds tags, compiled in ``environment``."""
        return {member: compiled_story(environment, member, declaration, source, self.name,
                                       member in self._prepared.fit_grids)
                for member, (declaration, source) in self._prepared.stories.items()}

    # --- what a template reads ------------------------------------------------------------------

    def names_used(self) -> dict[str, set[str]]:
        """Per part (``"the body"``, ``"the header"`` ...), the top-level names its tags read from the
        context: what a template check compares with what a deliverable provides."""
        used: dict[str, set[str]] = {}
        for member, (_declaration, source) in self._prepared.stories.items():
            names = meta.find_undeclared_variables(self._environment.parse(source))
            used.setdefault(part_label(member), set()).update(names)
        return used

    def unknown_names(self, context: Mapping[str, Any]) -> list[UnknownName]:
        """Every name a render of ``context`` reads that the context does not hold, in each part's order.

        A trial render for ``templates check``: where a strict render stops at the first unknown
        name (``org.naem``, a misspelt ``titel``), this renders every part with unknown names empty
        and lists each of them once per part, with the words strict mode would use. Names behind
        ``default`` or ``is defined`` are not unknown. Any other error is raised as by ``render``.
        """
        if self._noting_stories is None:
            self._noting_stories = self._compiled(environment(NotedUndefined))
        found: list[UnknownName] = []
        for index, story in enumerate(self._noting_stories.values()):
            with noting() as notes:
                story.jinja_text(context, self.name, (index + 1) * DRAWING_IDS_PER_PART)
            found += [UnknownName(part_label(story.member), name, message) for name, message in notes]
        return found

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
        for index, (member, story) in enumerate(self._stories.items()):
            xml, used = story.rendered(context, self.name, (index + 1) * DRAWING_IDS_PER_PART)
            if mapping:
                xml = recoloured(xml, mapping)
            rendered[member] = (story.declaration + xml).encode("utf-8")
            if used:
                media[member] = used
        if properties is not None:
            rendered[CORE_PART] = properties.core_xml()
        rendered.update(media_parts(self._parts, media))
        static = self._colours.entries(mapping) if mapping else self._static
        names = self._order + [name for name in rendered if name not in self._parts]
        return write_zip(rendered_entry(name, rendered[name]) if name in rendered else static[name]
                         for name in names)

    def redline(self, old_context: Mapping[str, Any] | None, new_context: Mapping[str, Any], *, author: str = "docpipe",
                properties: DocumentProperties | None = None, colours: Colours | None = None) -> bytes:
        """The document for ``new_context`` with what differs from ``old_context``'s as Word tracked changes.

        Both are rendered with this template, so only what the contexts say differs: changed words
        within a paragraph, whole paragraphs and table rows inserted or deleted. Accepting every
        change gives ``render(new_context)``, rejecting every change ``render(old_context)``. The
        changes are by ``author`` and dated with ``properties.date`` (undated without properties),
        so the same contexts always give the same bytes. ``old_context`` None: everything is inserted.
        """
        old = self.render(old_context, properties, colours) if old_context is not None else None
        new = self.render(new_context, properties, colours)
        return redlined_docx(old, new, Revision(author, properties.date if properties is not None else None))

    def render_to(self, path: str | Path, context: Mapping[str, Any],
                  properties: DocumentProperties | None = None, colours: Colours | None = None) -> Path:
        """Render and write atomically: the file appears complete or not at all."""
        target = Path(path)
        write_atomically(target, self.render(context, properties, colours))
        return target

    def colour_cache_info(self) -> ColourCacheInfo:
        """Renders with a colour mapping whose static parts were cached (hits) or built (misses)."""
        return self._colours.info()


def _rebuild(data: bytes, name: str, strict: bool) -> WordTemplate:
    return WordTemplate.from_bytes(data, name, strict=strict)
