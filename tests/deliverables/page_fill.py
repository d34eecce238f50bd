"""How full each page of a PDF is: the share of the body's height (between the top and bottom margins)
down to the foot of its lowest word, read with ``pdftotext -bbox``.

The house templates put the header above the top margin (30 mm) and the footer below the bottom one
(22 mm), so the words between them are the body's. A page whose body ends a fifth of the way down is
20 % full, whatever its width holds.
"""

from __future__ import annotations

import html
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

MM = 72 / 25.4  # PDF points per millimetre
TOP_MARGIN, BOTTOM_MARGIN = 30 * MM, 22 * MM

_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.S)
_WORD = re.compile(r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">(.*?)</word>')


@dataclass(frozen=True)
class Page:
    number: int  # from 1
    fill: float  # 0.0 (empty body) to 1.0 (words down to the bottom margin)
    first_words: str  # the body's first words, to say which page it is


def pages(pdf: Path) -> list[Page]:
    """Every page of ``pdf`` with how full its body is."""
    xml = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], check=True, capture_output=True, text=True,
                         timeout=120).stdout
    found = []
    for number, (_, height, body) in enumerate(_PAGE.findall(xml), start=1):
        bottom = float(height) - BOTTOM_MARGIN
        words = [(float(y0), float(y1), html.unescape(text)) for y0, y1, text in _WORD.findall(body)
                 if float(y0) >= TOP_MARGIN - 1 and float(y1) <= bottom + 1]
        lowest = max((y1 for _, y1, _ in words), default=TOP_MARGIN)
        first = " ".join(text for _, _, text in sorted(words)[:8])
        found.append(Page(number, (lowest - TOP_MARGIN) / (bottom - TOP_MARGIN), first))
    return found


def page_texts(pdf: Path) -> list[str]:
    """The text of each page (``pdftotext -layout``), for "page 1 holds ..." checks."""
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True,
                          timeout=120).stdout
    return text.split("\f")[:-1] if text.endswith("\f") else text.split("\f")
