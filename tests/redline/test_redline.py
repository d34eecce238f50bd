"""``redline_case``: the tracked changes say exactly what changed between two versions of a case."""

from __future__ import annotations

from pathlib import Path

import pytest

from docpipe import DELIVERABLES, load_case, redline_case, render_deliverable
from tests.ooxml import audit_folder
from tests.redline.tracked import W, body_root, changes, marked_paragraphs, readings, resolved

WORD = [name for name, deliverable in DELIVERABLES.items() if deliverable.kind == "docx"]


@pytest.fixture(scope="module")
def redlined(case_pair: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """Every Word deliverable of the pair, redlined, by deliverable name."""
    old, new = case_pair
    out = tmp_path_factory.mktemp("redlined")
    written = redline_case(old, new, out)
    return {path.stem: path.read_bytes() for path in written
            if path.suffix == ".docx" and path.name != "aendringer.docx"}


def plain(case: Path, name: str) -> bytes:
    return render_deliverable(load_case(case), DELIVERABLES[name])


def test_every_word_deliverable_is_redlined_and_nothing_else(redlined: dict[str, bytes]) -> None:
    assert sorted(redlined) == sorted(WORD)


@pytest.mark.parametrize("name", WORD)
def test_accepting_every_change_gives_new_and_rejecting_gives_old(
        name: str, redlined: dict[str, bytes], case_pair: tuple[Path, Path]) -> None:
    old, new = case_pair
    assert readings(resolved(redlined[name], accept=True)) == readings(resolved(plain(new, name), accept=True))
    assert readings(resolved(redlined[name], accept=False)) == readings(resolved(plain(old, name), accept=True))


def test_the_kommissorium_changes_are_exactly_the_case_changes(redlined: dict[str, bytes]) -> None:
    found = changes(redlined["kommissorium"])
    assert found == [
        # the new steering-group member: a row in the steering group's table ...
        ("ins", "Kasper Vinther"), ("ins", "Netværkskoordinator"), ("ins", "Sund By Netværket"),
        ("ins", "Medlem af styregruppen og arbejdsgruppen"),
        # ... and his role in the working group's table
        ("ins", "styregruppen og "),
        ("del", "16."), ("ins", "23."),  # the moved milestone
        ("del", "120.000"), ("ins", "150.000"), ("del", "1.100.000"), ("ins", "1.130.000"),  # budget line, total
        # the removed risk, its whole row
        ("del", "Data om trivsel og sundhed er ufuldstændige eller ikke sammenlignelige"), ("del", "3"),
        ("del", "3"), ("del", "Tidlig dialog med Steno Diabetes Center Copenhagen om datagrundlag; huller beskrives "
                              "åbent i udfordringsbilledet"), ("del", "Thomas Brink Nielsen"),
    ]


def test_unchanged_paragraphs_carry_no_marks(redlined: dict[str, bytes]) -> None:
    """The paragraphs with a change: the new row's 4 cells, 1 role, 1 milestone date, 2 amounts and
    the removed row's 5 cells; not one of the other paragraphs."""
    assert marked_paragraphs(redlined["kommissorium"]) == 4 + 1 + 1 + 2 + 5


def test_identical_cases_give_documents_without_a_change(case_pair: tuple[Path, Path], tmp_path: Path) -> None:
    _, new = case_pair
    for path in redline_case(new, new, tmp_path):
        if path.name == "aendringer.docx" or path.suffix == ".xlsx":
            continue
        assert changes(path.read_bytes()) == [] and marked_paragraphs(path.read_bytes()) == 0, path.name


def test_the_same_cases_give_the_same_bytes(case_pair: tuple[Path, Path], tmp_path: Path) -> None:
    old, new = case_pair
    first = [path.read_bytes() for path in redline_case(old, new, tmp_path / "1", deliverables=["kommissorium"])]
    second = [path.read_bytes() for path in redline_case(old, new, tmp_path / "2", deliverables=["kommissorium"])]
    assert first == second


def test_author_and_date_come_from_the_option_or_the_case(case_pair: tuple[Path, Path], tmp_path: Path) -> None:
    old, new = case_pair
    _, default = redline_case(old, new, tmp_path / "a", deliverables=["kommissorium"])  # after aendringer.docx
    _, named = redline_case(old, new, tmp_path / "b", deliverables=["kommissorium"], author="Sekretariatet")
    organisation = load_case(new).organisation
    assert signatures(default) == {(organisation.unit or organisation.name, "2026-11-22T00:00:00Z")}
    assert signatures(named) == {("Sekretariatet", "2026-11-22T00:00:00Z")}


def signatures(path: Path) -> set[tuple[str, str]]:
    """Every (author, date) the document's tracked changes carry."""
    return {(str(mark.get(f"{W}author")), str(mark.get(f"{W}date")))
            for mark in body_root(path.read_bytes()).iter(f"{W}ins", f"{W}del", f"{W}pPrChange")}


def test_redlined_documents_are_schema_clean(case_pair: tuple[Path, Path], tmp_path: Path) -> None:
    old, new = case_pair
    redline_case(old, new, tmp_path)
    checked, errors = audit_folder(tmp_path)
    assert checked == len(WORD) + 3 and not errors, errors  # and aendringer.docx and the two workbooks
