"""The Danish web page: start page, problems table, results with downloads, batch summary, previews."""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="docpipe serve needs fastapi (pip install fastapi python-multipart httpx)")
pytest.importorskip("multipart", reason="docpipe serve needs python-multipart")
pytest.importorskip("httpx", reason="FastAPI's TestClient needs httpx")
from fastapi import FastAPI
from fastapi.testclient import TestClient

from docpipe import load_case
from docpipe.intake.writer import workbook_bytes
from docpipe.web.app import create_app
from docpipe.web.uploads import UploadStore
from tests.conftest import INPUTS
from tests.web.conftest import batch_root, finish_job, start_job, zip_folder


def test_start_page(client: TestClient) -> None:
    response = client.get("/")
    assert response.status_code == 200
    text = response.text
    assert 'lang="da"' in text
    assert "Upload" in text and "indtastningsark" in text
    assert 'action="/upload"' in text and 'enctype="multipart/form-data"' in text
    assert "/intake/blank.xlsx" in text and "/intake/example.xlsx" in text
    assert "http://" not in text and "https://" not in text  # nothing fetched from the internet
    assert client.get("/static/style.css").status_code == 200


def test_blank_and_example_workbooks(client: TestClient) -> None:
    blank = client.get("/intake/blank.xlsx")
    assert blank.status_code == 200
    assert blank.content.startswith(b"PK")
    example = client.get("/intake/example.xlsx")
    assert example.status_code == 200
    assert example.content == workbook_bytes(load_case(INPUTS / "halsnaes-boern-og-unge"))
    assert client.post("/api/validate", files={"file": ("eksempel.xlsx", example.content)}).status_code == 200


def test_problems_page(client: TestClient, case_copy: Callable[[str], Path]) -> None:
    folder = case_copy("halsnaes-boern-og-unge")
    text = (folder / "initiative.yaml").read_text("utf-8")
    (folder / "initiative.yaml").write_text("titel: stavefejl\n" + text, "utf-8")
    response = client.post("/upload", files={"file": ("sag.zip", zip_folder(folder))})
    assert response.status_code == 200
    assert "Fejl i sag.zip" in response.text
    assert "der er ikke dannet nogen dokumenter" in response.text
    assert "<table" in response.text and "initiative.yaml:1" in response.text and "titel" in response.text
    assert "/results/" not in response.text


def test_problems_page_of_a_workbook_names_sheet_and_cell(client: TestClient) -> None:
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(workbook_bytes(load_case(INPUTS / "halsnaes-boern-og-unge"))))
    changed = 0
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and re.fullmatch(r"[^@\s]+@[^@\s]+", cell.value):
                    cell.value = "ikke-en-mail"
                    changed += 1
    assert changed
    buffer = io.BytesIO()
    book.save(buffer)
    response = client.post("/upload", files={"file": ("brudt.xlsx", buffer.getvalue())})
    assert response.status_code == 200
    assert re.search(r"<code>[^<]+![A-Z]+\d+</code>", response.text), response.text


def test_refused_upload_shows_a_danish_message(client: TestClient) -> None:
    response = client.post("/upload", files={"file": ("brev.txt", b"hej")})
    assert response.status_code == 415
    assert "hverken en Excel-projektmappe" in response.text
    assert "Traceback" not in response.text


def test_results_page_with_downloads(client: TestClient, halsnaes_zip: bytes, tmp_path: Path) -> None:
    response = client.post("/upload", files={"file": ("sag.zip", halsnaes_zip)})
    assert response.status_code == 200
    assert "Hent alle dokumenter som zip" in response.text
    links = re.findall(r'href="(/results/[^"]+)"', response.text)
    documents = [link for link in links if not link.endswith(".zip")]
    assert len(documents) == 8
    reference = tmp_path / "ref"
    from docpipe import render_case

    render_case(load_case(INPUTS / "halsnaes-boern-og-unge"), reference)
    for link in documents:
        download = client.get(link)
        assert download.status_code == 200
        assert download.content == (reference / "halsnaes-boern-og-unge" / link.rsplit("/", 1)[1]).read_bytes()
    everything = client.get(next(link for link in links if link.endswith(".zip")))
    assert everything.status_code == 200
    with zipfile.ZipFile(io.BytesIO(everything.content)) as archive:
        assert "manifest.json" in archive.namelist()
        assert len([name for name in archive.namelist() if name.startswith("halsnaes-boern-og-unge/")]) == 8
    upload_id = documents[0].split("/")[2]
    assert client.get(f"/results/{upload_id}/halsnaes-boern-og-unge/..%2F..%2Fmanifest.json").status_code == 404
    assert client.get(f"/results/{upload_id}/../manifest.json").status_code == 404
    assert client.get("/results/AAAAAAAAAAAAAAAAAAAAAAAA/halsnaes-boern-og-unge/kommissorium.docx").status_code == 404
    assert client.get("/results/AAAAAAAAAAAAAAAAAAAAAAAA.zip").status_code == 404


def test_batch_shows_the_summary_table(client: TestClient, tmp_path: Path) -> None:
    location = start_job(client, "kommuner.zip", zip_folder(batch_root(tmp_path)))
    response = finish_job(client, location)
    assert "Oversigt" in response.text
    assert "<th>Sag</th><th>Status</th><th>Dokumenter</th><th>Sekunder</th><th>Første fejl</th>" in response.text
    assert response.text.count('<tr class="ok">') == 2


def test_previews_or_a_line_on_how_to_install_libreoffice(tmp_path: Path, halsnaes_zip: bytes) -> None:
    client = TestClient(create_app(store=UploadStore(tmp_path / "uploads"), with_previews=True))
    response = client.post("/upload", files={"file": ("sag.zip", halsnaes_zip)})
    assert response.status_code == 200
    if not (shutil.which("soffice") and shutil.which("pdftoppm")):
        assert "apt-get install libreoffice" in response.text
        pytest.skip("LibreOffice (soffice) or pdftoppm is not installed: only the install line was checked")
    pictures = re.findall(r'<img src="(/previews/[^"]+)"', response.text)
    assert len(pictures) == 8
    picture = client.get(pictures[0])
    assert picture.status_code == 200
    assert picture.content.startswith(b"\x89PNG")


def test_app_factory_is_importable_without_a_store(make_app: Callable[..., FastAPI]) -> None:
    assert make_app().title == "docpipe"


def test_no_page_loads_scripts_from_the_internet(client: TestClient) -> None:
    assert client.get("/docs").status_code == 404
    assert client.get("/redoc").status_code == 404


def test_the_results_of_one_case_have_an_address_to_return_to(client: TestClient, halsnaes_zip: bytes) -> None:
    """Reloading or coming back to the results must not say "Method Not Allowed": POST, redirect, GET."""
    posted = client.post("/upload", files={"file": ("sag.zip", halsnaes_zip)}, follow_redirects=False)
    assert posted.status_code == 303
    address = posted.headers["location"]
    for _ in range(2):
        again = client.get(address)
        assert again.status_code == 200 and "kommissorium.docx" in again.text
