"""A picture's alternative text and Word's "decorative" mark, as a screen reader and Word's
Accessibility Checker find them in the drawing (``wp:docPr``)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from docx import Document
from lxml import etree

from docpipe import Picture, WordTemplate
from tests.word.test_word_template import png

NS = {"wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
      "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
      "pic": "http://schemas.openxmlformats.org/drawingml/2006/picture",
      "adec": "http://schemas.microsoft.com/office/drawing/2017/decorative"}
DECORATIVE_URI = "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"


def _render(tmp_path: Path, *pictures: Picture) -> bytes:
    document = Document()
    for index in range(len(pictures)):
        document.add_paragraph(f"{{{{ pictures[{index}] }}}}")
    document.save(str(tmp_path / "billeder.docx"))
    return WordTemplate(tmp_path / "billeder.docx").render({"pictures": list(pictures)})


def _doc_prs(data: bytes) -> list[etree._Element]:
    root = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml"))
    return list(root.iterfind(".//wp:docPr", NS))


def test_alt_text_lands_in_the_drawing_as_word_writes_it(tmp_path: Path) -> None:
    image = png(2, 2, (0, 85, 140))
    hostile = 'Kort over "Nord" & <Syd>\nmed ø, æ og å'
    data = _render(tmp_path, Picture(image, 20, alt="Logo: Halsnæs Kommune"), Picture(image, 20, alt=hostile),
                   Picture(image, 20))
    first, second, third = _doc_prs(data)
    assert first.get("descr") == "Logo: Halsnæs Kommune"
    assert second.get("descr") == hostile  # escaped, the line break kept as a character reference
    assert third.get("descr") is None  # no alt given: none invented
    root = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml"))
    assert [p.get("descr") for p in root.iterfind(".//pic:cNvPr", NS)] == ["Logo: Halsnæs Kommune", hostile, None]
    assert [shape.width for shape in Document(io.BytesIO(data)).inline_shapes] == [720000] * 3


def test_a_decorative_picture_carries_words_mark_and_no_alt_text(tmp_path: Path) -> None:
    data = _render(tmp_path, Picture(png(2, 2, (0, 0, 0)), 10, decorative=True))
    (doc_pr,) = _doc_prs(data)
    assert doc_pr.get("descr") is None
    (extension,) = doc_pr.iterfind("a:extLst/a:ext", NS)
    assert extension.get("uri") == DECORATIVE_URI
    assert extension.find("adec:decorative", NS).get("val") == "1"


def test_alt_and_decorative_are_keywords_and_exclusive() -> None:
    image = png(1, 1, (0, 0, 0))
    with pytest.raises(ValueError, match="decorative"):
        Picture(image, 10, alt="Et logo", decorative=True)
    with pytest.raises(ValueError, match="U\\+0007"):
        Picture(image, 10, alt="ding\a")
    with pytest.raises(TypeError):
        Picture(image, 10, "Et logo")  # type: ignore[call-arg]
    assert Picture(image, 10, alt="  ", decorative=True).decorative
