"""What rendering keeps or skips between documents gives exactly the bytes of doing it all each time.

Each shortcut of WordTemplate (line breaks dropped from the compiled source, parts deflated once,
an image read once) and of the Word deliverables (compiled templates per file version) is pinned
here against the plain way.
"""

from __future__ import annotations

import io
import os
import time
import zipfile
from pathlib import Path
from typing import Any

import pytest
from docx.image.image import Image as ImageHeader

from docpipe import Picture, WordTemplate, load_case
from docpipe.deliverables.registry import DELIVERABLES
from docpipe.ooxml.zipwriter import Entry
from docpipe.render import docx as render_docx_module
from docpipe.render.branding import colours_for
from docpipe.render.case import properties
from docpipe.render.locate import find_template
from docpipe.word import deflated, media, story
from tests.conftest import INPUTS, SHIPPED_CASES
from tests.word.contexts import CONTEXTS
from tests.word.test_word_template import make_template, png

CORPUS = Path(__file__).resolve().parent / "corpus"
WORD_DELIVERABLES = [deliverable for deliverable in DELIVERABLES.values() if deliverable.kind == "docx"]


def lined(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make every template from now on render the way it always did: lines dropped after rendering."""
    monkeypatch.setattr(story, "may_drop_lines_before_rendering", lambda _source: False)


def lined_parts(template: WordTemplate) -> set[str]:
    """The parts compiled with their lines, which are dropped from every rendered text instead."""
    return {member for member, compiled in template._stories.items() if compiled.lined}


def fresh_caches() -> None:
    deflated.deflated_once.cache_clear()
    media._image.cache_clear()


@pytest.mark.parametrize("name", sorted(CONTEXTS))
def test_corpus_renders_the_same_without_lines_in_the_source(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    path = CORPUS / f"{name}.docx"
    fast = WordTemplate(path).render(CONTEXTS[name]())
    lined(monkeypatch)
    assert WordTemplate(path).render(CONTEXTS[name]()) == fast


@pytest.mark.parametrize("case_name", SHIPPED_CASES)
def test_deliverables_render_the_same_without_lines_in_the_source(case_name: str,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    case = load_case(INPUTS / case_name)
    jobs: list[tuple[Path, dict[str, Any], Any]] = [
        (find_template(deliverable.template_name, "docx"), deliverable.build_context(case),
         properties(case, deliverable.document_kind))
        for deliverable in WORD_DELIVERABLES if deliverable.applies_to(case) and deliverable.build_context]
    colours = colours_for(case.organisation)
    fast = [WordTemplate(path, strict=True).render(context, props, colours) for path, context, props in jobs]
    lined(monkeypatch)
    fresh_caches()
    assert [WordTemplate(path, strict=True).render(context, props, colours) for path, context, props in jobs] == fast


def test_the_shipped_templates_drop_their_lines_before_rendering() -> None:
    for deliverable in WORD_DELIVERABLES:
        template = WordTemplate(find_template(deliverable.template_name, "docx"), strict=True)
        assert template._stories and not lined_parts(template), deliverable.name


@pytest.mark.parametrize("paragraphs", [
    ["{% set intro %}", "Indledning for {{ name }}", "{% endset %}", "{{ intro|length }}"],
    ["{% filter upper %}", "{{ name }}", "{% endfilter %}"],
    ["{% macro greet() %}", "Hej {{ name }}", "{% endmacro %}", "{{ greet()|trim }}"],
    ['{{ "<w:p>" if name else "" }}'],
])
def test_tags_that_see_the_text_keep_the_lines_until_after_rendering(tmp_path: Path, paragraphs: list[str],
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    path = make_template(tmp_path / "skabelon.docx", *paragraphs)
    template = WordTemplate(path)
    assert lined_parts(template) == {"word/document.xml"}
    output = template.render({"name": "Anna"})
    lined(monkeypatch)
    assert WordTemplate(path).render({"name": "Anna"}) == output


def test_a_part_deflated_once_is_the_part_deflated_again() -> None:
    fresh_caches()
    data = b"<w:ftr>" + b"Side 1 af 2 " * 200 + b"</w:ftr>"
    first = deflated.deflated_once("word/footer1.xml", data)
    assert first == Entry.deflate("word/footer1.xml", data)
    assert deflated.deflated_once("word/footer1.xml", bytes(data)) is first
    assert deflated.deflated_once("word/footer2.xml", data) == Entry.deflate("word/footer2.xml", data)


def test_the_body_and_core_properties_are_never_kept() -> None:
    fresh_caches()
    for name in ("word/document.xml", "docProps/core.xml"):
        deflated.rendered_entry(name, b"<x/>")
    assert deflated.deflated_once.cache_info().currsize == 0


def test_image_facts_are_those_of_the_image() -> None:
    fresh_caches()
    for width, height in ((3, 2), (40, 10)):
        data = png(width, height, (31, 58, 95))
        header = ImageHeader.from_blob(data)
        facts = media._image(data)
        assert (facts.content_type, facts.px_width, facts.px_height) == (header.content_type, width, height)
        assert media._image(bytes(data)) is facts


def test_documents_rendered_in_turn_are_those_rendered_alone(tmp_path: Path) -> None:
    """Two logos and two footers alternating: whatever is kept, each document is its own."""
    path = make_template(tmp_path / "skabelon.docx", "Hej {{ name }}", "{{ logo }}", header="Fra {{ name }}")
    logos = {"Anna": png(4, 2, (200, 0, 0)), "Bo": png(2, 4, (0, 0, 200))}
    template = WordTemplate(path)

    def render(name: str) -> bytes:
        return template.render({"name": name, "logo": Picture(logos[name], 20.0)})

    alone = {}
    for name in logos:
        fresh_caches()
        alone[name] = render(name)
    assert [render(name) for name in ["Anna", "Bo", "Bo", "Anna"]] == [alone[name] for name in ["Anna", "Bo", "Bo",
                                                                                                   "Anna"]]


def test_a_compiled_template_is_the_same_for_the_same_file_version(tmp_path: Path) -> None:
    path = make_template(tmp_path / "skabelon.docx", "Hej {{ name }}")
    first = render_docx_module.compiled_template(path)
    assert render_docx_module.compiled_template(path) is first
    link = tmp_path / "link.docx"
    link.symlink_to(path)
    assert render_docx_module.compiled_template(link).name == first.name == "skabelon.docx"  # the real file's


def test_an_edited_or_replaced_template_is_compiled_again(tmp_path: Path) -> None:
    path = make_template(tmp_path / "skabelon.docx", "Hej {{ name }}")
    first = render_docx_module.compiled_template(path)
    stat = path.stat()
    make_template(tmp_path / "ny.docx", "Farvel {{ name }}")
    os.replace(tmp_path / "ny.docx", path)  # as Word saves: a new file under the old name
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # even with the old time
    replaced = render_docx_module.compiled_template(path)
    assert replaced is not first and b"Farvel" in _body(replaced.render({"name": "Anna"}))
    time.sleep(0.01)
    make_template(path, "Goddag {{ name }}")  # edited in place: the same file, a new time
    assert b"Goddag" in _body(render_docx_module.compiled_template(path).render({"name": "Anna"}))


def _body(data: bytes) -> bytes:
    return zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")
