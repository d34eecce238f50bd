"""Turning a Word part's XML into Jinja source, following docxtpl's tag language.

Word splits what a user typed as ``{{ name }}`` over several runs whenever formatting, spelling marks
or editing history differ inside it; and a loop over table rows must repeat the whole ``<w:tr>``,
not just the text inside it. This module rewrites the XML once, when a template is prepared, so that
Jinja sees whole tags at the right XML level:

- split tags are joined (the XML between the braces of one tag is dropped);
- ``{%p ... %}``, ``{%tr ... %}``, ``{%tc ... %}``, ``{%r ... %}`` (and ``{{p ...}}`` etc.) replace
  the whole paragraph, row, cell or run they stand in; ``{#p ... #}`` comments likewise;
- ``{{r x }}`` gets a run boundary on each side, so a value made of runs (RichText) can be inserted;
- ``{%-`` / ``-%}`` join with the text of the previous / next paragraph;
- ``{% colspan n %}``, ``{% cellbg colour %}``, ``{% vm %}`` and ``{% hm %}`` set the cell's span
  and shading, and merge the cells of a loop (docpipe.word.cells);
- inside a tag, what XML escaped is unescaped (``&quot;``, ``&apos;``, ``&amp;``, ``&lt;``, ``&gt;``
  and character references, as Word writes them in headers and other tools everywhere) and
  typographic quotes become plain ones: Jinja gets the tag as it was typed. Text outside tags stays
  as the template has it.
"""

from __future__ import annotations

import re

from docpipe.errors import TemplateError
from docpipe.i18n import _
from docpipe.word.cells import MERGE_TAGS, with_merged_cells, with_spans_and_shading

_OPENERS = r"[\{%\#]"
_BETWEEN_OPEN = re.compile(r"(?<=\{)(?:<[^>]*>)+(?=[\{%\#])")
_BETWEEN_CLOSE = re.compile(r"(?<=[%\}\#])(?:<[^>]*>)+(?=\})")
_TAG_BODY = re.compile(r"\{%(?:(?!%\}).)*|\{#(?:(?!#\}).)*|\{\{(?:(?!\}\}).)*", re.DOTALL)
_RUN_BREAK = re.compile(r"</w:t>.*?(?:<w:t>|<w:t [^>]*>)", re.DOTALL)
_PRESERVE = re.compile(r"<w:t>((?:(?!<w:t>).)*)(\{\{.*?\}\}|\{%.*?%\})", re.DOTALL)
_RUN_TAG = re.compile(r"(\{\{r\s.*?\}\}|\{%r\s.*?%\})", re.DOTALL)
_JOIN_BEFORE = re.compile(r"</w:t>(?:(?!</w:t>).)*?\{%-", re.DOTALL)
_JOIN_AFTER = re.compile(r"-%\}(?:(?!<w:t[ >]|\{%|\{\{).)*?<w:t[^>]*?>", re.DOTALL)
_INSIDE_TAG = re.compile(r"(?<=\{[\{%])(.*?)(?=[\}%]\})", re.DOTALL)
_ESCAPED = re.compile(r"&(?:(lt|gt|amp|quot|apos)|#([0-9]+)|#[xX]([0-9a-fA-F]+));")
_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"', "apos": "'"}
_TYPOGRAPHIC_QUOTES = {"“": '"', "”": '"', "‘": "'", "’": "'"}


def _element_tag(level: str, opener: str) -> re.Pattern[str]:
    """The whole ``<w:LEVEL>`` element that holds a ``{%LEVEL ...%}`` (or ``{{LEVEL``/``{#LEVEL``) tag."""
    body = (rf"(\{{#){level} ([^}}#]*(?:#\}}))" if opener == "#"
            else rf"(\{{%|\{{\{{){level} ([^}}%]*(?:%\}}|\}}\}}))")
    return re.compile(rf"<w:{level}[ >](?:(?!<w:{level}[ >]).)*{body}.*?</w:{level}>", re.DOTALL)


# Each pattern with the texts one of which it cannot match without: a part holding none of them is
# not searched (these patterns scan from every row, cell or run; most parts use few of them).
_LEVEL_TAGS = [(_element_tag(level, "%"), (f"{{%{level} ", f"{{{{{level} ")) for level in ("tr", "tc", "p", "r")]
_LEVEL_COMMENTS = [(_element_tag(level, "#"), (f"{{#{level} ",)) for level in ("tr", "tc", "p")]


def jinja_source(xml: str, template_name: str) -> str:
    """The Jinja source for one part's XML; raises TemplateError for a merge tag outside a table cell."""
    xml = _BETWEEN_OPEN.sub("", xml)
    xml = _BETWEEN_CLOSE.sub("", xml)
    xml = _TAG_BODY.sub(lambda match: _RUN_BREAK.sub("", match.group(0)), xml)
    xml = with_spans_and_shading(xml)
    xml = _PRESERVE.sub(r'<w:t xml:space="preserve">\1\2', xml)
    if "{{r" in xml or "{%r" in xml:
        xml = _RUN_TAG.sub(r'</w:t></w:r><w:r><w:t xml:space="preserve">\1</w:t></w:r><w:r><w:t xml:space="preserve">',
                           xml)
    if "{%-" in xml:
        xml = _JOIN_BEFORE.sub("{%", xml)
    if "-%}" in xml:
        xml = _JOIN_AFTER.sub("%}", xml)
    for pattern, needed in (*_LEVEL_TAGS, *_LEVEL_COMMENTS):
        if any(text in xml for text in needed):
            xml = pattern.sub(r"\1 \2", xml)
    xml = with_merged_cells(xml)
    for tag, pattern in MERGE_TAGS.items():
        if pattern.search(xml):
            raise TemplateError(template_name, _("has {{% {tag} %}} outside the text of a table cell with "
                                                 "properties; docxtpl's merge tags only work in a cell repeated by a "
                                                 "loop").format(tag=tag))
    return _INSIDE_TAG.sub(lambda match: _as_typed(match.group(0)), xml)


def properties_source(xml: str) -> str:
    """The Jinja source for the core properties: inside a tag, what XML escaped (``>`` as ``&gt;``) as typed.

    docxtpl renders each property's text, so ``{{ a if n > 1 }}`` in a title works there too.
    """
    return _INSIDE_TAG.sub(lambda match: _unescaped(match.group(0)), xml)


def _as_typed(tag: str) -> str:
    """A tag's text unescaped, with typographic quotes (Word's autocorrect) made plain for Jinja."""
    tag = _unescaped(tag)
    for typed, meant in _TYPOGRAPHIC_QUOTES.items():
        tag = tag.replace(typed, meant)
    return tag


def _unescaped(text: str) -> str:
    """``text`` with XML's five entities and character references replaced by their characters, in
    one pass (``&amp;lt;`` is ``&lt;``, as typed)."""
    return _ESCAPED.sub(_character, text) if "&" in text else text


def _character(match: re.Match[str]) -> str:
    name, decimal, hexadecimal = match.groups()
    if name:
        return _ENTITIES[name]
    code = int(decimal) if decimal else int(hexadecimal, 16)
    return chr(code) if code <= 0x10FFFF else match.group(0)
