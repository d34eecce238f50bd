"""Is a warm LibreOffice faster than a start per conversion? Measured in one run, three ways.

    python benchmarks/libreoffice_warm.py [--repeat 5]

Converts the shipped Halsnæs case's kommissorium (rendered first) to PDF ``--repeat`` times each way,
one conversion at a time, and prints the median seconds per conversion:

- **cold**: today's way, ``docpipe.output.pdf.convert_to_pdf`` (a LibreOffice start, a fresh profile);
- **listener**: one ``soffice --headless`` kept running, each conversion a second ``soffice
  --convert-to`` on the same profile, which hands its request to the running one: LibreOffice's own
  listener driven without its Python bridge (``uno``);
- **unoserver**: ``unoserver`` kept running, each conversion ``unoconvert`` (XML-RPC). Needs
  ``unoserver`` on PATH, installed for a Python that has LibreOffice's ``uno`` (Debian: python3-uno);
  says so and skips the row without it.

Needs LibreOffice (soffice); says so and stops without it. Everything goes into a temporary folder.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from docpipe.api import convert_to_pdf, load_case, render_case  # noqa: E402


def median_seconds(convert: Callable[[], None], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        convert()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def listener_row(soffice: str, document: Path, folder: Path, repeat: int) -> float:
    profile = (folder / "listener-profile").as_uri()
    running = subprocess.Popen([soffice, f"-env:UserInstallation={profile}", "--headless", "--invisible",
                                "--norestore"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               start_new_session=True)
    try:
        time.sleep(5)  # let it start before the first request
        return median_seconds(lambda: subprocess.run(
            [soffice, f"-env:UserInstallation={profile}", "--headless", "--norestore", "--convert-to", "pdf",
             "--outdir", str(folder / "listener"), str(document)], check=True, capture_output=True), repeat)
    finally:
        os.killpg(running.pid, 9)
        running.wait()


def unoserver_row(document: Path, folder: Path, repeat: int) -> float | None:
    server, client = shutil.which("unoserver"), shutil.which("unoconvert")
    if not server or not client:
        print("unoserver: skipped (unoserver/unoconvert not on PATH; they need LibreOffice's Python bridge, "
              "Debian's python3-uno, and `pip install unoserver` for that Python)")
        return None
    port, uno_port = free_port(), free_port()
    running = subprocess.Popen([server, "--port", str(port), "--uno-port", str(uno_port)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        time.sleep(8)
        return median_seconds(lambda: subprocess.run(
            [client, "--port", str(port), "--convert-to", "pdf", str(document), str(folder / "uno.pdf")],
            check=True, capture_output=True), repeat)
    finally:
        os.killpg(running.pid, 9)
        running.wait()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    repeat = parser.parse_args().repeat
    soffice = shutil.which("soffice")
    if soffice is None:
        print("LibreOffice (soffice) is not installed: nothing to measure")
        return
    with tempfile.TemporaryDirectory(prefix="docpipe-bench-lo-") as name:
        folder = Path(name)
        written = render_case(load_case(REPO / "inputs" / "halsnaes-boern-og-unge"), folder / "out")
        document = next(path for path in written if path.name == "kommissorium.docx")
        print(f"load average: {os.getloadavg()[0]:.1f}; {repeat} conversions each, median seconds per conversion")
        cold = median_seconds(lambda: convert_to_pdf([document]), repeat)
        print(f"cold (today):  {cold:.2f}")
        listener = listener_row(soffice, document, folder, repeat)
        print(f"listener:      {listener:.2f}   speedup {cold / listener:.2f}")
        warm = unoserver_row(document, folder, repeat)
        if warm is not None:
            print(f"unoserver:     {warm:.2f}   speedup {cold / warm:.2f}")


if __name__ == "__main__":
    main()
