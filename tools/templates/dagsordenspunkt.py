"""templates/docx/dagsordenspunkt.docx: the agenda item for the committee, in the house style.

The common municipal order: resumé, indstilling, beslutning, then the sagsfremstilling; short
sections that summarise, the detail left to the bilag.
"""

from __future__ import annotations

from docx.document import Document as DocumentObject

from tools.templates.house import (
    add_house_footer,
    add_house_header,
    bullets_of,
    heading,
    key_value_table,
    new_document,
    paragraph,
    paragraphs_of,
    tag,
)


def build() -> DocumentObject:
    document = new_document(numbering=None)  # agenda items are not numbered
    add_house_header(document, "Dagsordenspunkt")
    add_house_footer(document)
    paragraph(document, "{{ heading }}", style="Title")
    key_value_table(document, [
        ("{{ meeting.label }}", "{{ meeting.committee }}"),
        ("Mødedato", "{{ meeting.date }}"),
        ("Sagsnr.", "{{ case_number or '–' }}"),
        ("Sagsansvarlig", "{{ org.name }}{% if org.unit %}, {{ org.unit }}{% endif %}"),
    ], widths_mm=(40, 126))

    heading(document, "Resumé")
    paragraphs_of(document, "summary")

    heading(document, "Indstilling")
    paragraph(document, "{{ sender }} indstiller,")
    bullets_of(document, "recommendation")

    heading(document, "Beslutning")
    paragraph(document, "Beslutning i {{ meeting.committee }} den {{ meeting.date }}:")
    for _ in range(3):
        paragraph(document, "")

    _sagsfremstilling(document)

    heading(document, "Økonomi")
    paragraphs_of(document, "economy")

    heading(document, "Bilag")
    tag(document, "{%p for item in attachments %}")
    paragraph(document, "Bilag {{ loop.index }}: {{ item }}")
    tag(document, "{%p endfor %}")
    tag(document, "{%p if not attachments %}")
    paragraph(document, "Ingen.")
    tag(document, "{%p endif %}")
    return document


def _sagsfremstilling(document: DocumentObject) -> None:
    heading(document, "Sagsfremstilling")
    heading(document, "Baggrund", level=2)
    paragraphs_of(document, "background")
    heading(document, "Organisering", level=2)
    paragraphs_of(document, "organisation")
    heading(document, "Tidsplan", level=2)
    paragraph(document, "{{ timeline }}")
    bullets_of(document, "phases")
    tag(document, "{%p if milestones %}")
    paragraph(document, "Milepæle:")
    bullets_of(document, "milestones")
    tag(document, "{%p endif %}")
    tag(document, "{%p if more_milestones %}")
    paragraph(document, "{{ more_milestones }}")
    tag(document, "{%p endif %}")
    heading(document, "Risici", level=2)
    paragraph(document, "{{ risk_intro }}")
    bullets_of(document, "risks")
    heading(document, "Sagsgang", level=2)
    paragraph(document, "{{ route }}")
    paragraphs_of(document, "documents")
    tag(document, "{%p if earlier %}")
    heading(document, "Tidligere politisk behandling", level=2)
    paragraphs_of(document, "earlier")
    tag(document, "{%p endif %}")
    heading(document, "Kompetence", level=2)
    paragraph(document, "{{ competence }}")
    tag(document, "{%p if legal_basis %}")
    heading(document, "Lovgrundlag", level=2)
    paragraphs_of(document, "legal_basis")
    tag(document, "{%p endif %}")
    heading(document, "Høring", level=2)
    paragraphs_of(document, "consultation")
    heading(document, "Kommunikation", level=2)
    paragraphs_of(document, "communication")
