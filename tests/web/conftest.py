"""Fixtures for the web face: an app with its own upload folder, and case uploads as bytes."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.conftest import INPUTS

if TYPE_CHECKING:
    from fastapi import FastAPI
    from fastapi.testclient import TestClient

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
