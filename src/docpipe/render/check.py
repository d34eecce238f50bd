"""``docpipe templates check``: finding what is wrong in a template before a user's case meets it.

For every Word template: Jinja syntax errors (with the text around them), names its tags read that
the deliverable does not provide (a misspelt field), tags Word has split over several pieces of
formatting, and a trial render with the example case (which catches misspelt attributes such as
``org.naem``). For every Excel template: a trial fill with the example case.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from docpipe.deliverables.registry import DELIVERABLES, Deliverable
from docpipe.errors import DocpipeError, TemplateError
from docpipe.i18n import _
from docpipe.model import Case
from docpipe.model.load import load_case
from docpipe.render.case import render_deliverable
from docpipe.render.locate import find_template
from docpipe.sources.example import example_case_dir
from docpipe.word.template import WordTemplate, part_label, story_part_names

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}")


@dataclass(frozen=True)
class Finding:
    """One thing wrong with a template, said so that the person editing it in Word can fix it."""

    template: str
    kind: str
    message: str

    def __str__(self) -> str:
        return f"{self.template}: {self.message}"


def check_templates(templates: Path | None = None) -> list[Finding]:
    """Every finding for every deliverable's template (an empty list: all clean)."""
    case = load_case(example_case_dir())
    findings: list[Finding] = []
    for deliverable in DELIVERABLES.values():
        # a template two deliverables fill (both aktøroverblik) is tried with each; a fault is told once
        findings.extend(finding for finding in check_template(deliverable, case, templates) if finding not in findings)
    return findings


def check_template(deliverable: Deliverable, case: Case, templates: Path | None = None) -> list[Finding]:
    """The findings for one deliverable's template, tried with ``case``."""
    try:
        path = find_template(deliverable.template_name, deliverable.kind, templates)
    except TemplateError as error:
        return [Finding(deliverable.template_name, "missing", str(error))]
    name = path.name
    findings: list[Finding] = []
    if deliverable.kind == "docx":
        findings += split_tags(path)
        try:
            word = WordTemplate(path, strict=True)
        except TemplateError as error:
            return [*findings, Finding(name, "syntax", _without_name(error, name))]
        assert deliverable.build_context is not None
        provided = set(deliverable.build_context(case))
        for part, names in word.names_used().items():
            for unknown in sorted(names - provided):
                findings.append(Finding(name, "unknown-name", _('{part} uses "{name}", which the {deliverable} does '
                                                                "not provide; it provides: {provided}").format(
                    part=part, name=unknown, deliverable=deliverable.name, provided=", ".join(sorted(provided)))))
        if not findings:
            findings += _unknown_in_trial(word, deliverable, case, name)
    if not findings:
        try:
            render_deliverable(case, deliverable, templates)
        except DocpipeError as error:
            findings.append(Finding(name, "render", _without_name(error, name)))
    return findings


def _unknown_in_trial(word: WordTemplate, deliverable: Deliverable, case: Case, name: str) -> list[Finding]:
    """Every name a trial render with ``case`` reads and does not find (``org.naem``), all of them:
    a strict render would stop at the first, and the user would fix them one run at a time."""
    assert deliverable.build_context is not None
    try:
        unknown = word.unknown_names(deliverable.build_context(case))
    except DocpipeError as error:
        return [Finding(name, "render", _without_name(error, name))]
    return [Finding(name, "unknown-name", _("{part}: {message}").format(part=found.part, message=found.message))
            for found in unknown]


def split_tags(path: Path) -> list[Finding]:
    """Tags whose text Word has stored in more than one run (formatting or editing changed inside)."""
    package = zipfile.ZipFile(io.BytesIO(path.read_bytes()))
    parts = {member: package.read(member) for member in package.namelist()}
    findings = []
    for member in story_part_names(parts):
        if not member.startswith("word/"):
            continue
        root = etree.fromstring(parts[member])
        for paragraph in root.iter(f"{{{W_NS}}}p"):
            for tag, pieces in _tags_in(paragraph):
                if pieces > 1:
                    findings.append(Finding(path.name, "split-tag", _(
                        "in {part}, the tag “{tag}” is stored in {pieces} pieces because its formatting changes inside "
                        "it; docpipe joins them, but select the tag, clear its formatting and type it again in one go "
                        "so it keeps one look").format(part=part_label(member), tag=tag, pieces=pieces)))
    return findings


def _tags_in(paragraph: etree._Element) -> list[tuple[str, int]]:
    """Each tag in a paragraph's text and how many ``<w:t>`` pieces it spans."""
    pieces = [text.text or "" for text in paragraph.iter(f"{{{W_NS}}}t")]
    boundaries = []
    position = 0
    for piece in pieces:
        position += len(piece)
        boundaries.append(position)
    joined = "".join(pieces)
    found = []
    for match in _TAG.finditer(joined):
        first = next(i for i, end in enumerate(boundaries) if end > match.start())
        last = next(i for i, end in enumerate(boundaries) if end >= match.end())
        found.append((match.group(0), last - first + 1))
    return found


def _without_name(error: DocpipeError, name: str) -> str:
    """The error's message without "template NAME: " in front (the finding names the template already)."""
    if isinstance(error, TemplateError) and error.template == name:
        return error.message
    return str(error)
