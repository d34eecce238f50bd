"""Behaviour of docpipe's WordTemplate itself: errors that name what is wrong, the sandbox, refused
docxtpl features, reproducible bytes, pickling and worker processes, atomic writes, pictures, the zip."""

from __future__ import annotations

import concurrent.futures
import datetime as dt
import io
import multiprocessing
import pickle
import re
import struct
import zipfile
import zlib
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from docx.enum.text import WD_BREAK
from docx.text.paragraph import Paragraph
from docxtpl import DocxTemplate, InlineImage, Listing, RichText

from docpipe import Picture, TemplateError, WordTemplate
from docpipe.ooxml.package import DocumentProperties, normalise_package
from tests.word.contexts import headers_footers, tables
from tests.word.reading import texts, visible

CORPUS = Path(__file__).resolve().parent / "corpus"
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def make_template(path: Path, *paragraphs: str, header: str | None = None) -> Path:
    document = Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if header is not None:
        document.sections[0].header.paragraphs[0].text = header
    document.save(str(path))
    return path


def body_texts(data: bytes) -> list[str]:
    return [paragraph.text for paragraph in Document(io.BytesIO(data)).paragraphs]


def png(width: int, height: int, colour: tuple[int, int, int]) -> bytes:
    """A tiny PNG of one colour, made here so the test needs no image library."""
    rows = b"".join(b"\x00" + bytes(colour) * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


# --- undefined names, syntax errors, the sandbox -------------------------------------------------


def test_strict_undefined_name_is_an_error_naming_it_and_the_template(tmp_path: Path) -> None:
    path = make_template(tmp_path / "brev.docx", "Kære {{ modtager }},")
    with pytest.raises(TemplateError) as raised:
        WordTemplate(path, strict=True).render({"navn": "Anna"})
    assert "brev.docx" in str(raised.value) and "'modtager'" in str(raised.value)
    assert raised.value.template == "brev.docx"


def test_strict_undefined_attribute_in_a_header(tmp_path: Path) -> None:
    path = make_template(tmp_path / "brev.docx", "Brødtekst", header="{{ org.navn }}")
    with pytest.raises(TemplateError, match=r"brev\.docx.*navn.*header"):
        WordTemplate(path, strict=True).render({"org": {"name": "Halsnæs"}})


def test_not_strict_undefined_renders_empty(tmp_path: Path) -> None:
    path = make_template(tmp_path / "brev.docx", "Kære {{ modtager }},", "{{ org.navn }}|")
    assert body_texts(WordTemplate(path).render({"org": {}}))[:2] == ["Kære ,", "|"]


def test_unknown_names_lists_every_unknown_name_of_a_trial_render(tmp_path: Path) -> None:
    path = make_template(tmp_path / "brev.docx", "Kære {{ modtager }},", "{{ org.naem }} i {{ org.name|upper }}",
                         "{% for x in mangler %}{{ x }}{% endfor %}{% if ukendt %}ja{% endif %}",
                         "{{ fravalgt|default('-') }}{% if valgfri is defined %}{{ valgfri }}{% endif %}",
                         "{{ modtager }} igen, {{ antal * 2 }}, {{ org.naem.x }}", header="{{ titel }}")
    template = WordTemplate(path, strict=True)
    found = template.unknown_names({"org": {"name": "Halsnæs"}})
    assert [(unknown.part, unknown.name) for unknown in found] == [
        ("the body", "modtager"), ("the body", "naem"), ("the body", "mangler"), ("the body", "ukendt"),
        ("the body", "antal"), ("the header", "titel")]
    assert found[1].message == "'dict object' has no attribute 'naem'" and found[0].message == "'modtager' is undefined"
    full = {"org": {"name": "Halsnæs", "naem": {"x": 1}}, "modtager": "Anna", "mangler": [], "ukendt": 1, "antal": 2,
            "titel": "Brev"}
    assert template.unknown_names(full) == []
    with pytest.raises(TemplateError, match="'modtager' is undefined"):
        template.render({"org": {"name": "Halsnæs"}})  # the template itself stays strict


def test_unknown_names_are_noted_per_render_and_thread(tmp_path: Path) -> None:
    path = make_template(tmp_path / "brev.docx", "{{ a }} {{ b }}")
    template = WordTemplate(path)
    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        results = list(pool.map(template.unknown_names, [{"a": 1}, {"b": 1}] * 20))
    assert [[unknown.name for unknown in found] for found in results] == [["b"], ["a"]] * 20
    assert body_texts(template.render({})) == [" "]  # a lenient render is not noted, and still empty


@pytest.mark.parametrize(("paragraphs", "near"), [
    (["Indledning", "Hvis {% if flag %} så", "Slut"], "Hvis {% if flag %} så"),
    (["Indledning", "Beløb {{ beløb + }} kr.", "Slut"], "Beløb {{ beløb + }} kr."),
    (["{%p for x in xs %}", "{{ x }}", "{%p endfor"], "{{ x }}"),
])
def test_syntax_error_names_the_template_and_the_text_around_it(tmp_path: Path, paragraphs: list[str],
                                                                 near: str) -> None:
    path = make_template(tmp_path / "skabelon.docx", *paragraphs)
    with pytest.raises(TemplateError) as raised:
        WordTemplate(path)
    message = str(raised.value)
    assert "skabelon.docx" in message and "syntax error in the body" in message
    assert near in message


@pytest.mark.parametrize("strict", [False, True])
@pytest.mark.parametrize("expression", [
    "''.__class__.__mro__",
    "''.__class__.__mro__[1].__subclasses__()",
    "cycler.__init__.__globals__",
    "lipsum.__globals__['os']",
    "x.__init__.__globals__",
    "x.__reduce_ex__(2)",
])
def test_sandbox_refuses_python_internals(tmp_path: Path, expression: str, strict: bool) -> None:
    path = make_template(tmp_path / "ond.docx", f"{{{{ {expression} }}}}")
    with pytest.raises(TemplateError, match=r"ond\.docx.*unsafe") as raised:
        WordTemplate(path, strict=strict).render({"x": object()})
    assert "object at 0x" not in str(raised.value)


@pytest.mark.parametrize("expression", ["x.__class__", "x|attr('__class__')|attr('__mro__')", "range.__globals__"])
def test_sandbox_unsafe_attribute_alone_gives_nothing(tmp_path: Path, expression: str) -> None:
    """Jinja's sandbox makes one unsafe attribute an undefined value: empty, or an error when strict."""
    path = make_template(tmp_path / "ond.docx", f"[{{{{ {expression} }}}}]")
    assert body_texts(WordTemplate(path).render({"x": object()})) == ["[]"]
    with pytest.raises(TemplateError, match=r"ond\.docx"):
        WordTemplate(path, strict=True).render({"x": object()})


# --- what docpipe does not support -------------------------------------------------------------


def _subdoc() -> Any:
    """docxtpl's Subdoc; docxtpl.subdoc needs docxcompose, so without it a stand-in of the same identity."""
    try:
        from docxtpl.subdoc import Subdoc
    except ImportError:  # docxcompose is not installed: what the engine checks is the class and its module
        return type("Subdoc", (), {"__module__": "docxtpl.subdoc"})()
    return Subdoc(DocxTemplate(CORPUS / "variables.docx"))


def test_inline_image_and_subdoc_are_refused_naming_the_feature(tmp_path: Path) -> None:
    path = make_template(tmp_path / "billede.docx", "Her: {{ value }}")
    image = InlineImage(DocxTemplate(path), io.BytesIO(png(2, 2, (0, 0, 0))))
    with pytest.raises(TemplateError, match=r"billede\.docx.*InlineImage.*Picture"):
        WordTemplate(path).render({"value": image})
    with pytest.raises(TemplateError, match=r"billede\.docx.*sub-documents"):
        WordTemplate(path).render({"value": _subdoc()})


@pytest.mark.parametrize("tag", ["vm", "hm"])
def test_a_merge_tag_outside_a_table_cell_is_refused_naming_it(tmp_path: Path, tag: str) -> None:
    path = make_template(tmp_path / "flet.docx", f"{{% {tag} %}}{{{{ x }}}}")
    with pytest.raises(TemplateError, match=rf"flet\.docx.*\{{% {tag} %\}} outside .* table cell"):
        WordTemplate(path)


def test_a_vertical_merge_after_a_tab_keeps_the_xml_whole(tmp_path: Path) -> None:
    """docxtpl takes the ``<w:tab/>`` before the tag for the start of the text to hide, which leaves a
    stray ``</w:t>`` in the later rows; its recovering parser then drops it, and the section
    properties (page size, margins) with it. docpipe hides the same text and keeps the XML whole."""
    document = Document()
    table = document.add_table(rows=3, cols=1)
    table.cell(0, 0).text = "{%tr for i in items %}"
    run = table.cell(1, 0).paragraphs[0].add_run()
    run.add_tab()
    run.add_text("{% vm %}{{ category }}")
    table.cell(2, 0).text = "{%tr endfor %}"
    document.save(str(tmp_path / "flet.docx"))
    context = {"items": [1, 2], "category": "Bøger"}
    reference = DocxTemplate(tmp_path / "flet.docx")
    reference.render(context)
    ours = Document(io.BytesIO(WordTemplate(tmp_path / "flet.docx").render(context)))
    for rendered in (ours, reference.docx):
        cells = [row._tr.tc_lst[0] for row in rendered.tables[0].rows]  # each row's own cell, not the merged one
        assert [cell.vMerge for cell in cells] == ["restart", "continue"]
        assert [Paragraph(cell.p_lst[0], rendered.tables[0]).text for cell in cells] == ["\tBøger", "\t"]
    assert ours.element.body.sectPr is not None and reference.docx.element.body.sectPr is None


def test_a_file_that_is_not_a_word_document_is_refused(tmp_path: Path) -> None:
    (tmp_path / "tekst.docx").write_text("ikke en zip", encoding="utf-8")
    with pytest.raises(TemplateError, match=r"tekst\.docx.*not a Word document"):
        WordTemplate(tmp_path / "tekst.docx")
    with zipfile.ZipFile(tmp_path / "regneark.docx", "w") as package:
        package.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(TemplateError, match=r"regneark\.docx.*not a Word document.*word/document\.xml"):
        WordTemplate(tmp_path / "regneark.docx")
    with pytest.raises(TemplateError, match=r"findes-ikke\.docx.*cannot be read"):
        WordTemplate(tmp_path / "findes-ikke.docx")


# --- characters a Word file cannot hold ---------------------------------------------------------


@pytest.mark.parametrize(("value", "code"), [
    ("a\x00b", "U+0000"), ("linje\x0bskift", "U+000B"), ("esc\x1b", "U+001B"), ("\ud83d halv emoji", "U+D83D"),
    ("\ufffe", "U+FFFE"),
])
def test_a_value_xml_cannot_hold_is_refused_naming_template_and_character(tmp_path: Path, value: str,
                                                                          code: str) -> None:
    path = make_template(tmp_path / "tegn.docx", "Værdi: {{ value }}")
    with pytest.raises(TemplateError, match=rf"tegn\.docx.*{re.escape(code)}.*body") as raised:
        WordTemplate(path).render({"value": value})
    assert not _FORBIDDEN.search(str(raised.value)), "the message itself must be printable"


def test_control_characters_in_rich_text_and_listing_are_refused(tmp_path: Path) -> None:
    path = make_template(tmp_path / "tegn.docx", "{{r rich }}", "{{ listing }}")
    with pytest.raises(TemplateError, match=r"tegn\.docx.*U\+0001"):
        WordTemplate(path).render({"rich": RichText("a\x01"), "listing": Listing("ok")})
    with pytest.raises(TemplateError, match=r"tegn\.docx.*U\+0002"):
        WordTemplate(path).render({"rich": RichText("ok"), "listing": Listing("b\x02")})


def test_page_break_character_in_the_properties_is_refused(tmp_path: Path) -> None:
    """\\f becomes a page break inside a paragraph; in a core property it has no meaning and XML cannot hold it."""
    path = make_template(tmp_path / "egenskab.docx", "{{ title }}")
    properties = DocumentProperties(title="{{ title }}", author="docpipe", date=dt.date(2026, 1, 1))
    path.write_bytes(normalise_package(path.read_bytes(), properties))
    with pytest.raises(TemplateError, match=r"egenskab\.docx.*U\+000C.*document properties"):
        WordTemplate(path).render({"title": "før\fefter"})


def test_core_properties_with_comparisons_in_tags(tmp_path: Path) -> None:
    """XML stores ``>`` in a property as ``&gt;``; inside a tag it is Jinja's operator, as in docxtpl."""
    path = make_template(tmp_path / "egenskab.docx", "tekst")
    properties = DocumentProperties(title="{{ 'mange' if n > 1 and s != \"x\" else 'få' }} & {{ s }}", author="a",
                                    date=dt.date(2026, 1, 1))
    path.write_bytes(normalise_package(path.read_bytes(), properties))
    data = WordTemplate(path).render({"n": 2, "s": "<R&D>"})
    assert Document(io.BytesIO(data)).core_properties.title == "mange & <R&D>"


# --- table grids after a cell loop ---------------------------------------------------------------


@pytest.mark.parametrize(("quarters", "grid"), [
    (["Q1", "Q2", "Q3", "Q4", "Q5"], ["1440"] * 6),  # two more cells than the template's row: columns added
    (["Q1"], ["4320", "4320"]),  # one fewer: the empty grid column removed, its width shared out
    ([], ["8640"]),
])
def test_cell_loop_fits_the_grid_to_the_cells(tmp_path: Path, quarters: list[str], grid: list[str]) -> None:
    document = Document()
    table = document.add_table(rows=1, cols=4)
    for index, text in enumerate(["Kvartal", "{%tc for q in quarters %}", "{{ q }}", "{%tc endfor %}"]):
        table.cell(0, index).text = text
    document.save(str(tmp_path / "kolonner.docx"))
    data = WordTemplate(tmp_path / "kolonner.docx").render({"quarters": quarters})
    rendered = Document(io.BytesIO(data)).tables[0]
    assert [cell.text for cell in rendered.rows[0].cells] == ["Kvartal", *quarters]
    assert visible(data)["body"][0][1] == grid
    reference = DocxTemplate(tmp_path / "kolonner.docx")
    reference.render({"quarters": quarters}, autoescape=True)
    buffer = io.BytesIO()
    reference.save(buffer)
    assert visible(buffer.getvalue())["body"] == visible(data)["body"]  # docxtpl's fix_tables, the same widths


# --- the same input, the same bytes; pickling and worker processes ---------------------------------

CONTEXT = {"name": "Søren", "title": "Kommissorium", "org": {"name": "Halsnæs Kommune"}, "flag": True}


def test_same_context_gives_identical_bytes() -> None:
    template = WordTemplate(CORPUS / "split_runs.docx")
    first = template.render(CONTEXT)
    assert template.render(dict(CONTEXT)) == first
    assert WordTemplate(CORPUS / "split_runs.docx").render(CONTEXT) == first
    assert template.render({**CONTEXT, "name": "Anna"}) != first


def test_pickled_template_renders_identical_bytes() -> None:
    template = WordTemplate(CORPUS / "tables.docx", strict=True)
    copy = pickle.loads(pickle.dumps(template))
    assert copy.strict and copy.name == "tables.docx"
    assert copy.render(tables()) == template.render(tables())


def test_rendering_in_a_spawned_worker_gives_identical_bytes() -> None:
    template = WordTemplate(CORPUS / "split_runs.docx")
    contexts = [CONTEXT, {**CONTEXT, "name": "Ærø"}]
    spawn = multiprocessing.get_context("spawn")
    with concurrent.futures.ProcessPoolExecutor(max_workers=1, mp_context=spawn) as pool:
        from_worker = list(pool.map(template.render, contexts))
    assert from_worker == [template.render(context) for context in contexts]


def test_render_to_writes_atomically(tmp_path: Path) -> None:
    template = WordTemplate(CORPUS / "split_runs.docx")
    target = tmp_path / "ud" / "brev.docx"
    assert template.render_to(target, CONTEXT) == target
    assert target.read_bytes() == template.render(CONTEXT)
    template.render_to(target, {**CONTEXT, "name": "Bo"})  # replaces the file
    assert "Navn: Bo slut." in body_texts(target.read_bytes())
    assert sorted(path.name for path in target.parent.iterdir()) == ["brev.docx"]  # no temporary file left


def test_a_failed_render_writes_nothing(tmp_path: Path) -> None:
    template = WordTemplate(CORPUS / "split_runs.docx", strict=True)
    with pytest.raises(TemplateError):
        template.render_to(tmp_path / "brev.docx", {})
    assert list(tmp_path.iterdir()) == []


# --- pictures ----------------------------------------------------------------------------------


def test_pictures_in_a_header_and_a_body_loop(tmp_path: Path) -> None:
    document = Document()
    document.sections[0].header.paragraphs[0].text = "Logo: {{ logo }}"
    for text in ["{%p for picture in pictures %}", "Billede {{ loop.index }}: {{ picture }}", "{%p endfor %}"]:
        document.add_paragraph(text)
    document.save(str(tmp_path / "billeder.docx"))
    red, blue = png(4, 2, (255, 0, 0)), png(3, 3, (0, 0, 255))
    context = {"logo": Picture(red, 30), "pictures": [Picture(red, 20), Picture(blue, 20), Picture(red, 10)]}
    data = WordTemplate(tmp_path / "billeder.docx").render(context)

    package = zipfile.ZipFile(io.BytesIO(data))
    ids = [int(found) for part in ("word/document.xml", "word/header1.xml")
           for found in re.findall(r'<wp:docPr id="(\d+)"', package.read(part).decode())]
    assert len(ids) == 4 and len(set(ids)) == 4
    media = sorted(name for name in package.namelist() if name.startswith("word/media/"))
    assert len(media) == 3  # red and blue for the body, red for the header: one file per image and part
    assert sorted(package.read(name) for name in media) == sorted([red, blue, red])
    assert '<Default Extension="png" ContentType="image/png"/>' in package.read("[Content_Types].xml").decode()
    body_relationships = package.read("word/_rels/document.xml.rels").decode()
    assert body_relationships.count("relationships/image") == 2

    reopened = Document(io.BytesIO(data))
    assert len(reopened.inline_shapes) == 3
    assert [shape.width for shape in reopened.inline_shapes] == [720000, 720000, 360000]
    seen = visible(data)
    assert texts(seen["body"]) == ["Billede 1: ", "Billede 2: ", "Billede 3: "]  # python-docx: text only
    assert [run for block in seen["body"] for run, _ in block[3]] == [
        "Billede 1: [picture]", "Billede 2: [picture]", "Billede 3: [picture]"]
    assert [run for block in seen["section 0 header"] for run, _ in block[3]] == ["Logo: [picture]"]
    assert WordTemplate(tmp_path / "billeder.docx").render(context) == data  # ids and names from the bytes alone


# --- the zip container -------------------------------------------------------------------------


def test_zip_is_reproducible_and_sound() -> None:
    data = WordTemplate(CORPUS / "headers_footers.docx").render(headers_footers())
    package = zipfile.ZipFile(io.BytesIO(data))
    assert package.testzip() is None
    assert package.infolist()[0].filename == "[Content_Types].xml"
    assert {info.date_time for info in package.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    assert len(set(package.namelist())) == len(package.namelist())


def test_page_break_paragraph_of_the_template_is_kept(tmp_path: Path) -> None:
    document = Document()
    document.add_paragraph("{{ a }}")
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    document.add_paragraph("{{ b }}")
    document.save(str(tmp_path / "skift.docx"))
    seen = visible(WordTemplate(tmp_path / "skift.docx").render({"a": "før", "b": "efter"}))
    assert [block[3] for block in seen["body"]] == [[("før", ())], [("\f", ())], [("efter", ())]]
