"""``WordTemplate.redline``: a user's own template, two contexts, Word's tracked changes between them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from docx import Document

from docpipe import WordTemplate
from docpipe.ooxml.package import DocumentProperties
from tests.redline.tracked import W, body_root, changes, readings, resolved


def _template(tmp_path: Path) -> WordTemplate:
    document = Document()
    document.add_paragraph("Kære {{ navn }}")
    document.add_paragraph("{%p for punkt in punkter %}")
    document.add_paragraph("{{ punkt }}")
    document.add_paragraph("{%p endfor %}")
    document.add_paragraph("Bevilling: {{ beløb }} kr.")
    document.save(str(tmp_path / "brev.docx"))
    return WordTemplate(tmp_path / "brev.docx")


OLD = {"navn": "Ada", "punkter": ["Første punkt", "Andet punkt"], "beløb": "120.000"}
NEW = {"navn": "Ada", "punkter": ["Første punkt", "Tredje punkt", "Andet punkt"], "beløb": "150.000"}


def test_accepting_gives_the_new_context_and_rejecting_the_old(tmp_path: Path) -> None:
    template = _template(tmp_path)
    redlined = template.redline(OLD, NEW)
    assert readings(resolved(redlined, accept=True)) == readings(resolved(template.render(NEW), accept=True))
    assert readings(resolved(redlined, accept=False)) == readings(resolved(template.render(OLD), accept=True))
    assert changes(redlined) == [("ins", "Tredje punkt"), ("del", "120.000"), ("ins", "150.000")]


def test_author_and_date_are_the_callers_and_the_bytes_repeat(tmp_path: Path) -> None:
    template = _template(tmp_path)
    properties = DocumentProperties(title="Brev", author="Kommunen", date=dt.date(2026, 11, 22))
    redlined = template.redline(OLD, NEW, author="Sekretariatet", properties=properties)
    marks = list(body_root(redlined).iter(f"{W}ins", f"{W}del"))
    assert {(mark.get(f"{W}author"), mark.get(f"{W}date")) for mark in marks} == {
        ("Sekretariatet", "2026-11-22T00:00:00Z")}
    assert template.redline(OLD, NEW, author="Sekretariatet", properties=properties) == redlined
    undated = template.redline(OLD, NEW)
    assert all(mark.get(f"{W}date") is None for mark in body_root(undated).iter(f"{W}ins", f"{W}del"))
    assert template.redline(NEW, NEW) == template.redline(NEW, NEW) and changes(template.redline(NEW, NEW)) == []
