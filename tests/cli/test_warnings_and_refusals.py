"""What each face does with a document its own limits refuse, and with warnings about facts that look wrong.

The command line (validate, validate --strict, render, batch), the Python API and the web API and page
must agree: a one-pager over its budget is one failed document of a valid case (exit 1, the others
written, the summary naming it), and a warning never fails anything unless --strict says so.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from docpipe import case_warnings, load_case, render_cases
from docpipe.cli import main
from docpipe.deliverables.registry import select
from tests.conftest import edit_yaml

CaseCopy = Callable[..., Path]
OTHERS = sorted(d.file_name for d in select(None) if d.name != "one-pager")


def run(*args: str | Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, [str(arg) for arg in args])
    return result.exit_code, result.stdout, result.stderr


def long_vision(case_dir: Path) -> Path:
    edit_yaml(case_dir / "initiative.yaml", lambda d: d.update(vision="v" * 340))
    return case_dir


def calm(case_dir: Path) -> Path:
    """No fact warnings: the committee meets before the plan starts, nothing marked begun too early."""
    edit_yaml(case_dir / "initiative.yaml", lambda d: d["committee"].update(meeting_date=dt.date(2026, 9, 29)))
    edit_yaml(case_dir / "planning.yaml", _plan_only)
    return case_dir


# --- docpipe validate ------------------------------------------------------------------------------


def test_validate_shows_warnings_and_exits_0(case_copy: CaseCopy) -> None:
    case_dir = long_vision(case_copy())
    code, out, err = run("validate", case_dir)
    assert code == 0
    assert f"{case_dir}: valid" in out
    assert f"{case_dir}: 2 warnings" in err
    line = next(n for n, text in enumerate((case_dir / "initiative.yaml").read_text("utf-8").splitlines(), 1)
                if text.startswith("vision:"))
    assert (f"  one-pager: initiative.yaml:{line} vision: is 340 characters; the one-pager has room for 300: cut 40 "
            "characters") in err
    assert "  planning.yaml:4 phases[0].start: the initiative starts 2026-10-01" in err
    assert err.index("initiative.yaml") < err.index("planning.yaml")  # file and line order


def test_validate_strict_makes_warnings_errors(case_copy: CaseCopy) -> None:
    case_dir = case_copy()
    code, _, err = run("validate", "--strict", case_dir)
    assert code == 1 and "1 warning, an error with --strict" in err


def test_validate_strict_passes_a_case_without_warnings(case_copy: CaseCopy) -> None:
    code, out, err = run("validate", "--strict", calm(case_copy()))
    assert code == 0 and "valid" in out and "warning" not in err


def test_validate_in_danish(case_copy: CaseCopy) -> None:
    code, _, err = run("--lang", "da", "validate", long_vision(calm(case_copy())))
    assert code == 0
    assert "1 advarsel" in err
    assert "one-pager: initiative.yaml:" in err and "forkort med 40 tegn, eller giv one-pageren en kortere " \
                                                     "udgave under one_pager.vision" in err


# --- docpipe render and batch ----------------------------------------------------------------------


def test_render_writes_the_others_and_names_the_refused_document(case_copy: CaseCopy, tmp_path: Path) -> None:
    case_dir = long_vision(case_copy())
    out = tmp_path / "out"
    code, stdout, err = run("render", case_dir, "--out", out)
    assert code == 1
    assert "1 problem; not made: one-pager" in err
    assert "  one-pager: initiative.yaml:" in err and "vision: is 340 characters" in err
    assert "wrote 7 documents" in stdout
    assert sorted(path.name for path in (out / case_dir.name).iterdir()) == OTHERS
    assert "1 warning" in err  # the plan's start before the committee: shown, not failing


def test_render_only_kommissorium_is_untouched_by_the_one_pager_s_limits(case_copy: CaseCopy, tmp_path: Path) -> None:
    code, _, err = run("render", long_vision(case_copy()), "--out", tmp_path / "out", "--only", "kommissorium")
    assert code == 0 and "one-pager" not in err


def test_batch_summary_says_which_document_failed(case_copy: CaseCopy, tmp_path: Path) -> None:
    root = tmp_path / "root"
    root.mkdir()
    case_dir = long_vision(case_copy())
    case_dir.rename(root / case_dir.name)
    code, stdout, err = run("batch", root, "--out", tmp_path / "out", "--jobs", "1", "--json")
    assert code == 1
    [row] = json.loads(stdout)["cases"]
    assert (row["status"], row["documents"], row["refused"], row["warnings"]) == ("partial", 7, ["one-pager"], 1)
    assert row["first_error"].startswith("one-pager: initiative.yaml:")
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text("utf-8"))
    [entry] = manifest["entries"]
    assert entry["status"] == "partial" and entry["errors"][0].startswith("one-pager: initiative.yaml:")
    assert "1 warning (docpipe validate" in err


# --- the Python API --------------------------------------------------------------------------------


def test_api_render_cases_reports_the_refused_document(case_copy: CaseCopy, tmp_path: Path) -> None:
    result = render_cases([long_vision(case_copy())], tmp_path / "out")
    [outcome] = result.outcomes
    assert not result.ok and outcome.status == "partial" and not outcome.succeeded and outcome.wrote
    assert [(p.document, p.file, p.field) for p in outcome.refused] == [("one-pager", "initiative.yaml", "vision")]
    assert sorted(Path(record.path).name for record in outcome.files) == OTHERS
    assert [w.field for w in outcome.warnings] == ["phases[0].start"]


def test_api_case_warnings(case_copy: CaseCopy) -> None:
    case = load_case(long_vision(case_copy()))
    found = case_warnings(case)
    assert [(w.document, w.file, w.field) for w in found] == [("one-pager", "initiative.yaml", "vision"),
                                                             ("", "planning.yaml", "phases[0].start")]
    assert case_warnings(case, ["kommissorium"]) == found[1:]


# --- the web API and page -----------------------------------------------------------------------------


@pytest.fixture
def web_client(tmp_path: Path) -> object:
    pytest.importorskip("fastapi", reason="docpipe serve needs fastapi")
    pytest.importorskip("httpx", reason="FastAPI's TestClient needs httpx")
    from fastapi.testclient import TestClient

    from docpipe.web.app import create_app
    from docpipe.web.uploads import UploadStore

    return TestClient(create_app(store=UploadStore(tmp_path / "uploads"), with_previews=False, jobs=1))


def _zipped(folder: Path) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                archive.write(path, f"{folder.name}/{path.relative_to(folder).as_posix()}")
    return buffer.getvalue()


def test_web_api_render_sends_the_others_and_names_the_refused(web_client: object, case_copy: CaseCopy) -> None:
    from fastapi.testclient import TestClient

    assert isinstance(web_client, TestClient)
    case_dir = long_vision(case_copy())
    response = web_client.post("/api/render", files={"file": ("sag.zip", _zipped(case_dir))})
    assert response.status_code == 200
    assert json.loads(response.headers["X-Docpipe-Refused"]) == [f"{case_dir.name}/one-pager.docx"]
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        names = sorted(archive.namelist())
        manifest = json.loads(archive.read("manifest.json"))
    assert names == sorted([*(f"{case_dir.name}/{name}" for name in OTHERS), "manifest.json"])
    [entry] = manifest["entries"]
    assert entry["status"] == "partial" and entry["errors"][0].startswith("one-pager: initiative.yaml:")
    validated = web_client.post("/api/validate", files={"file": ("sag.zip", _zipped(case_dir))})
    assert validated.status_code == 200
    assert [w.get("document", "") for w in validated.json()["warnings"]] == ["one-pager", ""]


def test_web_page_lists_the_documents_and_the_refused_one(web_client: object, case_copy: CaseCopy) -> None:
    from fastapi.testclient import TestClient

    assert isinstance(web_client, TestClient)
    response = web_client.post("/upload", files={"file": ("sag.zip", _zipped(long_vision(case_copy())))})
    assert response.status_code == 200
    page = response.text
    assert "Ikke dannet: one-pager" in page and "delvis dannet" in page
    assert "kommissorium.docx" in page and "one-pager.docx" not in page
    assert "er på 340 tegn" in page


def _plan_only(data: dict[str, list[dict[str, Any]]], after: dt.date = dt.date.min) -> None:
    """Every activity starting after ``after`` set back to planned."""
    for phase in data["phases"]:
        for activity in phase["activities"]:
            if activity["start"] > after:
                activity["status"] = "planned"
