"""The house style every docpipe Word template shares, and helpers to lay Jinja tags into it.

The shipped templates in templates/docx/ are made by these scripts (``python -m tools.templates.build``)
so that their styles, numbering, headers and footers are consistent; after that they are ordinary
Word files that a user may open and edit in Word. Tags follow docxtpl: ``{{ x }}``, ``{%p ... %}``
for paragraph-level blocks, ``{%tr ... %}`` for table-row loops.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt, RGBColor
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from tools.templates.keep import short_list_kept, widow_control

FONT = "Arial"  # LibreOffice shows it as the metric-identical Liberation Sans
ACCENT = RGBColor(0x1F, 0x3A, 0x5F)
ACCENT_HEX = "1F3A5F"
HEADER_FILL = "1F3A5F"
ZEBRA_FILL = "EEF2F7"
MUTED = RGBColor(0x59, 0x59, 0x59)
DRAFT_RED = RGBColor(0xC0, 0x00, 0x00)


def new_document(numbering: str | None = "decimal", landscape: bool = False) -> DocumentObject:
    """An empty A4 document in the house style.

    ``numbering`` links Heading 1 to a Word list: ``"decimal"`` gives "1. Baggrund", ``"paragraph"``
    gives "§ 1. Formål" (rules of procedure); None leaves headings unnumbered.
    """
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
    section.left_margin = section.right_margin = Mm(22)
    section.top_margin = Mm(30)
    section.bottom_margin = Mm(22)
    section.header_distance = Mm(10)
    section.footer_distance = Mm(10)
    _drop_styles_with_effects(document)
    _set_styles(document)
    _set_language(document)
    _set_hyphenation(document)
    widow_control(document)
    if numbering:
        _number_headings(document, "§ %1." if numbering == "paragraph" else "%1.")
    return document


def _drop_styles_with_effects(document: DocumentObject) -> None:
    """python-docx's default carries a Word 2010 stylesWithEffects part that no longer matches our
    styles once we change them; Word does not need it, and a stale copy can make Word complain."""
    part = document.part
    for r_id, relationship in list(part.rels.items()):
        if relationship.reltype.endswith("/stylesWithEffects"):
            part.drop_rel(r_id)


def _set_styles(document: DocumentObject) -> None:
    styles = document.styles
    normal = styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(10.5)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.15
    _east_asian_font(normal)
    for name, size, before in (("Title", 24, 0), ("Subtitle", 13, 0), ("Heading 1", 14, 14), ("Heading 2", 11.5, 10),
                               ("Heading 3", 10.5, 8)):
        style = styles[name]
        style.font.name = FONT
        style.font.size = Pt(size)
        style.font.color.rgb = ACCENT if name != "Subtitle" else MUTED
        style.font.bold = name.startswith("Heading") or name == "Title"
        style.font.italic = False
        style.paragraph_format.space_before = Pt(before)
        style.paragraph_format.space_after = Pt(4 if name.startswith("Heading") else 6)
        style.paragraph_format.keep_with_next = True
        _no_hyphens(style)
        _east_asian_font(style)
    title = styles["Title"]
    title_pPr = title.element.get_or_add_pPr()
    for border in title_pPr.findall(qn("w:pBdr")):
        title_pPr.remove(border)
    for name in ("Header", "Footer"):
        styles[name].font.name = FONT
        styles[name].font.size = Pt(8.5)
        styles[name].font.color.rgb = MUTED
    for name in ("List Bullet", "List Number"):
        styles[name].font.name = FONT
        styles[name].paragraph_format.space_after = Pt(3)
    if "Table Text" not in [s.name for s in styles]:
        table_text = styles.add_style("Table Text", 1)
        table_text.base_style = normal
        table_text.font.size = Pt(9)
        table_text.paragraph_format.space_after = Pt(0)
        table_text.paragraph_format.line_spacing = 1.0
        table_heading = styles.add_style("Table Heading", 1)
        table_heading.base_style = table_text
        table_heading.font.bold = True
        table_heading.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)


_AFTER_SUPPRESS_AUTO_HYPHENS = (
    "w:kinsoku", "w:wordWrap", "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi",
    "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
    "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap",
    "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")


def _no_hyphens(style: object) -> None:
    """Titles and headings are never hyphenated ("Lig-hed i sundheds-tilbud" on an agenda item's
    title): a heading breaks between words; only running text and narrow cells hyphenate."""
    pPr = style.element.get_or_add_pPr()  # type: ignore[attr-defined]
    if pPr.find(qn("w:suppressAutoHyphens")) is None:
        pPr.insert_element_before(OxmlElement("w:suppressAutoHyphens"), *_AFTER_SUPPRESS_AUTO_HYPHENS)


def _east_asian_font(style: object) -> None:
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()  # type: ignore[attr-defined]
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), FONT)
    for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attribute), None)


def _set_language(document: DocumentObject) -> None:
    """Danish proofing language in the document defaults, so Word spell-checks in Danish."""
    styles = document.styles.element
    rpr_default = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = rpr_default.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr_default.append(lang)
    lang.set(qn("w:val"), "da-DK")
    lang.set(qn("w:eastAsia"), "da-DK")
    lang.set(qn("w:bidi"), "ar-SA")


def _set_hyphenation(document: DocumentObject) -> None:
    """Automatic hyphenation (Danish, from the language above) so that a long compound in a narrow table
    column is hyphenated ("Undervisnings-ministeriet") instead of broken mid-word with no hyphen."""
    settings = document.settings.element
    for name in ("w:autoHyphenation", "w:consecutiveHyphenLimit", "w:hyphenationZone"):
        for old in settings.findall(qn(name)):
            settings.remove(old)
    # at most two hyphenated lines in a row, and a 1 cm zone: a word is hyphenated only when the line
    # would otherwise end more than 1 cm short (fewer hyphens in running text, names mostly left whole)
    elements = [parse_xml(f'<w:autoHyphenation {nsdecls("w")} w:val="true"/>'),
                parse_xml(f'<w:consecutiveHyphenLimit {nsdecls("w")} w:val="2"/>'),
                parse_xml(f'<w:hyphenationZone {nsdecls("w")} w:val="567"/>')]
    tab_stop = settings.find(qn("w:defaultTabStop"))
    for element in reversed(elements):  # CT_Settings: these follow defaultTabStop, in this order
        if tab_stop is not None:
            tab_stop.addnext(element)
        else:
            settings.insert(0, element)
    # w:themeFontLang is the language Word falls back to for hyphenation: Danish too
    theme_lang = settings.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        theme_lang.set(qn("w:val"), "da-DK")


def _number_headings(document: DocumentObject, text: str) -> None:
    """A list definition attached to the Heading 1 style: Word numbers the sections itself."""
    numbering = document.part.numbering_part.element
    abstract_id, num_id = 90, 90
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">'
        '<w:multiLevelType w:val="singleLevel"/>'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:pStyle w:val="Heading1"/>'
        f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
        '<w:pPr><w:tabs><w:tab w:val="num" w:pos="567"/></w:tabs><w:ind w:left="567" w:hanging="567"/></w:pPr>'
        "</w:lvl></w:abstractNum>"
    )
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    numbering.append(parse_xml(
        f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/></w:num>'
    ))
    num_pr = document.styles["Heading 1"].element.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = 0
    num_pr.get_or_add_numId().val = num_id


# --- header and footer ------------------------------------------------------------------------


def add_house_header(document: DocumentObject, document_kind: str) -> None:
    """Logo and organisation at the left; document kind, case number and date at the right;
    a red UDKAST line when the case is a draft."""
    section = document.sections[0]
    header = section.header
    header.is_linked_to_previous = False
    width = section.page_width - section.left_margin - section.right_margin
    table = header.add_table(rows=1, cols=2, width=width)
    _no_borders(table)
    left, right = table.rows[0].cells
    left.width, right.width = int(width * 0.55), int(width * 0.45)
    logo = left.paragraphs[0]
    logo.style = document.styles["Header"]
    logo.add_run("{%p if logo %}")
    left.add_paragraph("{{ logo }}", style="Header")
    left.add_paragraph("{%p endif %}", style="Header")
    left.add_paragraph("{%p if org.show_name %}", style="Header")
    name = left.add_paragraph(style="Header")
    run = name.add_run("{{ org.name }}")
    run.bold = True
    run.font.color.rgb = ACCENT
    left.add_paragraph("{%p endif %}", style="Header")
    left.add_paragraph("{%p if org.unit %}", style="Header")
    left.add_paragraph("{{ org.unit }}", style="Header")
    left.add_paragraph("{%p endif %}", style="Header")
    kind = right.paragraphs[0]
    kind.style = document.styles["Header"]
    kind.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    kind_run = kind.add_run(document_kind)
    kind_run.bold = True
    right.add_paragraph("{%p if case_number %}", style="Header")
    _right(right.add_paragraph("Sagsnr. {{ case_number }}", style="Header"))
    right.add_paragraph("{%p endif %}", style="Header")
    _right(right.add_paragraph("{{ date }}", style="Header"))
    right.add_paragraph("{%p if draft %}", style="Header")
    draft = _right(right.add_paragraph(style="Header"))
    draft_run = draft.add_run("UDKAST")
    draft_run.bold = True
    draft_run.font.size = Pt(14)
    draft_run.font.color.rgb = DRAFT_RED
    right.add_paragraph("{%p endif %}", style="Header")
    # the table goes first; the header's own empty paragraph then closes it (a part may not end in a table)
    header._element.insert(0, table._tbl)


def add_house_footer(document: DocumentObject) -> None:
    """"Titel · Side X af Y" with Word's PAGE and NUMPAGES fields."""
    footer = document.sections[0].footer
    footer.is_linked_to_previous = False
    paragraph = footer.paragraphs[0]
    paragraph.style = document.styles["Footer"]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run("{{ title }}  ·  Side ")
    _field(paragraph, "PAGE", "1")
    paragraph.add_run(" af ")
    _field(paragraph, "NUMPAGES", "1")


def _field(paragraph: Paragraph, instruction: str, placeholder: str) -> None:
    for xml in (
        f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="begin"/></w:r>',
        f'<w:r {nsdecls("w")}><w:instrText xml:space="preserve"> {instruction} </w:instrText></w:r>',
        f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="separate"/></w:r>',
        f'<w:r {nsdecls("w")}><w:t>{placeholder}</w:t></w:r>',
        f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="end"/></w:r>',
    ):
        paragraph._p.append(parse_xml(xml))


def _right(paragraph: Paragraph) -> Paragraph:
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    return paragraph


# --- body helpers ----------------------------------------------------------------------------

CASE_FACTS = (
    ("Organisation", "{{ org.name }}"),
    ("Sagsnr.", "{{ case_number or '–' }}"),
    ("Dato", "{{ date }}"),
    ("Version", "{{ version }} ({{ status }})"),
    ("Metode", "{{ method }}"),
)


def title_block(document: DocumentObject, document_kind: str, widths_mm: Sequence[float],
                extra_facts: Sequence[tuple[str, str]] = ()) -> None:
    """The first lines of a report-like deliverable: kind as Title, initiative as Subtitle, the case facts."""
    paragraph(document, document_kind, style="Title")
    paragraph(document, "{{ title }}", style="Subtitle")
    key_value_table(document, [*CASE_FACTS, *extra_facts], widths_mm=widths_mm)



def heading(document: DocumentObject, text: str, level: int = 1) -> Paragraph:
    return document.add_heading(text, level=level)


def paragraph(document: DocumentObject, text: str = "", style: str | None = None) -> Paragraph:
    return document.add_paragraph(text, style=style)


def tag(document: DocumentObject, text: str) -> Paragraph:
    """A paragraph holding only a ``{%p ... %}`` tag; docxtpl removes the whole paragraph."""
    return document.add_paragraph(text)


@contextmanager
def unless_empty(document: DocumentObject, condition: str, otherwise: str) -> Iterator[None]:
    """What the block adds, when ``condition`` holds; else the sentence ``otherwise``. A section whose
    list may be empty says so in words instead of showing a table with only its header row."""
    tag(document, f"{{%p if {condition} %}}")
    yield
    tag(document, "{%p else %}")
    paragraph(document, otherwise)
    tag(document, "{%p endif %}")


def paragraphs_of(document: DocumentObject, variable: str, style: str | None = None) -> None:
    """One paragraph per item of ``variable`` (a list of strings: multi-paragraph user text)."""
    tag(document, f"{{%p for text in {variable} %}}")
    document.add_paragraph("{{ text }}", style=style)
    tag(document, "{%p endfor %}")


def keep_lead_in(document: DocumentObject) -> None:
    """Keep the paragraph that introduces what comes next ("Arbejdsgruppen er ...:") with it, so a
    lead-in is never left at the foot of a page with its table or list on the next.

    Walks back from the end of the body over the paragraphs that hold only a ``{%p ... %}`` tag (docxtpl
    removes them); headings keep with next by their style already.
    """
    for element in reversed(list(document.element.body)):
        if element.tag == qn("w:sectPr"):
            continue
        if element.tag != qn("w:p"):
            return
        para = Paragraph(element, document._body)
        text = para.text.strip()
        if text.startswith("{%p") or text.startswith("{%-p"):
            continue
        if text and not (para.style is not None and para.style.name.startswith("Heading")):
            para.paragraph_format.keep_with_next = True
        return


def bullets_of(document: DocumentObject, variable: str, expression: str = "item") -> None:
    """A bulleted list with one item per element of ``variable``."""
    keep_lead_in(document)
    short_list_kept(document, variable, "List Bullet", expression)


def label_value(document: DocumentObject, label: str, value: str) -> Paragraph:
    """"Label: value" with the label in bold."""
    para = document.add_paragraph()
    para.add_run(f"{label}: ").bold = True
    para.add_run(value)
    return para


def loop_table(
    document: DocumentObject,
    headers: Sequence[str],
    cells: Sequence[str],
    loop: str,
    widths_mm: Sequence[float],
    total: Sequence[str] | None = None,
    align_right: Sequence[int] = (),
) -> Table:
    """A table with a repeating, coloured header row and one row per item of ``loop``.

    ``loop`` is the Jinja ``for`` clause, e.g. ``"row in budget.lines"``; ``cells`` are the Jinja
    expressions of each column; ``total`` is an optional last row in bold.
    """
    keep_lead_in(document)
    rows = 4 + (1 if total else 0)
    table = document.add_table(rows=rows, cols=len(headers))
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    table.style = document.styles["Table Grid"]
    _grid_colour(table)
    header_row = table.rows[0]
    _repeat_header(header_row)
    for cell, text in zip(header_row.cells, headers, strict=True):
        _cell_text(cell, text, "Table Heading")
        _shade(cell, HEADER_FILL)
    _cell_text(table.rows[1].cells[0], f"{{%tr for {loop} %}}", "Table Text")
    for cell, expression in zip(table.rows[2].cells, cells, strict=True):
        _cell_text(cell, f"{{{{ {expression} }}}}", "Table Text")
    _cell_text(table.rows[3].cells[0], "{%tr endfor %}", "Table Text")
    if total:
        for cell, text in zip(table.rows[4].cells, total, strict=True):
            _cell_text(cell, text, "Table Text")
            for run in cell.paragraphs[0].runs:
                run.bold = True
            _shade(cell, ZEBRA_FILL)
    for row in table.rows:
        _cant_split(row)
        for index in align_right:
            row.cells[index].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
        for cell, width in zip(row.cells, widths_mm, strict=True):
            cell.width = Mm(width)
    _fixed_layout(table, widths_mm)
    document.add_paragraph().paragraph_format.space_after = Pt(2)
    return table


def key_value_table(document: DocumentObject, pairs: Sequence[tuple[str, str]], widths_mm: Sequence[float]) -> Table:
    """A two-column facts table (Dato, Sagsnr., ...), label column shaded.

    The labels are in "Table Heading" (LibreOffice tags a cell whose paragraph has that style as a
    header cell, TH), so a screen reader hears which fact a value is; dark, not the style's white.
    """
    table = document.add_table(rows=len(pairs), cols=2)
    table.style = document.styles["Table Grid"]
    _grid_colour(table)
    for row, (label, value) in zip(table.rows, pairs, strict=True):
        _cell_text(row.cells[0], label, "Table Heading")
        row.cells[0].paragraphs[0].runs[0].font.color.rgb = RGBColor(0x00, 0x00, 0x00)
        _shade(row.cells[0], ZEBRA_FILL)
        _cell_text(row.cells[1], value, "Table Text")
        _cant_split(row)
        for cell, width in zip(row.cells, widths_mm, strict=True):
            cell.width = Mm(width)
    _fixed_layout(table, widths_mm)
    document.add_paragraph().paragraph_format.space_after = Pt(2)
    return table


def _cell_text(cell: _Cell, text: str, style: str) -> None:
    para = cell.paragraphs[0]
    para.style = cell.part.document.styles[style]
    para.add_run(text)


def _shade(cell: _Cell, fill: str) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()
    tc_pr.append(parse_xml(f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="{fill}"/>'))


def _repeat_header(row: object) -> None:
    tr_pr = row._tr.get_or_add_trPr()  # type: ignore[attr-defined]
    tr_pr.append(OxmlElement("w:tblHeader"))


def _cant_split(row: object) -> None:
    tr_pr = row._tr.get_or_add_trPr()  # type: ignore[attr-defined]
    tr_pr.insert(0, OxmlElement("w:cantSplit"))


def _grid_colour(table: Table) -> None:
    borders = parse_xml(
        f'<w:tblBorders {nsdecls("w")}>'
        + "".join(f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="B7C3D0"/>'
                  for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
        + "</w:tblBorders>"
    )
    tbl_pr = table._tbl.tblPr
    _put_in_order(tbl_pr, borders)
    margins = parse_xml(
        f'<w:tblCellMar {nsdecls("w")}><w:top w:w="40" w:type="dxa"/><w:left w:w="80" w:type="dxa"/>'
        '<w:bottom w:w="40" w:type="dxa"/><w:right w:w="80" w:type="dxa"/></w:tblCellMar>'
    )
    _put_in_order(tbl_pr, margins)


def _no_borders(table: Table) -> None:
    borders = parse_xml(
        f'<w:tblBorders {nsdecls("w")}>'
        + "".join(f'<w:{side} w:val="nil"/>' for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
        + "</w:tblBorders>"
    )
    _put_in_order(table._tbl.tblPr, borders)


_TBL_PR_ORDER = ["tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize", "tblStyleColBandSize",
                 "tblW", "jc", "tblCellSpacing", "tblInd", "tblBorders", "shd", "tblLayout", "tblCellMar",
                 "tblLook", "tblCaption", "tblDescription"]


def _put_in_order(tbl_pr: object, element: object) -> None:
    """Place ``element`` in tblPr where the schema wants it, replacing one of the same name."""
    name = element.tag.split("}")[1]  # type: ignore[attr-defined]
    for old in tbl_pr.findall(qn(f"w:{name}")):  # type: ignore[attr-defined]
        tbl_pr.remove(old)  # type: ignore[attr-defined]
    later = _TBL_PR_ORDER[_TBL_PR_ORDER.index(name) + 1:]
    for child in tbl_pr:  # type: ignore[attr-defined]
        if child.tag.split("}")[1] in later:
            child.addprevious(element)
            return
    tbl_pr.append(element)  # type: ignore[attr-defined]


def _fixed_layout(table: Table, widths_mm: Sequence[float]) -> None:
    table.autofit = False
    total = int(sum(widths_mm) * 56.7)
    _put_in_order(table._tbl.tblPr, parse_xml(f'<w:tblW {nsdecls("w")} w:w="{total}" w:type="dxa"/>'))
    grid = table._tbl.tblGrid
    for col, width in zip(grid.findall(qn("w:gridCol")), widths_mm, strict=True):
        col.set(qn("w:w"), str(int(width * 56.7)))


def clone(element: object) -> object:
    return copy.deepcopy(element)
