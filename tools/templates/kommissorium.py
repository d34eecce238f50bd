"""templates/docx/kommissorium.docx: terms of reference, numbered sections."""

from __future__ import annotations

from docx.document import Document as DocumentObject

from tools.templates.house import (
    add_house_footer,
    add_house_header,
    bullets_of,
    heading,
    loop_table,
    new_document,
    paragraph,
    paragraphs_of,
    tag,
    title_block,
)


def build() -> DocumentObject:
    document = new_document(numbering="decimal")
    add_house_header(document, "Kommissorium")
    add_house_footer(document)
    title_block(document, "Kommissorium", widths_mm=(40, 126))

    for title, variable in (("Baggrund", "background"), ("Udfordring", "challenge"), ("Formål", "purpose"),
                            ("Vision", "vision")):
        heading(document, title)
        paragraphs_of(document, variable)
    heading(document, "Mål")
    bullets_of(document, "goals")
    heading(document, "Opgaver og leverancer")
    paragraph(document, "Initiativet skal levere følgende:")
    bullets_of(document, "deliverables")
    heading(document, "Afgrænsning")
    paragraphs_of(document, "scope")

    heading(document, "Organisering")
    paragraph(document, "{{ organisation_intro }}")
    tag(document, "{%p if steering_group %}")
    heading(document, "{{ steering_group.heading }}", level=2)
    paragraph(document, "{{ steering_group.about }}")
    loop_table(document, ["Navn", "Stilling", "Organisation", "Rolle"],
               ["member.name", "member.title", "member.organisation", "member.role"],
               "member in steering_group.members", widths_mm=(40, 46, 50, 30))
    tag(document, "{%p endif %}")
    tag(document, "{%p if working_group %}")
    heading(document, "{{ working_group.heading }}", level=2)
    paragraphs_of(document, "working_group.about")
    loop_table(document, ["Navn", "Stilling", "Organisation", "Rolle"],
               ["member.name", "member.title", "member.organisation", "member.role"],
               "member in working_group.members", widths_mm=(40, 46, 50, 30))
    tag(document, "{%p endif %}")
    tag(document, "{%p if anchor_person or leader %}")
    heading(document, "Nøglepersoner", level=2)
    tag(document, "{%p if anchor_person %}")
    paragraph(document, "Ankerperson: {{ anchor_person.name }}, {{ anchor_person.title }}, "
              "{{ anchor_person.organisation }}. Ankerpersonen sikrer sammenhæng og fremdrift gennem hele "
              "forløbet og holder ledelsen orienteret.")
    tag(document, "{%p endif %}")
    tag(document, "{%p if leader %}")
    paragraph(document, "Ledelsesperson med beslutningsmandat: {{ leader.name }}, {{ leader.title }}, "
              "{{ leader.organisation }}.")
    tag(document, "{%p endif %}")
    tag(document, "{%p endif %}")

    heading(document, "Interessenter og inddragelse")
    paragraph(document, "Aktørerne inddrages efter deres rolle i initiativet:")
    bullets_of(document, "stakeholders")
    heading(document, "Kommunikation")
    paragraphs_of(document, "communication")

    heading(document, "Tidsplan")
    paragraph(document, "Initiativet løber fra {{ period.start }} til {{ period.end }} i følgende faser:")
    loop_table(document, ["Fase", "Periode", "Uger", "Aktiviteter"],
               ["phase.name", "phase.period", "phase.weeks", "phase.activity_count"],
               "phase in phases", widths_mm=(62, 52, 32, 20))
    tag(document, "{%p if milestones %}")
    heading(document, "Milepæle", level=2)
    loop_table(document, ["Milepæl", "Dato", "Fase"],
               ["milestone.title", "milestone.date", "milestone.phase"],
               "milestone in milestones", widths_mm=(80, 36, 50))
    tag(document, "{%p endif %}")

    heading(document, "Økonomi")
    tag(document, "{%p if budget %}")
    loop_table(document, ["Post", "Beløb"], ["line.item", "line.amount"], "line in budget.lines",
               widths_mm=(120, 46), total=["I alt", "{{ budget.total }}"], align_right=(1,))
    tag(document, "{%p if budget.financing %}")
    paragraph(document, "Finansiering: {{ budget.financing }}")
    tag(document, "{%p endif %}")
    tag(document, "{%p else %}")
    paragraph(document, "Initiativet gennemføres inden for de eksisterende budgetrammer.")
    tag(document, "{%p endif %}")

    heading(document, "Ressourcer")
    paragraph(document, "{{ resources.intro }}")
    tag(document, "{%p if resources.rows %}")
    loop_table(document, ["Organisation", "Personer", "Aktiviteter"],
               ["row.organisation", "row.people", "row.tasks"], "row in resources.rows",
               widths_mm=(110, 28, 28), align_right=(1, 2))
    tag(document, "{%p endif %}")

    heading(document, "Succeskriterier")
    tag(document, "{%p if success_criteria %}")
    loop_table(document, ["Succeskriterium", "Indikator", "Baseline", "Mål", "Frist", "Datakilde"],
               ["c.criterion", "c.indicator", "c.baseline", "c.target", "c.deadline", "c.data_source"],
               # each column at least as wide as its longest word in the shipped cases (9 pt Arial plus the cell
               # margins): Baseline "udfordringsbilledet" 29 mm, Mål "udgangspunktet" 26, Frist "30. sep. 2028" 22;
               # longer compounds ("Undervisningsministeriet") are hyphenated
               "c in success_criteria", widths_mm=(30, 29, 29, 26, 22, 30))
    tag(document, "{%p else %}")
    paragraph(document, "Succeskriterierne fastlægges af {{ criteria_owner }} i initiativets første fase.")
    tag(document, "{%p endif %}")

    heading(document, "Risici")
    tag(document, "{%p if risks %}")
    paragraph(document, "Sandsynlighed og konsekvens er vurderet på en skala fra 1 (lav) til 5 (høj).")
    loop_table(document, ["Risiko", "Sandsynlighed", "Konsekvens", "Håndtering", "Ansvarlig"],
               ["r.risk", "r.likelihood", "r.impact", "r.mitigation", "r.owner"],
               # "Sandsynlighed" in bold needs 26 mm, "Konsekvens" 22; Risiko and Håndtering give the room
               "r in risks", widths_mm=(40, 26, 23, 47, 30), align_right=(1, 2))
    tag(document, "{%p else %}")
    paragraph(document, "Der er ikke identificeret særlige risici ved igangsættelsen.")
    tag(document, "{%p endif %}")

    heading(document, "Afrapportering og evaluering")
    paragraphs_of(document, "reporting")

    heading(document, "Godkendelse")
    paragraphs_of(document, "approval")
    return document
