"""Reading a rendered pack the way a reader does: the text of every Word document, its tables,
headers and footers included, for tests that check what the documents say rather than how."""

from __future__ import annotations

import io
from functools import cache

import docx

from docpipe.deliverables.registry import DELIVERABLES
from docpipe.model import Case
from docpipe.model.load import load_case
from docpipe.render.case import render_deliverable
from tests.conftest import INPUTS, SHIPPED_CASES


def word_text(data: bytes) -> str:
    """The paragraphs of a .docx's body, its table cells, headers and footers, one per line."""
    document = docx.Document(io.BytesIO(data))
    texts = [p.text for p in document.paragraphs]
    texts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    for section in document.sections:
        for part in (section.header, section.footer):
            texts += [p.text for p in part.paragraphs]
            texts += [cell.text for table in part.tables for row in table.rows for cell in row.cells]
    return "\n".join(texts)


def pack_texts(case: Case) -> dict[str, str]:
    """Each Word deliverable the case gets, by name, as text."""
    return {name: word_text(render_deliverable(case, deliverable)) for name, deliverable in DELIVERABLES.items()
            if deliverable.kind == "docx" and deliverable.applies_to(case)}


@cache
def shipped_case(name: str) -> Case:
    return load_case(INPUTS / name)


@cache
def shipped_texts() -> dict[str, str]:
    """"case/deliverable" -> text, for every shipped case."""
    return {f"{name}/{deliverable}": text for name in SHIPPED_CASES
            for deliverable, text in pack_texts(shipped_case(name)).items()}
