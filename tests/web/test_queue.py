"""More than one instance on a real job queue: two servers and two workers on one Redis and one data
folder; an upload to one server is followed and fetched on the other; a worker killed mid-job leaves
its job failed with a clear message, never stuck.

Needs ``redis-server`` (Debian package; .ci/run installs it) and the rq and redis packages; without
them the module is skipped with the reason printed.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="docpipe serve needs fastapi (pip install fastapi python-multipart httpx)")
pytest.importorskip("rq", reason="the queue needs rq (pip install 'docpipe[queue]')")
from fastapi.testclient import TestClient

from docpipe.web.jobs import JobState
from tests.web.conftest import batch_root, finish_job, free_port, start_job, zip_folder


@pytest.fixture
def redis_url(tmp_path: Path) -> Iterator[str]:
    program = shutil.which("redis-server")
    if program is None:
        print("skipping the queue tests: redis-server is not installed (apt-get install redis-server)")
        pytest.skip("redis-server is not installed (apt-get install redis-server)")
    port = free_port()
    server = subprocess.Popen([program, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly",
                               "no", "--dir", str(tmp_path)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 20
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            assert time.monotonic() < deadline and server.poll() is None, "redis-server did not start"
            time.sleep(0.1)
    yield f"redis://127.0.0.1:{port}/0"
    server.terminate()
    server.wait(timeout=10)


@pytest.fixture
def workers(redis_url: str, tmp_path: Path) -> Iterator[Callable[[], subprocess.Popen[bytes]]]:
    """Start ``docpipe worker`` processes, each a process group of its own, all stopped afterwards."""
    started: list[subprocess.Popen[bytes]] = []

    def start() -> subprocess.Popen[bytes]:
        process = subprocess.Popen([sys.executable, "-m", "docpipe", "worker", "--queue", redis_url, "--data-dir",
                                    str(tmp_path / "data")], start_new_session=True,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        started.append(process)
        return process

    yield start
    for process in started:
        kill_group(process)


def kill_group(process: subprocess.Popen[bytes]) -> None:
    """The worker and the process it forked for its job (RQ gives that one a session of its own), as
    a machine that loses power would stop them."""
    for child in children(process.pid):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(child, signal.SIGKILL)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=10)


def children(pid: int) -> list[int]:
    listed = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(child) for child in listed.read_text().split()] if listed.is_file() else []


def instance(redis_url: str, tmp_path: Path) -> TestClient:
    from docpipe.web.app import create_app
    from docpipe.web.uploads import UploadStore

    return TestClient(create_app(store=UploadStore(tmp_path / "data"), with_previews=False, queue=redis_url))


def test_an_upload_to_one_server_is_followed_and_fetched_on_the_other(
        redis_url: str, workers: Callable[[], subprocess.Popen[bytes]], tmp_path: Path) -> None:
    first, second = instance(redis_url, tmp_path), instance(redis_url, tmp_path)
    workers()
    workers()
    location = start_job(first, "kommuner.zip", zip_folder(batch_root(tmp_path)))
    done = finish_job(second, location)
    assert "Alle sager er gyldige" in done.text and done.text.count('<tr class="ok">') == 2
    archive = second.get(f"/results/{location.rsplit('/', 1)[1]}.zip")
    assert archive.status_code == 200 and archive.content.startswith(b"PK")


def test_a_worker_killed_mid_job_leaves_the_job_failed(
        redis_url: str, workers: Callable[[], subprocess.Popen[bytes]], tmp_path: Path) -> None:
    if shutil.which("soffice") is None:
        print("skipping: a job long enough to stop midway needs LibreOffice (its PDFs)")
        pytest.skip("LibreOffice (soffice) is not installed")
    server = instance(redis_url, tmp_path)
    worker = workers()
    location = start_job(server, "kommuner.zip", zip_folder(batch_root(tmp_path)), pdf="all")
    folder = tmp_path / "data" / location.rsplit("/", 1)[1]
    deadline = time.monotonic() + 120
    while (state := JobState.load(folder)) is None or state.phase == "waiting":
        assert time.monotonic() < deadline, "the worker did not start the job"
        time.sleep(0.1)
    assert not state.finished
    kill_group(worker)
    deadline = time.monotonic() + 150  # RQ finds the job abandoned when its heartbeat lapses (70 s)
    while 'http-equiv="refresh"' in (page := server.get(location)).text:
        assert time.monotonic() < deadline, "the job of a killed worker still looks as if it runs"
        time.sleep(1)
    assert page.status_code == 500 and "stoppede, før det var færdigt" in page.text
    assert JobState.load(folder).phase == "error"  # type: ignore[union-attr]
