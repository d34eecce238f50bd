"""One story part (the body, a header, the footnotes ...) compiled, and rendered to its finished XML.

A part's Jinja source has a line per paragraph, so that a syntax error can quote its line; the
rendered text must not keep those line breaks. Where the part's tags cannot see or change its text,
they are dropped from the source before compiling, once; otherwise from every rendered text. After
Jinja, the text gets what docxtpl does after rendering too: its literal-brace escapes turned into
braces, tabs and breaks in values turned into Word elements, table grids fitted to cell loops, and
the drawing ids of repeated pictures made unique.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import jinja2

from docpipe.errors import TemplateError
from docpipe.i18n import _
from docpipe.limits import check_part
from docpipe.word.compiled import compile_template
from docpipe.word.environment import describe_character
from docpipe.word.grid import fit_table_grids
from docpipe.word.listing import needs_resolving, resolve_special_characters
from docpipe.word.media import CURRENT_PART, Media, MediaCollector
from docpipe.word.parts import part_label

DRAWING_IDS_PER_PART = 10_000
_LINE_BEFORE_PARAGRAPH = "\n<w:p"
# Tags that can see or change the text of the template between them (a block set, a filter block, a
# macro or call block) and any tag with a paragraph inside it (a string holding "<w:p ..."): with
# these, the line breaks before paragraphs are dropped from the rendered text, as docxtpl does.
_TEXT_HANDLING_TAG = re.compile(r"\{%-?\s*(?:set|filter|macro|call)\b")
_TAG = re.compile(r"\{%(?:(?!%\}).)*%\}|\{\{(?:(?!\}\}).)*\}\}", re.DOTALL)
_DOC_PR_ID = re.compile(r'(<wp:docPr\b[^>]*?\bid=")(\d+)(")')
# docxtpl's way to write a literal "{{" in a template: "{_{" (and "}_}", "{_%", "%_}")
_LITERAL_BRACE_ESCAPES = {"{_{": "{{", "}_}": "}}", "{_%": "{%", "%_}": "%}"}


@dataclass(frozen=True, slots=True)
class Story:
    """A story part's compiled template, and which of the steps after rendering it needs."""

    member: str
    declaration: str  # the part's "<?xml ...?>", put back before the rendered text
    template: jinja2.Template
    lined: bool  # compiled with a line per paragraph: they are dropped from the rendered text
    literal_braces: bool  # holds docxtpl's "{_{" escapes
    fit_grid: bool  # holds a loop over table cells

    def jinja_text(self, context: Mapping[str, Any], template_name: str,
                   first_drawing_id: int) -> tuple[str, list[Media]]:
        """What Jinja renders, and the pictures placed in it; errors name the template and the part."""
        collector = MediaCollector(self.member, next_drawing_id=first_drawing_id)
        token = CURRENT_PART.set(collector)
        try:
            return self.template.render(context), collector.media
        except jinja2.UndefinedError as error:
            raise TemplateError(template_name, _("{error} (in {part}); the context has no such name").format(
                error=error.message, part=part_label(self.member))) from error
        except jinja2.TemplateError as error:
            raise TemplateError(template_name, _("{error} (in {part})").format(
                error=error, part=part_label(self.member))) from error
        except (ValueError, TypeError) as error:
            raise TemplateError(template_name, _("{error} (in {part})").format(
                error=error, part=part_label(self.member))) from error
        finally:
            CURRENT_PART.reset(token)

    def rendered(self, context: Mapping[str, Any], template_name: str,
                 first_drawing_id: int) -> tuple[str, list[Media]]:
        """The part's finished XML for ``context`` (without its XML declaration), and its pictures."""
        xml, media = self.jinja_text(context, template_name, first_drawing_id)
        check_part(template_name, part_label(self.member), len(xml))
        if self.lined:
            xml = xml.replace(_LINE_BEFORE_PARAGRAPH, "<w:p")
        if self.literal_braces:
            for escape, meant in _LITERAL_BRACE_ESCAPES.items():
                xml = xml.replace(escape, meant)
        if needs_resolving(xml):
            xml = resolve_special_characters(xml)
        if "\a" in xml or "\f" in xml:  # outside a paragraph's text (the properties, an attribute) they stay
            char = "\a" if "\a" in xml else "\f"
            raise TemplateError(template_name, _("a value holds {character}, which only a paragraph's text can "
                                                 "hold, not the place it is used in {part}").format(
                character=describe_character(char), part=part_label(self.member)))
        if self.fit_grid:
            xml = fit_table_grids(xml)
        return _unique_drawing_ids(xml, first_drawing_id), media


def compiled_story(environment: jinja2.Environment, member: str, declaration: str, source: str,
                   template_name: str, fit_grid: bool) -> Story:
    """The part compiled in ``environment``; a syntax error is a TemplateError quoting the text near it.

    Where the tags cannot see or change the text, the line breaks before paragraphs are dropped from
    the source here: the output is the same, without a pass over every rendered part.
    """
    literal_braces = any(escape in source for escape in _LITERAL_BRACE_ESCAPES)
    if may_drop_lines_before_rendering(source):
        try:
            template = compile_template(environment, source.replace(_LINE_BEFORE_PARAGRAPH, "<w:p"))
            return Story(member, declaration, template, False, literal_braces, fit_grid)
        except jinja2.TemplateSyntaxError:
            pass  # compiled again below, with the lines, for the message
    try:
        return Story(member, declaration, compile_template(environment, source), True, literal_braces, fit_grid)
    except jinja2.TemplateSyntaxError as error:
        raise TemplateError(template_name, _("syntax error in {part}: {error}; near “{text}”").format(
            part=part_label(member), error=error.message, text=_text_near(source, error.lineno))) from error


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


def _unique_drawing_ids(xml: str, first_id: int) -> str:
    """Pictures repeated by a loop share their drawing id; Word wants each unique."""
    if "<wp:docPr" not in xml:
        return xml
    ids = _DOC_PR_ID.findall(xml)
    if len(ids) == len({value for _, value, _ in ids}):
        return xml
    counter = iter(range(first_id + 5_000, first_id + DRAWING_IDS_PER_PART))
    return _DOC_PR_ID.sub(lambda match: f"{match.group(1)}{next(counter)}{match.group(3)}", xml)


def _text_near(source: str, line: int | None) -> str:
    lines = source.splitlines()
    index = max((line or 1) - 1, 0)
    nearby = " ".join(lines[max(index - 1, 0): index + 2])
    text = re.sub(r"<[^>]+>", "", nearby)
    return " ".join(text.split())[:160]
