"""Find words LibreOffice broke across two lines without a hyphen ("Sandsynligh|ed").

Reads the PDF's words with their positions (``pdftotext -bbox``) and the Word document's own words.
A word that ends a line (nothing after it on that line within a space) and, joined to a word of the
next line that starts before it ends (left- or right-aligned text), makes a word of the document
(while one of the two parts is not a word of the document by itself) was broken mid-word. A
hyphenated break ends in "-" and is fine.
"""

from __future__ import annotations

import html
import re
import subprocess
import zipfile
from dataclasses import dataclass
from pathlib import Path

_WORD = re.compile(r"<word xMin=\"([\d.]+)\" yMin=\"([\d.]+)\" xMax=\"([\d.]+)\" yMax=\"([\d.]+)\">(.*?)</word>")
_PAGE = re.compile(r"<page ")
_LETTERS = re.compile(r"[^\W\d_]+")
_STRIP = "()[]{}.,:;!?\"'«»“”„’/–—"


@dataclass(frozen=True)
class _Box:
    page: int
    x0: float
    y0: float
    x1: float
    y1: float
    text: str


def document_words(docx: Path) -> set[str]:
    """Every word (letters only) of the document's body, headers and footers, lower-cased."""
    words: set[str] = set()
    with zipfile.ZipFile(docx) as package:
        for name in package.namelist():
            if name.startswith("word/") and name.endswith(".xml"):
                xml = package.read(name).decode("utf-8")
                for paragraph in xml.split("</w:p>"):
                    text = "".join(html.unescape(t) for t in re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", paragraph))
                    words.update(word.lower() for word in _LETTERS.findall(text))
    return words


def _boxes(pdf: Path) -> list[_Box]:
    xml = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], check=True, capture_output=True, text=True,
                         timeout=120).stdout
    boxes = []
    for page_number, page in enumerate(_PAGE.split(xml)):
        for x0, y0, x1, y1, text in _WORD.findall(page):
            boxes.append(_Box(page_number, float(x0), float(y0), float(x1), float(y1), html.unescape(text)))
    return boxes


def broken_words(pdf: Path, docx: Path) -> list[str]:
    """"first|second" for every word of ``docx`` split across two lines of ``pdf`` without a hyphen."""
    words = document_words(docx)
    pages: dict[int, list[_Box]] = {}
    for box in _boxes(pdf):
        pages.setdefault(box.page, []).append(box)
    found = []
    for box in (box for page in pages.values() for box in page):
        boxes = pages[box.page]
        if box.text.endswith(("-", "\u00ad", "\u2010")):
            continue
        head = box.text.lstrip(_STRIP)
        if not head or not _LETTERS.fullmatch(head):
            continue
        height = box.y1 - box.y0
        same_line = [other for other in boxes if abs(other.y0 - box.y0) < height / 2]
        if any(box.x1 <= other.x0 < box.x1 + height * 0.6 for other in same_line):
            continue  # not the last word of its line (or of its table cell)
        next_line = [other for other in boxes
                     if 0.6 * height < other.y0 - box.y0 < 1.6 * height and other.x0 < box.x1]
        for other in next_line:
            tail_match = _LETTERS.match(other.text)
            if tail_match is None or not other.text[0].isalpha():
                continue
            tail = tail_match.group(0)
            joined = (head + tail).lower()
            if joined in words and (head.lower() not in words or tail.lower() not in words):
                found.append(f"{head}|{tail}")
    return found
