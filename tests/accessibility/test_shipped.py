"""docpipe's own verdict on docpipe's own output: every deliverable of every shipped case passes the
accessibility checker (docpipe.accessibility) with no error. Rendered in-process, no LibreOffice;
the PDFs are checked in tests/pdf/test_pdfua.py."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from docpipe.accessibility import Finding, check_accessibility
from docpipe.deliverables.registry import DELIVERABLES
from docpipe.model.load import load_case
from docpipe.render.case import render_deliverable
from tests.conftest import INPUTS, SHIPPED_CASES, edit_yaml

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
HOSTILE = 'Ærø & <Søn> "Ø" \'å\' ]]> {{ x }} \u200b'

def render_all(case_name: str, folder: Path, source: Path = INPUTS) -> list[Path]:
    case = load_case(source / case_name)
    written = []
    for name, deliverable in sorted(DELIVERABLES.items()):
        target = folder / case_name / f"{name}-{deliverable.file_name}"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(render_deliverable(case, deliverable))
        written.append(target)
    return written


def errors(findings: list[Finding]) -> list[str]:
    return [str(finding) for finding in findings if finding.is_error]


@pytest.mark.parametrize("case_name", SHIPPED_CASES)
def test_every_deliverable_passes_the_checker(case_name: str, tmp_path: Path) -> None:
    assert errors(check_accessibility(render_all(case_name, tmp_path))) == []


def test_a_full_one_pager_and_a_case_with_hostile_characters_and_long_tables(
        tmp_path: Path, case_copy: Callable[[str], Path]) -> None:
    """The rules hold off the beaten path too: the one-pager filled to its limits, and sixty actors
    whose names carry XML's and Jinja's special characters (tables over several pages)."""
    case = case_copy("halsnaes-boern-og-unge")

    def crowd(data: dict[str, Any]) -> None:
        template = data["actors"][-1]
        data["actors"] += [{**template, "id": f"aktoer-{number}", "name": f"{HOSTILE} {number}",
                            "organisation": HOSTILE, "email": f"a{number}@example.dk"} for number in range(60)]

    edit_yaml(case / "actors.yaml", crowd)
    findings = check_accessibility([*render_all("one_pager_max", tmp_path, FIXTURES),
                                    *render_all(case.name, tmp_path / "hostile", case.parent)])
    assert errors(findings) == []
