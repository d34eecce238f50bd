"""Messages in the reader's language: the same problems, at the same lines and fields, in Danish or English."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from docpipe import InvalidCase, load_case
from docpipe.batch import CaseTask, render_task, run_batch
from docpipe.errors import OutputError, TemplateError
from docpipe.i18n import current_language, set_language, use_language
from tests.conftest import INPUTS


def broken_case(root: Path, name: str = "halsnaes") -> Path:
    """The Halsnæs example with an unknown key, a wrong municipality code and an unknown actor."""
    case = root / name
    shutil.copytree(INPUTS / "halsnaes-boern-og-unge", case)
    initiative = case / "initiative.yaml"
    initiative.write_text(initiative.read_text("utf-8").replace("title:", "titel:", 1), "utf-8")
    organisation = case / "organisation.yaml"
    organisation.write_text(organisation.read_text("utf-8").replace('code: "260"', 'code: "261"'), "utf-8")
    planning = case / "planning.yaml"
    planning.write_text(planning.read_text("utf-8").replace("owner: mikkel-frandsen", "owner: direktoer", 1), "utf-8")
    return case


def problems_in(case: Path, language: str) -> list[tuple[str, str, str]]:
    with use_language(language), pytest.raises(InvalidCase) as caught:
        load_case(case)
    return [(problem.location, problem.field, problem.message) for problem in caught.value.problems]


def test_a_case_is_reported_in_danish_and_english_at_the_same_places(tmp_path: Path) -> None:
    case = broken_case(tmp_path)
    danish = problems_in(case, "da")
    english = problems_in(case, "en")
    assert [(location, field) for location, field, _ in danish] == [(location, field) for location, field, _ in english]
    by_field_da = {field: message for _, field, message in danish}
    by_field_en = {field: message for _, field, message in english}

    assert by_field_en["titel"].startswith('"titel" is not a field docpipe knows; did you mean "title"? allowed here: ')
    assert by_field_da["titel"].startswith('"titel" er ikke et felt, docpipe kender; skal det være "title"? '
                                           "Tilladte felter her: title, method, ")
    assert by_field_en["title"] == "is required but missing"
    assert by_field_da["title"] == "er påkrævet, men mangler"
    assert by_field_en["code"] == ('"261" is not an official municipality (kommunekode); Halsnæs Kommune has '
                                   'code "260"')
    assert by_field_da["code"] == ('"261" er ikke en officiel kode for en kommune (kommunekode); Halsnæs Kommune '
                                   'har koden "260"')
    owner = "phases[0].activities[0].owner"
    assert by_field_en[owner].startswith('unknown actor "direktoer"; known actors: ')
    assert by_field_da[owner].startswith('ukendt aktør "direktoer"; kendte aktører: ')
    assert by_field_da[owner].split(": ", 1)[1] == by_field_en[owner].split(": ", 1)[1]  # the same actor ids

    locations = {field: location for location, field, _ in danish}
    assert locations["titel"] == "initiative.yaml:1"
    assert locations["code"] == "organisation.yaml:3"
    assert locations[owner].startswith("planning.yaml:")


def test_the_summary_counts_in_the_language(tmp_path: Path) -> None:
    case = broken_case(tmp_path)
    for language, words in (("da", "4 problemer i inddata"), ("en", "4 problems in the input")):
        with use_language(language), pytest.raises(InvalidCase) as caught:
            load_case(case)
        assert str(caught.value).splitlines()[0] == f"halsnaes: {words}"
    with use_language("da"):
        assert InvalidCase("x", caught.value.problems[:1]).summary().splitlines()[0] == "x: 1 problem i inddata"


def test_other_errors_name_their_subject_in_the_language() -> None:
    with use_language("da"):
        assert str(OutputError("ud/x.docx", "disken er fuld")) == "kan ikke gemme ud/x.docx: disken er fuld"
        assert str(TemplateError("brev.docx", "findes ikke")) == "skabelon brev.docx: findes ikke"
    assert str(OutputError("out/x.docx", "the disk is full")) == "cannot write out/x.docx: the disk is full"


def test_the_default_is_english_and_a_block_restores_it() -> None:
    assert current_language() == "en"
    with use_language("da"):
        assert current_language() == "da"
        with use_language("en"):
            assert current_language() == "en"
        assert current_language() == "da"
    assert current_language() == "en"
    set_language("da")
    assert current_language() == "da"  # the autouse fixture sets English again after the test


def test_an_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError, match="choose one of: da, en"):
        set_language("de")


def test_a_batch_task_speaks_the_language_it_is_given(tmp_path: Path) -> None:
    """Whatever the worker process was set to: the task carries the caller's language."""
    case = broken_case(tmp_path / "cases")
    task = CaseTask(case.name, str(case), str(tmp_path / "out"), None, None, "", None, "da")
    outcome = render_task(task)
    assert outcome.status == "invalid"
    assert any("ukendt aktør" in error for error in outcome.errors)
    assert current_language() == "en"  # the worker's own language is left as it was


def test_batch_workers_speak_the_callers_language(tmp_path: Path) -> None:
    root = tmp_path / "cases"
    broken_case(root, "a")
    broken_case(root, "b")
    with use_language("da"):
        result = run_batch(root, tmp_path / "out", jobs=2)
    assert [outcome.status for outcome in result.outcomes] == ["invalid", "invalid"]
    for outcome in result.outcomes:
        assert any('ukendt aktør "direktoer"' in error for error in outcome.errors), outcome.errors
