"""Nothing of an upload outlives its retention: not after a clean stop, not after kill -9 and a restart."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="docpipe serve needs fastapi (pip install fastapi python-multipart httpx)")
pytest.importorskip("uvicorn", reason="docpipe serve needs uvicorn")

from docpipe.web.uploads import UploadStore, default_data_dir
from tests.web.conftest import free_port, serve_in_subprocess


def test_the_default_data_folder_is_docpipes_own_in_the_users_cache(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert default_data_dir() == tmp_path / "docpipe" / "web"
    store = UploadStore()
    assert store.base == tmp_path / "docpipe" / "web" and store.base.is_dir()
    assert store.base.stat().st_mode & 0o077 == 0  # personal data: only the server's user may look


def test_opening_the_store_removes_what_is_past_retention(tmp_path: Path) -> None:
    """What a killed server left behind goes when the next one opens the same folder."""
    first = UploadStore(tmp_path, keep_seconds=60)
    _, old = first.create()
    (old / "navne.xlsx").write_bytes(b"personal data")
    _, recent = first.create()
    past = time.time() - 120
    os.utime(old, (past, past))
    UploadStore(tmp_path, keep_seconds=60)
    assert not old.exists()
    assert recent.is_dir()


def test_after_kill_9_a_restart_removes_the_killed_servers_expired_uploads(tmp_path: Path) -> None:
    data = tmp_path / "data"
    left = data / ("x" * 32)
    port = free_port()
    server = serve_in_subprocess(data, port, retention=1)
    try:
        left.mkdir()
        (left / "indtastning.xlsx").write_bytes(b"names, e-mails and phone numbers")
        past = time.time() - 3600
        os.utime(left, (past, past))
    finally:
        server.send_signal(signal.SIGKILL)
        server.wait(timeout=15)
    assert left.exists()  # nothing could clean up after kill -9
    restarted = serve_in_subprocess(data, free_port(), retention=1)
    try:
        assert not left.exists()
    finally:
        restarted.terminate()
        restarted.wait(timeout=15)


def test_the_sweep_leaves_what_is_not_an_upload(tmp_path: Path) -> None:
    cache = tmp_path / ".template-cache"
    cache.mkdir()
    past = time.time() - 3600
    os.utime(cache, (past, past))
    UploadStore(tmp_path, keep_seconds=60)
    assert cache.is_dir()
