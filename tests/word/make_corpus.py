"""Writes the differential-test corpus: ``python -m tests.word.make_corpus`` (or ``python tests/word/make_corpus.py``).

Each template is a small python-docx document exercising a part of docxtpl's tag language; its
context lives in ``tests/word/contexts.py``. The saved bytes go through docpipe's
``normalise_package`` with fixed properties, so rebuilding an unchanged corpus changes no bytes in
git. Tags that Word would split across runs are built on purpose from several runs of one
paragraph, with different formatting inside the tag; text that other tools store with entities
(``&quot;`` where python-docx writes ``"``) is rewritten so on the way through (``REWRITES``).
"""

from __future__ import annotations

import datetime as dt
import io
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.table import WD_ALIGN_VERTICAL
from docx.enum.text import WD_BREAK
from docx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.shared import Cm
from docx.table import Table
from docx.text.paragraph import Paragraph
from lxml import etree

if __package__ in (None, ""):  # run as a script: make the repository importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from docpipe.ooxml.package import DocumentProperties, normalise_package

CORPUS = Path(__file__).resolve().parent / "corpus"
FIXED_DATE = dt.date(2026, 1, 1)
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

Run = str | tuple[str, str]  # plain text, or (formatting, text) with formatting made of "b", "i", "u"


def paragraph(container: Any, *runs: Run, style: str | None = None) -> Paragraph:
    """A paragraph of ``container`` (document, header, cell) made of the given runs, each with its own formatting."""
    added: Paragraph = container.add_paragraph(style=style)
    fill(added, *runs)
    return added


def fill(target: Paragraph, *runs: Run) -> Paragraph:
    for run in runs:
        formatting, text = ("", run) if isinstance(run, str) else run
        added = target.add_run(text)
        added.bold = "b" in formatting or None
        added.italic = "i" in formatting or None
        added.underline = "u" in formatting or None
    return target


def cell_text(table: Table, row: int, column: int, *runs: Run) -> None:
    fill(table.cell(row, column).paragraphs[0], *runs)


def table(container: Any, rows: list[list[str]], style: str | None = "Table Grid") -> Table:
    made: Table = container.add_table(rows=len(rows), cols=len(rows[0]))
    if style:
        made.style = style
    for row_index, row in enumerate(rows):
        for column_index, text in enumerate(row):
            if text:
                cell_text(made, row_index, column_index, text)
    return made


def page_break(document: DocumentObject) -> None:
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


# --- the templates ---------------------------------------------------------------------------------


def variables() -> DocumentObject:
    """Plain variables, attribute access, filters, escaping, tag-like values, Danish text and emoji."""
    document = Document()
    document.add_heading("Variabler og filtre", level=1)
    paragraph(document, "Kære {{ name }},")
    paragraph(document, "Organisation: {{ org.name }} ({{ org.code }}), {{ org['unit'] }}")
    paragraph(document, "Store bogstaver: {{ name|upper }}; små: {{ name|lower }}")
    paragraph(document, 'Liste: {{ items|join(", ") }}.')
    paragraph(document, 'Mangler: {{ missing|default("–") }} og {{ empty|default("–", true) }}')
    paragraph(document, "Tal: {{ amount }} / {{ ratio }} / {{ amount * 2 }} / {{ nothing }}")
    paragraph(document, "Tegn der skal escapes: {{ special }}")
    paragraph(document, "HTML-agtigt: {{ markup }}")
    paragraph(document, "Ligner tags: {{ looks_like_tag }}")
    paragraph(document, "Typografiske citationstegn: {{ “ja” if flag else “nej” }} / {{ ‘a’ ~ name }}")
    paragraph(document, "Æblegrød på ø og å, ÆØÅ 🎉 i skabelonen: {{ danish }} {{ emoji }}")
    paragraph(document, "Bogstaveligt i skabelonen: {_{ ikke en tag }_} og {_% heller ikke %_}")
    paragraph(document, "Mellemrum bevares:   {{ spaced }}   slut")
    paragraph(document, "{{ name }}")
    paragraph(document, "{{ '%s-%d'|format(name, amount) }} {{ items|length }} {{ items|first }} {{ items|last }}")
    return document


def split_runs() -> DocumentObject:
    """Tags split over runs with different formatting, as Word stores them after editing."""
    document = Document()
    paragraph(document, "Navn: ", "{{ na", ("b", "me"), " }} slut.")
    paragraph(document, "{", ("i", "{ title }"), "}", " og ", ("b", "{{"), " org.name ", ("u", "}}"))
    paragraph(document, "{%", " if flag %}", ("b", "ja"), "{% el", ("i", "se"), " %}nej{% endif ", "%}")
    paragraph(document, "{%p if ", ("b", "flag"), " %}")
    paragraph(document, "Kun når flag er sand: ", ("b", "{{ name|up"), ("i", "per }}"))
    paragraph(document, "{%p endif %}")
    paragraph(document, "Blandet: ", ("b", "fed "), "{{ ", ("bi", "name"), " }}", ("i", " kursiv"))
    return document


def inline() -> DocumentObject:
    """{% if %} and {% for %} inside one paragraph, loop variables, and {%- -%} joining."""
    document = Document()
    paragraph(document, "Deltagere: {% for p in people %}{{ p }}{% if not loop.last %}, {% endif %}{% endfor %}.")
    paragraph(document, "Nummereret: {% for p in people %}{{ loop.index }}) {{ p }} {% endfor %}")
    paragraph(document, "{% for p in people %}{{ loop.index0 }}/{{ loop.length }}{% if loop.first %}*{% endif %} "
                        "{% endfor %}")
    paragraph(document, "Status: {% if flag %}Ja{% else %}Nej{% endif %}, tomt: {% if not people %}x{% endif %}.")
    paragraph(document, "Kommuner:")
    paragraph(document, "{%- for k in kommuner -%}")
    paragraph(document, " {{ k }};")
    paragraph(document, "{%- endfor -%}")
    paragraph(document, "Efter løkken.")
    paragraph(document, "{% set total = people|length %}I alt {{ total }} personer.")
    return document


def paragraphs() -> DocumentObject:
    """{%p %} blocks, a loop inside a loop, {#p #} comments and page breaks inside a loop."""
    document = Document()
    document.add_heading("Afsnit", level=1)
    paragraph(document, "{%p if show_intro %}")
    paragraph(document, "Indledning: {{ intro }}")
    paragraph(document, "{%p else %}")
    paragraph(document, "Ingen indledning.")
    paragraph(document, "{%p endif %}")
    paragraph(document, "{#p denne kommentar forsvinder #}")
    paragraph(document, "{%p if not show_intro %}")
    paragraph(document, "Skjult.")
    paragraph(document, "{%p endif %}")
    paragraph(document, "{%p for section in sections %}")
    paragraph(document, "{{ loop.index }}. {{ section.title }}", style="Heading 2")
    paragraph(document, "{%p for point in section.points %}")
    paragraph(document, "{{ loop.index }}.{{ point }}", style="List Bullet")
    paragraph(document, "{%p endfor %}")
    paragraph(document, "{%p if not section.points %}")
    paragraph(document, ("i", "(ingen punkter)"))
    paragraph(document, "{%p endif %}")
    paragraph(document, "{%p endfor %}")
    paragraph(document, "{%p for chapter in chapters %}")
    paragraph(document, "Kapitel {{ chapter }}", style="Heading 2")
    paragraph(document, "{%p if not loop.last %}")
    page_break(document)
    paragraph(document, "{%p endif %}")
    paragraph(document, "{%p endfor %}")
    paragraph(document, "{#p ", ("b", "kommentar"), " over flere runs #}")
    paragraph(document, "Slut.")
    return document


def tables() -> DocumentObject:
    """Row loops (nested data, a loop in a loop), cell loops, colspan, cellbg, nested tables, a table in a loop."""
    document = Document()
    document.add_heading("Tabeller", level=1)

    members = table(document, [["Navn", "Rolle", "Opgaver", "Nr."],
                               ["{%tr for m in members %}", "", "", ""],
                               ["{{ m.name }}", "{{ m.role|upper }}",
                                "{% for t in m.tasks %}{{ t }}{% if not loop.last %}; {% endif %}{% endfor %}",
                                "{{ loop.index }}"],
                               ["{#tr denne række er en kommentar #}", "", "", ""],
                               ["{%tr endfor %}", "", "", ""],
                               ["I alt", "", "", "{{ members|length }}"]])
    members.rows[0].cells[0].paragraphs[0].runs[0].bold = True

    table(document, [["{%tr for g in groups %}"],
                     ["Gruppe: {{ g.name }}"],
                     ["{%tr for person in g.people %}"],
                     ["{{ loop.index }}. {{ person }}"],
                     ["{%tr endfor %}"],
                     ["{%tr endfor %}"]])

    quarters = table(document, [["Kvartal", "{%tc for q in quarters %}", "{{ q }}", "{%tc endfor %}"],
                                ["Beløb", "{%tc for q in quarters %}", "{{ amounts[q] }} kr.", "{%tc endfor %}"]])
    quarters.autofit = False

    spans = table(document, [["A", "B", "C"], ["", "", "sidst"], ["", "midt", ""], ["", "", "sidst"]])
    cell_text(spans, 1, 0, "{% colspan span %}", "Spænder {{ span }}")
    cell_text(spans, 2, 0, "{% cellbg colour %}", "Farvet")
    cell_text(spans, 2, 2, "{% cellbg 'FF0000' %}rød")
    cell_text(spans, 3, 0, "{% colspan 2 %}{% cellbg colour %}", ("b", "Begge"))
    spans.cell(3, 0).vertical_alignment = WD_ALIGN_VERTICAL.CENTER  # a <w:vAlign> after the inserted elements
    for row_index in (1, 3):
        row = spans.rows[row_index]._tr
        row.remove(row.tc_lst[1])  # the spanning cell replaces two

    paragraph(document, "{%p for d in departments %}")
    paragraph(document, "Afdeling {{ d.name }}", style="Heading 2")
    table(document, [["Medarbejder", "Timer"],
                     ["{%tr for e in d.employees %}", ""],
                     ["{{ e.name }}", "{{ e.hours }}"],
                     ["{%tr endfor %}", ""]])
    paragraph(document, "{%p endfor %}")

    outer = table(document, [["Ydre {{ name }}", ""]])
    inner = outer.cell(0, 1).add_table(rows=2, cols=2)
    inner.style = "Table Grid"
    cell_text(inner, 0, 0, "Indre {{ name|upper }}")
    cell_text(inner, 0, 1, "{% for p in people %}{{ p }} {% endfor %}")
    cell_text(inner, 1, 0, "{% if flag %}ja{% endif %}")
    cell_text(inner, 1, 1, "{{ special }}")
    paragraph(document, "Efter tabellerne.")
    return document


def runs() -> DocumentObject:
    """{%r %} run tags, RichText through {{r }}, and R."""
    document = Document()
    paragraph(document, "Status: ", "{%r if urgent %}", ("b", "HASTER "), "{%r endif %}", "slut.")
    paragraph(document, "Før ", "{%r for w in words %}", ("i", "{{ w }} "), "{%r endfor %}", "efter.")
    paragraph(document, "Rig tekst: {{r rich }} og kort: {{r short }}.")
    paragraph(document, ("b", "Fed omgivelse: "), "{{r rich }}", ("i", " kursiv efter"))
    paragraph(document, "{{r escaped }}")
    paragraph(document, "{%p for item in rich_items %}")
    paragraph(document, "- {{r item }}")
    paragraph(document, "{%p endfor %}")
    grid = table(document, [["Rig", "{{r rich }}"], ["Flere", "{{r short }} og {{r rich }}"]])
    grid.autofit = True
    return document


def listing() -> DocumentObject:
    """docxtpl's Listing with \\n, \\a, \\t, \\f, and plain strings holding \\n and \\t."""
    document = Document()
    paragraph(document, "Listing: {{ listing }}")
    paragraph(document, "Fed listing: ", ("b", "{{ listing }}"), " slut")
    paragraph(document, "Almindelig tekst med linjeskift: {{ with_newline }}")
    paragraph(document, "Almindelig tekst med tab: {{ with_tab }}")
    paragraph(document, "Citat: {{ quoted }}", style="Quote")
    paragraph(document, "{{ page_listing }}")
    table(document, [["Celle", "{{ listing }}"], ["Tab", "{{ with_tab }}"]])
    paragraph(document, "Efter.")
    return document


def headers_footers() -> DocumentObject:
    """Tags in the default and first-page headers and footers, including a header table and {%p %}."""
    document = Document()
    section = document.sections[0]
    section.different_first_page_header_footer = True
    header = section.header
    fill(header.paragraphs[0], "{{ org }} – ", ("b", "{{ title|upper }}"))
    paragraph(header, "{%p if draft %}")
    paragraph(header, ("b", "UDKAST {{ version }}"))
    paragraph(header, "{%p endif %}")
    header_table = header.add_table(rows=2, cols=2, width=Cm(16))
    header_table.style = "Table Grid"
    cell_text(header_table, 0, 0, "Sag")
    cell_text(header_table, 0, 1, "{{ case_id }}")
    cell_text(header_table, 1, 0, "{%tr for r in reviewers %}")
    header_table.add_row()  # type: ignore[no-untyped-call]  # python-docx leaves it unannotated
    cell_text(header_table, 2, 0, "{{ r }}")
    cell_text(header_table, 2, 1, "{{ loop.index }}")
    header_table.add_row()  # type: ignore[no-untyped-call]  # python-docx leaves it unannotated
    cell_text(header_table, 3, 0, "{%tr endfor %}")
    fill(section.footer.paragraphs[0], "Side {{ page_label }} · {{ special }}")
    fill(section.first_page_header.paragraphs[0], "Forside for {{ org }}")
    fill(section.first_page_footer.paragraphs[0], "{% for r in reviewers %}{{ r }} {% endfor %}")
    paragraph(document, "Brødtekst for {{ org }}.")
    page_break(document)
    paragraph(document, "Side to.")
    return document


def footnotes() -> DocumentObject:
    """A footnote part with tags (python-docx cannot add footnotes, so its XML is written here)."""
    document = Document()
    body = paragraph(document, "Påstand om {{ topic }}")
    reference = parse_xml(f'<w:r xmlns:w="{W_NS}"><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
                          '<w:footnoteReference w:id="1"/></w:r>')
    body._p.append(reference)
    second = paragraph(document, "Anden påstand.")
    second._p.append(parse_xml(etree_string(reference).replace('w:id="1"', 'w:id="2"')))
    notes = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w:footnotes xmlns:w="{W_NS}">'
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p>'
        "</w:footnote>"
        '<w:footnote w:id="1"><w:p><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteRef/></w:r>'
        '<w:r><w:t xml:space="preserve"> Kilde: {{ source }} ({{ year }})</w:t></w:r></w:p></w:footnote>'
        '<w:footnote w:id="2"><w:p><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteRef/></w:r>'
        '<w:r><w:t xml:space="preserve"> {% for s in sources %}{{ s }}{% if not loop.last %}, {% endif %}'
        "{% endfor %}</w:t></w:r></w:p></w:footnote>"
        "</w:footnotes>"
    )
    part = Part(PackURI("/word/footnotes.xml"), CONTENT_TYPE.WML_FOOTNOTES, notes.encode("utf-8"),
                document.part.package)
    document.part.relate_to(part, RELATIONSHIP_TYPE.FOOTNOTES)
    return document


def properties() -> DocumentObject:
    """Tags in the core properties (title, subject, author) and in the body."""
    document = Document()
    paragraph(document, "Titel: {{ title }}")
    paragraph(document, "Emne: {{ subject }}")
    return document


def merged_cells() -> DocumentObject:
    """{% vm %} and {% hm %}: cells merged down the rows of a {%tr for %} and across the cells of a
    {%tc for %}, after docxtpl's own vertical_merge_tpl.docx and horizontal_merge_tpl.docx."""
    document = Document()
    document.add_heading("Flettede celler", level=1)
    vertical = table(document, [["Kategori", "Beskrivelse", "Antal", "Ansvarlig"],
                                ["{%tr for i in items %}", "", "", ""],
                                ["{% vm %}{{ category }}", "{{ i.desc }}", "{{ i.qty }}", ""],
                                ["{%tr endfor %}", "", "", ""],
                                ["I alt", "", "{{ items|sum(attribute='qty') }}", ""]])
    # the tag split over runs as Word stores it, the text before it in the same run: shown in the first row only
    cell_text(vertical, 2, 3, "Leder: {{ owner }} {%", ("b", " vm "), "%}", ("i", " (alle rækker)"))
    vertical.cell(2, 0).vertical_alignment = WD_ALIGN_VERTICAL.CENTER  # a <w:vAlign>: the merge goes before it

    quarters = table(document, [["Område", "{%tc for q in quarters %}", "{% hm %}Kvartaler {{ year }}",
                                 "{%tc endfor %}", "Sum"],
                                ["", "{%tc for q in quarters %}", "{{ q }}", "{%tc endfor %}", ""],
                                ["{%tr for a in areas %}", "", "", "", ""],
                                ["{% vm %}Drift", "{%tc for q in quarters %}", "{{ a.amounts[q] }}", "{%tc endfor %}",
                                 "{{ a.total }}"],
                                ["{%tr endfor %}", "", "", "", ""]])
    quarters.autofit = False
    quarters.cell(0, 2).vertical_alignment = WD_ALIGN_VERTICAL.CENTER

    pairs = table(document, [["Navn", "{%tc for p in pairs %}", "{% hm %}Par", "", "{%tc endfor %}"],
                             ["", "{%tc for p in pairs %}", "{{ p.first }}", "{{ p.second }}", "{%tc endfor %}"]])
    pairs.cell(0, 2).merge(pairs.cell(0, 3))  # a cell spanning two columns already: its span is multiplied
    paragraph(document, "Efter tabellerne.")
    return document


def entities() -> DocumentObject:
    """Tags whose quotes and comparisons are stored as entities and character references (REWRITES),
    as Word does in headers and other tools everywhere; text outside tags is stored that way too."""
    document = Document()
    paragraph(document, 'Standard: {{ missing|default("ingen") }} og {{ name ~ \'!\' }}')
    paragraph(document, "Grænse: {% if amount < limit %}under{% else %}over{% endif %} grænsen")
    paragraph(document, 'Størrelse: {{ "stor" if amount > 100 else "lille" }}; {{ items|join(", ") }}')
    paragraph(document, "Delt: {{ missing|default(", ("b", '"fed"'), ") }} slut")
    paragraph(document, '{%p if name != "" %}')
    paragraph(document, "Navnet er {{ name|replace('ø', 'oe') }}")
    paragraph(document, "{%p endif %}")
    paragraph(document, 'Uden for tags: "citat" og \'apostrof\' & <vinkler> {{ special }}')
    table(document, [['{%tr for i in items if i != "pære" %}'], ["{{ i|upper }}"], ["{%tr endfor %}"]])
    section = document.sections[0]
    fill(section.header.paragraphs[0], '{{ org|default("Kommune") }} – {{ “Udkast” if draft }} ',
         "{{ 'nr. ' ~ version if version > 1 }}")
    fill(section.footer.paragraphs[0], "{{ unknown|default('Side') }} {{ page }} af {{ pages }}")
    return document


def escaped_text(entities: dict[str, str]) -> Callable[[bytes], bytes]:
    """A part rewrite: every ``<w:t>`` text with the characters of ``entities`` written as those entities."""
    def rewrite(data: bytes) -> bytes:
        def text(match: re.Match[str]) -> str:
            content = match.group(2)
            for char, entity in entities.items():
                content = content.replace(char, entity)
            return match.group(1) + content + match.group(3)
        return re.sub(r"(<w:t(?: [^>]*)?>)([^<]*)(</w:t>)", text, data.decode("utf-8")).encode("utf-8")
    return rewrite


def etree_string(element: object) -> str:
    return str(etree.tostring(element, encoding="unicode"))


# name -> (builder, core properties); the properties template carries tags in its core properties
TEMPLATES: dict[str, tuple[Callable[[], DocumentObject], DocumentProperties | None]] = {
    "variables": (variables, None),
    "split_runs": (split_runs, None),
    "inline": (inline, None),
    "paragraphs": (paragraphs, None),
    "tables": (tables, None),
    "runs": (runs, None),
    "listing": (listing, None),
    "headers_footers": (headers_footers, None),
    "footnotes": (footnotes, None),
    "properties": (properties, DocumentProperties(title="{{ title }}{% if parts > 1 %} ({{ parts }} dele){% endif %}",
                                                  author="{{ author|upper }}", date=FIXED_DATE,
                                                  subject="Om {{ subject }}")),
    "merged_cells": (merged_cells, None),
    "entities": (entities, None),
}
# name -> part -> how the part's bytes are rewritten: the body with the named entities, the header and
# footer with character references (&#34;, &#8220;; &#62; for the &gt; lxml writes)
REWRITES: dict[str, dict[str, Callable[[bytes], bytes]]] = {
    "entities": {"word/document.xml": escaped_text({'"': "&quot;", "'": "&apos;"}),
                 "word/header1.xml": escaped_text({'"': "&#34;", "“": "&#8220;", "”": "&#x201D;", "'": "&#39;",
                                                              "&gt;": "&#62;"}),
                 "word/footer1.xml": escaped_text({"'": "&#x27;"})},
}


def build(name: str) -> bytes:
    """The normalised bytes of one corpus template."""
    builder, core = TEMPLATES[name]
    buffer = io.BytesIO()
    builder().save(buffer)
    core = core or DocumentProperties(title=f"docpipe word corpus: {name}", author="docpipe", date=FIXED_DATE)
    return normalise_package(buffer.getvalue(), core, REWRITES.get(name))


def main(names: list[str]) -> None:
    CORPUS.mkdir(exist_ok=True)
    for name in names or list(TEMPLATES):
        target = CORPUS / f"{name}.docx"
        target.write_bytes(build(name))
        print(f"wrote {target}")


if __name__ == "__main__":
    main(sys.argv[1:])
