"""templates/docx/aendringer.docx: "Ændringer siden ...", the committee's overview of what changed.

Written by ``docpipe redline`` beside the redlined documents: per document a heading and the case's
changes as bullets in plain Danish, in the house style (letterhead, "Side X af Y"), so it can go to
the committee as it is.
"""

from __future__ import annotations

from docx.document import Document as DocumentObject

from tools.templates.house import (
    add_house_footer,
    add_house_header,
    heading,
    key_value_table,
    new_document,
    paragraph,
    paragraphs_of,
    tag,
)


def build() -> DocumentObject:
    document = new_document(numbering=None)  # a short note: its headings are document names, not sections
    add_house_header(document, "Ændringsoversigt")
    add_house_footer(document)
    paragraph(document, "Ændringer siden {{ since }}", style="Title")
    paragraph(document, "{{ title }}", style="Subtitle")
    key_value_table(document, [
        ("Tidligere version", "{{ old.version }} af {{ old.date }} ({{ old.status }})"),
        ("Denne version", "{{ version }} af {{ date }} ({{ status }})"),
        ("Sagsnr.", "{{ case_number or '–' }}"),
    ], widths_mm=(40, 126))
    paragraphs_of(document, "intro")
    tag(document, "{%p for section in sections %}")
    heading(document, "{{ section.name }}")
    tag(document, "{%p for item in section.changes %}")
    paragraph(document, "{{ item }}", style="List Bullet")
    tag(document, "{%p endfor %}")
    tag(document, "{%p endfor %}")
    tag(document, "{%p if unchanged %}")
    heading(document, "Uden ændringer")
    paragraph(document, "{{ unchanged }}")
    tag(document, "{%p endif %}")
    return document
