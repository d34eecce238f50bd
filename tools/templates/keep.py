"""What stays together on a page: widow and orphan control, short tables and short lists.

A block kept together chains each of its lines to the next with keep-with-next, never its last: a
last line that kept with the next would chain the block to whatever follows (a heading, the next
section) and push all of it to the next page, leaving half a page empty (the implementeringsplan's
page 1 did). docpipe's loops repeat one row or paragraph, so the kept and the last one are two
copies chosen with ``loop.last``.
"""

from __future__ import annotations

import copy

from docx.document import Document as DocumentObject
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.table import Table
from docx.text.paragraph import Paragraph

SHORT_LIST = 8  # items: a list this short is kept on one page


def widow_control(document: DocumentObject) -> None:
    """Widow and orphan control in the document defaults (Word and LibreOffice: no lone first or last
    line of a paragraph at a page's foot or head)."""
    styles = document.styles.element
    ppr = styles.find(qn("w:docDefaults")).find(qn("w:pPrDefault")).find(qn("w:pPr"))
    for old in ppr.findall(qn("w:widowControl")):
        ppr.remove(old)
    ppr.insert(0, parse_xml(f'<w:widowControl {nsdecls("w")}/>'))  # CT_PPrBase: before spacing


def keep_rows_together(table: Table) -> None:
    """A short loop table (``loop_table``: header, ``{%tr for %}``, cells, ``{%tr endfor %}``) that
    never splits: every row but the last keeps with the next."""
    header, opener, cells = table.rows[0]._tr, table.rows[1]._tr, table.rows[2]._tr
    kept = copy.deepcopy(cells)
    for paragraph in [*header.iter(qn("w:p")), *kept.iter(qn("w:p"))]:
        Paragraph(paragraph, table._parent).paragraph_format.keep_with_next = True
    rows = [_tag_row(opener, "{%tr if not loop.last %}"), kept, _tag_row(opener, "{%tr else %}")]
    for row in reversed(rows):
        opener.addnext(row)
    cells.addnext(_tag_row(opener, "{%tr endif %}"))


def _tag_row(model: object, text: str) -> object:
    """A copy of the tag row ``model`` holding ``text`` instead (the engine drops the row)."""
    row = copy.deepcopy(model)
    texts = list(row.iter(qn("w:t")))  # type: ignore[attr-defined]
    texts[0].text = text
    for extra in texts[1:]:
        extra.text = ""
    return row


def short_list_kept(document: DocumentObject, variable: str, style: str, expression: str) -> None:
    """One paragraph per item of ``variable``; a list of up to SHORT_LIST items keeps together (each
    item but the last keeps with the next), a longer one may break between items."""
    document.add_paragraph(f"{{%p for item in {variable} %}}")
    document.add_paragraph(f"{{%p if loop.length <= {SHORT_LIST} and not loop.last %}}")
    document.add_paragraph(f"{{{{ {expression} }}}}", style=style).paragraph_format.keep_with_next = True
    document.add_paragraph("{%p else %}")
    document.add_paragraph(f"{{{{ {expression} }}}}", style=style)
    document.add_paragraph("{%p endif %}")
    document.add_paragraph("{%p endfor %}")
