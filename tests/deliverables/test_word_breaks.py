"""No word of a Word deliverable is broken across two lines without a hyphen ("Sandsynligh|ed").

Every Word deliverable of every shipped case is laid out by LibreOffice (one start), and its PDF text is
compared with the document's words (tests/deliverables/word_breaks.py). Needs soffice, pdftotext and
LibreOffice's Danish hyphenation patterns (Debian: hyphen-da); without them it is skipped, saying why.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from docpipe import DELIVERABLES, load_case, render_deliverable
from tests.conftest import INPUTS, SHIPPED_CASES
from tests.deliverables.word_breaks import broken_words

DANISH_PATTERNS = (Path("/usr/share/hyphen/hyph_da_DK.dic"), Path("/usr/lib/libreoffice/share/extensions/dict-da"))
WORD = [name for name, deliverable in DELIVERABLES.items() if deliverable.kind == "docx"]


def _tools() -> str:
    missing = [tool for tool in ("soffice", "pdftotext") if shutil.which(tool) is None]
    if missing:
        reason = f"{' and '.join(missing)} not installed: cannot look for broken words (apt-get install " \
                 "libreoffice-writer-nogui poppler-utils hyphen-da)"
    elif not any(path.exists() for path in DANISH_PATTERNS):
        reason = "LibreOffice has no Danish hyphenation patterns: apt-get install hyphen-da"
    else:
        return str(shutil.which("soffice"))
    print(f"skipping the word-break check: {reason}")
    pytest.skip(reason)


def test_hyphenation_is_on_in_every_template() -> None:
    for name in WORD:
        case = load_case(INPUTS / SHIPPED_CASES[0])
        if not DELIVERABLES[name].applies_to(case):
            continue
        with zipfile.ZipFile(io.BytesIO(render_deliverable(case, DELIVERABLES[name]))) as package:
            settings = package.read("word/settings.xml").decode("utf-8")
        assert '<w:autoHyphenation w:val="true"/>' in settings, name


def test_no_word_is_broken_without_a_hyphen(tmp_path: Path) -> None:
    soffice = _tools()
    paths = []
    for case_name in SHIPPED_CASES:
        case = load_case(INPUTS / case_name)
        for name in WORD:
            if DELIVERABLES[name].applies_to(case):
                path = tmp_path / f"{case_name}--{name}.docx"
                path.write_bytes(render_deliverable(case, DELIVERABLES[name]))
                paths.append(path)
    subprocess.run([soffice, f"-env:UserInstallation=file://{tmp_path}/lo-profile", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), *map(str, paths)], check=True, capture_output=True, timeout=600)
    broken = {path.stem: words for path in paths if (words := broken_words(tmp_path / f"{path.stem}.pdf", path))}
    assert broken == {}
