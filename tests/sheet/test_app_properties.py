"""Workbooks say docpipe made them, in language and title too: docProps/app.xml is docpipe's, not
openpyxl's ("Microsoft Excel Compatible / Openpyxl 3.1.5", which changed with every openpyxl
upgrade), and docProps/core.xml carries the title and ``da-DK``."""

from __future__ import annotations

import io
import zipfile

import pytest
from openpyxl import load_workbook

from docpipe import DELIVERABLES, Case, load_case, render_deliverable
from docpipe.api import workbook_bytes
from docpipe.ooxml.app import APP_XML
from tests.conftest import INPUTS

EXCEL = [name for name, deliverable in DELIVERABLES.items() if deliverable.kind == "xlsx"]


@pytest.fixture(scope="module")
def halsnaes() -> Case:
    return load_case(INPUTS / "halsnaes-boern-og-unge")


def _assert_docpipes_properties(data: bytes, title: str) -> None:
    package = zipfile.ZipFile(io.BytesIO(data))
    assert package.read("docProps/app.xml") == APP_XML
    assert not [name for name in package.namelist() if "thumbnail" in name]
    properties = load_workbook(io.BytesIO(data)).properties
    assert properties.title == title
    assert properties.language == "da-DK"


@pytest.mark.parametrize("deliverable", EXCEL)
def test_every_workbook_deliverable_names_docpipe_with_title_and_language(halsnaes: Case, deliverable: str) -> None:
    data = render_deliverable(halsnaes, DELIVERABLES[deliverable])
    kind = {"implementeringsplan-xlsx": "Implementeringsplan", "aktoeroverblik": "Aktøroverblik",
            "aktoeroverblik-offentlig": "Aktøroverblik"}[deliverable]
    _assert_docpipes_properties(data, f"{kind}: {halsnaes.initiative.title}")
    assert render_deliverable(halsnaes, DELIVERABLES[deliverable]) == data


def test_the_intake_workbook_names_docpipe(halsnaes: Case) -> None:
    _assert_docpipes_properties(workbook_bytes(None), "docpipe indtastning")
    _assert_docpipes_properties(workbook_bytes(halsnaes), f"Indtastning: {halsnaes.initiative.title}")
