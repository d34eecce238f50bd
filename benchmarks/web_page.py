"""How long a person waits for one case's results page, against the way it was, in one run.

    python benchmarks/web_page.py [--repeat 3]          last line ``answer speedup: X``

Uploads the shipped Halsnæs case (as a zip) to ``docpipe serve``'s app (in this process, through
Starlette's test client) with first-page pictures on, two ways, each ``--repeat`` rounds, best time
counting (another program's load only ever adds time):

- **before**: the page answers once the documents *and* their pictures are made (the pictures made by
  ``render_for_page`` itself, as every upload did before the pictures were deferred);
- **now**: the page answers once the documents are made; the pictures follow in a job thread, and the
  time until the last one is there is measured as well.

Needs LibreOffice (soffice) and pdftoppm; says so and stops without them. Output goes into a temporary
folder. See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import io
import sys
import tempfile
import time
import warnings
import zipfile
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
CASE = REPO / "inputs" / "halsnaes-boern-og-unge"


def case_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(CASE.rglob("*")):
            if path.is_file():
                archive.write(path, f"{CASE.name}/{path.relative_to(CASE).as_posix()}")
    return buffer.getvalue()


def one_round(data: bytes, before: bool) -> tuple[float, float]:
    """Seconds until the page answers, and until every picture is there."""
    from fastapi.testclient import TestClient

    import docpipe.web.app as web_app
    from docpipe.web.app import create_app
    from docpipe.web.previews import DONE_MARKER, PREVIEWS
    from docpipe.web.uploads import UploadStore

    original = web_app.render_for_page

    def pictures_first(*args: Any, **options: Any) -> Any:
        options["previews_later"] = False  # the old way: the pictures before the answer
        return original(*args, **options)

    with tempfile.TemporaryDirectory() as folder:
        client = TestClient(create_app(store=UploadStore(Path(folder)), with_previews=True, jobs=1))
        if before:
            web_app.render_for_page = pictures_first  # type: ignore[assignment]
        try:
            started = time.perf_counter()
            answer = client.post("/upload", files={"file": ("sag.zip", data)}, follow_redirects=False)
            answered = time.perf_counter() - started
        finally:
            web_app.render_for_page = original  # type: ignore[assignment]
        assert answer.status_code == 303, answer.text[:300]
        upload = Path(folder) / answer.headers["location"].rsplit("/", 1)[1]
        while not (upload / PREVIEWS / DONE_MARKER).is_file():
            time.sleep(0.01)
        return answered, time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    options = parser.parse_args(argv)
    sys.path.insert(0, str(REPO / "src"))
    from docpipe.web.previews import can_preview

    if not can_preview():
        print("needs LibreOffice (soffice) and pdftoppm: apt-get install libreoffice-writer-nogui "
              "libreoffice-calc-nogui poppler-utils")
        return 1
    warnings.simplefilter("ignore")
    data = case_zip()
    one_round(data, before=False)  # warm: imports, the template cache, LibreOffice's first start
    results: dict[bool, list[tuple[float, float]]] = {True: [], False: []}
    for round_number in range(1, options.repeat + 1):
        for before in (True, False):
            results[before].append(one_round(data, before))
        old, new = results[True][-1], results[False][-1]
        print(f"round {round_number}: before {old[0]:.2f} s; now {new[0]:.2f} s to answer, "
              f"{new[1]:.2f} s to the last picture")
    old_answer = min(answer for answer, _ in results[True])
    new_answer = min(answer for answer, _ in results[False])
    new_pictures = min(pictures for _, pictures in results[False])
    print(f"page answers: before {old_answer:.2f} s, now {new_answer:.2f} s; last picture now {new_pictures:.2f} s")
    print(f"answer speedup: {old_answer / new_answer:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
