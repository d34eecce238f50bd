"""docProps/app.xml says docpipe made the document, the same bytes every time, and no template
thumbnail travels into a rendered document (python-docx's default was "Microsoft Macintosh Word",
Normal.dotm, zero words and a blank picture)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from docx import Document
from lxml import etree

from docpipe import DELIVERABLES, Case, WordTemplate, load_case, render_deliverable
from docpipe.ooxml.app import APP_XML
from tests.conftest import INPUTS

EP = "{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}"
WORD = [name for name, deliverable in DELIVERABLES.items() if deliverable.kind == "docx"]
TEMPLATES = Path(__file__).resolve().parents[2] / "templates" / "docx"


@pytest.fixture(scope="module")
def halsnaes() -> Case:
    return load_case(INPUTS / "halsnaes-boern-og-unge")


def _assert_docpipes_properties(data: bytes) -> None:
    package = zipfile.ZipFile(io.BytesIO(data))
    app = package.read("docProps/app.xml")
    assert app == APP_XML
    root = etree.fromstring(app)
    assert root.findtext(f"{EP}Application") == "docpipe"
    assert root.find(f"{EP}Template") is None and root.find(f"{EP}Words") is None
    assert b"Microsoft" not in app
    assert not [name for name in package.namelist() if "thumbnail" in name]
    assert b"thumbnail" not in package.read("_rels/.rels")
    assert b"thumbnail" not in package.read("[Content_Types].xml")
    assert package.testzip() is None
    Document(io.BytesIO(data))  # python-docx still opens it


@pytest.mark.parametrize("deliverable", WORD)
def test_every_word_deliverable_names_docpipe_and_has_no_thumbnail(halsnaes: Case, deliverable: str) -> None:
    data = render_deliverable(halsnaes, DELIVERABLES[deliverable])
    _assert_docpipes_properties(data)
    assert render_deliverable(halsnaes, DELIVERABLES[deliverable]) == data


def test_a_users_template_gets_the_same(tmp_path: Path) -> None:
    document = Document()
    document.add_paragraph("Hej {{ navn }}")
    document.save(str(tmp_path / "brev.docx"))
    source = zipfile.ZipFile(tmp_path / "brev.docx")
    assert b"Microsoft Macintosh Word" in source.read("docProps/app.xml")  # python-docx's default
    assert "docProps/thumbnail.jpeg" in source.namelist()
    template = WordTemplate(tmp_path / "brev.docx")
    data = template.render({"navn": "Ada"})
    _assert_docpipes_properties(data)
    assert WordTemplate(tmp_path / "brev.docx").render({"navn": "Ada"}) == data
    assert template.render({"navn": "Ada"}, colours={"000000": "00558C"}) != b""
