"""LibreOffice runs bounded in number per process, and each in a process group killed whole."""

from __future__ import annotations

import os
import subprocess
import threading
import time
from pathlib import Path

import pytest

from docpipe.output import pdf


def fake_soffice(folder: Path, log: Path) -> Path:
    """A stand-in for soffice that notes when it starts and ends, takes a while, and converts nothing."""
    script = folder / "soffice"
    script.write_text(f"#!/bin/sh\necho start $(date +%s.%N) >> {log}\nsleep 0.4\necho end $(date +%s.%N) >> {log}\n")
    script.chmod(0o755)
    return script


def test_conversions_wait_for_a_free_converter(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(pdf.CONVERTERS_VARIABLE, "1")
    pdf.converter_slots.cache_clear()
    log = tmp_path / "log"
    soffice = fake_soffice(tmp_path, log)
    documents = []
    for index in range(3):
        folder = tmp_path / f"case{index}"
        folder.mkdir()
        document = folder / "kommissorium.docx"
        document.write_bytes(b"PK")
        documents.append(document)
    try:
        threads = [threading.Thread(target=pdf.convert_to_pdf, args=([document],), kwargs={"soffice": str(soffice)})
                   for document in documents]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
    finally:
        pdf.converter_slots.cache_clear()
    events = [line.split() for line in log.read_text().splitlines()]
    assert [kind for kind, _ in events] == ["start", "end"] * 3  # never two at once


def test_a_timed_out_run_is_killed_with_its_children(tmp_path: Path) -> None:
    """soffice's launcher starts soffice.bin as a child; killing the launcher alone would leave it running."""
    child = tmp_path / "child.pid"
    command = ["sh", "-c", f"sleep 60 & echo $! > {child}; wait"]
    with pytest.raises(subprocess.TimeoutExpired):
        pdf._run_in_own_group(command, timeout=1)
    pid = int(child.read_text())
    deadline = time.monotonic() + 5
    while _alive(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _alive(pid)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    status = Path(f"/proc/{pid}/status")
    return not (status.is_file() and "State:\tZ" in status.read_text())
