"""templates/docx/forretningsorden.docx: a group's rules of procedure, "§ 1. Formål" ...

Word numbers the §§ itself (Heading 1 is linked to a "§ %1." list), so a user may add or move a §
in Word. Each § body is a list of blocks from the context: "Stk. N." paragraphs, bullet lists and
the quoted purpose of the initiative.
"""

from __future__ import annotations

from docx.document import Document as DocumentObject
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from tools.templates.house import (
    MUTED,
    add_house_footer,
    add_house_header,
    heading,
    loop_table,
    new_document,
    paragraph,
    tag,
)

SECTIONS = (
    ("Formål", ["purpose"]),
    ("Sammensætning", ["composition", None, "composition_after"]),
    ("Formand og sekretariat", ["chair_secretariat"]),
    ("Møder", ["meetings"]),
    ("Indkaldelse og dagsorden", ["notice"]),
    ("Beslutningsdygtighed", ["quorum"]),
    ("Beslutninger", ["decisions"]),
    ("Habilitet", ["impartiality"]),
    ("Referat", ["minutes"]),
    ("Tavshedspligt og aktindsigt", ["confidentiality"]),
    ("Økonomi og vederlag", ["economy"]),
    ("Ikrafttræden og ændringer", ["entry_into_force"]),
)


def build() -> DocumentObject:
    document = new_document(numbering="paragraph")
    _space_after_paragraph_number(document)
    _quote_style(document)
    add_house_header(document, "Forretningsorden")
    add_house_footer(document)
    paragraph(document, "Forretningsorden", style="Title")
    paragraph(document, "for {{ group.definite }} for {{ title }}", style="Subtitle")
    paragraph(document, "{{ intro }}")
    for title, parts in SECTIONS:
        heading(document, title)
        for part in parts:
            if part is None:
                _member_table(document)
            else:
                _blocks(document, f"sections.{part}")
    _adoption(document)
    return document


def _blocks(document: DocumentObject, variable: str) -> None:
    """The body of one §: each block is a bullet list, the quoted purpose, or a "Stk." paragraph."""
    tag(document, f"{{%p for block in {variable} %}}")
    tag(document, "{%p if block.bullets %}")
    tag(document, "{%p for item in block.bullets %}")
    paragraph(document, "{{ item }}", style="List Bullet")
    tag(document, "{%p endfor %}")
    tag(document, "{%p elif block.quote %}")
    paragraph(document, "{{ block.text }}", style="Quote")
    tag(document, "{%p else %}")
    para = paragraph(document)
    stk = para.add_run("{{ block.stk }}")
    stk.italic = True
    # "Stk. 2. " ends in a space that Word must keep
    stk._r.find(qn("w:t")).set(qn("xml:space"), "preserve")
    para.add_run("{{ block.text }}")
    tag(document, "{%p endif %}")
    tag(document, "{%p endfor %}")


def _member_table(document: DocumentObject) -> None:
    loop_table(document, ["Navn", "Stilling", "Organisation", "Rolle"],
               ["member.name", "member.title", "member.organisation", "member.role"],
               "member in members", widths_mm=(36, 44, 44, 42))


def _adoption(document: DocumentObject) -> None:
    """The adoption line and the chair's signature at the end."""
    line = paragraph(document, "{{ adoption_line }}")
    line.paragraph_format.space_before = Pt(18)
    line.paragraph_format.keep_with_next = True
    signature = paragraph(document, "_______________________________")
    signature.paragraph_format.space_before = Pt(30)
    signature.paragraph_format.space_after = Pt(0)
    signature.paragraph_format.keep_with_next = True
    name = paragraph(document, "{{ chair.name }}")
    name.paragraph_format.space_after = Pt(0)
    name.paragraph_format.keep_with_next = True
    role = paragraph(document, "Formand for {{ group.definite }}")
    role.runs[0].font.color.rgb = MUTED


def _space_after_paragraph_number(document: DocumentObject) -> None:
    """"§ 10. Habilitet" is wider than the house tab stop; a space after the number keeps every
    heading aligned the same way, as printed rules of procedure are."""
    for level in document.part.numbering_part.element.iter(qn("w:lvl")):
        if level.find(qn("w:lvlText")).get(qn("w:val")).startswith("§"):
            suffix = OxmlElement("w:suff")
            suffix.set(qn("w:val"), "space")
            level.find(qn("w:lvlText")).addprevious(suffix)  # the schema's place for it
            level.remove(level.find(qn("w:pPr")))


def _quote_style(document: DocumentObject) -> None:
    """The initiative's purpose, quoted from the kommissorium: indented, italic, muted."""
    style = document.styles["Quote"]
    style.font.italic = True
    style.font.color.rgb = MUTED
    style.paragraph_format.left_indent = Mm(10)
    style.paragraph_format.right_indent = Mm(10)
    style.paragraph_format.space_after = Pt(6)
