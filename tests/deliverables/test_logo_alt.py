"""The logo's alternative text in every Word deliverable: "Logo: <organisation>" unless the
organisation gives its own (``logo_alt``), where a screen reader and Word's Accessibility Checker look
(``wp:docPr/@descr``), and the files still pass openxml-audit."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from openpyxl import load_workbook

from docpipe import DELIVERABLES, Case, load_case, render_deliverable
from docpipe.intake import export_case
from tests.conftest import INPUTS
from tests.ooxml import audit_folder

WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
WORD = [name for name, deliverable in DELIVERABLES.items() if deliverable.kind == "docx"]
OWN_ALT = 'Logo: Halsnæs Kommune – en blå bølge over "Halsnæs"'
CHART_ALT = "Søjlediagram"


@pytest.fixture(scope="module")
def halsnaes() -> Case:
    return load_case(INPUTS / "halsnaes-boern-og-unge")


def _with_alt(case: Case, alt: str | None) -> Case:
    return case.model_copy(update={"organisation": case.organisation.model_copy(update={"logo_alt": alt})})


def _descriptions(data: bytes) -> list[str | None]:
    """The alt texts of the document's pictures but its charts (the statusnotat's has its own, tested there)."""
    package = zipfile.ZipFile(io.BytesIO(data))
    return [doc_pr.get("descr") for name in sorted(package.namelist()) if name.startswith("word/")
            and name.endswith(".xml") for doc_pr in etree.fromstring(package.read(name)).iter(f"{WP}docPr")
            if not str(doc_pr.get("descr")).startswith(CHART_ALT)]


@pytest.mark.parametrize("deliverable", WORD)
def test_the_logo_is_named_by_default(halsnaes: Case, deliverable: str) -> None:
    assert halsnaes.logo is not None and halsnaes.organisation.logo_alt is None
    assert _descriptions(render_deliverable(halsnaes, DELIVERABLES[deliverable])) == ["Logo: Halsnæs Kommune"]


@pytest.mark.parametrize("deliverable", WORD)
def test_the_organisations_own_alt_text_is_used(halsnaes: Case, deliverable: str) -> None:
    data = render_deliverable(_with_alt(halsnaes, OWN_ALT), DELIVERABLES[deliverable])
    assert _descriptions(data) == [OWN_ALT]


def test_an_empty_alt_text_falls_back_to_the_name(halsnaes: Case) -> None:
    data = render_deliverable(_with_alt(halsnaes, ""), DELIVERABLES["kommissorium"])
    assert _descriptions(data) == ["Logo: Halsnæs Kommune"]


def test_documents_with_alt_text_pass_openxml_audit(halsnaes: Case, tmp_path: Path) -> None:
    case = _with_alt(halsnaes, OWN_ALT)
    for name in WORD:
        (tmp_path / f"{name}.docx").write_bytes(render_deliverable(case, DELIVERABLES[name]))
    checked, errors = audit_folder(tmp_path)
    assert checked == len(WORD)
    assert errors == []


def test_the_intake_workbook_carries_the_alt_text(halsnaes: Case, tmp_path: Path) -> None:
    workbook = tmp_path / "halsnaes.xlsx"
    export_case(_with_alt(halsnaes, OWN_ALT), workbook)
    sheet = load_workbook(workbook)["Organisation"]
    labels = {row[0].value: row[1].value for row in sheet.iter_rows(min_row=3)}
    assert labels["Logoets alternative tekst"] == OWN_ALT
    assert load_case(workbook).organisation.logo_alt == OWN_ALT
