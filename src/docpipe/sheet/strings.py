"""The workbook's shared-string table: every text cell refers to an entry by its number.

Excel itself stores text this way; a workbook with inline strings (``t="inlineStr"``, what openpyxl
writes) is rewritten by Excel on its next save, and strict checkers flag it. The template's own
texts (its shared strings, and its inline strings, converted once when the template is prepared)
come first; a case's texts follow, each distinct text once.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from docpipe.sheet.styles import MAIN_NS
from docpipe.sheet.xmlscan import children, with_attribute


class TemplateStrings:
    """The template's entries (``<si>`` elements as text) and how many cells refer to them."""

    def __init__(self, items: list[str] | None = None, references: int = 0) -> None:
        self.items = items or []
        self.references = references

    @classmethod
    def from_part(cls, xml: str) -> TemplateStrings:
        """The entries of an existing sharedStrings part, kept as they are (rich text included)."""
        root = children(xml[xml.index("<sst"):])[0]
        items = [item.text for item in children(root.content) if item.local_name == "si"]
        count = root.attributes().get("count")
        return cls(items, int(count) if count and count.isdigit() else len(items))

    def shared(self, cell_xml: str, start_tag: str, content: str) -> str:
        """An inline-string cell (``<c t="inlineStr"><is>…</is></c>``) as a shared-string cell."""
        parts = children(content)
        if len(parts) != 1 or parts[0].local_name != "is":
            return cell_xml
        self.items.append(f"<si>{parts[0].content}</si>")
        self.references += 1
        return with_attribute(start_tag, "t", "s") + f"<v>{len(self.items) - 1}</v></c>"


class SharedStrings:
    """One workbook's table while it is written: the template's entries, then the case's texts."""

    def __init__(self, template: TemplateStrings) -> None:
        self._template = template
        self._added: dict[str, int] = {}
        self._references = template.references

    def index(self, text: str) -> int:
        """The entry number of ``text``, adding it the first time it is seen."""
        self._references += 1
        number = self._added.get(text)
        if number is None:
            number = self._added[text] = len(self._template.items) + len(self._added)
        return number

    def xml(self) -> bytes:
        pieces = [f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="{MAIN_NS}" '
                  f'count="{self._references}" uniqueCount="{len(self._template.items) + len(self._added)}">']
        pieces += self._template.items
        for text in self._added:
            space = ' xml:space="preserve"' if text != text.strip() else ""
            pieces.append(f"<si><t{space}>{escape(text)}</t></si>")
        pieces.append("</sst>")
        return "".join(pieces).encode("utf-8")
