"""``docpipe batch --pdf`` of the shipped cases with one LibreOffice against N side by side, in one run.

    python benchmarks/pdf_converters.py [--converters 2] [--repeat 3]

Runs ``docpipe batch inputs --out TMP --pdf`` (Word documents to PDF/A) ``--repeat`` times with
``DOCPIPE_CONVERTERS=1`` (one LibreOffice run per kind, one after the other: the way it was) and with
``DOCPIPE_CONVERTERS=N`` (the documents dealt into N runs side by side, Word and Excel together),
alternating, and prints the best seconds of each (another program's load only ever adds time) and
``pdf speedup: X``. Needs LibreOffice (soffice); says so and stops without it.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def batch_seconds(converters: int, out: Path) -> float:
    shutil.rmtree(out, ignore_errors=True)
    environment = {**os.environ, "DOCPIPE_CONVERTERS": str(converters),
                   "PYTHONPATH": os.pathsep.join([str(REPO / "src"), os.environ.get("PYTHONPATH", "")])}
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "docpipe", "batch", str(REPO / "inputs"), "--out", str(out), "--pdf",
                    "--json"], check=True, capture_output=True, env=environment)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--converters", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--repeat", type=int, default=3)
    options = parser.parse_args()
    if shutil.which("soffice") is None:
        print("LibreOffice (soffice) is not installed: nothing to measure")
        return
    one, many = [], []
    with tempfile.TemporaryDirectory(prefix="docpipe-bench-pdf-") as name:
        for _ in range(options.repeat):
            one.append(batch_seconds(1, Path(name) / "one"))
            many.append(batch_seconds(options.converters, Path(name) / "many"))
    print(f"load average {os.getloadavg()[0]:.1f}; best of {options.repeat}")
    print(f"1 converter:  {min(one):.2f} s")
    print(f"{options.converters} converters: {min(many):.2f} s")
    print(f"pdf speedup: {min(one) / min(many):.2f}")


if __name__ == "__main__":
    main()
