"""The redlines of two shipped case pairs against their reviewed golden form in tests/golden/redline/.

- ``status-change``: Halsnæs from draft (0.9, 1 November) to final (1.0, 22 November), with a new
  steering-group member, a milestone moved a week earlier and a changed budget line;
- ``programme-change``: Gribskov unchanged itself, but the shared Policy Lab folder it ``extends``
  moved the Policy Lab and reworded a goal.

The pairs live in tests/fixtures/redline/<pair>/{old,new}/. Kept per document: the body part of a
redlined Word document (everything else is NEW's, byte for byte), every part of aendringer.docx,
and a workbook's sheet "Ændringer". Regenerate with ``pytest tests/redline/test_golden_pairs.py
--update-golden`` and read the diff.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from docpipe import redline_case
from tests.conftest import REPO
from tests.golden_tools import canonical_docx, canonical_xlsx

FIXTURES = REPO / "tests" / "fixtures" / "redline"
GOLDEN = REPO / "tests" / "golden" / "redline"
PAIRS = {"status-change": "halsnaes-boern-og-unge", "programme-change": "policy-lab-gribskov"}


@cache
def _redlined(pair: str, out: Path) -> dict[str, bytes]:
    case = PAIRS[pair]
    written = redline_case(FIXTURES / pair / "old" / case, FIXTURES / pair / "new" / case, out / pair)
    return {path.name: path.read_bytes() for path in written}


def reviewable(name: str, data: bytes) -> dict[str, str]:
    """The parts of one written file that the redline makes, as canonical XML or JSON."""
    if name.endswith(".xlsx"):
        return {part: text for part, text in canonical_xlsx(data).items() if part == "Ændringer.json"}
    parts = canonical_docx(data)
    return parts if name == "aendringer.docx" else {"word__document.xml": parts["word__document.xml"]}


@pytest.mark.parametrize("pair", sorted(PAIRS))
def test_matches_golden(pair: str, update_golden: bool, tmp_path_factory: pytest.TempPathFactory) -> None:
    written = _redlined(pair, tmp_path_factory.getbasetemp() / "golden-pairs")
    for name, data in written.items():
        folder = GOLDEN / pair / name
        parts = reviewable(name, data)
        if update_golden:
            folder.mkdir(parents=True, exist_ok=True)
            for stale in folder.iterdir():
                stale.unlink()
            for part, text in parts.items():
                (folder / part).write_text(text, "utf-8")
            continue
        assert folder.is_dir(), f"no golden files for {pair}/{name}; run pytest with --update-golden"
        expected = {path.name: path.read_text("utf-8") for path in sorted(folder.iterdir())}
        assert parts == expected, f"{pair}/{name} differs from the golden files"
    assert sorted(written) == sorted(path.name for path in (GOLDEN / pair).iterdir())
