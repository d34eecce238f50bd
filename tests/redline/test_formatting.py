"""Changed run formatting in a changed paragraph: NEW's formatting, OLD's kept as ``w:rPrChange``."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from lxml import etree

from docpipe.redline.marks import Revision
from docpipe.redline.paragraph import redlined_content
from tests.redline.tracked import resolved

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def paragraph(*runs: tuple[str, bool]) -> object:
    inner = "".join(f'<w:r>{"<w:rPr><w:b/></w:rPr>" if bold else ""}<w:t xml:space="preserve">{text}</w:t></w:r>'
                    for text, bold in runs)
    return etree.fromstring(f"<w:p {NS}>{inner}</w:p>")


def test_a_word_made_bold_records_its_old_formatting() -> None:
    old = paragraph(("Budget ", False), ("i alt ", False), ("100", False))
    new = paragraph(("Budget ", False), ("i alt ", True), ("120", False))
    content = redlined_content(old, new, Revision("Os", dt.date(2026, 11, 22)))
    runs = [element for element in content if element.tag == f"{W}r"]
    bold = next(run for run in runs if run.find(f"{W}rPr/{W}b") is not None)
    assert "".join(bold.itertext()) == "i alt "
    change = bold.find(f"{W}rPr/{W}rPrChange")
    assert change is not None and change.get(f"{W}author") == "Os"
    assert list(change) == [change.find(f"{W}rPr")] and len(change.find(f"{W}rPr")) == 0  # was: not bold
    assert bold.find(f"{W}rPr")[-1] is change  # the schema's place: last in w:rPr
    plain = [run for run in runs if run is not bold]
    assert all(run.find(f"{W}rPr/{W}rPrChange") is None for run in plain)


def test_unchanged_formatting_records_nothing() -> None:
    old = paragraph(("Budget ", True), ("100", False))
    new = paragraph(("Budget ", True), ("120", False))
    content = redlined_content(old, new, Revision("Os", dt.date(2026, 11, 22)))
    assert not [node for element in content for node in element.iter(f"{W}rPrChange")]


def test_rejecting_restores_the_old_formatting_and_accepting_keeps_the_new() -> None:
    old = paragraph(("Budget ", False), ("i alt ", False), ("100", False))
    new = paragraph(("Budget ", False), ("i alt ", True), ("120", False))
    rebuilt = etree.fromstring(f"<w:p {NS}/>")
    rebuilt.extend(redlined_content(old, new, Revision("Os", dt.date(2026, 11, 22))))
    document = etree.fromstring(f"<w:document {NS}><w:body/></w:document>")
    document[0].append(rebuilt)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", etree.tostring(document))

    def bold_texts(accept: bool) -> list[str]:
        root = resolved(buffer.getvalue(), accept=accept)
        return ["".join(run.itertext()) for run in root.iter(f"{W}r") if run.find(f"{W}rPr/{W}b") is not None]

    assert bold_texts(accept=True) == ["i alt "] and bold_texts(accept=False) == []
