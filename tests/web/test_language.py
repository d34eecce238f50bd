"""The web speaks Danish whatever the process's language: every page and every API problem, also those
made in a worker thread, in an exception handler, by the guard in front of the routes or by a batch job.

The autouse fixture of tests/conftest.py makes the process English, so each test here would see the
English source texts if a request were not handled in Danish (docpipe.web.guard.InLanguage).
"""

from __future__ import annotations

import io
import re
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="docpipe serve needs fastapi (pip install fastapi python-multipart httpx)")
pytest.importorskip("multipart", reason="docpipe serve needs python-multipart")
pytest.importorskip("httpx", reason="FastAPI's TestClient needs httpx")
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response
from fastapi.testclient import TestClient
from starlette.concurrency import run_in_threadpool

import docpipe.web.app
import docpipe.web.http_api
import docpipe.web.work
from docpipe.i18n import _, current_language
from docpipe.web.guard import InLanguage
from docpipe.web.jobs import JobState
from docpipe.web.uploads import UploadStore
from tests.web.conftest import batch_root, zip_folder


@pytest.fixture(autouse=True)
def english_process() -> None:
    """A guard for every test below: the process really is English, and the catalogue really translates."""
    assert current_language() == "en"
    assert _("Upload another file") == "Upload another file"


def zipped(**files: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def test_the_pages_are_danish_in_an_english_process(client: TestClient) -> None:
    start = client.get("/").text
    assert "<h1>Tjek en sag og dan dokumenterne</h1>" in start
    assert "Hent et tomt indtastningsark" in start
    assert "En upload må højst fylde 20 MB" in start and "slettes efter 30 minutter" in start
    assert "Kører lokalt på denne computer; intet hentes fra internettet." in start
    assert "Check a case" not in start and "Download a blank" not in start and "%(" not in start
    problems = client.post("/upload", files={"file": ("tom.zip", zipped(**{"noter.txt": "ingen sag"}))})
    assert problems.status_code == 200
    assert "<h1>Fejl i tom.zip</h1>" in problems.text
    assert "1 fejl fundet; der er ikke dannet nogen dokumenter. Ret fejlen og upload filen igen." in problems.text
    assert "<th>Sted</th><th>Felt</th><th>Fejl</th>" in problems.text
    assert "der er ingen sag i filen" in problems.text  # made in the route (no_case), inside the request
    assert current_language() == "en"  # the request's language did not leak into the process


def test_a_job_page_is_danish_in_an_english_process(tmp_path: Path) -> None:
    store = UploadStore(tmp_path / "jobs")
    job_client = TestClient(docpipe.web.app.create_app(store=store, with_previews=False, jobs=1))
    job_id, folder = store.create()
    JobState("kommuner.zip", total=3, done=1, failed=1, phase="pdf").save(folder)
    page = job_client.get(f"/jobs/{job_id}").text
    assert "<strong>1 af 3 sager færdige</strong>" in page and "1 med fejl" in page
    assert "Dokumenterne fra kommuner.zip bliver dannet" in page
    assert "Laver PDF&#39;er med LibreOffice …" in page  # the job's phase, translated when the page is made
    assert "denne adresse</a> senere; den gælder i 30 minutter." in page
    unknown = job_client.get("/jobs/ingen-saadan-koersel")
    assert unknown.status_code == 404 and "<h1>Kørslen findes ikke</h1>" in unknown.text
    assert "det sker 30 minutter efter uploaden" in unknown.text


def test_the_summary_of_a_batch_job_is_danish(client: TestClient, tmp_path: Path) -> None:
    """A job runs in a pool thread, which does not inherit the request's language: it chooses Danish itself."""
    root = batch_root(tmp_path)
    (root / "nordsjaellands-politi-tryghed" / "planning.yaml").unlink()
    response = client.post("/upload", files={"file": ("kommuner.zip", zip_folder(root))}, follow_redirects=False)
    location = response.headers["location"]
    deadline = time.monotonic() + 180
    while 'http-equiv="refresh"' in (page := client.get(location).text):
        assert time.monotonic() < deadline
        time.sleep(0.2)
    assert "1 af 2 sager kunne ikke dannes; se deres fejl nedenfor." in page
    assert "<th>Sag</th><th>Status</th><th>Dokumenter</th><th>Sekunder</th><th>Første fejl</th>" in page
    assert "<td>ugyldig</td>" in page and "<td>ok</td>" in page
    assert "fejl i sagen; der er ikke dannet nogen dokumenter for den." in page
    assert "invalid</td>" not in page and "errors in the case" not in page


def test_api_problems_are_danish_in_an_english_process(client: TestClient) -> None:
    # refused in unpack, which the route runs in a worker thread (run_in_threadpool copies the language)
    refused = client.post("/api/validate", files={"file": ("noter.txt", b"hej")})
    assert refused.status_code == 415
    assert refused.json()["problems"][0]["message"] == ("noter.txt er hverken en Excel-projektmappe (.xlsx) eller "
                                                        "en .zip-fil")
    slip = client.post("/api/validate", files={"file": ("slip.zip", zipped(**{"../ud.txt": "x"}))})
    assert slip.json()["problems"][0]["message"] == "../ud.txt peger ud af mappen (..); den slags zip-filer afvises"
    empty = client.post("/api/render", files={"file": ("tom.zip", zipped(**{"noter.txt": "x"}))})
    assert empty.status_code == 422 and empty.json()["problems"][0]["message"].startswith("der er ingen sag i filen")
    # made by an exception handler inside the middleware
    gone = client.get("/results/ingen-saadan-upload.zip")  # an expired link, followed by a person: a page
    assert gone.status_code == 404 and "Kørslen findes ikke" in gone.text and "<!doctype html>" in gone.text
    assert "slettet" in gone.text and "30 minutter" in gone.text


def test_the_guards_refusals_are_danish(make_app: Callable[..., FastAPI]) -> None:
    guarded = TestClient(make_app(token="hemmelig"))
    refused = guarded.post("/api/validate", files={"file": ("a.zip", b"PK")})
    assert refused.status_code == 401
    assert refused.json()["problems"][0]["message"].startswith("adgang kræver et gyldigt token")
    too_large = guarded.post("/upload", content=b"x", headers={"content-length": str(10 ** 9),
                                                               "Authorization": "Bearer hemmelig"})
    assert too_large.status_code == 413 and "filen er større end 20 MB" in too_large.text
    assert "Det gik ikke" in too_large.text and 'href="/"' in too_large.text


def test_an_internal_error_is_danish(make_app: Callable[..., FastAPI], monkeypatch: pytest.MonkeyPatch) -> None:
    """Starlette calls the handler of unexpected errors outside every middleware: it chooses Danish itself."""
    def broken(*args: object) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr(docpipe.web.app, "unpack", broken)
    monkeypatch.setattr(docpipe.web.http_api, "unpack", broken)
    client = TestClient(make_app(), raise_server_exceptions=False)
    api = client.post("/api/render", files={"file": ("a.zip", b"PK")})
    assert api.status_code == 500
    assert api.json()["problems"][0]["message"] == ("intern fejl i docpipe (RuntimeError); prøv igen, eller "
                                                    "rapportér fejlen med filen")
    page = client.post("/upload", files={"file": ("a.zip", b"PK")})
    assert page.status_code == 500 and "<h1>Det gik ikke</h1>" in page.text and "Tilbage til forsiden" in page.text
    assert "intern fejl i docpipe (RuntimeError)" in page.text


def test_the_language_reaches_threads_and_exception_handlers() -> None:
    """InLanguage on its own: the route, a function it runs in a worker thread and an exception handler
    all see Danish; the process stays English."""
    app = FastAPI()

    class Refused(Exception):
        pass

    @app.get("/")
    async def route() -> dict[str, str]:
        return {"route": current_language(), "thread": await run_in_threadpool(current_language)}

    @app.get("/refused")
    async def refused() -> None:
        raise Refused

    @app.exception_handler(Refused)
    async def handler(request: Request, error: Refused) -> Response:
        return JSONResponse({"handler": current_language()})

    app.add_middleware(InLanguage, language="da")
    client = TestClient(app)
    assert client.get("/").json() == {"route": "da", "thread": "da"}
    assert client.get("/refused").json() == {"handler": "da"}
    assert current_language() == "en"



def test_the_results_page_writes_decimals_the_danish_way(client: TestClient, halsnaes_zip: bytes) -> None:
    """A Danish reader sees 12,3 kB and 0,42 s, not 12.3 and 0.42."""
    page = client.post("/upload", files={"file": ("halsnaes.zip", halsnaes_zip)}).text
    sizes = re.findall(r'<span class="small">([0-9.,]+) kB</span>', page)
    assert sizes and all("," in size and "." not in size for size in sizes), sizes
