"""Each accessibility rule fires on a document that breaks it, naming the place; a clean document passes."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx.enum.text import WD_COLOR_INDEX
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import RGBColor
from openpyxl.drawing.image import Image as SheetImage

from docpipe.accessibility import Finding, Severity, check_file
from docpipe.cli import main
from tests.accessibility.broken import (
    clean_document,
    clean_workbook,
    coloured_run,
    png,
    save,
    white_on_yellow,
    without_language,
)


def rules(findings: list[Finding], *only: str) -> list[tuple[str, str]]:
    """The errors as (rule, place), of the rules ``only`` when given."""
    return [(finding.rule, finding.place) for finding in findings
            if finding.is_error and (not only or finding.rule in only)]


def test_a_clean_word_document_passes(tmp_path: Path) -> None:
    assert check_file(save(clean_document(), tmp_path / "ok.docx")) == []


def test_a_picture_without_alt_text(tmp_path: Path) -> None:
    document = clean_document()
    document.add_paragraph("Før billedet.")
    document.add_picture(png())
    found = rules(check_file(save(document, tmp_path / "picture.docx")))
    assert found == [("alt-text", "word/document.xml, paragraph 4")]


def test_a_picture_with_alt_text_or_marked_decorative_passes(tmp_path: Path) -> None:
    document = clean_document()
    described = document.add_picture(png())
    described._inline.docPr.set("descr", "Logo: Halsnæs Kommune")
    decorative = document.add_picture(png())
    properties = decorative._inline.docPr
    extensions = properties.makeelement("{http://schemas.openxmlformats.org/drawingml/2006/main}extLst", {})
    extension = extensions.makeelement("{http://schemas.openxmlformats.org/drawingml/2006/main}ext",
                                       {"uri": "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"})
    mark = extension.makeelement("{http://schemas.microsoft.com/office/drawing/2017/decorative}decorative",
                                 {"val": "1"})
    extension.append(mark)
    extensions.append(extension)
    properties.append(extensions)
    assert rules(check_file(save(document, tmp_path / "pictures.docx"))) == []


def test_headings_that_do_not_start_at_1_or_skip_a_level(tmp_path: Path) -> None:
    document = clean_document()
    document.add_heading("Spring", level=3)
    found = [finding for finding in check_file(save(document, tmp_path / "skip.docx"))
             if finding.rule == "heading-order"]
    assert rules(found) == [("heading-order", 'word/document.xml, paragraph 3 ("Spring")')]
    assert "level 3 follows one of level 1" in found[0].message

    first = clean_document()
    first.paragraphs[0].style = first.styles["Heading 2"]
    assert rules(check_file(save(first, tmp_path / "first.docx")), "heading-order") == [(
        "heading-order", 'word/document.xml, paragraph 1 ("Formål")')]


def test_a_data_table_without_a_repeating_header_row(tmp_path: Path) -> None:
    document = clean_document()
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(1, 0).text = "Navn", "Anne"
    assert rules(check_file(save(document, tmp_path / "table.docx"))) == [
        ("table-header", "word/document.xml, table 2, row 1, cell 1")]


def test_a_key_value_table_with_row_headers_needs_no_header_row(tmp_path: Path) -> None:
    document = clean_document()
    heading_style = document.styles.add_style("Table Heading", 1)
    table = document.add_table(rows=2, cols=2)
    for row, (label, value) in enumerate((("Sagsnr.", "26/1"), ("Dato", "1. maj"))):
        table.cell(row, 0).text, table.cell(row, 1).text = label, value
        table.cell(row, 0).paragraphs[0].style = heading_style
    assert rules(check_file(save(document, tmp_path / "facts.docx"))) == []


def test_blank_rows_and_empty_merged_cells_used_for_spacing(tmp_path: Path) -> None:
    document = clean_document()
    table = document.tables[0]
    table.add_row()  # type: ignore[no-untyped-call]  # row 4: blank
    row = table.add_row()  # type: ignore[no-untyped-call]  # row 5: text beside a blank cell
    row.cells[0].text = "Carl"
    spacer = table.add_row()  # type: ignore[no-untyped-call]
    spacer.cells[0].merge(spacer.cells[1])  # row 6: one empty merged cell
    found = check_file(save(document, tmp_path / "spacing.docx"))
    assert rules(found) == [("spacing-cells", "word/document.xml, table 1, row 4, cell 1"),
                            ("spacing-cells", "word/document.xml, table 1, row 6, cell 1")]


def test_a_merged_cell_with_text_is_a_warning(tmp_path: Path) -> None:
    document = clean_document()
    row = document.tables[0].add_row()  # type: ignore[no-untyped-call]
    merged = row.cells[0].merge(row.cells[1])
    merged.text = "I alt"
    found = check_file(save(document, tmp_path / "merged.docx"))
    assert [(finding.rule, finding.severity) for finding in found] == [("spacing-cells", Severity.WARNING)]


def test_no_title_and_no_language(tmp_path: Path) -> None:
    document = clean_document()
    document.core_properties.title = ""
    found = rules(check_file(without_language(save(document, tmp_path / "bare.docx"))))
    assert found == [("title", "docProps/core.xml"), ("language", "word/styles.xml")]


def test_text_contrast_against_white_and_against_a_cell_fill(tmp_path: Path) -> None:
    document = clean_document()
    coloured_run(document, "Lys grå", "AAAAAA", 11)  # 2.3:1
    coloured_run(document, "Stor og lidt lys", "8A8A8A", 18)  # 3.4:1: enough for large text
    coloured_run(document, "Lille og lidt lys", "8A8A8A", 11)  # 3.4:1: too little for body text
    cell = document.tables[0].cell(1, 1)
    shading = cell._tc.get_or_add_tcPr().makeelement(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}shd",
        {"{http://schemas.openxmlformats.org/wordprocessingml/2006/main}fill": "FFFF00"})
    cell._tc.get_or_add_tcPr().append(shading)
    cell.paragraphs[0].runs[0].font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
    found = [finding for finding in check_file(save(document, tmp_path / "contrast.docx"))
             if finding.rule == "contrast"]
    assert [finding.place for finding in found] == [
        "word/document.xml, table 1, row 2, cell 2", 'word/document.xml, paragraph 3 ("Lys grå")',
        'word/document.xml, paragraph 5 ("Lille og lidt lys")']
    assert "#FFFFFF on #FFFF00" in found[0].message and "4.5:1" in found[0].message


def test_a_picture_with_a_placeholder_or_a_file_name_for_alt_text(tmp_path: Path) -> None:
    document = clean_document()
    for text in ("Billede", "logo.png"):
        document.add_picture(png())._inline.docPr.set("descr", text)
    assert rules(check_file(save(document, tmp_path / "placeholders.docx"))) == [
        ("alt-text", "word/document.xml, paragraph 3"), ("alt-text", "word/document.xml, paragraph 4")]


def test_contrast_of_a_highlight_and_of_a_table_styles_header_row(tmp_path: Path) -> None:
    """White text on a yellow highlight; a table style whose header row is white on a light fill
    (the formatting comes from the style's first-row part, not from the cells)."""
    document = clean_document()
    run = document.add_paragraph().add_run("Markeret")
    run.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
    run.font.highlight_color = WD_COLOR_INDEX.YELLOW
    style = document.styles.add_style("Lys tabel", 3)  # WD_STYLE_TYPE.TABLE
    style.element.append(parse_xml(
        f'<w:tblStylePr {nsdecls("w")} w:type="firstRow"><w:rPr><w:color w:val="FFFFFF"/></w:rPr>'
        '<w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="9DC3E6"/></w:tcPr></w:tblStylePr>'))
    document.tables[0].style = style
    found = [finding for finding in check_file(save(document, tmp_path / "styled.docx")) if finding.rule == "contrast"]
    assert [finding.place for finding in found] == [
        "word/document.xml, table 1, row 1, cell 1", "word/document.xml, table 1, row 1, cell 2",
        'word/document.xml, paragraph 3 ("Markeret")']
    assert "#FFFFFF on #9DC3E6" in found[0].message and "#FFFFFF on #FFFF00" in found[2].message


def test_a_clean_workbook_passes(tmp_path: Path) -> None:
    path = tmp_path / "ok.xlsx"
    clean_workbook().save(path)
    assert check_file(path) == []


def test_a_workbook_breaking_every_rule(tmp_path: Path) -> None:
    workbook = clean_workbook(name="Ark1", frozen=False, print_titles=False, title=None, language=None)
    sheet = workbook.active
    white_on_yellow(workbook)
    sheet.add_image(SheetImage(png()), "D4")  # openpyxl's alternative text: "Picture", a placeholder
    path = tmp_path / "bad.xlsx"
    workbook.save(path)
    assert rules(check_file(path)) == [
        ("title", "docProps/core.xml"), ("language", "docProps/core.xml"), ("sheet-name", "Ark1"),
        ("freeze-header", "Ark1"), ("print-titles", "Ark1"), ("alt-text", "Ark1!D4"), ("contrast", "Ark1!B2")]


def test_a_pdf_without_pdfua_says_what_to_install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pdfua", None)
    path = tmp_path / "plain.pdf"
    path.write_bytes(b"%PDF-1.4\n")
    found = check_file(path)
    assert [finding.rule for finding in found] == ["pdfua"] and "docpipe[pdf-check]" in found[0].message


def test_an_untagged_pdf_fails_with_its_page(tmp_path: Path) -> None:
    pikepdf = pytest.importorskip("pikepdf", reason="pdfua and pikepdf are not installed")
    pytest.importorskip("pdfua", reason="pdfua is not installed: pip install 'docpipe[pdf-check]'")
    pdf = pikepdf.new()
    pdf.add_blank_page()
    page = pdf.pages[0]
    page.Contents = pdf.make_stream(b"BT /F1 12 Tf 72 720 Td (Hej) Tj ET")
    path = tmp_path / "untagged.pdf"
    pdf.save(path)
    found = rules(check_file(path))
    assert ("UA-01-005", "") in found  # no structure tree: a finding about the whole document


def test_a_pdf_finding_names_its_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pdfua = pytest.importorskip("pdfua", reason="pdfua is not installed: pip install 'docpipe[pdf-check]'")
    finding = pdfua.Finding("UA-01-003", pdfua.Severity.ERROR, "Content is neither tagged nor marked",
                            pdfua.Location(page=3))
    report = pdfua.Report("x.pdf", (pdfua.model.RuleOutcome("UA-01-003", (finding,)),))
    monkeypatch.setattr(pdfua, "validate", lambda path: report)
    path = tmp_path / "calc.pdf"
    path.write_bytes(b"%PDF-1.7\n")
    assert [str(finding) for finding in check_file(path)] == [
        f"{path}: page 3: Content is neither tagged nor marked [UA-01-003]"]


def test_a_file_of_another_kind_or_missing(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("x")
    (tmp_path / "fake.docx").write_text("not a zip")
    assert [finding.rule for name in ("notes.txt", "fake.docx", "gone.xlsx")
            for finding in check_file(tmp_path / name)] == ["document"] * 3


def test_the_command_names_the_place_in_danish_and_exits_1(tmp_path: Path) -> None:
    document = clean_document()
    document.add_heading("Spring", level=3)
    path = save(document, tmp_path / "skip.docx")
    result = CliRunner().invoke(main, ["--lang", "da", "check", str(path)])
    assert result.exit_code == 1
    assert 'word/document.xml, afsnit 3 ("Spring"): en overskrift på niveau 3' in result.stderr
    assert "fejl" in result.stderr


def test_the_command_passes_a_clean_document(tmp_path: Path) -> None:
    path = save(clean_document(), tmp_path / "ok.docx")
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 0, result.stderr
    assert "no accessibility error" in result.stdout


def test_the_command_checks_the_documents_in_a_folder(tmp_path: Path) -> None:
    save(clean_document(), tmp_path / "ok.docx")
    (tmp_path / "sub").mkdir()
    clean_workbook(name="Ark1").save(tmp_path / "sub" / "plan.xlsx")
    (tmp_path / "~$ok.docx").write_bytes(b"Word's lock file")
    (tmp_path / "notes.txt").write_text("not a document")
    result = CliRunner().invoke(main, ["check", str(tmp_path)])
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == f"error: {tmp_path / 'sub' / 'plan.xlsx'}: Ark1: the sheet's name " \
                                            '"Ark1" does not say what it holds [sheet-name]'
    empty = tmp_path / "empty"
    empty.mkdir()
    result = CliRunner().invoke(main, ["check", str(empty)])
    assert result.exit_code == 1 and "no Word, Excel or PDF file to check" in result.stderr
