"""User text lands verbatim; templates can be replaced; a broken template is named, nothing written."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from docpipe import DELIVERABLES, TemplateError, load_case, render_case, render_deliverable
from docpipe.cli import main
from tests.conftest import edit_yaml

CaseCopy = Callable[..., Path]
TRICKY = "Børn & Unge <i> \"citat\" 'enkelt' „dansk“ 🚲\tfane"


def test_user_text_is_escaped_and_verbatim(case_copy: CaseCopy) -> None:
    case_dir = case_copy()
    edit_yaml(case_dir / "initiative.yaml", lambda d: d.update(background=f"{TRICKY}\nAnden linje\n\nTredje"))
    data = render_deliverable(load_case(case_dir), DELIVERABLES["kommissorium"])
    texts = [paragraph.text for paragraph in docx.Document(io.BytesIO(data)).paragraphs]
    start = texts.index("Baggrund")
    assert texts[start + 1: start + 4] == [TRICKY, "Anden linje", "Tredje"]


def _template_with(path: Path, text: str) -> None:
    document = docx.Document()
    document.add_paragraph(text)
    document.save(str(path))


def test_templates_folder_replaces_a_default(case_copy: CaseCopy, tmp_path: Path) -> None:
    templates = tmp_path / "mine" / "docx"
    templates.mkdir(parents=True)
    _template_with(templates / "kommissorium.docx", "Vores eget kommissorium for {{ org.name }}")
    written = render_case(load_case(case_copy()), tmp_path / "out", ["kommissorium"], tmp_path / "mine")
    texts = [p.text for p in docx.Document(str(written[0])).paragraphs]
    assert texts == ["Vores eget kommissorium for Halsnæs Kommune"]


def test_template_with_unknown_name_is_refused_and_nothing_written(case_copy: CaseCopy, tmp_path: Path) -> None:
    templates = tmp_path / "mine"
    templates.mkdir()
    _template_with(templates / "one-pager.docx", "{{ visoin }}")
    with pytest.raises(TemplateError) as caught:
        render_case(load_case(case_copy()), tmp_path / "out", templates=templates)
    assert "one-pager.docx" in str(caught.value) and "visoin" in str(caught.value)
    assert not (tmp_path / "out").exists()


def test_cli_names_the_broken_template(case_copy: CaseCopy, tmp_path: Path) -> None:
    templates = tmp_path / "mine"
    templates.mkdir()
    _template_with(templates / "kommissorium.docx", "{% if %}")
    result = CliRunner().invoke(main, ["render", str(case_copy()), "--out", str(tmp_path / "out"),
                                       "--templates", str(templates)])
    assert result.exit_code == 1
    assert "template kommissorium.docx: syntax error" in result.stderr
    assert "Traceback" not in result.stderr


def test_sandbox_refuses_python_internals(case_copy: CaseCopy, tmp_path: Path) -> None:
    templates = tmp_path / "mine"
    templates.mkdir()
    _template_with(templates / "kommissorium.docx", "{{ title.__class__.__mro__[1].__subclasses__() }}")
    with pytest.raises(TemplateError):
        render_case(load_case(case_copy()), tmp_path / "out", ["kommissorium"], templates)


def test_registry_names_match_files() -> None:
    assert {d.file_name for d in DELIVERABLES.values()} == {
        "kommissorium.docx", "forretningsorden.docx", "implementeringsplan.docx", "implementeringsplan.xlsx",
        "one-pager.docx", "aktoeroverblik.xlsx", "aktoeroverblik-offentlig.xlsx", "dagsordenspunkt.docx",
        "statusnotat.docx"}
