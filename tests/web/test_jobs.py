"""Batch uploads on the page: rendered in a background job with a progress page, one bad case costing
only itself, the job's page gone with its folder, and the API staying all or nothing."""

from __future__ import annotations

import io
import json
import re
import shutil
import threading
import time
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi", reason="docpipe serve needs fastapi (pip install fastapi python-multipart httpx)")
pytest.importorskip("multipart", reason="docpipe serve needs python-multipart")
pytest.importorskip("httpx", reason="FastAPI's TestClient needs httpx")
from click.testing import CliRunner
from fastapi import FastAPI
from fastapi.testclient import TestClient

import docpipe.web.work
from docpipe.batch import CaseOutcome, run_batch
from docpipe.cli import main
from docpipe.web.uploads import UploadStore
from tests.conftest import INPUTS
from tests.web.conftest import batch_root, break_case, finish_job, start_job, zip_folder

VALID = ("halsnaes-boern-og-unge", "nordsjaellands-politi-tryghed")


def zip_contents(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def cli_batch(root: Path, out: Path) -> dict[str, bytes]:
    """What `docpipe batch ROOT --out OUT` writes (exit code 1 allowed: a broken case), manifest left out."""
    result = CliRunner().invoke(main, ["batch", str(root), "--out", str(out), "--jobs", "2"])
    assert result.exit_code in (0, 1), result.output
    return {path.relative_to(out).as_posix(): path.read_bytes()
            for path in sorted(out.rglob("*")) if path.is_file() and path.name != "manifest.json"}


@pytest.fixture
def gate(monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, threading.Event]]:
    """Holds a job's run_batch after its first finished case until the test lets it go on, so the
    progress page can be seen at a known point ("1 af 3") whatever the machine's speed."""
    events = {"first_case_done": threading.Event(), "go_on": threading.Event()}

    def held_run_batch(*args: Any, progress: Callable[[CaseOutcome], None] | None = None, **options: Any) -> Any:
        def report(outcome: CaseOutcome) -> None:
            assert progress is not None
            progress(outcome)
            events["first_case_done"].set()
            assert events["go_on"].wait(60), "the test never let the job go on"

        return run_batch(*args, progress=report, **options)

    monkeypatch.setattr(docpipe.web.work, "run_batch", held_run_batch)
    yield events
    events["go_on"].set()  # never leave a job thread waiting


def broken_batch(parent: Path) -> Path:
    """Two valid shipped cases and ``brudt-sag``: a misspelt key and a missing planning.yaml."""
    root = batch_root(parent)
    shutil.copytree(INPUTS / "nordsjaellands-politi-tryghed", root / "brudt-sag")
    break_case(root / "brudt-sag")
    (root / "brudt-sag" / "planning.yaml").unlink()
    return root


def test_a_batch_renders_in_a_job_with_a_progress_page(client: TestClient, tmp_path: Path,
                                                       gate: dict[str, threading.Event]) -> None:
    location = start_job(client, "kommuner.zip", zip_folder(batch_root(tmp_path, (*VALID, "region-sjaelland-sundhed"))))
    assert gate["first_case_done"].wait(120)
    # The page answers while the job is held in the middle of its batch: a request that waited for the
    # job could not answer before the test lets it go on (below), and the job gives up after 60 s.
    assert client.get("/").status_code == 200
    running = client.get(location)
    assert running.status_code == 200
    assert "1 af 3 sager færdige" in running.text
    assert '<noscript><meta http-equiv="refresh" content="2"></noscript>' in running.text  # no script: reloads
    assert '<script src="/static/job.js" defer></script>' in running.text and "http://" not in running.text
    assert 'aria-live="polite"' in running.text
    assert '<progress max="3" value="1">' in running.text
    region = client.get(f"{location}/progress")  # what the script puts into the live region
    assert region.headers["X-Docpipe-Finished"] == "0" and "1 af 3 sager færdige" in region.text
    assert "<html" not in region.text
    gate["go_on"].set()
    done = finish_job(client, location)
    assert "Alle sager er gyldige" in done.text
    assert client.get(f"{location}/progress").headers["X-Docpipe-Finished"] == "1"
    assert done.text.count('<tr class="ok">') == 3
    assert "Hent alle dokumenter som zip" in done.text


def test_one_invalid_case_does_not_refuse_the_batch(client: TestClient, tmp_path: Path) -> None:
    root = broken_batch(tmp_path)
    expected = cli_batch(root, tmp_path / "cli-out")
    location = start_job(client, "kommuner.zip", zip_folder(root))
    page = finish_job(client, location).text
    assert "1 af 3 sager kunne ikke dannes" in page
    assert page.count('<tr class="ok">') == 2 and page.count('<tr class="invalid">') == 1
    assert "<td>ugyldig</td>" in page
    section = page[page.index('<h2>brudt-sag'):]
    assert "<code>initiative.yaml:1</code>" in section and "<code>titel</code>" in section
    assert "kommuner.zip/kommuner/brudt-sag" in section  # the missing file's message names the upload's folder
    assert "docpipe-web" not in page and str(tmp_path) not in page
    upload_id = location.split("/")[2]
    everything = zip_contents(client.get(f"/results/{upload_id}.zip").content)
    manifest = json.loads(everything.pop("manifest.json"))
    assert everything == expected
    assert {name.split("/")[0] for name in everything} == set(VALID)
    assert {entry["case"]: entry["status"] for entry in manifest["entries"]} == {
        **dict.fromkeys(VALID, "ok"), "brudt-sag": "invalid"}
    assert str(tmp_path) not in json.dumps(manifest)
    documents = re.findall(r'href="/results/[^/"]+/([^"]+)"', page)
    assert len(documents) == 16  # two cases of eight documents (the statusnotat too)
    for document in documents:
        assert client.get(f"/results/{upload_id}/{document}").content == expected[document]


def test_a_batch_of_only_invalid_cases_shows_every_problem_and_no_download(client: TestClient, tmp_path: Path
                                                                          ) -> None:
    root = batch_root(tmp_path)
    for name in VALID:
        break_case(root / name)
    page = finish_job(client, start_job(client, "kommuner.zip", zip_folder(root))).text
    assert "Ingen af sagerne kunne dannes" in page
    assert page.count('<tr class="invalid">') == 2
    assert page.count("<code>titel</code>") == 2
    assert "Hent alle dokumenter som zip" not in page


def test_the_api_stays_all_or_nothing_for_a_batch(client: TestClient, tmp_path: Path) -> None:
    response = client.post("/api/render", files={"file": ("kommuner.zip", zip_folder(broken_batch(tmp_path)))})
    assert response.status_code == 422
    problems = response.json()["problems"]
    assert {problem["case"] for problem in problems} == {"brudt-sag"}
    assert any(problem["field"] == "titel" for problem in problems)
    assert any("kommuner.zip/kommuner/brudt-sag" in problem["message"] for problem in problems)
    assert str(tmp_path) not in response.text


def test_an_unknown_job_is_a_danish_404(client: TestClient) -> None:
    for job_id in ("A" * 32, "kort", "..%2F..%2Fetc"):
        response = client.get(f"/jobs/{job_id}")
        assert response.status_code == 404
        assert 'lang="da"' in response.text and "Kørslen findes ikke" in response.text
        assert "Upload filen igen" in response.text


def test_a_job_is_swept_with_its_upload(make_app: Callable[..., FastAPI], tmp_path: Path) -> None:
    app = make_app()
    client = TestClient(app)
    location = start_job(client, "kommuner.zip", zip_folder(batch_root(tmp_path)))
    finish_job(client, location)
    store: UploadStore = app.state.uploads
    store.sweep(now=time.time() + store.keep_seconds + 1)
    assert client.get(location).status_code == 404


def test_a_job_that_breaks_says_so_instead_of_refreshing(client: TestClient, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **options: object) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr(docpipe.web.work, "run_batch", broken)
    location = start_job(client, "kommuner.zip", zip_folder(batch_root(tmp_path)))
    deadline = time.monotonic() + 30
    while (response := client.get(location)).status_code == 200:
        assert time.monotonic() < deadline, response.text
        time.sleep(0.1)
    assert response.status_code == 500
    assert "intern fejl i docpipe (RuntimeError)" in response.text
    assert 'http-equiv="refresh"' not in response.text and "Traceback" not in response.text


def test_a_job_with_a_token(make_app: Callable[..., FastAPI], tmp_path: Path) -> None:
    client = TestClient(make_app(token="hemmelig"))
    client.post("/login", data={"token": "hemmelig"})
    location = start_job(client, "kommuner.zip", zip_folder(batch_root(tmp_path)))
    page = finish_job(client, location).text
    assert re.search(r'href="/results/[^"]+\.zip"', page) and "hemmelig" not in page
    stranger = TestClient(make_app(token="hemmelig"))
    assert stranger.get(location, follow_redirects=False).status_code == 303
