"""Writes the shipped Word templates: ``python -m tools.templates.build [NAME ...]``.

Each NAME is a module of this package with a ``build()`` returning a python-docx Document; with no
NAME every template is written into templates/docx/. Run it after changing the house style or a
template script, then render the examples and look at them.
"""

from __future__ import annotations

import datetime as dt
import importlib
import io
import sys
from pathlib import Path

from docpipe.ooxml.package import DocumentProperties, normalise_package

OUT_DIR = Path("templates/docx")
TEMPLATES = {
    "kommissorium": "kommissorium.docx",
    "forretningsorden": "forretningsorden.docx",
    "implementeringsplan": "implementeringsplan.docx",
    "one_pager": "one-pager.docx",
    "dagsordenspunkt": "dagsordenspunkt.docx",
    "aendringer": "aendringer.docx",
    "statusnotat": "statusnotat.docx",
}


def main(names: list[str]) -> None:
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    for name in names or list(TEMPLATES):
        module = importlib.import_module(f"tools.templates.{name}")
        target = OUT_DIR / TEMPLATES[name]
        buffer = io.BytesIO()
        module.build().save(buffer)
        # fixed zip times and properties: rebuilding an unchanged template changes no bytes in git
        properties = DocumentProperties(title=f"docpipe template {TEMPLATES[name]}", author="docpipe",
                                        date=dt.date(2026, 1, 1))
        target.write_bytes(normalise_package(buffer.getvalue(), properties))
        print(f"wrote {target}")


if __name__ == "__main__":
    main(sys.argv[1:])
