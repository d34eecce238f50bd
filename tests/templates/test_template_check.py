"""docpipe templates check: clean shipped templates, and each kind of mistake found and explained."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from docpipe import DELIVERABLES
from docpipe.render.check import check_templates


def _template(path: Path, *paragraphs: list[tuple[str, bool]]) -> None:
    """A .docx whose paragraphs are made of (text, bold) runs."""
    document = docx.Document()
    for runs in paragraphs:
        paragraph = document.add_paragraph()
        for text, bold in runs:
            paragraph.add_run(text).bold = bold
    document.save(str(path))


def test_shipped_templates_are_clean() -> None:
    assert check_templates() == []


@pytest.fixture
def templates(tmp_path: Path) -> Path:
    folder = tmp_path / "mine"
    folder.mkdir()
    return folder


def test_unknown_name_is_named(templates: Path) -> None:
    _template(templates / "kommissorium.docx", [("{{ visoin }}", False)])
    findings = check_templates(templates)
    assert [(f.template, f.kind) for f in findings] == [("kommissorium.docx", "unknown-name")]
    assert 'the body uses "visoin", which the kommissorium does not provide' in findings[0].message
    assert "vision" in findings[0].message


def test_misspelt_attribute_found_by_trial_render(templates: Path) -> None:
    _template(templates / "one-pager.docx", [("{{ org.naem }}", False)])
    findings = check_templates(templates)
    assert [(f.template, f.kind) for f in findings] == [("one-pager.docx", "unknown-name")]
    assert "the body" in findings[0].message and "naem" in findings[0].message


def test_every_misspelt_attribute_is_listed_not_only_the_first(templates: Path) -> None:
    """A strict trial render stops at the first unknown name; the user would fix them one run at a time."""
    _template(templates / "one-pager.docx", [("{{ org.naem }}", False)], [("{{ org.kode }} {{ org.naem }}", True)])
    findings = check_templates(templates)
    assert [f.kind for f in findings] == ["unknown-name", "unknown-name"]
    assert "naem" in findings[0].message and "kode" in findings[1].message


def test_syntax_error_with_text_around(templates: Path) -> None:
    _template(templates / "forretningsorden.docx", [("Formål", False)], [("{% if draft %}Udkast", False)])
    findings = check_templates(templates)
    assert [f.kind for f in findings] == ["syntax"]
    assert "syntax error in the body" in findings[0].message
    assert "Udkast" in findings[0].message


def test_split_tag_is_explained(templates: Path) -> None:
    _template(templates / "kommissorium.docx", [("{{ ti", False), ("tle }}", True)])
    findings = check_templates(templates)
    assert [f.kind for f in findings] == ["split-tag"]
    assert "the tag “{{ title }}” is stored in 2 pieces" in findings[0].message


def test_broken_excel_template(templates: Path) -> None:
    (templates / "aktoeroverblik.xlsx").write_bytes(b"not a workbook")
    findings = check_templates(templates)
    assert [(f.template, f.kind) for f in findings] == [("aktoeroverblik.xlsx", "render")]


def test_cli_exit_codes(templates: Path) -> None:
    from click.testing import CliRunner

    from docpipe.cli import main

    clean = CliRunner().invoke(main, ["templates", "check"])
    templates_used = len({d.template_name for d in DELIVERABLES.values()})  # the two aktøroverblik share one
    assert clean.exit_code == 0 and f"all {templates_used} templates are clean" in clean.stdout
    _template(templates / "kommissorium.docx", [("{{ visoin }}", False)])
    broken = CliRunner().invoke(main, ["templates", "check", "--templates", str(templates)])
    assert broken.exit_code == 1
    assert 'kommissorium.docx: the body uses "visoin"' in broken.stderr
