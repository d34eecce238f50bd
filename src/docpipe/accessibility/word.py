"""The accessibility rules for a Word document (.docx), each finding with its place.

The rules are those of Word's Accessibility Checker and PDF/UA that the .docx itself decides, so a
user's own template or document gets the verdict docpipe's deliverables get:

- every picture has alternative text or is marked decorative (body, headers, footers);
- headings start at level 1 (the Title counts as 1) and never skip a level;
- a data table's first row is a header row that repeats on every page (``w:tblHeader``); a table
  whose first column is in a heading style ("Table Heading") has row headers and needs none;
- no blank rows and no empty merged cells used for spacing; merged cells are a warning;
- the document has a title (docProps/core.xml) and a language (the styles' default ``w:lang``);
- text reaches WCAG AA contrast against its shading (run, paragraph or cell; white otherwise).
"""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

from docpipe.accessibility.contrast import minimum_contrast, too_faint
from docpipe.accessibility.findings import Finding, Severity
from docpipe.accessibility.ooxml import NS, Package, core_text, has_alt_text
from docpipe.accessibility.word_styles import Styles, shading_fill
from docpipe.i18n import _

MAIN = "word/document.xml"
STORIES = r"word/(document|header\d*|footer\d*|footnotes|endnotes)\.xml"
SNIPPET = 40
WHITE = "FFFFFF"
HIGHLIGHTS = {"yellow": "FFFF00", "green": "00FF00", "cyan": "00FFFF", "magenta": "FF00FF", "blue": "0000FF",
              "red": "FF0000", "darkBlue": "000080", "darkCyan": "008080", "darkGreen": "008000",
              "darkMagenta": "800080", "darkRed": "800000", "darkYellow": "808000", "darkGray": "808080",
              "lightGray": "C0C0C0", "black": "000000", "white": "FFFFFF"}
"""Word's highlight colours (``w:highlight``), which lie behind the text like a shading."""


def check_word(package: Package, file: str) -> list[Finding]:
    """Every rule's findings for the .docx in ``package``, in document order per rule."""
    if package.xml(MAIN) is None:
        return [Finding(file, "document", "", _("has no word/document.xml: is it a Word document?"))]
    styles = Styles(package.xml("word/styles.xml"))
    findings = _properties(package, styles, file)
    for part in package.names(STORIES):
        story = Story(package, part)
        findings += _pictures(story, file)
        findings += _contrast(story, styles, file)
        if part == MAIN:
            findings += _headings(story, styles, file)
            findings += _tables(story, styles, file)
    return findings


class Story:
    """One part with text (the body, a header ...) and how to name a place in it."""

    def __init__(self, package: Package, part: str) -> None:
        self.part = part
        root = package.xml(part)
        assert root is not None  # only parts the package has are stories
        self.root: etree._Element = root
        # paragraphs are counted outside tables: a cell's place is its table, row and cell
        flow = [paragraph for paragraph in self.root.iter(f"{{{NS['w']}}}p")
                if next(paragraph.iterancestors(f"{{{NS['w']}}}tc"), None) is None]
        self.paragraphs = {paragraph: number for number, paragraph in enumerate(flow, 1)}
        self.tables = {table: number for number, table in enumerate(self.root.iter(f"{{{NS['w']}}}tbl"), 1)}

    def place(self, element: etree._Element) -> str:
        """``word/document.xml, tabel 2, række 1, celle 3`` or ``..., afsnit 14 ("Formål ...")``."""
        cell = next(element.iterancestors(f"{{{NS['w']}}}tc"), None) if element.tag != f"{{{NS['w']}}}tc" else element
        if cell is not None:
            row = cell.getparent()
            table = row.getparent() if row is not None else None
            if row is not None and table is not None and table in self.tables:
                return f"{self.part}, " + _("table {table}, row {row}, cell {cell}").format(
                    table=self.tables[table], row=_index(table, row, "w:tr"), cell=_index(row, cell, "w:tc"))
        paragraph = element if element in self.paragraphs else next(
            (ancestor for ancestor in element.iterancestors(f"{{{NS['w']}}}p")), None)
        if paragraph is None or paragraph not in self.paragraphs:
            return self.part
        text = paragraph_text(paragraph)
        quoted = f' ("{text[:SNIPPET]}{"…" if len(text) > SNIPPET else ""}")' if text else ""
        return f"{self.part}, " + _("paragraph {number}").format(number=self.paragraphs[paragraph]) + quoted


def paragraph_text(element: etree._Element) -> str:
    """The visible text of a paragraph or cell, whitespace collapsed."""
    return " ".join("".join(element.itertext(f"{{{NS['w']}}}t")).split())


def _index(parent: etree._Element, child: etree._Element, path: str) -> int:
    return int(parent.findall(path, NS).index(child)) + 1


def _properties(package: Package, styles: Styles, file: str) -> list[Finding]:
    findings = []
    if not core_text(package, "title"):
        findings.append(Finding(file, "title", "docProps/core.xml",
                                _("the document has no title (File > Info > Properties > Title)")))
    if not styles.language and not core_text(package, "language"):
        findings.append(Finding(file, "language", "word/styles.xml",
                                _("the document's language is not set (Review > Language)")))
    return findings


def _pictures(story: Story, file: str) -> list[Finding]:
    return [Finding(file, "alt-text", story.place(properties),
                    _("the picture \"{name}\" has no alternative text (or only a placeholder) "
                      "and is not marked decorative").format(
                        name=properties.get("name") or "?"))
            for properties in story.root.iter(f"{{{NS['wp']}}}docPr") if not has_alt_text(properties)]


def _headings(story: Story, styles: Styles, file: str) -> list[Finding]:
    findings, previous = [], 0
    for paragraph in story.paragraphs:
        level = styles.heading_level(paragraph)
        if level is None:
            continue
        if previous == 0 and level != 1:
            findings.append(Finding(file, "heading-order", story.place(paragraph),
                                    _("the first heading is level {level}; headings must start at level 1").format(
                                        level=level)))
        elif previous and level > previous + 1:
            findings.append(Finding(file, "heading-order", story.place(paragraph),
                                    _("a heading of level {level} follows one of level {previous}; "
                                      "headings must not skip a level").format(level=level, previous=previous)))
        previous = level
    return findings


def _tables(story: Story, styles: Styles, file: str) -> list[Finding]:
    findings: list[Finding] = []
    for table in story.tables:
        rows = table.findall("w:tr", NS)
        if len(rows) >= 2 and not _repeats_header(rows[0]) and not _has_row_headers(rows, styles):
            findings.append(Finding(file, "table-header", story.place(_first_cell(table)),
                                    _("the table has no header row that repeats on every page "
                                      "(Table Properties > Row > Repeat as header row)")))
        findings += _spacing(story, rows, file)
    return findings


def _first_cell(table: etree._Element) -> etree._Element:
    cell = table.find("w:tr/w:tc", NS)
    return table if cell is None else cell


def _repeats_header(row: etree._Element) -> bool:
    marks = row.findall("w:trPr/w:tblHeader", NS)
    return any((mark.get(f"{{{NS['w']}}}val") or "1").lower() not in ("0", "false", "off") for mark in marks)


def _has_row_headers(rows: list[etree._Element], styles: Styles) -> bool:
    """Every row starts with a cell whose paragraphs are in a heading style (a key-value table)."""
    for row in rows:
        cell = row.find("w:tc", NS)
        paragraphs = [] if cell is None else cell.findall("w:p", NS)
        if not paragraphs or not all(_in_heading_style(paragraph, styles) for paragraph in paragraphs):
            return False
    return True


def _in_heading_style(paragraph: etree._Element, styles: Styles) -> bool:
    style = paragraph.find("w:pPr/w:pStyle", NS)
    chain = styles.chain(style.get(f"{{{NS['w']}}}val") if style is not None else None)
    return any("heading" in (element.find("w:name", NS).get(f"{{{NS['w']}}}val") or "").lower()
               for element in chain if element.find("w:name", NS) is not None)


def _spacing(story: Story, rows: list[etree._Element], file: str) -> Iterator[Finding]:
    for row in rows:
        cells = row.findall("w:tc", NS)
        if cells and all(_is_blank(cell) for cell in cells):
            yield Finding(file, "spacing-cells", story.place(cells[0]),
                          _("a blank table row is used for spacing; use space before or after instead"))
            continue
        for cell in cells:
            if _is_merged(cell):
                yield Finding(file, "spacing-cells", story.place(cell),
                              _("an empty merged cell is used for spacing") if _is_blank(cell) else
                              _("merged cells: a screen reader may announce the wrong header"),
                              Severity.ERROR if _is_blank(cell) else Severity.WARNING)


def _is_blank(cell: etree._Element) -> bool:
    return not paragraph_text(cell) and not cell.findall(".//w:drawing", NS)


def _is_merged(cell: etree._Element) -> bool:
    span = cell.find("w:tcPr/w:gridSpan", NS)
    spanned = span is not None and (span.get(f"{{{NS['w']}}}val") or "1") not in ("1", "0")
    return spanned or cell.find("w:tcPr/w:vMerge", NS) is not None or cell.find("w:tcPr/w:hMerge", NS) is not None


def _contrast(story: Story, styles: Styles, file: str) -> list[Finding]:
    findings, seen = [], set()
    for run in story.root.iter(f"{{{NS['w']}}}r"):
        if not "".join(run.itertext(f"{{{NS['w']}}}t")).strip():
            continue
        paragraph = next(run.iterancestors(f"{{{NS['w']}}}p"), None)
        look = styles.look(run, paragraph)
        if look.colour is None:
            continue
        background = _background(run, paragraph, styles)
        ratio = too_faint(look.colour, background, look.points, look.bold)
        place = story.place(run)
        if ratio is not None and (place, look.colour, background) not in seen:
            seen.add((place, look.colour, background))
            findings.append(Finding(file, "contrast", place, _(
                "text in #{colour} on #{background} has a contrast of {ratio:.2f}:1; "
                "WCAG AA asks for {minimum}:1").format(
                    colour=look.colour, background=background, ratio=ratio,
                    minimum=f"{minimum_contrast(look.points, look.bold):g}")))
    return findings


def _background(run: etree._Element, paragraph: etree._Element | None, styles: Styles) -> str:
    """The colour behind a run: its highlight, its shading, its paragraph's, its cell's (or its
    table style's), else the white page."""
    fill = HIGHLIGHTS.get(_attribute(run.find("w:rPr/w:highlight", NS))) or shading_fill(run.find("w:rPr/w:shd", NS))
    if fill is None and paragraph is not None:
        fill = styles.paragraph_fill(paragraph)
    if fill is None:
        cell = next(run.iterancestors(f"{{{NS['w']}}}tc"), None)
        fill = styles.cell_fill(cell) if cell is not None else None
    return fill or WHITE


def _attribute(element: etree._Element | None) -> str:
    return "" if element is None else element.get(f"{{{NS['w']}}}val") or ""
