"""Control characters in rendered text turned into Word structure, as docxtpl's Listing defines them.

After rendering, a value may hold ``\\t`` (a tab), ``\\n`` (a line break in the paragraph), ``\\a`` (a
new paragraph with the same formatting) or ``\\f`` (a page break). Word stores none of these as text;
each becomes the element Word uses for it, keeping the run's and paragraph's formatting.
"""

from __future__ import annotations

import re

_PARAGRAPH = re.compile(r"<w:p(?: [^>]*)?>.*?</w:p>", re.DOTALL)
_PARAGRAPH_PROPERTIES = re.compile(r"<w:pPr>.*?</w:pPr>", re.DOTALL)
_RUN = re.compile(r"<w:r(?: [^>]*)?>.*?</w:r>", re.DOTALL)
_RUN_PROPERTIES = re.compile(r"<w:rPr>.*?</w:rPr>", re.DOTALL)
_TEXT = re.compile(r"<w:t(?: [^>]*)?>.*?</w:t>", re.DOTALL)
_SPECIAL_IN_TEXT = re.compile(r"<w:t(?: [^>]*)?>[^<]*[\t\n\r\a\f]")


def needs_resolving(xml: str) -> bool:
    """Whether any text holds a character that must become structure (the common case: none).

    One scan instead of rewriting every paragraph: most documents have no such character, and a
    plain ``in`` test rules that out faster still than the regex.
    """
    if not any(char in xml for char in "\t\n\r\a\f"):
        return False
    return _SPECIAL_IN_TEXT.search(xml) is not None


def resolve_special_characters(xml: str) -> str:
    """Tabs, line breaks, new paragraphs and page breaks inside ``<w:t>`` made into Word elements."""
    return _PARAGRAPH.sub(_paragraph, xml)


def _paragraph(match: re.Match[str]) -> str:
    found = _PARAGRAPH_PROPERTIES.search(match.group(0))
    paragraph_properties = found.group(0) if found else ""
    return _RUN.sub(lambda run: _run(run, paragraph_properties), match.group(0))


def _run(match: re.Match[str], paragraph_properties: str) -> str:
    found = _RUN_PROPERTIES.search(match.group(0))
    run_properties = found.group(0) if found else ""
    return _TEXT.sub(lambda text: _text(text.group(0), run_properties, paragraph_properties), match.group(0))


def _text(xml: str, run_properties: str, paragraph_properties: str) -> str:
    xml = xml.replace("\r\n", "\n").replace("\r", "\n")  # Windows and old Mac line ends: one break each
    reopen_text = f'<w:r>{run_properties}<w:t xml:space="preserve">'
    xml = xml.replace("\t", f"</w:t></w:r><w:r>{run_properties}<w:tab/></w:r>{reopen_text}")
    xml = xml.replace("\a", f"</w:t></w:r></w:p><w:p>{paragraph_properties}{reopen_text}")
    xml = xml.replace("\n", '</w:t><w:br/><w:t xml:space="preserve">')
    return xml.replace("\f", f'</w:t></w:r></w:p><w:p><w:r><w:br w:type="page"/></w:r></w:p>'
                             f"<w:p>{paragraph_properties}{reopen_text}")
