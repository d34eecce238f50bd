"""Differential tests: docpipe's WordTemplate against docxtpl, the reference, on the corpus in tests/word/corpus/.

Each corpus template (built by ``python -m tests.word.make_corpus``) is rendered with its context
(tests/word/contexts.py) by ``docxtpl.DocxTemplate(path).render(context, autoescape=True)`` and by
``docpipe.WordTemplate(path).render(context)``; what a reader sees (tests/word/reading.py: body
paragraphs with style and formatted runs, every table's grid and cells with spans and shading, nested
tables, headers and footers, footnotes, core properties) must be equal.

Where the files legitimately differ, and why (each pinned by a test below):

- Zip container: docxtpl (through python-docx) stamps the current time on entries; docpipe writes
  1980-01-01 and deflates unchanged parts once, so the same input gives the same bytes.
- Serialisation: docxtpl re-serialises the body through lxml and python-docx, which writes ``'`` and
  ``"`` in text as such; docpipe writes Jinja's escapes (``&#39;``, ``&#34;``) and keeps the template's
  own bytes elsewhere. The parsed XML (C14N) of every rendered story part is the same.
- Table cells: for ``{% colspan %}`` and ``{% cellbg %}`` docxtpl puts ``<w:gridSpan>``/``<w:shd>``
  first in ``<w:tcPr>``, before ``<w:tcW>``, and for ``{% vm %}``/``{% hm %}`` the ``<w:vMerge>``/
  ``<w:gridSpan>`` last, after a ``<w:vAlign>``: both break the schema's order (openxml-audit --policy
  strict reports it); docpipe puts them where the schema wants them. Same cell, other element order.
- ``&amp;`` inside a tag (Word's way to store ``{{ x|default("A & B") }}``): docpipe unescapes it with
  the other entities, so the literal is ``A & B`` and is escaped once on output. docxtpl leaves it as
  ``&amp;`` in the literal, which with ``autoescape=True`` is escaped again (a reader sees
  ``A &amp; B``); docpipe shows what docxtpl shows with its default ``autoescape=False``.
- Table grids after a ``{%tc %}`` loop: both give the grid as many columns as the widest row, with
  docxtpl's widths; docxtpl does it only in the body and also counts the rows of tables nested in a
  cell, docpipe in every part with a cell loop and per table. Same result for the corpus.
- Core properties: docxtpl renders only title, subject, author, comments, identifier and language,
  each as text with an autoescaping environment and then escapes the result again when python-docx
  writes it, so a reader sees ``R&amp;D`` for ``R&D``; it leaves ``lastModifiedBy`` unrendered and adds
  empty ``dc:description``/``dc:identifier``. docpipe renders the whole part once, escaping once.
- Drawing ids: docxtpl renumbers every ``wp:docPr`` id of the body from 1001; docpipe keeps the
  template's ids and numbers only pictures it places (tests/word/test_word_template.py). The corpus
  holds no pictures, because docxtpl's InlineImage is one of the features docpipe refuses.
- Package properties: docxtpl keeps the template's ``docProps/app.xml`` (python-docx's "Microsoft
  Macintosh Word", Normal.dotm, zero words) and its thumbnail; docpipe writes its own app.xml and
  leaves the thumbnail out, with its relationship (tests/word/test_app_properties.py).
- Footnotes: docxtpl renders the footnotes part once per section (harmless with one section, and the
  corpus has one); docpipe once.
"""

from __future__ import annotations

import io
import re
import zipfile
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from docxtpl import DocxTemplate
from lxml import etree

from docpipe import WordTemplate
from docpipe.ooxml.app import APP_PART, APP_XML, PACKAGE_RELATIONSHIPS
from tests.ooxml import audit_folder
from tests.word import make_corpus
from tests.word.contexts import CONTEXTS, SPECIAL
from tests.word.reading import texts, visible
from tests.word.test_word_template import make_template

CORPUS = Path(__file__).resolve().parent / "corpus"
NAMES = list(CONTEXTS)
STORY_PARTS = ("word/document.xml", "word/header", "word/footer", "word/footnotes.xml")
THUMBNAIL = "docProps/thumbnail.jpeg"
# python-docx's default template has a stylesWithEffects.xml that openxml-audit always reports (see
# tests/deliverables/test_outputs_open.py); it is the template's, untouched by either engine
LIBRARY_NOISE = ("stylesWithEffects",)


def render_docxtpl(path: Path, context: dict[str, Any], autoescape: bool = True) -> bytes:
    template = DocxTemplate(path)
    template.render(context, autoescape=autoescape)
    buffer = io.BytesIO()
    template.save(buffer)
    return buffer.getvalue()


@cache
def rendered(name: str) -> tuple[bytes, bytes]:
    """(docxtpl's, docpipe's) rendering of one corpus template with its context."""
    path = CORPUS / f"{name}.docx"
    return render_docxtpl(path, CONTEXTS[name]()), WordTemplate(path).render(CONTEXTS[name]())


# --- the corpus --------------------------------------------------------------------------------


def test_every_template_has_a_context() -> None:
    assert sorted(path.stem for path in CORPUS.glob("*.docx")) == sorted(make_corpus.TEMPLATES) == sorted(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_corpus_is_what_make_corpus_writes(name: str) -> None:
    """The committed files are the script's output: run ``python -m tests.word.make_corpus`` after editing it."""
    built = make_corpus.build(name)
    assert built == make_corpus.build(name), "make_corpus must be deterministic"
    committed = zipfile.ZipFile(CORPUS / f"{name}.docx")
    fresh = zipfile.ZipFile(io.BytesIO(built))
    assert committed.namelist() == fresh.namelist()
    for entry in fresh.namelist():  # compared by content: a zlib of another version may deflate differently
        assert committed.read(entry) == fresh.read(entry), entry


# --- what a reader sees ------------------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_reader_sees_the_same_as_with_docxtpl(name: str) -> None:
    reference, ours = rendered(name)
    expected, seen = visible(reference), visible(ours)
    for key in expected:  # part by part first, for a readable failure
        assert seen[key] == expected[key], key
    assert seen == expected


# What the corpus must show, so that equality above cannot pass with both engines broken the same way.
EXPECTED_TEXTS = {
    "variables": ["Kære Søren Ærø,", "Organisation: Halsnæs Kommune (260), Børn & Unge",
                  "Store bogstaver: SØREN ÆRØ; små: søren ærø", "Liste: æble, pære, blomme.", "Mangler: – og –",
                  "Tal: 1250 / 0.5 / 2500 / None", f"Tegn der skal escapes: {SPECIAL}",
                  "HTML-agtigt: <b>ikke fed</b> &copy; &#169;",
                  # docxtpl's "{_{" escape for a literal brace applies to the whole rendered part, values too
                  "Ligner tags: {{ x }} {% if y %} {# z #} {%p endif %} {{r rt }} {{ a }}",
                  "Typografiske citationstegn: ja / aSøren Ærø",
                  "Bogstaveligt i skabelonen: {{ ikke en tag }} og {% heller ikke %}",
                  "Mellemrum bevares:     to mellemrum før og efter     slut"],
    "split_runs": ["Navn: Anna slut.", "Kommissorium og Region Sjælland", "ja", "Kun når flag er sand: ANNA",
                   "Blandet: fed Anna kursiv"],
    "inline": ["Deltagere: Anna, Bo, Cecilie & Co.", "Nummereret: 1) Anna 2) Bo 3) Cecilie & Co ",
               "0/3* 1/3 2/3 ", "I alt 3 personer."],
    "paragraphs": ["Indledning: Formålet er <klart>.", "1. Baggrund", "1.Første punkt", "2.Andet & sidste punkt",
                   "2. Mål", "(ingen punkter)", "3. Økonomi", "1.1.250.000 kr.", "Kapitel I", "Kapitel III", "Slut."],
    "tables": ["FORMAND", "leder møder; godkender", "Bo <Bent>", "Gruppe: Tom", "1. Cecilie", "Q4", "400 kr.",
               "Spænder 2", "Farvet", "rød", "Begge", "Afdeling Dagtilbud", "Indre TABEL", "Anna Bo ", SPECIAL],
    "runs": ["Status: HASTER slut.", "Før en to tre efter.",
             "Rig tekst: fed kursiv rød understreget & <specielt> med\nlinjeskift og kort: kort.",
             "<w:t>ikke xml</w:t> & {{ ikke en tag }}", "- tredje & sidste"],
    "listing": ["Listing: linje 1\nlinje 2", "Ny paragraf\tmed tab & <tegn>", "Efter sideskift",
                "Almindelig tekst med linjeskift: første linje\nanden linje",
                "Almindelig tekst med tab: kolonne 1\tkolonne 2", "Citat: Et citat\nover to linjer"],
    "headers_footers": ["Brødtekst for Gribskov Kommune.", "Gribskov Kommune – KOMMISSORIUM FOR TRYGHED",
                        "UDKAST 0.3", "27.00.00-A00-1-26", "Bo & Co", "Forside for Gribskov Kommune",
                        f"Side 1 af 2 · {SPECIAL}", "Anna Bo & Co "],
    "footnotes": ["Påstand om trivsel", " Kilde: Danmarks Statistik & KL (2026)", " DST, KL, <VIVE>"],
    "properties": ["Titel: Kommissorium for Halsnæs", "Emne: børn og unge"],
    "merged_cells": ["Bøger <bind>", "Leder: Anna  (alle rækker)", " (alle rækker)", "5406", "Kvartaler 2026", "Drift",
                     "60", "Par", "Dorte & Erik", "Efter tabellerne."],
    "entities": ["Standard: ingen og Søren!", "Grænse: under grænsen", "Størrelse: stor; æble, pære, blomme",
                 "Delt: fed slut", "Navnet er Soeren", f"Uden for tags: \"citat\" og 'apostrof' & <vinkler> {SPECIAL}",
                 "ÆBLE", "BLOMME", "Gribskov Kommune – Udkast nr. 3", "Side 1 af 2"],
}


@pytest.mark.parametrize("name", NAMES)
def test_docpipe_shows_the_expected_text(name: str) -> None:
    seen = visible(rendered(name)[1])
    shown = texts(seen)
    for text in EXPECTED_TEXTS[name]:
        assert text in shown, text
    deliberate = {text for text in EXPECTED_TEXTS[name] if "{" in text}  # values and literal escapes showing braces
    leftovers = [text for text in shown
                 if any(marker in text for marker in ("{{", "{%", "{#")) and text not in deliberate]
    assert leftovers == [], "a tag was left unrendered"


def test_formatting_and_structure_survive() -> None:
    """Spot checks of what the equality above compares beyond text: runs, breaks, spans, shading, grid."""
    runs = visible(rendered("runs")[1])["body"]
    rich = runs[2][3]  # "Rig tekst: {{r rich }} ..."
    assert ("fed", (("w:b", None, None),)) in rich
    assert (" rød", (("w:color", "FF0000", None),)) in rich
    listing = visible(rendered("listing")[1])["body"]
    assert [block[2] for block in listing[:4]] == ["Listing: linje 1\nlinje 2", "Ny paragraf\tmed tab & <tegn>", "",
                                                   "Efter sideskift"]
    assert listing[2][3] == [("\f", ())]  # \f: a paragraph holding a page break
    tables = [block for block in visible(rendered("tables")[1])["body"] if block[0] == "table"]
    quarters, spans = tables[2], tables[3]
    assert quarters[1] == ["1728"] * 5 and len(quarters[2][0]) == 5  # the grid grew with the {%tc %} loop
    assert [cell[:2] for cell in spans[2][1]] == [(2, None), (1, None)]
    assert [cell[:2] for cell in spans[2][2]] == [(1, "00FF00"), (1, None), (1, "FF0000")]
    assert [cell[:2] for cell in spans[2][3]] == [(2, "00FF00"), (1, None)]
    chapters = visible(rendered("paragraphs")[1])["body"]
    assert sum(1 for block in chapters if block[3] == [("\f", ())]) == 2  # page breaks between three chapters


def test_cells_merge_down_the_rows_and_across_the_cells() -> None:
    """{% vm %}: the loop's first row restarts the merge, the others continue it and hide the text
    before the tag; {% hm %}: one cell spanning every round of the cell loop (times its own span)."""
    categories, quarters, pairs = [block for block in visible(rendered("merged_cells")[1])["body"]
                                   if block[0] == "table"]
    rows = categories[2][1:4]
    assert [row[0][3] for row in rows] == ["restart", "continue", "continue"]
    assert [row[0][2][0][2] for row in rows] == ["Bøger <bind>", "", ""]
    assert [row[3][2][0][2] for row in rows] == ["Leder: Anna  (alle rækker)", " (alle rækker)", " (alle rækker)"]
    assert [cell[0] for cell in quarters[2][0]] == [1, 3, 1] and len(quarters[1]) == 5
    assert [row[0][3] for row in quarters[2][2:4]] == ["restart", "continue"]
    assert [cell[0] for cell in pairs[2][0]] == [1, 4] and len(pairs[2][1]) == 5


# --- where the XML differs, and how --------------------------------------------------------------

_CELL_PROPERTY_ORDER = ["cnfStyle", "tcW", "gridSpan", "hMerge", "vMerge", "tcBorders", "shd", "noWrap", "tcMar",
                        "textDirection", "tcFitText", "vAlign", "hideMark"]


def canonical(data: bytes) -> bytes:
    """The part's XML in canonical form, with each ``<w:tcPr>``'s children in schema order."""
    root = etree.fromstring(data)
    for properties in root.iter("{*}tcPr"):
        children = sorted(properties, key=lambda child: _CELL_PROPERTY_ORDER.index(etree.QName(child).localname))
        properties[:] = children
    canonical_xml: bytes = etree.tostring(root, method="c14n2")
    return canonical_xml


@pytest.mark.parametrize("name", NAMES)
def test_xml_differs_only_in_serialisation(name: str) -> None:
    reference, ours = (zipfile.ZipFile(io.BytesIO(data)) for data in rendered(name))
    assert ours.namelist() == [entry for entry in reference.namelist() if entry != THUMBNAIL]
    for entry in ours.namelist():
        if entry.startswith(STORY_PARTS):
            assert canonical(ours.read(entry)) == canonical(reference.read(entry)), entry
        elif entry == PACKAGE_RELATIONSHIPS:
            assert ours.read(entry) == re.sub(rb'<Relationship [^>]*Target="docProps/thumbnail.jpeg"/>', b"",
                                              reference.read(entry))
        elif entry == APP_PART:
            assert ours.read(entry) == APP_XML and b"Microsoft Macintosh Word" in reference.read(entry)
        elif entry != "docProps/core.xml":
            assert ours.read(entry) == reference.read(entry), entry  # untouched parts: the template's bytes


def test_cell_properties_in_schema_order_where_docxtpl_breaks_it() -> None:
    reference, ours = (zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode() for data in
                       rendered("tables"))
    assert '<w:tcPr><w:gridSpan w:val="2"/><w:tcW' in reference
    assert '<w:tcW w:type="dxa" w:w="2880"/><w:gridSpan w:val="2"/><w:shd w:val="clear" w:color="auto" ' \
           'w:fill="00FF00"/><w:vAlign w:val="center"/>' in ours


def test_merges_in_schema_order_where_docxtpl_breaks_it() -> None:
    reference, ours = (zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode() for data in
                       rendered("merged_cells"))
    assert '<w:vAlign w:val="center"/><w:vMerge w:val="restart"/>' in reference
    assert '<w:vAlign w:val="center"/><w:gridSpan w:val="3"/>' in reference
    assert '<w:vMerge w:val="restart"/><w:vAlign w:val="center"/>' in ours
    assert '<w:gridSpan w:val="3"/><w:vAlign w:val="center"/>' in ours


def test_an_ampersand_inside_a_tag_is_the_character_typed(tmp_path: Path) -> None:
    """docxtpl's own header_footer_entities test: Word stores ``&`` inside a tag as ``&amp;``."""
    path = make_template(tmp_path / "entiteter.docx", 'Krop: {{ unknowvar|default("Testé&xx;") }}',
                         header='{{ unknowvar|default("Børn & Unge") }}')
    assert '"Testé&amp;xx;"' in zipfile.ZipFile(path).read("word/document.xml").decode()
    ours = visible(WordTemplate(path).render({}))
    assert texts(ours) == ["Krop: Testé&xx;", "Børn & Unge"]
    assert ours == visible(render_docxtpl(path, {}, autoescape=False))
    assert texts(visible(render_docxtpl(path, {}))) == ["Krop: Testé&amp;xx;", "Børn &amp; Unge"]


def test_zip_entries_differ_only_in_time_and_compression() -> None:
    reference, ours = (zipfile.ZipFile(io.BytesIO(data)) for data in rendered("variables"))
    assert {info.date_time for info in ours.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    assert [info.filename for info in ours.infolist()] == [info.filename for info in reference.infolist()
                                                           if info.filename != THUMBNAIL]


def test_core_properties_rendered_once_and_escaped_once() -> None:
    """docxtpl escapes a property twice (a reader sees ``&amp;``) and leaves lastModifiedBy as a tag."""
    path = CORPUS / "properties.docx"
    context = {**CONTEXTS["properties"](), "title": "R&D <ny> \"plan\"", "author": "Ærø & Co"}
    reference_data, our_data = render_docxtpl(path, context), WordTemplate(path).render(context)
    reference, ours = visible(reference_data)["core"], visible(our_data)["core"]
    assert ours["title"] == 'R&D <ny> "plan" (2 dele)'
    assert reference["title"] == "R&amp;D &lt;ny&gt; &#34;plan&#34; (2 dele)"
    assert ours["author"] == "ÆRØ & CO" and reference["author"] == "ÆRØ &amp; CO"
    assert ours["subject"] == reference["subject"] == "Om børn og unge"
    assert Document(io.BytesIO(our_data)).core_properties.last_modified_by == "ÆRØ & CO"
    assert Document(io.BytesIO(reference_data)).core_properties.last_modified_by == "{{ author|upper }}"


# --- the files are sound -----------------------------------------------------------------------


def test_docpipe_output_passes_openxml_audit(tmp_path: Path) -> None:
    names = ["tables", "headers_footers", "runs", "listing", "footnotes", "merged_cells", "entities"]
    for name in names:
        (tmp_path / f"{name}.docx").write_bytes(rendered(name)[1])
    checked, errors = audit_folder(tmp_path, noise=LIBRARY_NOISE, match_part=True)
    assert checked == len(names)
    assert errors == []
