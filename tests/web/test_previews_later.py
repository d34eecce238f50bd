"""One upload's results page answers before its pictures exist; each picture arrives when it is made."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="docpipe serve needs fastapi (pip install fastapi python-multipart httpx)")
from fastapi import FastAPI
from fastapi.testclient import TestClient

import docpipe.web.app
from docpipe.web.previews import make_previews


@pytest.fixture
def previewing_app(tmp_path: Path) -> Callable[[], FastAPI]:
    if shutil.which("soffice") is None or shutil.which("pdftoppm") is None:
        print("skipping: the pictures need LibreOffice and pdftoppm")
        pytest.skip("LibreOffice (soffice) or pdftoppm is not installed")

    def make() -> FastAPI:
        from docpipe.web.app import create_app
        from docpipe.web.uploads import UploadStore

        return create_app(store=UploadStore(tmp_path / "data"), with_previews=True, jobs=1)

    return make


def test_the_page_answers_first_and_the_pictures_follow(previewing_app: Callable[[], FastAPI],
                                                        halsnaes_zip: bytes, monkeypatch: pytest.MonkeyPatch) -> None:
    release = threading.Event()

    def held_back(folder: Path, cases: list[str]) -> None:
        assert release.wait(120)
        make_previews(folder, cases)

    monkeypatch.setattr(docpipe.web.app, "make_previews", held_back)
    client = TestClient(previewing_app())
    answered = client.post("/upload", files={"file": ("sag.zip", halsnaes_zip)}, follow_redirects=False)
    assert answered.status_code == 303  # while no picture has been made
    page = client.get(answered.headers["location"])
    assert page.status_code == 200 and "kommissorium.docx" in page.text
    address = page.text.split('<img src="', 1)[1].split('"', 1)[0]
    assert address.endswith("/side1.png")
    got: list[int] = []
    waiting = threading.Thread(target=lambda: got.append(client.get(address).status_code))
    waiting.start()
    waiting.join(timeout=1)
    assert waiting.is_alive() and not got  # the picture's request waits for it
    release.set()
    waiting.join(timeout=180)
    assert got == [200]
    picture = client.get(address)
    assert picture.headers["content-type"] == "image/png" and picture.content.startswith(b"\x89PNG")
