"""Cutting a worksheet's XML into its elements as text, so what we do not change stays byte for byte.

A worksheet's top-level children (sheetViews, cols, sheetData, mergeCells, pageSetup, ...) and the
rows and cells of sheetData never contain an element of their own name, so an element ends at the
first closing tag of its name. The caller has parsed the part with lxml first, so the text is known
to be well-formed; these functions only find where each element starts and ends.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_START = re.compile(r"<([A-Za-z_][\w.\-]*(?::[\w.\-]+)?)")
_ATTRIBUTE = re.compile(r"""([\w.\-]+(?::[\w.\-]+)?)\s*=\s*("[^"]*"|'[^']*')""")
_SKIPPED = re.compile(r"\s+|<!--.*?-->|<\?.*?\?>", re.DOTALL)


@dataclass(frozen=True)
class Element:
    """One element of the text: its qualified name, its whole text and its start tag."""

    name: str
    text: str
    start_tag: str

    @property
    def local_name(self) -> str:
        return self.name.rpartition(":")[2]

    @property
    def is_empty(self) -> bool:
        return self.start_tag.endswith("/>")

    @property
    def content(self) -> str:
        """What lies between the start and the end tag."""
        return "" if self.is_empty else self.text[len(self.start_tag):-len(f"</{self.name}>")]

    def attributes(self) -> dict[str, str]:
        """The start tag's attributes, values still escaped as in the file (quotes removed)."""
        return {name: value[1:-1] for name, value in _ATTRIBUTE.findall(self.start_tag)}


def children(text: str) -> list[Element]:
    """The elements of ``text`` at its top level (comments, PIs and whitespace between are dropped)."""
    found = []
    position = 0
    while position < len(text):
        skipped = _SKIPPED.match(text, position)
        if skipped:
            position = skipped.end()
            continue
        element = _element_at(text, position)
        found.append(element)
        position += len(element.text)
    return found


def _element_at(text: str, position: int) -> Element:
    match = _START.match(text, position)
    if match is None:
        raise ValueError(f"expected an element at character {position}: {text[position:position + 40]!r}")
    name = match.group(1)
    tag_end = _start_tag_end(text, match.end())
    start_tag = text[position:tag_end]
    if start_tag.endswith("/>"):
        return Element(name, start_tag, start_tag)
    closing = f"</{name}>"
    end = text.index(closing, tag_end) + len(closing)
    return Element(name, text[position:end], start_tag)


def _start_tag_end(text: str, position: int) -> int:
    """The index just after the start tag's ``>``, skipping any ``>`` inside quoted values."""
    quote = ""
    for index in range(position, len(text)):
        char = text[index]
        if quote:
            if char == quote:
                quote = ""
        elif char in "\"'":
            quote = char
        elif char == ">":
            return index + 1
    raise ValueError("a start tag is not closed")


def root_parts(text: str) -> tuple[str, str, str]:
    """(everything up to and including the root's start tag, the root's content, the closing tag)."""
    position = 0
    while True:
        skipped = _SKIPPED.match(text, position)
        if not skipped:
            break
        position = skipped.end()
    match = _START.match(text, position)
    if match is None:
        raise ValueError("no root element")
    tag_end = _start_tag_end(text, match.end())
    closing = f"</{match.group(1)}>"
    end = text.rindex(closing)
    return text[:tag_end], text[tag_end:end], text[end:]


def start_tag(name: str, attributes: dict[str, str], empty: bool = False) -> str:
    """A start tag with ``attributes`` (values already escaped) in their given order."""
    attribute_text = "".join(f' {key}="{value}"' for key, value in attributes.items())
    return f"<{name}{attribute_text}{'/' if empty else ''}>"


def with_attribute(tag: str, name: str, value: str) -> str:
    """``tag`` (a start tag) with the attribute ``name`` set to ``value`` (escaped), added if absent."""
    pattern = re.compile(rf"""(\s{re.escape(name)}\s*=\s*)("[^"]*"|'[^']*')""")
    if pattern.search(tag):
        return pattern.sub(lambda match: f'{match.group(1)}"{value}"', tag, count=1)
    closing = "/>" if tag.endswith("/>") else ">"
    return f'{tag[:-len(closing)]} {name}="{value}"{closing}'
