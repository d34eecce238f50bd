"""Every deliverable of every shipped case against its reviewed golden form in tests/golden/.

Regenerate with ``pytest tests/deliverables/test_golden.py --update-golden`` and read the diff.
"""

from __future__ import annotations

import io
import zipfile
from functools import cache

import docx
import pytest
from openpyxl import load_workbook

from docpipe import DELIVERABLES, Case, load_case, render_deliverable
from tests.conftest import INPUTS, REPO, SHIPPED_CASES
from tests.golden_tools import canonical_docx, canonical_xlsx

GOLDEN = REPO / "tests" / "golden"
PAIRS = [(case, name) for case in SHIPPED_CASES for name, deliverable in DELIVERABLES.items()
         if deliverable.applies_to(load_case(INPUTS / case))]


@cache
def _case(name: str) -> Case:
    return load_case(INPUTS / name)


@cache
def _rendered(case_name: str, deliverable: str) -> bytes:
    return render_deliverable(_case(case_name), DELIVERABLES[deliverable])


def _canonical(deliverable: str, data: bytes) -> dict[str, str]:
    if DELIVERABLES[deliverable].kind == "docx":
        return canonical_docx(data)
    return canonical_xlsx(data)


@pytest.mark.parametrize(("case_name", "deliverable"), PAIRS)
def test_matches_golden(case_name: str, deliverable: str, update_golden: bool) -> None:
    folder = GOLDEN / case_name / DELIVERABLES[deliverable].file_name
    parts = _canonical(deliverable, _rendered(case_name, deliverable))
    if update_golden:
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.iterdir():
            old.unlink()
        for name, text in parts.items():
            (folder / name).write_text(text, "utf-8")
        return
    assert folder.is_dir(), f"no golden files for {case_name}/{deliverable}; run pytest with --update-golden"
    expected = {path.name: path.read_text("utf-8") for path in sorted(folder.iterdir())}
    assert sorted(parts) == sorted(expected)
    for name, text in parts.items():
        assert text == expected[name], f"{case_name}/{deliverable}/{name} differs from the golden file"


@pytest.mark.parametrize(("case_name", "deliverable"), PAIRS)
def test_same_input_gives_same_bytes(case_name: str, deliverable: str) -> None:
    again = render_deliverable(load_case(INPUTS / case_name), DELIVERABLES[deliverable])
    assert again == _rendered(case_name, deliverable)


@pytest.mark.parametrize(("case_name", "deliverable"), PAIRS)
def test_reopens_and_no_tag_survives(case_name: str, deliverable: str) -> None:
    data = _rendered(case_name, deliverable)
    package = zipfile.ZipFile(io.BytesIO(data))
    assert package.testzip() is None
    assert all(info.date_time == (1980, 1, 1, 0, 0, 0) for info in package.infolist())
    for name in package.namelist():
        if name.endswith(".xml"):
            text = package.read(name).decode("utf-8")
            for marker in ("{{", "}}", "{%", "%}", "{#"):
                assert marker not in text, f"{name} still holds {marker!r}"
    if DELIVERABLES[deliverable].kind == "docx":
        document = docx.Document(io.BytesIO(data))
        assert document.core_properties.author == _case(case_name).organisation.name
        assert document.core_properties.language == "da-DK"
    else:
        load_workbook(io.BytesIO(data))


def test_golden_folder_has_no_strays() -> None:
    """A golden folder for a case or deliverable that no longer exists must be removed (tests/golden/redline
    belongs to tests/redline/test_golden_pairs.py)."""
    expected = {f"{case}/{DELIVERABLES[name].file_name}" for case, name in PAIRS}
    present = {f"{case.name}/{folder.name}" for case in GOLDEN.iterdir() if case.is_dir() and case.name != "redline"
               for folder in case.iterdir() if folder.is_dir()} if GOLDEN.is_dir() else set()
    assert present <= expected, f"stray golden folders: {sorted(present - expected)}"

