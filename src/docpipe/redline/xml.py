"""The WordprocessingML names and the small readings of a body the redliner needs."""

from __future__ import annotations

from typing import Any

from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
Element = Any  # lxml ships no type information (see [tool.mypy] in pyproject.toml)


def w(local: str) -> str:
    """The Clark name of a WordprocessingML element or attribute: ``w("p")``."""
    return f"{{{W_NS}}}{local}"


P, R, T, TBL, TR, TC = w("p"), w("r"), w("t"), w("tbl"), w("tr"), w("tc")
PPR, RPR, TRPR, TCPR, TBLPR, TBLGRID = w("pPr"), w("rPr"), w("trPr"), w("tcPr"), w("tblPr"), w("tblGrid")
SECTPR, TAB, BR, FLDCHAR, INS, DEL = w("sectPr"), w("tab"), w("br"), w("fldChar"), w("ins"), w("del")
DELTEXT, INSTRTEXT, DELINSTRTEXT = w("delText"), w("instrText"), w("delInstrText")
PSTYLE, PPRCHANGE = w("pStyle"), w("pPrChange")

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True, remove_blank_text=False)


def parsed(data: bytes) -> Element:
    """The root element of a part docpipe rendered itself (no entities, no network)."""
    return etree.fromstring(data, _PARSER)


def serialised(root: Element) -> bytes:
    """The part's bytes, as Word writes them: UTF-8, standalone declaration."""
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


def style_of(paragraph: Element) -> str:
    """The paragraph's style id, "" for the default style."""
    style = paragraph.find(f"{PPR}/{PSTYLE}")
    return "" if style is None else str(style.get(w("val"), ""))


def run_pieces(run: Element) -> list[str]:
    """What a reader sees of one run, piece by piece: its texts, a tab as "\\t", a break as "\\n"."""
    pieces = []
    for child in run:
        if child.tag in (T, DELTEXT):
            pieces.append(child.text or "")
        elif child.tag == TAB:
            pieces.append("\t")
        elif child.tag == BR:
            pieces.append("\n")
    return pieces


def visible_runs(paragraph: Element) -> list[Element]:
    """The paragraph's runs outside field codes: a field's instruction (`` PAGE ``) is not text a
    reader sees, and its result is what Word computes again on opening, so neither counts."""
    if next(paragraph.iter(FLDCHAR), None) is None:  # most paragraphs: no field, every run is seen
        return list(paragraph.iter(R))
    runs, depth, in_code = [], 0, False
    for run in paragraph.iter(R):
        mark = run.find(FLDCHAR)
        if mark is not None:
            kind = mark.get(w("fldCharType"))
            depth += kind == "begin"
            depth -= kind == "end"
            in_code = kind == "begin" or (in_code and kind != "separate")
            continue
        if depth == 0:
            runs.append(run)
    return runs


def paragraph_text(paragraph: Element) -> str:
    """The text a reader sees in the paragraph, fields left out (see ``visible_runs``)."""
    return "".join(piece for run in visible_runs(paragraph) for piece in run_pieces(run))


def block_key(block: Element) -> str:
    """What two blocks must share to count as unchanged: kind, style and visible text."""
    if block.tag == P:
        return f"p|{style_of(block)}|{paragraph_text(block)}"
    if block.tag == TBL:
        return "tbl|" + "\x1e".join(row_key(row) for row in block.iter(TR))
    return "other|" + str(etree.tostring(block, encoding="unicode"))


def row_key(row: Element) -> str:
    """A table row's cells' texts, paragraph by paragraph: equal keys are unchanged rows."""
    return "\x1f".join("\n".join(paragraph_text(p) for p in cell.iter(P)) for cell in row.iter(TC))
