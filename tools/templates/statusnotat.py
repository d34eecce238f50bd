"""templates/docx/statusnotat.docx: "Status pr. <date>" for the steering group and management.

Portrait, one or two pages: the progress by phase (a sentence, the chart, the counts as a table for
those who cannot see the chart), then late activities, the coming milestones, the flagged risks and
the success criteria, each a short table or one sentence saying there is nothing.
"""

from __future__ import annotations

from docx.document import Document as DocumentObject
from docx.enum.text import WD_ALIGN_PARAGRAPH

from tools.templates.house import (
    add_house_footer,
    add_house_header,
    heading,
    key_value_table,
    loop_table,
    new_document,
    paragraph,
    unless_empty,
)


def build() -> DocumentObject:
    document = new_document(numbering=None)  # a short note: its headings are not numbered
    add_house_header(document, "Statusnotat")
    add_house_footer(document)
    paragraph(document, "Status pr. {{ date }}", style="Title")
    paragraph(document, "{{ title }}", style="Subtitle")
    key_value_table(document, [
        ("Til", "{{ group }} og ledelsen"),
        ("Fra", "{{ org.name }}{% if org.unit %}, {{ org.unit }}{% endif %}"),
        ("Sagsnr.", "{{ case_number or '–' }}"),
    ], widths_mm=(40, 126))
    _progress(document)
    _late(document)
    _milestones(document)
    _risks(document)
    _criteria(document)
    return document


def _progress(document: DocumentObject) -> None:
    heading(document, "Fremdrift pr. fase")
    paragraph(document, "{{ summary }}")
    chart = paragraph(document, "{{ chart }}")
    chart.alignment = WD_ALIGN_PARAGRAPH.CENTER
    chart.paragraph_format.keep_with_next = True
    loop_table(document, ["Fase", "Afsluttet", "I gang", "Forsinket", "Planlagt", "I alt"],
               ["p.name", "p.done", "p.in_progress", "p.late", "p.planned", "p.total"],
               "p in phases", widths_mm=(76, 18, 18, 18, 18, 18), align_right=(1, 2, 3, 4, 5))


def _late(document: DocumentObject) -> None:
    heading(document, "Forsinkede aktiviteter")
    with unless_empty(document, "late", "Ingen aktiviteter er forsinket."):
        loop_table(document, ["Nr.", "Aktivitet", "Ansvarlig", "Planlagt slut", "Kommentar"],
                   ["a.number", "a.title", "a.owner", "a.end", "a.comment"],
                   "a in late", widths_mm=(11, 48, 33, 24, 50))


def _milestones(document: DocumentObject) -> None:
    heading(document, "{{ coming_heading }}")
    with unless_empty(document, "milestones", "Der er ingen milepæle i perioden."):
        loop_table(document, ["Nr.", "Milepæl", "Dato", "Ansvarlig", "Status"],
                   ["m.number", "m.title", "m.date", "m.owner", "m.status"],
                   "m in milestones", widths_mm=(11, 68, 24, 40, 23))


def _risks(document: DocumentObject) -> None:
    heading(document, "Risici meldt af deres ejere")
    with unless_empty(document, "risks", "Ingen risikoejere har meldt en risiko til dette statusnotat."):
        loop_table(document, ["Risiko", "Ejer", "Score", "Håndtering"],
                   ["r.risk", "r.owner", "r.score", "r.mitigation"],
                   "r in risks", widths_mm=(58, 33, 14, 61), align_right=(2,))


def _criteria(document: DocumentObject) -> None:
    heading(document, "Succeskriterier")
    with unless_empty(document, "criteria", "Initiativet har endnu ingen succeskriterier."):
        loop_table(document, ["Succeskriterium", "Mål", "Frist", "Målt"],
                   ["c.criterion", "c.target", "c.deadline", "c.measured"],
                   "c in criteria", widths_mm=(60, 56, 24, 26))
