"""Slow or idle clients are dropped: half-sent requests no longer hold the server's connections."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="docpipe serve needs fastapi (pip install fastapi python-multipart httpx)")
pytest.importorskip("uvicorn", reason="docpipe serve needs uvicorn")

from docpipe.web.server import server_config
from tests.web.conftest import free_port, serving

HEAD_SECONDS = 1.0
SLOW_CLIENTS = 60


@pytest.fixture
def address(tmp_path: Path) -> Iterator[tuple[str, int]]:
    from docpipe.web.app import create_app
    from docpipe.web.uploads import UploadStore

    app = create_app(store=UploadStore(tmp_path / "data"), with_previews=False)
    port = free_port()
    with serving(server_config(app, "127.0.0.1", port, head_seconds=HEAD_SECONDS)):
        yield "127.0.0.1", port


def closed_by_server(connection: socket.socket) -> bool:
    connection.settimeout(5)
    try:
        return connection.recv(1024) == b""
    except (ConnectionResetError, TimeoutError):
        return False


def get_root(host: str, port: int) -> bytes:
    with socket.create_connection((host, port), timeout=10) as connection:
        connection.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        return connection.recv(64)


def test_half_sent_requests_are_dropped_and_others_still_served(address: tuple[str, int]) -> None:
    host, port = address
    slow = [socket.create_connection((host, port), timeout=5) for _ in range(SLOW_CLIENTS)]
    try:
        for connection in slow:
            connection.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # and then nothing more
        assert get_root(host, port).startswith(b"HTTP/1.1 200")
        time.sleep(HEAD_SECONDS + 0.5)
        assert all(closed_by_server(connection) for connection in slow)
    finally:
        for connection in slow:
            connection.close()


def test_a_silent_connection_is_dropped(address: tuple[str, int]) -> None:
    host, port = address
    with socket.create_connection((host, port), timeout=5) as idle:
        time.sleep(HEAD_SECONDS + 0.5)
        assert closed_by_server(idle)


def test_a_request_that_takes_longer_than_the_head_timeout_is_not_cut(address: tuple[str, int]) -> None:
    """Only the head is timed: an answer that takes its time (a render) is never cut off."""
    host, port = address
    with socket.create_connection((host, port), timeout=10) as connection:
        connection.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        assert connection.recv(64).startswith(b"HTTP/1.1 200")
