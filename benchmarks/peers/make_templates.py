"""The benchmark's templates, built with python-docx from one description in two tag languages.

``kommissorium`` is a kommissorium-like template: ten numbered sections (Heading 1) of paragraph text
with fields, a header with the organisation's name and the date, a footer with "Side X af Y", and
two table-row loops (the steering group's members; the budget lines). It is written twice, with the
same text and structure:

- in docxtpl's tag language (``{{ name }}``, ``{%tr for m in members %}`` alone in a row before the
  repeated row, ``{%tr endfor %}`` alone in the row after): rendered by docpipe and docxtpl;
- in docxtemplater's (``{name}``; ``{#members}`` in the first cell and ``{/members}`` in the last cell
  of the repeated row, which docxtemplater turns into a row loop): rendered by docxtemplater.

``rows`` is a template with one table-row loop and nothing else, for the cost per row.

Run ``python benchmarks/peers/make_templates.py DIR`` to write the templates into DIR to look at.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

DOCXTPL = "docxtpl"
DOCXTEMPLATER = "docxtemplater"

# «field» marks a value; each dialect writes it its own way.
_FIELD = re.compile(r"«(\w+)»")

SECTIONS: list[tuple[str, list[str]]] = [
    ("Baggrund", [
        "«org_official_name» igangsætter initiativet «title» som led i arbejdet med «theme». "
        "Initiativet forankres i «unit» og følges af udvalget for «committee».",
        "Kommissoriet beskriver rammerne for arbejdet: hvad der skal løses, hvem der løser det, "
        "hvornår det sker, og hvad det koster. Det er godkendt den «date».",
    ]),
    ("Udfordring", [
        "I «org_name» oplever borgere og medarbejdere, at indsatsen er spredt over mange aktører. "
        "Uden en fælles retning bliver ressourcerne ikke brugt dér, hvor de gør mest gavn.",
        "Udfordringen er beskrevet i samarbejde med «region_name» og de faglige miljøer i kommunen.",
    ]),
    ("Formål", [
        "Formålet med «title» er at samle indsatsen, så borgerne i «org_name» møder én sammenhængende "
        "indsats, og så effekten kan måles og følges op politisk.",
    ]),
    ("Vision", [
        "I «end_year» er «org_name» kendt for en indsats, der tager udgangspunkt i borgerens behov, "
        "og hvor fagligheden bruges på tværs af forvaltningerne.",
    ]),
    ("Mål", [
        "Initiativet har tre mål: færre overgange mellem indsatser, kortere ventetid og højere "
        "tilfredshed. Målene følges hvert halve år af styregruppen med «chair_name» som formand.",
        "Målopfyldelsen afrapporteres til udvalget for «committee» senest «report_date».",
    ]),
    ("Opgaver og leverancer", [
        "Arbejdsgruppen leverer en analyse af den nuværende indsats, et forslag til ny organisering, "
        "en plan for implementering og en model for opfølgning.",
        "Leverancerne godkendes af styregruppen, før de forelægges udvalget.",
    ]),
    ("Organisering", [
        "Styregruppen består af følgende medlemmer; formand er «chair_name», «chair_title». "
        "Sekretariatet varetages af «unit».",
    ]),
    ("Tidsplan", [
        "Initiativet løber fra «start_date» til «end_date» og er opdelt i tre faser: analyse, "
        "udvikling og implementering. Styregruppen mødes fire gange om året.",
    ]),
    ("Økonomi", [
        "Initiativet finansieres inden for den eksisterende ramme i «org_name». Budgettet fordeler sig "
        "således:",
    ]),
    ("Godkendelse", [
        "Kommissoriet er godkendt af direktionen i «org_official_name» den «date» og forelægges "
        "udvalget for «committee» til orientering.",
        "Kontakt: «contact_name», «contact_email».",
    ]),
]

MEMBER_COLUMNS = [("Navn", "name"), ("Titel", "title"), ("Organisation", "organisation"), ("Rolle", "role")]
BUDGET_COLUMNS = [("Post", "item"), ("År", "year"), ("Beløb", "amount")]


def fields(text: str, dialect: str) -> str:
    """``«name»`` written as a docxtpl or a docxtemplater tag."""
    if dialect == DOCXTPL:
        return _FIELD.sub(r"{{ \1 }}", text)
    return _FIELD.sub(r"{\1}", text)


def kommissorium(dialect: str, path: Path) -> Path:
    """The ten-section template in ``dialect`` (docxtpl or docxtemplater), saved to ``path``."""
    document = _document()
    section = document.sections[0]
    header = section.header.paragraphs[0]
    header.text = fields("«org_name»\t\t«date»", dialect)
    header.runs[0].bold = True
    footer = section.footer.paragraphs[0]
    footer.text = fields("«org_official_name» · Kommissorium for «title» · Side ", dialect)
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _field(footer, "PAGE")
    footer.add_run(" af ")
    _field(footer, "NUMPAGES")

    document.add_paragraph(fields("Kommissorium: «title»", dialect), style="Title")
    document.add_paragraph(fields("«org_official_name» · «unit» · «date»", dialect), style="Subtitle")
    for number, (heading, paragraphs) in enumerate(SECTIONS, start=1):
        document.add_heading(f"{number}. {heading}", level=1)
        for text in paragraphs:
            document.add_paragraph(fields(text, dialect))
        if heading == "Organisering":
            _loop_table(document, dialect, MEMBER_COLUMNS, "members", "m")
        if heading == "Økonomi":
            table = _loop_table(document, dialect, BUDGET_COLUMNS, "budget", "b")
            total = table.add_row().cells
            total[0].text, total[2].text = "I alt", fields("«budget_total»", dialect)
            total[0].paragraphs[0].runs[0].bold = True
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))
    return path


def rows(dialect: str, path: Path) -> Path:
    """A template with one table-row loop over ``rows`` (three columns) and nothing else."""
    document = _document()
    document.add_heading("Rækker", level=1)
    _loop_table(document, dialect, [("Nummer", "number"), ("Navn", "name"), ("Beløb", "amount")], "rows", "r")
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))
    return path


def _document() -> Any:
    """python-docx's default document without its Word 2010 stylesWithEffects part.

    docpipe's shipped templates drop that part too (tools/templates/house.py), and Word 2013 and later
    no longer write it; what remains (styles.xml of 350 kB, theme, numbering ...) is as in those templates.
    """
    document = Document()
    part = document.part
    for r_id, relationship in list(part.rels.items()):
        if relationship.reltype.endswith("/stylesWithEffects"):
            part.drop_rel(r_id)
    return document


def _loop_table(document: Any, dialect: str, columns: list[tuple[str, str]], items: str, variable: str) -> Any:
    """A table with a header row and one row repeated for each of ``items``."""
    table = document.add_table(rows=1, cols=len(columns))
    table.style = "Table Grid"
    for cell, (label, _) in zip(table.rows[0].cells, columns, strict=True):
        cell.text = label
        cell.paragraphs[0].runs[0].bold = True
    _repeat_as_header(table.rows[0])
    if dialect == DOCXTPL:
        table.add_row().cells[0].text = f"{{%tr for {variable} in {items} %}}"
        for cell, (_, key) in zip(table.add_row().cells, columns, strict=True):
            cell.text = f"{{{{ {variable}.{key} }}}}"
        table.add_row().cells[0].text = "{%tr endfor %}"
    else:
        cells = table.add_row().cells
        for cell, (_, key) in zip(cells, columns, strict=True):
            cell.text = f"{{{key}}}"
        cells[0].text = f"{{#{items}}}{cells[0].text}"
        cells[-1].text = f"{cells[-1].text}{{/{items}}}"
    return table


def _repeat_as_header(row: Any) -> None:
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    properties.append(header)


def _field(paragraph: Any, instruction: str) -> None:
    """A simple Word field (PAGE, NUMPAGES) at the end of ``paragraph``; no engine touches it."""
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    properties = OxmlElement("w:rPr")
    run.append(properties)
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def build_all(folder: Path) -> dict[str, Path]:
    """Every template of the benchmark written into ``folder``, by name."""
    return {
        "kommissorium-docxtpl": kommissorium(DOCXTPL, folder / "kommissorium-docxtpl.docx"),
        "kommissorium-docxtemplater": kommissorium(DOCXTEMPLATER, folder / "kommissorium-docxtemplater.docx"),
        "rows-docxtpl": rows(DOCXTPL, folder / "rows-docxtpl.docx"),
    }


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parent / "out"
    for name, written in build_all(target).items():
        print(f"{name}: {written}")
