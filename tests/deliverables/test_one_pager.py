"""The strategic one-pager: its content read back from the .docx, and that it is one A4 page.

The page count is measured with LibreOffice on the shipped cases and on tests/fixtures/one_pager_max,
the longest case validation lets through; without LibreOffice those tests are skipped, saying why.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from collections.abc import Callable
from functools import cache
from pathlib import Path

import docx
import pytest
from docx.document import Document as DocumentObject
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from docpipe import danish
from docpipe.deliverables import one_pager
from docpipe.deliverables.one_pager_fit import ONE_PAGER_COUNTS, ONE_PAGER_LIMITS
from docpipe.deliverables.registry import DELIVERABLES
from docpipe.errors import DocumentRefused
from docpipe.model import Case
from docpipe.model.load import load_case
from docpipe.render.case import render_deliverable
from tests.conftest import INPUTS, REPO, SHIPPED_CASES, edit_yaml

MAX_CASE = REPO / "tests" / "fixtures" / "one_pager_max"
ONE_PAGER = DELIVERABLES["one-pager"]
HEADINGS = ["Udfordring", "Mål", "Succeskriterier", "Indsatser og leverancer", "Partnere"]


@cache
def _case(folder: Path) -> Case:
    return load_case(folder)


@cache
def _rendered(folder: Path) -> bytes:
    return render_deliverable(_case(folder), ONE_PAGER)


def _document(folder: Path) -> DocumentObject:
    return docx.Document(io.BytesIO(_rendered(folder)))


def _sections(document: DocumentObject) -> list[list[list[Paragraph]]]:
    """The body's paragraphs by section (ended by a paragraph holding a sectPr), each section by page
    column (a column break starts the next)."""
    sections: list[list[list[Paragraph]]] = [[[]]]
    for para in document.paragraphs:
        if para._p.xpath(".//w:br[@w:type='column']"):
            sections[-1].append([])
        sections[-1][-1].append(para)
        p_pr = para._p.pPr
        if p_pr is not None and p_pr.find(qn("w:sectPr")) is not None:
            sections.append([[]])
    return sections


def _in_column(document: DocumentObject, row: int, column: int, style: str | None = None) -> list[str]:
    """The texts in ``column`` (0 left, 1 right) of the ``row``-th two-column section, in ``style``."""
    two_column = [section for section in _sections(document) if len(section) == 2]
    return [p.text for p in two_column[row][column]
            if p.text and (style is None or (p.style is not None and p.style.name == style))]


def _header_text(document: DocumentObject) -> str:
    header = document.sections[0].header
    return "\n".join(cell.text for table in header.tables for row in table.rows for cell in row.cells)


# --- content -----------------------------------------------------------------------------------


@pytest.mark.parametrize("case_name", SHIPPED_CASES)
def test_title_vision_and_headings(case_name: str) -> None:
    folder = INPUTS / case_name
    initiative = _case(folder).initiative
    document = _document(folder)
    titles = [p.text for p in document.paragraphs if p.style is not None and p.style.name == "Title"]
    assert titles == [initiative.title]
    vision_band = [p.text for p in document.paragraphs if p.style is not None and p.style.name.startswith("Vision")]
    assert vision_band == ["VISION", *[line.strip() for line in initiative.vision.splitlines() if line.strip()]]
    headings = [p.text for p in document.paragraphs if p.style is not None and p.style.name == "Heading 1"]
    column_headings = [text for row in (0, 1) for column in (0, 1)
                       for text in _in_column(document, row, column, "Heading 1")]
    assert headings == HEADINGS  # in reading order, all level 1 under the Title
    assert sorted(column_headings) == sorted(set(HEADINGS) - {"Succeskriterier"})
    assert len(document.tables) == 1  # the success criteria; no layout tables


@pytest.mark.parametrize("case_name", SHIPPED_CASES)
def test_challenge_goals_and_deliverables_in_their_columns(case_name: str) -> None:
    folder = INPUTS / case_name
    initiative = _case(folder).initiative
    document = _document(folder)
    challenge = [line.strip() for line in initiative.challenge.splitlines() if line.strip()]
    assert _in_column(document, 0, 0, "Normal") == challenge
    assert _in_column(document, 0, 1, "List Bullet") == list(initiative.goals)
    assert _in_column(document, 1, 0, "List Bullet") == list(initiative.deliverables)


@pytest.mark.parametrize("case_name", SHIPPED_CASES)
def test_success_criteria_table_with_danish_dates(case_name: str) -> None:
    folder = INPUTS / case_name
    criteria = _case(folder).initiative.success_criteria
    table = _document(folder).tables[0]
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    assert rows[0] == ["Succeskriterium", "Målværdi", "Frist"]
    expected = [[c.criterion, c.target, danish.table_date(c.deadline)] for c in criteria]  # "30. jun. 2028"
    assert rows[1:] == expected


@pytest.mark.parametrize("case_name", SHIPPED_CASES)
def test_partners_are_the_distinct_organisations_in_order(case_name: str) -> None:
    folder = INPUTS / case_name
    case = _case(folder)
    listed = _in_column(_document(folder), 1, 1, "Partner")
    assert listed == one_pager.partners(case)
    assert len(listed) == len({actor.organisation for actor in case.actors})
    assert listed[0] == case.actors[0].organisation


def test_partners_keep_first_appearance_order() -> None:
    case = _case(INPUTS / "region-sjaelland-sundhed")
    organisations = [actor.organisation for actor in case.actors]
    partners = one_pager.partners(case)
    assert partners == sorted(set(organisations), key=organisations.index)
    assert partners != sorted(partners)  # the author's order, not the alphabet's


def test_long_partner_names_run_on_in_one_paragraph() -> None:
    document = _document(MAX_CASE)
    listed = _in_column(document, 1, 1, "Partner")
    assert len(listed) == 1
    assert listed[0].split("  ·  ") == one_pager.partners(_case(MAX_CASE))


def test_closing_line_has_date_case_number_and_chair() -> None:
    document = _document(INPUTS / "halsnaes-boern-og-unge")
    footer = document.sections[0].footer.paragraphs[0].text
    assert footer.startswith("22. november 2026  ·  Sagsnr. 26/14872  ·  ")
    assert footer.endswith("Formand for styregruppen: Mikkel Aagaard Frandsen, direktør for Børn, Kultur og Sundhed")


@pytest.mark.parametrize("case_name", SHIPPED_CASES)
def test_header_shows_udkast_only_for_drafts_and_the_logo_when_there_is_one(case_name: str) -> None:
    folder = INPUTS / case_name
    case = _case(folder)
    document = _document(folder)
    header = _header_text(document)
    assert "Strategisk one-pager" in header
    assert case.organisation.name in header
    assert ("UDKAST" in header) == (case.initiative.status == "draft")
    has_picture = bool(document.sections[0].header._element.xpath(".//pic:pic"))
    assert has_picture == (case.logo is not None)


@pytest.mark.parametrize("folder", [*(INPUTS / name for name in SHIPPED_CASES), MAX_CASE],
                         ids=[*SHIPPED_CASES, "one_pager_max"])
def test_no_template_tag_survives(folder: Path) -> None:
    package = zipfile.ZipFile(io.BytesIO(_rendered(folder)))
    for name in package.namelist():
        if name.endswith(".xml"):
            text = package.read(name).decode("utf-8")
            for marker in ("{{", "}}", "{%", "%}"):
                assert marker not in text, f"{name} still holds {marker!r}"


def test_empty_criteria_and_deliverables_say_so(case_copy: Callable[[], Path]) -> None:
    folder = case_copy()

    def empty(data: dict[str, object]) -> None:
        data["success_criteria"] = []
        data["deliverables"] = []

    edit_yaml(folder / "initiative.yaml", empty)
    document = docx.Document(io.BytesIO(render_deliverable(load_case(folder), ONE_PAGER)))
    texts = [p.text for p in document.paragraphs]
    assert "Succeskriterierne fastlægges af styregruppen og tilføjes, når de er godkendt." in texts
    assert not document.tables  # no criteria table
    assert _in_column(document, 1, 0) == ["Indsatser og leverancer",
                                          "Indsatser og leverancer fastlægges i handleplanerne."]


# --- the budgets -------------------------------------------------------------------------------


def test_max_fixture_is_valid_and_at_every_limit() -> None:
    """If the limits change, the fixture must be regrown, or the page test proves nothing."""
    case = _case(MAX_CASE)
    initiative = case.initiative
    assert len(initiative.title) == ONE_PAGER_LIMITS["title"]
    assert len(initiative.vision) == ONE_PAGER_LIMITS["vision"]
    assert len(initiative.challenge) == ONE_PAGER_LIMITS["challenge"]
    assert len(initiative.vision.splitlines()) == ONE_PAGER_COUNTS["vision_paragraphs"]
    assert len(initiative.challenge.splitlines()) == ONE_PAGER_COUNTS["challenge_paragraphs"]
    assert [len(goal) for goal in initiative.goals] == [ONE_PAGER_LIMITS["goal"]] * ONE_PAGER_COUNTS["goals"]
    assert [len(item) for item in initiative.deliverables] == \
        [ONE_PAGER_LIMITS["deliverable"]] * ONE_PAGER_COUNTS["deliverables"]
    criteria = initiative.success_criteria
    assert len(criteria) == ONE_PAGER_COUNTS["success_criteria"]
    assert {len(c.criterion) for c in criteria} == {ONE_PAGER_LIMITS["criterion"]}
    assert {len(c.target) for c in criteria} == {ONE_PAGER_LIMITS["target"]}
    partners = one_pager.partners(case)
    assert len(partners) == ONE_PAGER_COUNTS["partners"]
    assert min(len(name) for name in partners) > one_pager.PARTNER_LINE_CHARS
    assert initiative.status == "draft"  # the UDKAST line: the tallest header


def test_too_many_challenge_paragraphs_refuse_the_one_pager(case_copy: Callable[[], Path]) -> None:
    folder = case_copy()
    limit = ONE_PAGER_COUNTS["challenge_paragraphs"]

    def split(data: dict[str, object]) -> None:
        data["challenge"] = "\n".join(f"Linje {n}." for n in range(limit + 2))

    edit_yaml(folder / "initiative.yaml", split)
    case = load_case(folder)  # the case is valid: only the one-pager cannot hold it
    with pytest.raises(DocumentRefused) as error:
        render_deliverable(case, ONE_PAGER)
    assert f"has {limit + 2} paragraphs" in str(error.value)
    assert "join 2 of them" in str(error.value)


# --- one A4 page -------------------------------------------------------------------------------


def _pages(docx_bytes: bytes, tmp_path: Path) -> int:
    """The page count of the document as LibreOffice lays it out (its own profile: runs may overlap)."""
    soffice = shutil.which("soffice")
    if soffice is None:
        reason = "LibreOffice (soffice) is not installed: cannot count the one-pager's pages"
        print(reason)
        pytest.skip(reason)
    source = tmp_path / "one-pager.docx"
    source.write_bytes(docx_bytes)
    subprocess.run([soffice, f"-env:UserInstallation=file://{tmp_path}/lo-profile", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
                   check=True, capture_output=True, timeout=120)
    pdf = (tmp_path / "one-pager.pdf").read_bytes()
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", str(tmp_path / "one-pager.pdf")], check=True, capture_output=True,
                              text=True, timeout=60).stdout
        return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    return pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages")


@pytest.mark.parametrize("folder", [MAX_CASE, *(INPUTS / name for name in SHIPPED_CASES)],
                         ids=["one_pager_max", *SHIPPED_CASES])
def test_is_exactly_one_page(folder: Path, tmp_path: Path) -> None:
    assert _pages(_rendered(folder), tmp_path) == 1


def test_ten_partners_one_a_line_fit_one_page(tmp_path: Path) -> None:
    """The other partner layout at its limit: ten names just short enough to get a line each."""
    folder = tmp_path / "case"
    shutil.copytree(MAX_CASE, folder)
    width = one_pager.PARTNER_LINE_CHARS

    def rename(data: dict[str, list[dict[str, str]]]) -> None:
        for index, actor in enumerate(data["actors"]):
            suffix = f" nr. {index % ONE_PAGER_COUNTS['partners']}"
            stem = "Forening for børn og unges trivsel i Halsnæs"
            actor["organisation"] = stem[:width - len(suffix)].rstrip() + suffix

    edit_yaml(folder / "actors.yaml", rename)
    case = load_case(folder)
    names = one_pager.partners(case)
    assert len(names) == ONE_PAGER_COUNTS["partners"] and {len(name) for name in names} == {width}
    data = render_deliverable(case, ONE_PAGER)
    listed = _in_column(docx.Document(io.BytesIO(data)), 1, 1, "Partner")
    assert listed == names
    assert _pages(data, tmp_path) == 1
