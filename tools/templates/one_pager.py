"""templates/docx/one-pager.docx: the strategic one-pager, designed as one A4 page, not as a report.

Layout, top to bottom: house header (logo, organisation, case number, date, UDKAST), the title, a dark
vision band, two columns "Udfordring | Mål", a full-width success-criteria table, two columns
"Indsatser og leverancer | Partnere", and a closing line (date, case number, chair) in the footer.
The columns are sections with two columns (a column break before the right one) and the vision band
is shaded paragraphs, not tables: a tagged PDF then reads the page in order and has no layout tables
a screen reader would announce as data (PDF/UA). The headings are Heading 1 under the Title. The sizes here are what the
one-pager budgets in docpipe.deliverables.one_pager_fit were measured against: change one, re-measure the other
(tests/deliverables/test_one_pager.py converts the longest valid case to PDF and counts pages).
"""

from __future__ import annotations

import copy
from typing import Any

from docx.document import Document as DocumentObject
from docx.enum.text import WD_BREAK, WD_LINE_SPACING
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt, RGBColor
from docx.text.paragraph import Paragraph

from tools.templates.house import (
    ACCENT_HEX,
    add_house_header,
    loop_table,
    new_document,
    paragraph,
    tag,
)

PAGE_MARGIN_MM = 15.0
CONTENT_MM = 210 - 2 * PAGE_MARGIN_MM
GUTTER_MM = 7.0
BODY_PT = 9.0
VISION_LABEL = RGBColor(0xBF, 0xD0, 0xE3)  # a house colour: branding makes it a tint that reads on the accent
WHITE = RGBColor(0xFF, 0xFF, 0xFF)


def build() -> DocumentObject:
    document = new_document(numbering=None)
    _compact_page(document)
    _one_pager_styles(document)
    add_house_header(document, "Strategisk one-pager")
    _closing_line(document)
    paragraph(document, "{{ title }}", style="Title")
    _vision_band(document)
    _end_section(document, columns=1, gap=8)
    _heading(document, "Udfordring")
    _loop(document, "text in challenge", "{{ text }}", "Normal")
    _heading(document, "Mål", new_column=True)
    _loop(document, "item in goals", "{{ item }}", "List Bullet")
    _end_section(document, columns=2)
    _success_criteria(document)
    _end_section(document, columns=1, gap=6)
    _heading(document, "Indsatser og leverancer")
    _loop(document, "item in deliverables", "{{ item }}", "List Bullet", otherwise="Indsatser og leverancer "
          "fastlægges i handleplanerne.")
    _heading(document, "Partnere", new_column=True)
    _partners(document)
    _end_section(document, columns=2)
    _last_paragraph(document)
    return document


# --- page and styles ---------------------------------------------------------------------------


def _compact_page(document: DocumentObject) -> None:
    """Narrower margins than a report: the house header pushes the body down as far as it needs."""
    section = document.sections[0]
    section.left_margin = section.right_margin = Mm(PAGE_MARGIN_MM)
    section.top_margin = Mm(20)
    section.bottom_margin = Mm(18)
    section.header_distance = Mm(8)
    section.footer_distance = Mm(8)


def _one_pager_styles(document: DocumentObject) -> None:
    styles = document.styles
    normal = styles["Normal"]
    normal.font.size = Pt(BODY_PT)
    normal.paragraph_format.space_after = Pt(3)
    normal.paragraph_format.line_spacing = 1.05
    title = styles["Title"]
    title.font.size = Pt(17)
    title.paragraph_format.space_after = Pt(5)
    title.paragraph_format.line_spacing = 1.0
    heading = styles["Heading 1"]
    heading.font.size = Pt(11)
    heading.paragraph_format.space_before = Pt(8)
    heading.paragraph_format.space_after = Pt(3)
    _border(heading.element.get_or_add_pPr(), "bottom", 6, 1, ACCENT_HEX)
    bullet = styles["List Bullet"]
    bullet.font.size = Pt(BODY_PT)
    bullet.paragraph_format.space_after = Pt(2)
    bullet.paragraph_format.line_spacing = 1.05
    partner = styles.add_style("Partner", 1)
    partner.base_style = normal
    partner.font.size = Pt(8.5)
    partner.paragraph_format.space_after = Pt(1.5)
    partner.paragraph_format.line_spacing = 1.0
    partner.paragraph_format.left_indent = Mm(2.5)
    _border(partner.element.get_or_add_pPr(), "left", 12, 4, ACCENT_HEX)
    label = styles.add_style("Vision Label", 1)
    label.base_style = normal
    label.font.size = Pt(8)
    label.font.bold = True
    label.font.color.rgb = VISION_LABEL
    label.paragraph_format.space_after = Pt(2)
    _band(label)
    vision = styles.add_style("Vision", 1)
    vision.base_style = normal
    vision.font.size = Pt(11)
    vision.font.color.rgb = WHITE
    vision.paragraph_format.space_after = Pt(3)
    vision.paragraph_format.line_spacing = 1.1
    _band(vision)


def _band(style: Any) -> None:
    """The vision band's look on a paragraph style: house-colour shading, padded by borders of the same
    colour (consecutive paragraphs with equal borders make one box), text where the columns' text is."""
    p_pr = style.element.get_or_add_pPr()
    border = "".join(f'<w:{side} w:val="single" w:sz="4" w:space="{space}" w:color="{ACCENT_HEX}"/>'
                     for side, space in (("top", 5), ("left", 8), ("bottom", 3), ("right", 8)))
    _in_schema_order(p_pr, parse_xml(f'<w:pBdr {nsdecls("w")}>{border}</w:pBdr>'), _P_PR_ORDER)
    _in_schema_order(p_pr, parse_xml(f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="{ACCENT_HEX}"/>'),
                     _P_PR_ORDER)
    style.paragraph_format.left_indent = style.paragraph_format.right_indent = Mm(4)


# --- blocks ------------------------------------------------------------------------------------


def _vision_band(document: DocumentObject) -> None:
    """The vision in large white text on the house colour, across the page (styles Vision Label, Vision)."""
    document.add_paragraph("VISION", style="Vision Label")
    _loop(document, "text in vision", "{{ text }}", "Vision")


def _success_criteria(document: DocumentObject) -> None:
    heading = document.add_paragraph("Succeskriterier", style="Heading 1")
    heading.paragraph_format.space_before = Pt(4)
    tag(document, "{%p if success_criteria %}")
    table = loop_table(document, ["Succeskriterium", "Målværdi", "Frist"],
                       ["c.criterion", "c.target", "c.deadline"], "c in success_criteria",
                       widths_mm=(CONTENT_MM - 58 - 23, 58, 23))
    # indented by its cell margin, the table's border lines up with the columns' text and the vision band
    _in_schema_order(table._tbl.tblPr, parse_xml(f'<w:tblInd {nsdecls("w")} w:w="80" w:type="dxa"/>'),
                     _TBL_PR_ORDER)
    tag(document, "{%p else %}")
    paragraph(document, "Succeskriterierne fastlægges af {{ criteria_owner }} og tilføjes, når de er godkendt.")
    tag(document, "{%p endif %}")


def _partners(document: DocumentObject) -> None:
    """One organisation a line; names too long for a line run on, separated by dots, so that ten long
    names still take no more room than the deliverables beside them."""
    document.add_paragraph("{%p if partners_run_on %}")
    document.add_paragraph("{{ partners | join('  ·  ') }}", style="Partner")
    document.add_paragraph("{%p else %}")
    _loop(document, "partner in partners", "{{ partner }}", "Partner")
    document.add_paragraph("{%p endif %}")


def _closing_line(document: DocumentObject) -> None:
    """Date, case number and chair, small, under a thin rule at the foot of the page."""
    footer = document.sections[0].footer
    footer.is_linked_to_previous = False
    line = footer.paragraphs[0]
    line.style = document.styles["Footer"]
    line.paragraph_format.space_after = Pt(0)
    _border(line._p.get_or_add_pPr(), "top", 4, 4, "B7C3D0")
    line.add_run("{{ date }}{% if case_number %}  ·  Sagsnr. {{ case_number }}{% endif %}"
                 "  ·  Formand for {{ chair_group }}: {{ chair }}")


# --- layout helpers ----------------------------------------------------------------------------


def _end_section(document: DocumentObject, columns: int, gap: float = 1) -> None:
    """End the section so far in ``columns`` page columns with a gutter; what follows starts a new one on
    the same page. Its mark is a ``gap``-point paragraph (not a tag's, which the engine removes)."""
    para = document.add_paragraph()
    _tiny(para, gap)
    body_sect_pr = document.element.body.sectPr
    sect_pr = copy.deepcopy(body_sect_pr)
    starts_page = all(child.find(qn("w:sectPr")) is None for child in document.element.body.iter(qn("w:pPr")))
    _section_layout(sect_pr, columns, continuous=not starts_page)
    para._p.get_or_add_pPr().append(sect_pr)
    _section_layout(body_sect_pr, 1, continuous=True)


def _section_layout(sect_pr: Any, columns: int, continuous: bool) -> None:
    """``columns`` columns (gutter GUTTER_MM); ``continuous``: the section starts where the last ended."""
    for name in ("type", "cols"):
        for old in sect_pr.findall(qn(f"w:{name}")):
            sect_pr.remove(old)
    cols = parse_xml(f'<w:cols {nsdecls("w")} w:num="{columns}" w:space="{_twips(GUTTER_MM)}"/>')
    before_cols = [child for child in sect_pr if child.tag.split("}")[1] in _SECT_PR_AFTER_COLS]
    if before_cols:
        before_cols[0].addprevious(cols)
    else:
        sect_pr.append(cols)
    if continuous:
        sect_pr.insert(_type_index(sect_pr), parse_xml(f'<w:type {nsdecls("w")} w:val="continuous"/>'))


_SECT_PR_AFTER_COLS = ("formProt", "vAlign", "noEndnote", "titlePg", "textDirection", "bidi", "rtlGutter",
                       "docGrid", "printerSettings", "sectPrChange")


def _type_index(sect_pr: Any) -> int:
    """Where w:type goes: after the header and footer references and footnote/endnote properties."""
    earlier = ("headerReference", "footerReference", "footnotePr", "endnotePr")
    return sum(1 for child in sect_pr if child.tag.split("}")[1] in earlier)


def _heading(document: DocumentObject, text: str, new_column: bool = False) -> Paragraph:
    """A Heading 1 at the top of a column, without space above (the section mark before it has it);
    ``new_column``: it starts the right column (after a 1-point paragraph holding the column break: a
    break inside the heading would give it an empty first line)."""
    breaker = document.add_paragraph()  # in both columns, so that their headings line up
    _tiny(breaker, 1)
    if new_column:
        breaker.add_run().add_break(WD_BREAK.COLUMN)
    para = document.add_paragraph(text, style="Heading 1")
    para.paragraph_format.space_before = Pt(0)  # LibreOffice keeps it at a column's top, Word not: the gap is
    # the section mark's above
    return para


def _loop(document: DocumentObject, loop: str, text: str, style: str, otherwise: str | None = None) -> None:
    """One paragraph per item (``{%p for %}``); with ``otherwise``, a sentence when the list is empty."""
    variable = loop.split(" in ", 1)[1]
    if otherwise:
        document.add_paragraph(f"{{%p if {variable} %}}")
    document.add_paragraph(f"{{%p for {loop} %}}")
    document.add_paragraph(text, style=style)
    document.add_paragraph("{%p endfor %}")
    if otherwise:
        document.add_paragraph("{%p else %}")
        document.add_paragraph(otherwise)
        document.add_paragraph("{%p endif %}")


def _last_paragraph(document: DocumentObject) -> None:
    """The body must end in a paragraph; a 1-point one cannot spill onto a second page."""
    _tiny(document.add_paragraph(), 1)


def _tiny(para: Paragraph, points: float) -> None:
    """A paragraph exactly ``points`` high (its mark's font size too, which Word also measures)."""
    para.paragraph_format.space_before = Pt(0)
    para.paragraph_format.space_after = Pt(0)
    para.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    para.paragraph_format.line_spacing = Pt(points)
    para._p.get_or_add_pPr().append(parse_xml(
        f'<w:rPr {nsdecls("w")}><w:sz w:val="{int(points * 2)}"/><w:szCs w:val="{int(points * 2)}"/></w:rPr>'
    ))


_TBL_PR_ORDER = ("tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize", "tblStyleColBandSize",
                 "tblW", "jc", "tblCellSpacing", "tblInd", "tblBorders", "shd", "tblLayout", "tblCellMar",
                 "tblLook", "tblCaption", "tblDescription")
_P_PR_ORDER = ("pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
               "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
               "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd",
               "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc",
               "textDirection", "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr",
               "sectPr", "pPrChange")


def _border(p_pr: Any, side: str, size: int, space: int, colour: str) -> None:
    """A paragraph border line (``side`` = top, bottom, left) in the place the schema wants it."""
    border = parse_xml(f'<w:pBdr {nsdecls("w")}><w:{side} w:val="single" w:sz="{size}" w:space="{space}" '
                       f'w:color="{colour}"/></w:pBdr>')
    _in_schema_order(p_pr, border, _P_PR_ORDER)


def _in_schema_order(parent: Any, element: Any, order: tuple[str, ...]) -> None:
    """Put ``element`` into ``parent`` before the first child the schema orders after it (replacing its twin)."""
    name = element.tag.split("}")[1]
    for old in parent.findall(qn(f"w:{name}")):
        parent.remove(old)
    later = order[order.index(name) + 1:]
    for child in parent:
        if child.tag.split("}")[1] in later:
            child.addprevious(element)
            return
    parent.append(element)


def _twips(mm: float) -> int:
    return round(mm * 56.7)

