"""Many simultaneous downloads of the same result, against a real server: every one is whole.

The results zip used to be rebuilt in place on every request while another request could be sending
it; two downloads at once (a double click) came back as a broken zip about one time in ten.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="docpipe serve needs fastapi (pip install fastapi python-multipart httpx)")
pytest.importorskip("uvicorn", reason="docpipe serve needs uvicorn")
pytest.importorskip("httpx", reason="the test talks to the server with httpx")
import httpx

from tests.web.conftest import loopback_config, serving

DOWNLOADS = 50


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    """A real uvicorn server on a free loopback port, in a thread of this process."""
    from docpipe.web.app import create_app
    from docpipe.web.uploads import UploadStore

    app = create_app(store=UploadStore(tmp_path / "uploads"), with_previews=False, jobs=2)
    with serving(loopback_config(app, limit_concurrency=200)) as address:
        yield address


def test_fifty_simultaneous_downloads_are_all_whole(server: str, halsnaes_zip: bytes) -> None:
    page = httpx.post(f"{server}/upload", files={"file": ("halsnaes.zip", halsnaes_zip, "application/zip")},
                      timeout=120, follow_redirects=True)
    assert page.status_code == 200, page.text[:500]
    link = re.search(r'href="(/results/[^"/]+\.zip)', page.text)
    assert link, "the results page links its zip"

    def download(_: int) -> tuple[int, bytes]:
        with httpx.Client(timeout=60) as client:
            answer = client.get(server + link.group(1))
            return answer.status_code, answer.content

    with ThreadPoolExecutor(max_workers=DOWNLOADS) as pool:
        answers = list(pool.map(download, range(DOWNLOADS)))

    assert [status for status, _ in answers] == [200] * DOWNLOADS
    first = answers[0][1]
    for _, body in answers:
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            assert archive.testzip() is None
            assert any(name.endswith("kommissorium.docx") for name in archive.namelist())
        assert body == first


def test_no_zip_is_served_for_an_unknown_result(server: str) -> None:
    assert httpx.get(f"{server}/results/findes-ikke.zip").status_code == 404
