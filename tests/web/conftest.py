"""Fixtures for the web face: an app with its own upload folder, and case uploads as bytes."""

from __future__ import annotations

import io
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from tests.conftest import INPUTS

if TYPE_CHECKING:
    import uvicorn
    from fastapi import FastAPI
    from fastapi.testclient import TestClient
    from httpx import Response

# fastapi, python-multipart and httpx are imported inside the fixtures: each test module skips itself
# (pytest.importorskip, with the reason printed) when they are not installed.


def zip_folder(folder: Path, prefix: str | None = None) -> bytes:
    """``folder`` as zip bytes, its files under ``prefix/`` (default: the folder's name)."""
    buffer = io.BytesIO()
    top = folder.name if prefix is None else prefix
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                archive.write(path, f"{top}/{path.relative_to(folder).as_posix()}".lstrip("/"))
    return buffer.getvalue()


@pytest.fixture
def make_app(tmp_path: Path) -> Callable[..., FastAPI]:
    def make(**options: object) -> FastAPI:
        from docpipe.web.app import create_app
        from docpipe.web.uploads import UploadStore

        store = UploadStore(tmp_path / "uploads")
        return create_app(store=store, with_previews=False, jobs=2, **options)  # type: ignore[arg-type]

    return make


@pytest.fixture
def client(make_app: Callable[..., FastAPI]) -> TestClient:
    from fastapi.testclient import TestClient

    return TestClient(make_app())


@pytest.fixture(scope="session")
def halsnaes_zip() -> bytes:
    return zip_folder(INPUTS / "halsnaes-boern-og-unge")


def batch_root(parent: Path, names: tuple[str, ...] = ("halsnaes-boern-og-unge", "nordsjaellands-politi-tryghed")
               ) -> Path:
    """A batch root ``parent/kommuner`` holding copies of shipped cases."""
    root = parent / "kommuner"
    for name in names:
        shutil.copytree(INPUTS / name, root / name)
    return root


def break_case(folder: Path) -> None:
    """Make a case invalid the way a person would: a misspelt key in initiative.yaml."""
    text = (folder / "initiative.yaml").read_text("utf-8")
    (folder / "initiative.yaml").write_text("titel: stavefejl\n" + text, "utf-8")


def start_job(client: TestClient, name: str, data: bytes, **form: str) -> str:
    """Upload a batch on the page; it must answer 303 to its job's page. Returns that address."""
    response = client.post("/upload", files={"file": (name, data)}, data=form, follow_redirects=False)
    assert response.status_code == 303, response.text
    location = str(response.headers["location"])
    assert re.fullmatch(r"/jobs/[A-Za-z0-9_-]{32,}", location), location
    return location


def finish_job(client: TestClient, location: str, timeout: float = 180) -> Response:
    """Follow a job's page, as its refresh would, until it shows the results (bounded in time)."""
    deadline = time.monotonic() + timeout
    while True:
        response: Response = client.get(location)  # httpx is Any to mypy behind starlette's import
        assert response.status_code == 200, response.text
        if 'http-equiv="refresh"' not in response.text:
            return response
        assert time.monotonic() < deadline, f"the job did not finish in {timeout} s: {response.text}"
        time.sleep(0.2)


@pytest.fixture(autouse=True)
def cache_in_tmp(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """A server made without a data folder keeps uploads in the user's cache: a test's own, not yours."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))


def free_port() -> int:
    """A loopback port nobody listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextmanager
def serving(config: uvicorn.Config, timeout: float = 30) -> Iterator[str]:
    """A real uvicorn server with ``config`` in a thread of this process; yields its address."""
    import uvicorn

    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + timeout
        while not server.started:
            assert thread.is_alive() and time.monotonic() < deadline, "the server did not start"
            time.sleep(0.05)
        yield f"http://{config.host}:{config.port}"
    finally:
        server.should_exit = True
        thread.join(timeout=30)


def loopback_config(app: FastAPI, **options: Any) -> uvicorn.Config:
    """uvicorn's settings for ``app`` on a free loopback port."""
    import uvicorn

    return uvicorn.Config(app, host="127.0.0.1", port=free_port(), log_level="warning", **options)


def serve_in_subprocess(data_dir: Path, port: int, retention: int = 1,
                        environment: dict[str, str] | None = None) -> subprocess.Popen[bytes]:
    """``docpipe serve`` in a process of its own (so a test may kill it with SIGKILL), once it answers."""
    process = subprocess.Popen([sys.executable, "-m", "docpipe", "serve", "--port", str(port), "--data-dir",
                                str(data_dir), "--retention", str(retention)],
                               env={**os.environ, **(environment or {})},
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while True:
        assert process.poll() is None, "docpipe serve stopped"
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2).close()
            return process
        except OSError:
            assert time.monotonic() < deadline, "docpipe serve did not answer within 60 s"
            time.sleep(0.2)
