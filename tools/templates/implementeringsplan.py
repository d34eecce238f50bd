"""templates/docx/implementeringsplan.docx: the implementation plan, landscape for its wide activity tables."""

from __future__ import annotations

from docx.document import Document as DocumentObject
from docx.shared import Pt
from docx.table import Table
from docx.text.paragraph import Paragraph

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
    unless_empty,
)
from tools.templates.keep import keep_rows_together

# A4 landscape less 2 x 22 mm margins: every full-width table below adds up to this.
TEXT_WIDTH_MM = 253


def build() -> DocumentObject:
    document = new_document(numbering="decimal", landscape=True)
    add_house_header(document, "Implementeringsplan")
    add_house_footer(document)
    title_block(document, "Implementeringsplan", widths_mm=(40, 130),
                extra_facts=[("Planperiode", "{{ period.start }} – {{ period.end }}")])
    _purpose(document)
    _overview(document)
    _phases(document)
    _milestones(document)
    _dependencies(document)
    _follow_up(document)
    return document


def _purpose(document: DocumentObject) -> None:
    heading(document, "Formål og metode")
    paragraph(document, "Implementeringsplanen beskriver, hvordan initiativet føres ud i livet: hvilke "
              "aktiviteter der gennemføres i hvilken rækkefølge, hvem der er ansvarlige og deltager, hvornår "
              "aktiviteterne finder sted, og hvad de skal levere. Planen er {{ governance.tool_of }} redskab til "
              "at følge fremdriften.")
    paragraphs_of(document, "purpose")
    paragraph(document, "Planen dækker perioden fra {{ period.start }} til {{ period.end }} "
              "({{ period.weeks }}) og er opdelt i {{ period.phase_count }}. {{ method_text }}")


def _overview(document: DocumentObject) -> None:
    heading(document, "Oversigt over faser")
    table = loop_table(document, ["Fase", "Periode", "Uger", "Aktiviteter", "Milepæle"],
                       ["phase.heading", "phase.period", "phase.weeks", "phase.activity_count",
                        "phase.milestones"],
                       "phase in phases", widths_mm=(74, 46, 45, 22, 66), align_right=(3,))
    keep_rows_together(table)


def _phases(document: DocumentObject) -> None:
    heading(document, "Faser og aktiviteter")
    _lead_in(document, "For hver fase vises aktiviteterne med ansvarlig, deltagere, datoer, leverance og status. "
             "Aktiviteterne er nummereret efter fase; ◆ markerer en milepæl.")
    tag(document, "{%p for phase in phases %}")
    heading(document, "{{ phase.heading }}", level=2)
    with unless_empty(document, "phase.activities",
                      "Periode: {{ phase.long_period }} ({{ phase.weeks }}). Der er endnu ikke planlagt "
                      "aktiviteter i fasen."):
        _lead_in(document, "Periode: {{ phase.long_period }} ({{ phase.weeks }}).")
        loop_table(document, ["Nr.", "Aktivitet", "Ansvarlig", "Deltagere", "Start", "Slut", "Leverance", "Status"],
                   ["a.number", "a.title ~ ('\u00a0◆' if a.milestone else '')", "a.owner", "a.participants", "a.start",
                    "a.end", "a.deliverable", "a.status"],
                   "a in phase.activities", widths_mm=(11, 50, 30, 47, 23, 23, 49, 20))
    tag(document, "{%p endfor %}")


def _milestones(document: DocumentObject) -> None:
    heading(document, "Milepæle")
    with unless_empty(document, "milestones",
                      "Der er ikke udpeget milepæle i planen. {{ governance.group.Definite }} følger op ved "
                      "faseovergangene."):
        _lead_in(document, "Milepælene er planens beslutningspunkter og centrale leverancer. Datoen er "
                 "aktivitetens slutdato.")
        loop_table(document, ["Nr.", "Milepæl", "Dato", "Fase", "Ansvarlig", "Status"],
                   ["m.number", "m.title", "m.date", "m.phase", "m.owner", "m.status"],
                   "m in milestones", widths_mm=(11, 84, 38, 62, 38, 20))


def _dependencies(document: DocumentObject) -> None:
    heading(document, "Afhængigheder")
    with unless_empty(document, "dependencies",
                      "Aktiviteterne i planen afhænger ikke af hinanden og kan gennemføres, som datoerne "
                      "tillader."):
        _lead_in(document, "Aktiviteterne nedenfor bygger på resultatet af en eller flere andre aktiviteter. "
                 "Forsinkes en af dem, skal det vurderes, om den afhængige aktivitet kan holde sin startdato.")
        table = loop_table(document, ["Aktivitet", "Afhænger af", "Starter"],
                           ["d.activity", "d.depends_on", "d.start"],
                           "d in dependencies", widths_mm=(105, 118, 30))
        _one_paragraph_each(table, column=1, loop="other in d.depends_on", expression="other")


def _lead_in(document: DocumentObject, text: str) -> Paragraph:
    """A paragraph introducing the table after it: kept on the same page as the table's first rows."""
    para = paragraph(document, text)
    para.paragraph_format.keep_with_next = True
    return para


def _one_paragraph_each(table: Table, column: int, loop: str, expression: str) -> None:
    """Turn one cell of the loop row into a paragraph per list item, so each dependency gets its line."""
    cell = table.rows[2].cells[column]
    first = cell.paragraphs[0]
    for run in first.runs:
        run.text = ""
    first.runs[0].text = f"{{%p for {loop} %}}"
    cell.add_paragraph(f"{{{{ {expression} }}}}", style="Table Text")
    cell.add_paragraph("{%p endfor %}", style="Table Text")


def _follow_up(document: DocumentObject) -> None:
    heading(document, "Opfølgning og styring")
    _lead_in(document, "{{ governance.lead_in }}")
    loop_table(document, ["Rolle", "Hvem", "Opgave i opfølgningen"],
               ["row.body", "row.people", "row.task"],
               "row in governance.rows", widths_mm=(48, 95, 110))
    heading(document, "Statusrapportering", level=2)
    paragraph(document, "Forud for hvert {{ governance.meeting }} indhenter sekretariatet "
              "({{ governance.secretariat }}) status fra de ansvarlige for igangværende og kommende aktiviteter. "
              "Hver aktivitet har en af statusserne {{ status_labels }}. Statusrapporten fremhæver forsinkede "
              "aktiviteter og milepæle, der er i fare.")
    paragraph(document, "Bliver en aktivitet forsinket, så det påvirker en milepæl eller de aktiviteter, der "
              "afhænger af den, forelægger sekretariatet {{ governance.decider }} et forslag til en revideret "
              "tidsplan."
              "{% if committee %} Væsentlige ændringer i planens tidsplan eller leverancer forelægges "
              "{{ committee.name }}.{% endif %}")
    heading(document, "Status pr. {{ date }}", level=2)
    paragraph(document, "{{ status_summary }}")
    tag(document, "{%p if late_activities %}")
    paragraph(document, "Forsinkede aktiviteter:").paragraph_format.space_after = Pt(2)
    bullets_of(document, "late_activities")
    tag(document, "{%p endif %}")
