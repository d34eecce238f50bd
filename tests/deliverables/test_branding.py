"""Branding: the organisation's primary colour in place of the house colours in every deliverable.

Halsnæs (``primary_colour: "#00558C"``) against a copy of it without a colour and one with a colour
too light for white text (``#FFEE88``).
"""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree
from openpyxl import load_workbook

from docpipe import DELIVERABLES, Case, load_case, render_case, render_deliverable
from docpipe.render.branding import (
    HOUSE_ACCENT,
    HOUSE_BAND_FILL,
    HOUSE_LIGHT_FILL,
    HOUSE_LIGHT_LABEL,
    MIN_CONTRAST,
    colours_for,
    contrast,
    house_colours,
    mix,
)
from docpipe.render.case import properties
from docpipe.render.docx import compiled_template, render_docx
from docpipe.render.locate import find_template
from docpipe.render.xlsx import render_xlsx
from tests.conftest import INPUTS, edit_yaml
from tests.ooxml import audit_folder

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
WORD = [name for name, deliverable in DELIVERABLES.items() if deliverable.kind == "docx"]
EXCEL = [name for name, deliverable in DELIVERABLES.items() if deliverable.kind == "xlsx"]
HALSNAES = "halsnaes-boern-og-unge"
# deliverables whose every table is a house table (header row in the accent, fills light)
HOUSE_TABLES = ("kommissorium", "forretningsorden", "implementeringsplan", "one-pager")
# Findings that also fire on untouched library output (as in test_outputs_open.py).


@pytest.fixture(scope="module")
def halsnaes() -> Case:
    return load_case(INPUTS / HALSNAES)


def _with_colour(tmp_path_factory: pytest.TempPathFactory, colour: str | None) -> Case:
    folder = tmp_path_factory.mktemp("case") / HALSNAES
    shutil.copytree(INPUTS / HALSNAES, folder)

    def change(data: dict[str, Any]) -> None:
        data.pop("primary_colour", None)
        if colour is not None:
            data["primary_colour"] = colour

    edit_yaml(folder / "organisation.yaml", change)
    return load_case(folder)


@pytest.fixture(scope="module")
def uncoloured(tmp_path_factory: pytest.TempPathFactory) -> Case:
    return _with_colour(tmp_path_factory, None)


@pytest.fixture(scope="module")
def pale(tmp_path_factory: pytest.TempPathFactory) -> Case:
    return _with_colour(tmp_path_factory, "#FFEE88")


def xml_parts(data: bytes) -> dict[str, str]:
    package = zipfile.ZipFile(io.BytesIO(data))
    return {name: package.read(name).decode("utf-8") for name in package.namelist() if name.endswith(".xml")}


def style_colour(styles_xml: str, style_id: str) -> str | None:
    root = etree.fromstring(styles_xml.encode())
    for style in root.iter(f"{W}style"):
        if style.get(f"{W}styleId") == style_id:
            colour = style.find(f"{W}rPr/{W}color")
            return None if colour is None else colour.get(f"{W}val")
    raise AssertionError(f"no style {style_id}")


def header_cell_fills(document_xml: str) -> list[str]:
    """The fills of the cells of every repeated table header row."""
    root = etree.fromstring(document_xml.encode())
    return [str(shading.get(f"{W}fill")) for row in root.iter(f"{W}tr") if row.find(f"{W}trPr/{W}tblHeader") is not None
            for shading in row.iter(f"{W}shd")]


def fills(document_xml: str) -> set[str]:
    return set(re.findall(r'w:fill="([0-9A-Fa-f]{6})"', document_xml))


# --- the colour rules ----------------------------------------------------------------------------

def test_the_mapping_of_a_dark_colour_keeps_it_and_tints_it(halsnaes: Case, uncoloured: Case) -> None:
    assert colours_for(halsnaes.organisation) == {HOUSE_ACCENT: "00558C", HOUSE_LIGHT_FILL: "E0EBF1",
                                                  HOUSE_BAND_FILL: "CCDDE8", HOUSE_LIGHT_LABEL: "BFD5E2"}
    assert colours_for(uncoloured.organisation) == {}
    assert mix("00558C", "FFFFFF", 0.88) == "E0EBF1"


@pytest.mark.parametrize("colour", ["#FFEE88", "#FFFFFF", "#3399FF", "#C00000", "#00558C", "#000000", "#FFFF00"])
def test_the_accent_is_always_readable(colour: str) -> None:
    """White header text on the accent, headings in the accent on white and accent text on the light
    and band fills all reach WCAG AA (4.5:1); the colour is darkened only when it must be."""
    mapping = house_colours(colour)
    accent = mapping[HOUSE_ACCENT]
    backgrounds = ("FFFFFF", mapping[HOUSE_LIGHT_FILL], mapping[HOUSE_BAND_FILL])
    assert all(contrast(accent, background) >= MIN_CONTRAST for background in backgrounds)
    if all(contrast(colour[1:], background) >= MIN_CONTRAST for background in backgrounds):
        assert accent == colour[1:]
    else:  # as little darker as needed: one step (1% black) less would not do
        lighter = mix(colour[1:], "000000", _black_share(colour[1:], accent) - 0.01)
        assert not all(contrast(lighter, background) >= MIN_CONTRAST for background in backgrounds)


@given(st.integers(min_value=0, max_value=0xFFFFFF))
def test_every_text_on_every_fill_reaches_wcag_aa_for_any_colour(value: int) -> None:
    """Wherever the organisation's colour becomes a text colour or a fill behind text, the pair reaches
    4.5:1: accent headings on white, white on the accent (header cells, the one-pager's vision band),
    accent text on the light and band fills, the light "VISION" label on the accent."""
    mapping = house_colours(f"{value:06X}")
    accent, light, band, label = (mapping[key] for key in (HOUSE_ACCENT, HOUSE_LIGHT_FILL, HOUSE_BAND_FILL,
                                                           HOUSE_LIGHT_LABEL))
    pairs = [(accent, "FFFFFF"), ("FFFFFF", accent), (accent, light), (accent, band), (label, accent)]
    assert all(contrast(text, fill) >= MIN_CONTRAST for text, fill in pairs), (mapping, pairs)


def _black_share(colour: str, darker: str) -> float:
    return next(step / 100 for step in range(101) if mix(colour, "000000", step / 100) == darker)


# --- Word ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("deliverable", WORD)
def test_word_headings_and_header_cells_take_the_colour(halsnaes: Case, deliverable: str) -> None:
    parts = xml_parts(render_deliverable(halsnaes, DELIVERABLES[deliverable]))
    styles, body = parts["word/styles.xml"], parts["word/document.xml"]
    for style_id in ("Title", "Heading1", "Heading2"):
        assert style_colour(styles, style_id) == "00558C"
    assert style_colour(styles, "TableHeading") == "FFFFFF"  # header text stays white
    header_fills = header_cell_fills(body)
    assert set(header_fills) <= {"00558C"}
    if deliverable in HOUSE_TABLES:
        assert header_fills and fills(body) <= {"00558C", "E0EBF1"}
    for name, text in parts.items():
        if "/theme/" not in name:
            assert HOUSE_ACCENT not in text.upper() and HOUSE_LIGHT_FILL not in text.upper(), name


def test_word_fact_labels_and_totals_take_the_light_tint(halsnaes: Case) -> None:
    body = xml_parts(render_deliverable(halsnaes, DELIVERABLES["kommissorium"]))["word/document.xml"]
    assert body.count('w:fill="E0EBF1"') >= 5  # the case facts' labels and the budget total
    assert 'w:fill="EEF2F7"' not in body


def _plain_render(case: Case, name: str) -> bytes:
    """The deliverable through the same renderers, without any colours."""
    deliverable = DELIVERABLES[name]
    template = find_template(deliverable.template_name, deliverable.kind, None, case.template_dirs)
    document_properties = properties(case, deliverable.document_kind)
    if deliverable.kind == "docx":
        assert deliverable.build_context is not None
        return render_docx(template, deliverable.build_context(case), document_properties)
    assert deliverable.fill is not None
    return render_xlsx(template, deliverable.fill, case, document_properties)


@pytest.mark.parametrize("deliverable", list(DELIVERABLES))
def test_without_a_colour_the_house_colours_stay_byte_for_byte(uncoloured: Case, deliverable: str) -> None:
    data = render_deliverable(uncoloured, DELIVERABLES[deliverable])
    assert data == _plain_render(uncoloured, deliverable)
    parts = xml_parts(data)
    styles = parts.get("word/styles.xml") or parts["xl/styles.xml"]
    assert HOUSE_ACCENT in styles


def test_a_pale_colour_is_darkened_until_white_text_on_it_is_readable(pale: Case) -> None:
    parts = xml_parts(render_deliverable(pale, DELIVERABLES["kommissorium"]))
    header_fills = set(header_cell_fills(parts["word/document.xml"]))
    assert len(header_fills) == 1
    (fill,) = header_fills
    assert fill != "FFEE88" and contrast(fill, "FFFFFF") >= MIN_CONTRAST
    assert style_colour(parts["word/styles.xml"], "TableHeading") == "FFFFFF"
    assert style_colour(parts["word/styles.xml"], "Heading1") == fill  # headings on white: readable too
    light = house_colours("#FFEE88")[HOUSE_LIGHT_FILL]
    assert f'w:fill="{light}"' in parts["word/document.xml"]


def test_the_template_reuses_the_static_parts_of_a_colour(halsnaes: Case) -> None:
    deliverable = DELIVERABLES["kommissorium"]
    template = compiled_template(find_template(deliverable.template_name, "docx"))
    render_deliverable(halsnaes, deliverable)
    before = template.colour_cache_info()
    render_deliverable(halsnaes, deliverable)
    after = template.colour_cache_info()
    assert (after.hits, after.misses) == (before.hits + 1, before.misses)


# --- Excel -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("deliverable", EXCEL)
def test_excel_header_fill_takes_the_colour(halsnaes: Case, deliverable: str) -> None:
    data = render_deliverable(halsnaes, DELIVERABLES[deliverable])
    header = load_workbook(io.BytesIO(data)).worksheets[0]["A1"]
    # openpyxl writes ARGB with alpha 00 (the template's "001F3A5F"); the alpha byte is kept
    assert header.fill.fgColor.rgb == "0000558C"
    assert header.font.color.rgb == "00FFFFFF" and header.font.bold
    styles = xml_parts(data)["xl/styles.xml"]
    assert 'rgb="00E0EBF1"' in styles and 'rgb="00CCDDE8"' in styles
    outside_status_colours = re.sub(r"<dxfs\b.*?</dxfs>", "", styles, flags=re.DOTALL)
    assert HOUSE_ACCENT not in outside_status_colours and HOUSE_LIGHT_FILL not in outside_status_colours


def test_excel_status_and_bar_colours_are_not_rebranded(halsnaes: Case, uncoloured: Case) -> None:
    plan = DELIVERABLES["implementeringsplan-xlsx"]
    branded = xml_parts(render_deliverable(halsnaes, plan))["xl/styles.xml"]
    plain = xml_parts(render_deliverable(uncoloured, plan))["xl/styles.xml"]

    def status_colours(styles: str) -> str:
        found = re.search(r"<dxfs\b.*?</dxfs>", styles, re.DOTALL)
        assert found is not None
        return found.group(0)

    assert status_colours(branded) == status_colours(plain)  # "I gang" keeps its blue text
    for bar in ("9DC3E6", "2E75B6", "70AD47", "C00000"):
        assert f'<fgColor rgb="00{bar}"/>' in branded


def test_excel_pale_colour_keeps_header_text_readable(pale: Case) -> None:
    data = render_deliverable(pale, DELIVERABLES["aktoeroverblik"])
    header = load_workbook(io.BytesIO(data)).worksheets[0]["A1"]
    fill = header.fill.fgColor.rgb[2:]
    assert fill == house_colours("#FFEE88")[HOUSE_ACCENT]
    assert contrast(fill, header.font.color.rgb[2:]) >= MIN_CONTRAST


# --- a real reader's view --------------------------------------------------------------------------

@pytest.mark.parametrize("case_fixture", ["halsnaes", "pale"])
def test_branded_outputs_are_schema_valid(case_fixture: str, request: pytest.FixtureRequest,
                                          tmp_path: Path) -> None:
    case: Case = request.getfixturevalue(case_fixture)
    written = render_case(case, tmp_path)
    checked, errors = audit_folder(tmp_path)
    assert checked == len(written)
    assert errors == []

