"""How template messages name a template's parts ("the body", "brødteksten"), in the reader's language."""

from __future__ import annotations

from pathlib import Path

import docx

from docpipe.i18n import use_language
from docpipe.render.check import check_templates
from docpipe.word.parts import part_label

MEMBERS = ("word/document.xml", "word/header2.xml", "word/footer1.xml", "word/footnotes.xml", "docProps/core.xml",
           "word/andet.xml")


def test_part_labels_in_english_and_danish() -> None:
    assert [part_label(member) for member in MEMBERS] == [
        "the body", "the header", "the footer", "the footnotes", "the document properties", "the part word/andet.xml"]
    with use_language("da"):
        assert [part_label(member) for member in MEMBERS] == [
            "brødteksten", "sidehovedet", "sidefoden", "fodnoterne", "dokumentegenskaberne", "delen word/andet.xml"]


def test_a_danish_template_check_names_the_part_in_danish(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("{{ visoin }}")
    document.save(str(tmp_path / "kommissorium.docx"))
    with use_language("da"):
        findings = check_templates(tmp_path)
    assert 'brødteksten bruger "visoin", som kommissorium ikke leverer' in findings[0].message
