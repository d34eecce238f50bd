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
- ``{% colspan n %}`` and ``{% cellbg colour %}`` set the cell's span and shading;
- typographic quotes and escaped ``<``/``>`` typed inside a tag become what Jinja expects.

Features of docxtpl that docpipe does not offer are refused here with an error naming them.
"""

from __future__ import annotations

import re

from docpipe.errors import TemplateError

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
_UNSUPPORTED = {
    "vm": re.compile(r"\{%\s*vm\s*%\}"),
    "hm": re.compile(r"\{%\s*hm\s*%\}"),
}
_COLSPAN = re.compile(r"(<w:tc[ >](?:(?!<w:tc[ >]).)*)\{%\s*colspan\s+([^%]*)\s*%\}(.*?</w:tc>)", re.DOTALL)
_CELLBG = re.compile(r"(<w:tc[ >](?:(?!<w:tc[ >]).)*)\{%\s*cellbg\s+([^%]*)\s*%\}(.*?</w:tc>)", re.DOTALL)
_EMPTY_RUN = re.compile(r"<w:r[ >](?:(?!<w:r[ >]).)*<w:t></w:t>.*?</w:r>", re.DOTALL)
_TYPOGRAPHY = {"&#8216;": "'", "&lt;": "<", "&gt;": ">", "“": '"', "”": '"', "‘": "'", "’": "'"}


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
    """The Jinja source for one part's XML; raises TemplateError for tags docpipe does not support."""
    for feature, pattern in _UNSUPPORTED.items():
        if pattern.search(xml):
            raise TemplateError(template_name, f"uses docxtpl's {{% {feature} %}} (merged cells in loops), "
                                "which docpipe does not support")
    xml = _BETWEEN_OPEN.sub("", xml)
    xml = _BETWEEN_CLOSE.sub("", xml)
    xml = _TAG_BODY.sub(lambda match: _RUN_BREAK.sub("", match.group(0)), xml)
    if "colspan" in xml:
        xml = _COLSPAN.sub(_colspan, xml)
    if "cellbg" in xml:
        xml = _CELLBG.sub(_cellbg, xml)
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
    return _INSIDE_TAG.sub(lambda match: _plain_quotes(match.group(0)), xml)


def properties_source(xml: str) -> str:
    """The Jinja source for the core properties: inside a tag, what XML escaped (``>`` as ``&gt;``) as typed.

    docxtpl renders each property's text, so ``{{ a if n > 1 }}`` in a title works there too.
    """
    return _INSIDE_TAG.sub(lambda match: _unescape_xml(match.group(0)), xml)


def _unescape_xml(text: str) -> str:
    for escaped, meant in _XML_ENTITIES.items():
        text = text.replace(escaped, meant)
    return text


_XML_ENTITIES = {"&lt;": "<", "&gt;": ">", "&quot;": '"', "&apos;": "'", "&#39;": "'", "&amp;": "&"}


def _plain_quotes(text: str) -> str:
    for typed, meant in _TYPOGRAPHY.items():
        text = text.replace(typed, meant)
    return text


def _colspan(match: re.Match[str]) -> str:
    cell = _EMPTY_RUN.sub("", match.group(1) + match.group(3))
    cell = re.sub(r"<w:gridSpan[^/]*/>", "", cell, count=1)
    return _with_cell_property(cell, f'<w:gridSpan w:val="{{{{{match.group(2)}}}}}"/>', _AFTER_GRID_SPAN)


def _cellbg(match: re.Match[str]) -> str:
    cell = _EMPTY_RUN.sub("", match.group(1) + match.group(3))
    cell = re.sub(r"<w:shd[^/]*/>", "", cell, count=1)
    return _with_cell_property(cell, f'<w:shd w:val="clear" w:color="auto" w:fill="{{{{{match.group(2)}}}}}"/>',
                               _AFTER_SHADING)


# The elements of <w:tcPr> that the schema puts after <w:gridSpan> and after <w:shd>. docxtpl inserts
# both first, before <w:tcW>, which strict validators (and Word's own schema) reject.
_AFTER_SHADING = ("noWrap", "tcMar", "textDirection", "tcFitText", "vAlign", "hideMark", "headers", "cellIns",
                  "cellDel", "cellMerge", "tcPrChange")
_AFTER_GRID_SPAN = ("hMerge", "vMerge", "tcBorders", "shd", *_AFTER_SHADING)
_CELL_PROPERTIES = re.compile(r"<w:tcPr(?:\s[^>]*)?(?<!/)>(?:(?!</w:tcPr>).)*", re.DOTALL)


def _with_cell_property(cell: str, element: str, followers: tuple[str, ...]) -> str:
    """``element`` put into the cell's own ``<w:tcPr>`` where the schema wants it: before its followers."""
    properties = _CELL_PROPERTIES.search(cell)
    if properties is None:
        return cell  # no properties to put it in (docxtpl leaves such a cell alone too)
    follower = re.compile(rf"<w:(?:{'|'.join(followers)})[ />]").search(cell, properties.start(), properties.end())
    at = follower.start() if follower else properties.end()
    return cell[:at] + element + cell[at:]
