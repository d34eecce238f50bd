"""Renders the README's pictures: the first page of each deliverable of the Halsnæs example.

``python -m tools.previews`` (needs LibreOffice's soffice and poppler's pdftoppm) writes
docs/<deliverable>.png. Run it after a template change and look at the pictures.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from docpipe import DELIVERABLES, load_case, render_case

CASES = {"halsnaes-boern-og-unge": None, "nordsjaellands-politi-tryghed": ["kommissorium"]}
DOCS = Path("docs")


def main() -> None:
    if not shutil.which("soffice") or not shutil.which("pdftoppm"):
        sys.exit("needs soffice (LibreOffice) and pdftoppm (poppler-utils)")
    DOCS.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work)
        for case_name, only in CASES.items():
            files = render_case(load_case(Path("inputs") / case_name), folder / "out", only)
            for path in files:
                name = next(d.name for d in DELIVERABLES.values() if d.file_name == path.name)
                suffix = "" if case_name == "halsnaes-boern-og-unge" else "-udkast"
                _first_page_png(path, folder, DOCS / f"{name}{suffix}.png")


def _first_page_png(document: Path, work: Path, target: Path) -> None:
    pdf_dir = work / "pdf"
    subprocess.run(["soffice", f"-env:UserInstallation=file://{work}/lo", "--headless", "--convert-to", "pdf",
                    "--outdir", str(pdf_dir), str(document)], check=True, capture_output=True, timeout=180)
    pdf = pdf_dir / f"{document.stem}.pdf"
    subprocess.run(["pdftoppm", "-png", "-r", "70", "-f", "1", "-l", "1", "-singlefile", str(pdf),
                    str(target.with_suffix(""))], check=True, timeout=60)
    pdf.unlink()
    print(f"wrote {target}")


if __name__ == "__main__":
    main()
