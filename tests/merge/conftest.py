"""Fixtures for docpipe merge: a small Word template and data files built in tmp_path."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import docx
import pytest

FIELDS = ["Kommune", "Navn på kommune", "Kode"]
RECORDS: list[dict[str, Any]] = [
    {"Kommune": "Halsnæs", "Navn på kommune": "Halsnæs Kommune", "Kode": "260"},
    {"Kommune": "Ærø", "Navn på kommune": "Ærø Kommune", "Kode": "492"},
    {"Kommune": "Aabenraa", "Navn på kommune": "Aabenraa Kommune", "Kode": "580"},
]


def make_template(path: Path, *paragraphs: str) -> Path:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    document.save(str(path))
    return path


@pytest.fixture
def template(tmp_path: Path) -> Path:
    """A letter reaching a top-level field, a field with spaces and æøå, and the row number."""
    return make_template(tmp_path / "brev.docx", "Kære {{ Kommune }}", '{{ row["Navn på kommune"] }}',
                         "Række {{ row_number }}")


def paragraphs(path: Path) -> list[str]:
    return [paragraph.text for paragraph in docx.Document(str(path)).paragraphs]


@pytest.fixture
def write_csv(tmp_path: Path) -> Callable[..., Path]:
    def write(rows: list[list[str]], name: str = "data.csv", delimiter: str = ",", bom: bool = False) -> Path:
        text = "\r\n".join(delimiter.join(row) for row in rows) + "\r\n"
        path = tmp_path / name
        path.write_bytes(("\ufeff" if bom else "").encode() + text.encode("utf-8"))
        return path

    return write


@pytest.fixture
def write_json(tmp_path: Path) -> Callable[..., Path]:
    def write(data: Any, name: str = "data.json") -> Path:
        path = tmp_path / name
        path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
        return path

    return write


@pytest.fixture
def data_csv(write_csv: Callable[..., Path]) -> Path:
    return write_csv([FIELDS] + [[record[name] for name in FIELDS] for record in RECORDS])
