"""A server killed with ``kill -9`` mid-conversion leaves no LibreOffice running and, after a restart on
the same data folder, nothing past retention: not its uploads, not LibreOffice's profile.

Probed: LibreOffice ran on as an orphan for about 10 s after the server was killed, and its profile and
a PDF staging folder stayed for ever.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import INPUTS
from tests.web.conftest import free_port, serve_in_subprocess, zip_folder

pytest.importorskip("uvicorn", reason="docpipe serve needs uvicorn")
httpx = pytest.importorskip("httpx", reason="the web tests need httpx")


def in_temp(temp: Path) -> dict[str, str]:
    """The server's temporary folder ``temp`` (to find what it leaves), one LibreOffice at a time."""
    return {"TMPDIR": str(temp), "DOCPIPE_CONVERTERS": "1"}


def processes_mentioning(text: str) -> dict[int, str]:
    """The processes whose command line holds ``text``: pid -> command line."""
    found = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode("utf-8", "replace")
            except OSError:
                continue
            if text in command:
                found[int(entry.name)] = command
    return found


def wait_for(condition: Callable[[], bool], seconds: float, what: str) -> None:
    """Poll ``condition`` until it holds; fail saying ``what`` after ``seconds``."""
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, what
        time.sleep(0.1)


@pytest.mark.skipif(shutil.which("soffice") is None or not Path("/proc").is_dir(),
                    reason="needs LibreOffice (soffice) and Linux's /proc")
def test_a_server_killed_mid_conversion_leaves_no_libreoffice_and_a_restart_leaves_nothing_past_retention(
        tmp_path: Path) -> None:
    data, temp, root = tmp_path / "data", tmp_path / "temp", tmp_path / "kommuner"
    temp.mkdir()
    for index, name in enumerate(["halsnaes-boern-og-unge", "nordsjaellands-politi-tryghed"] * 2):
        shutil.copytree(INPUTS / name, root / f"{index}-{name}")
    port = free_port()
    server = serve_in_subprocess(data, port, environment=in_temp(temp))
    try:
        answer = httpx.post(f"http://127.0.0.1:{port}/upload", files={"file": ("kommuner.zip", zip_folder(root))},
                            data={"pdf": "word"}, timeout=60)
        assert answer.status_code in (200, 303), answer.text
        wait_for(lambda: any("soffice.bin" in command for command in processes_mentioning(str(temp)).values()),
                 180, "LibreOffice did not start converting within 180 s")
    finally:
        server.send_signal(signal.SIGKILL)
        server.wait(timeout=30)
    wait_for(lambda: not processes_mentioning(str(tmp_path)), 20,
             f"left running after kill -9: {processes_mentioning(str(tmp_path))}")
    past = time.time() - 3600  # the retention (a minute) has passed for what the killed server left
    for folder in data.iterdir():
        os.utime(folder, (past, past))
    restarted = serve_in_subprocess(data, free_port(), environment=in_temp(temp))
    try:
        assert [path.name for path in data.iterdir() if not path.name.startswith(".")] == []
        assert [path.name for path in temp.iterdir() if path.name.startswith("docpipe-")] == []
    finally:
        restarted.terminate()
        restarted.wait(timeout=30)


def test_the_sweep_removes_only_the_conversion_folders_of_processes_that_are_gone(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import tempfile

    from docpipe.api import remove_orphaned_conversions

    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    names = [f"docpipe-soffice-{gone.pid}-abc", f"docpipe-pdf-{gone.pid}-def", f"docpipe-soffice-{os.getpid()}-ghi",
             "docpipe-soffice-12345678", "docpipe-other-1-x"]
    for name in names:
        (tmp_path / name).mkdir()
    removed = remove_orphaned_conversions()
    assert sorted(path.name for path in removed) == sorted(names[:2])
    assert sorted(path.name for path in tmp_path.iterdir()) == sorted(names[2:])
