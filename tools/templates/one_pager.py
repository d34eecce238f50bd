"""templates/docx/one-pager.docx: the strategic one-pager, designed as one A4 page, not as a report.

Layout, top to bottom: house header (logo, organisation, case number, date, UDKAST), the title, a dark
vision band, two columns "Udfordring | Mål", a full-width success-criteria table, two columns
"Indsatser og leverancer | Partnere", and a closing line (date, case number, chair) in the footer.
The columns are borderless tables, so the page stays editable in Word. The sizes here are what the
one-pager budgets in docpipe.deliverables.one_pager_fit were measured against: change one, re-measure the other
(tests/deliverables/test_one_pager.py converts the longest valid case to PDF and counts pages).
"""

from __future__ import annotations

from typing import Any

from docx.document import Document as DocumentObject
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_LINE_SPACING
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt, RGBColor
from docx.table import Table, _Cell
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
VISION_LABEL = RGBColor(0xBF, 0xD0, 0xE3)
WHITE = RGBColor(0xFF, 0xFF, 0xFF)


def build() -> DocumentObject:
    document = new_document(numbering=None)
    _compact_page(document)
    _one_pager_styles(document)
    add_house_header(document, "Strategisk one-pager")
    _closing_line(document)
    paragraph(document, "{{ title }}", style="Title")
    _vision_band(document)
    _spacer(document)
    left, right = _two_columns(document)
    _heading(left, "Udfordring")
    _loop(left, "text in challenge", "{{ text }}", "Normal")
    _heading(right, "Mål")
    _loop(right, "item in goals", "{{ item }}", "List Bullet")
    _success_criteria(document)
    left, right = _two_columns(document)
    _heading(left, "Indsatser og leverancer")
    _loop(left, "item in deliverables", "{{ item }}", "List Bullet", otherwise="Indsatser og leverancer "
          "fastlægges i handleplanerne.")
    _heading(right, "Partnere")
    _partners(right)
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
    heading = styles["Heading 2"]
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
    vision = styles.add_style("Vision", 1)
    vision.base_style = normal
    vision.font.size = Pt(11)
    vision.font.color.rgb = WHITE
    vision.paragraph_format.space_after = Pt(3)
    vision.paragraph_format.line_spacing = 1.1


# --- blocks ------------------------------------------------------------------------------------


def _vision_band(document: DocumentObject) -> None:
    """The vision in large white text on the house colour, across the page."""
    table = _table(document, [CONTENT_MM])
    cell = table.rows[0].cells[0]
    _shade(cell, ACCENT_HEX)
    _cell_margins(cell, top=2.5, bottom=1.5, left=4, right=4)
    label = cell.paragraphs[0]
    label.style = document.styles["Vision Label"]
    label.add_run("VISION")
    _loop(cell, "text in vision", "{{ text }}", "Vision")


def _success_criteria(document: DocumentObject) -> None:
    heading = document.add_paragraph("Succeskriterier", style="Heading 2")
    heading.paragraph_format.space_before = Pt(4)
    tag(document, "{%p if success_criteria %}")
    table = loop_table(document, ["Succeskriterium", "Målværdi", "Frist"],
                       ["c.criterion", "c.target", "c.deadline"], "c in success_criteria",
                       widths_mm=(CONTENT_MM - 58 - 20, 58, 20))
    # indented by its cell margin, the table's border lines up with the columns' text and the vision band
    _in_schema_order(table._tbl.tblPr, parse_xml(f'<w:tblInd {nsdecls("w")} w:w="80" w:type="dxa"/>'),
                     _TBL_PR_ORDER)
    tag(document, "{%p else %}")
    paragraph(document, "Succeskriterierne fastlægges af {{ criteria_owner }} og tilføjes, når de er godkendt.")
    tag(document, "{%p endif %}")


def _partners(cell: _Cell) -> None:
    """One organisation a line; names too long for a line run on, separated by dots, so that ten long
    names still take no more room than the deliverables beside them."""
    cell.add_paragraph("{%p if partners_run_on %}")
    cell.add_paragraph("{{ partners | join('  ·  ') }}", style="Partner")
    cell.add_paragraph("{%p else %}")
    _loop(cell, "partner in partners", "{{ partner }}", "Partner")
    cell.add_paragraph("{%p endif %}")


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


def _two_columns(document: DocumentObject) -> tuple[_Cell, _Cell]:
    """Two borderless columns with a gutter between them; returns the left and the right cell."""
    half = (CONTENT_MM - GUTTER_MM) / 2
    table = _table(document, [half + GUTTER_MM / 2, half + GUTTER_MM / 2])
    left, right = table.rows[0].cells
    _cell_margins(left, top=0, bottom=0, left=0, right=GUTTER_MM / 2)
    _cell_margins(right, top=0, bottom=0, left=GUTTER_MM / 2, right=0)
    return left, right


def _table(document: DocumentObject, widths_mm: list[float]) -> Table:
    table = document.add_table(rows=1, cols=len(widths_mm))
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    table.autofit = False
    tbl_pr = table._tbl.tblPr
    for xml in (f'<w:tblW {nsdecls("w")} w:w="{_twips(sum(widths_mm))}" w:type="dxa"/>',
                f'<w:tblBorders {nsdecls("w")}>'
                + "".join(f'<w:{side} w:val="nil"/>' for side in ("top", "left", "bottom", "right", "insideH",
                                                                   "insideV"))
                + "</w:tblBorders>",
                f'<w:tblLayout {nsdecls("w")} w:type="fixed"/>',
                f'<w:tblCellMar {nsdecls("w")}><w:left w:w="0" w:type="dxa"/><w:right w:w="0" w:type="dxa"/>'
                "</w:tblCellMar>"):
        _in_schema_order(tbl_pr, parse_xml(xml), _TBL_PR_ORDER)
    for col, width in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), widths_mm, strict=True):
        col.set(qn("w:w"), str(_twips(width)))
    for cell, width in zip(table.rows[0].cells, widths_mm, strict=True):
        cell.width = Mm(width)
    return table


def _heading(cell: _Cell, text: str) -> Paragraph:
    """A Heading 2 at the top of a column (in the cell's own first paragraph), a little closer to the
    block above than a heading in running text."""
    para = cell.paragraphs[0]
    para.style = cell.part.document.styles["Heading 2"]
    para.add_run(text)
    para.paragraph_format.space_before = Pt(6)
    return para


def _loop(cell: _Cell, loop: str, text: str, style: str, otherwise: str | None = None) -> None:
    """One paragraph per item (``{%p for %}``); with ``otherwise``, a sentence when the list is empty."""
    variable = loop.split(" in ", 1)[1]
    if otherwise:
        cell.add_paragraph(f"{{%p if {variable} %}}")
    cell.add_paragraph(f"{{%p for {loop} %}}")
    cell.add_paragraph(text, style=style)
    cell.add_paragraph("{%p endfor %}")
    if otherwise:
        cell.add_paragraph("{%p else %}")
        cell.add_paragraph(otherwise)
        cell.add_paragraph("{%p endif %}")


def _spacer(document: DocumentObject) -> None:
    """Between two tables Word needs a paragraph, else it merges them; this one is a few points high."""
    para = document.add_paragraph()
    _tiny(para, 4)


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


def _shade(cell: _Cell, fill: str) -> None:
    cell._tc.get_or_add_tcPr().append(
        parse_xml(f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="{fill}"/>'))


def _cell_margins(cell: _Cell, top: float, bottom: float, left: float, right: float) -> None:
    sides = {"top": top, "left": left, "bottom": bottom, "right": right}
    cell._tc.get_or_add_tcPr().append(parse_xml(
        f'<w:tcMar {nsdecls("w")}>'
        + "".join(f'<w:{side} w:w="{_twips(mm)}" w:type="dxa"/>' for side, mm in sides.items())
        + "</w:tcMar>"))


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

