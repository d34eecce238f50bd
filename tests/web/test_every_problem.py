"""Every problem in one run, through the web API (issue 14): the same problems, in Danish, as the
Python API gives for the same case, whether it comes as a zipped folder or an intake workbook."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="docpipe serve needs fastapi (pip install fastapi python-multipart httpx)")
pytest.importorskip("multipart", reason="docpipe serve needs python-multipart")
pytest.importorskip("httpx", reason="FastAPI's TestClient needs httpx")
from fastapi.testclient import TestClient

from docpipe import use_language
from tests.broken_case import FOLDER_PROBLEMS, WORKBOOK_PROBLEMS, broken_folder, broken_workbook
from tests.conftest import problems_of
from tests.web.conftest import zip_folder


def danish_problems(case: Path) -> list[tuple[str, str, str]]:
    """What load_case says about ``case`` in Danish, as the web says it: place, field, message."""
    with use_language("da"):
        return [(problem.location, problem.field, problem.message) for problem in problems_of(case)]


@pytest.mark.parametrize("path", ["/api/validate", "/api/render"])
def test_a_case_folder_gets_every_problem_in_one_answer(client: TestClient, tmp_path: Path, path: str) -> None:
    folder = broken_folder(tmp_path / "sag")
    response = client.post(path, files={"file": ("sag.zip", zip_folder(folder))})
    assert response.status_code == 422, response.text
    problems = response.json()["problems"]
    assert [(p["location"], p["field"]) for p in problems] == [(place, field) for place, field, _ in FOLDER_PROBLEMS]
    expected = danish_problems(folder)
    assert [(p["location"], p["field"], p["message"]) for p in problems] == expected
    assert 'ukendt aktør "direktoer"' in problems[3]["message"]


def test_a_workbook_gets_every_problem_in_one_answer(client: TestClient, tmp_path: Path) -> None:
    workbook = broken_workbook(tmp_path / "sag.xlsx")
    response = client.post("/api/validate", files={"file": ("sag.xlsx", workbook.read_bytes())})
    assert response.status_code == 422, response.text
    problems = response.json()["problems"]
    assert [(p["location"], p["field"]) for p in problems] == [(place, field) for place, field, _ in WORKBOOK_PROBLEMS]
    assert [p["message"] for p in problems] == [message for _, _, message in danish_problems(workbook)]
