"""WordTemplate.render(colours=...): which values are replaced, where, and what it costs.

A colour is replaced where it is the whole value of a colour attribute (w:color/@w:val, @w:fill and
@w:color of shading, borders, underlines), in any case, in static parts (styles) and rendered parts
(body, header) alike; theme colours, text and other attributes stay. Without a mapping the bytes
are those of a render without colours. Static parts per mapping are cached (LRU).
"""

from __future__ import annotations

import concurrent.futures
import io
import pickle
import re
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.shared import RGBColor
from docxtpl import RichText

from docpipe import WordTemplate
from docpipe.word.recolour import COLOUR_CACHE_SIZE

HOUSE = {"1F3A5F": "00558C", "EEF2F7": "E0EBF1"}

BODY = (
    # a paragraph border, a run colour in lower case, an underline colour, rendered text
    '<w:p><w:pPr><w:pBdr><w:bottom w:val="single" w:sz="6" w:space="1" w:color="1F3A5F"/></w:pBdr></w:pPr>'
    '<w:r><w:rPr><w:color w:val="1f3a5f"/><w:u w:val="single" w:color="1F3A5F"/></w:rPr>'
    "<w:t>{{ text }}</w:t></w:r></w:p>"
    # a shaded cell (fill and pattern colour) whose text is a colour's digits
    '<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid><w:gridCol w:w="2000"/></w:tblGrid>'
    '<w:tr><w:tc><w:tcPr><w:tcW w:w="2000" w:type="dxa"/><w:shd w:val="clear" w:color="EEF2F7" w:fill="1F3A5F"/>'
    '</w:tcPr><w:p><w:r><w:t>1F3A5F</w:t></w:r><w:r><w:t xml:space="preserve"> w:fill="1F3A5F"</w:t></w:r></w:p>'
    "</w:tc></w:tr></w:tbl>"
    # not colours: a style id that looks like one, a longer hex value; a theme colour attribute
    '<w:p><w:pPr><w:pStyle w:val="1F3A5F"/></w:pPr><w:r><w:rPr><w:color w:val="1F3A5F" w:themeColor="accent1"/>'
    '<w:shd w:val="clear" w:color="auto" w:fill="1F3A5F00"/></w:rPr><w:t>x</w:t></w:r></w:p>'
    # a value that carries its own colour (docxtpl's RichText)
    "<w:p><w:r><w:t>{{r rich }}</w:t></w:r></w:p>"
)


def make_template(path: Path) -> Path:
    """A template whose styles (static), body (rendered) and theme hold the house colours."""
    document = Document()
    document.styles["Heading 1"].font.color.rgb = RGBColor(0x1F, 0x3A, 0x5F)
    document.add_paragraph("MARKER")
    buffer = io.BytesIO()
    document.save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    target = io.BytesIO()
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as package:
        for name in source.namelist():
            content = source.read(name)
            if name == "word/document.xml":
                content = content.replace(b"<w:p><w:r><w:t>MARKER</w:t></w:r></w:p>", BODY.encode())
            if name == "word/theme/theme1.xml":
                content = content.replace(b'<a:srgbClr val="1F497D"/>', b'<a:srgbClr val="1F3A5F"/>', 1)
            package.writestr(name, content)
    path.write_bytes(target.getvalue())
    return path


@pytest.fixture
def template(tmp_path: Path) -> WordTemplate:
    return WordTemplate(make_template(tmp_path / "farver.docx"))


CONTEXT = {"text": 'w:fill="1F3A5F" tekst', "rich": RichText("fed", color="1F3A5F", bold=True)}


def parts(data: bytes) -> dict[str, str]:
    package = zipfile.ZipFile(io.BytesIO(data))
    assert package.testzip() is None  # every member's CRC and size check out
    return {name: package.read(name).decode("utf-8") for name in package.namelist() if name.endswith(".xml")}


def test_colour_attributes_are_replaced_in_static_and_rendered_parts(template: WordTemplate) -> None:
    branded = parts(template.render(CONTEXT, colours=HOUSE))
    body, styles = branded["word/document.xml"], branded["word/styles.xml"]
    assert '<w:bottom w:val="single" w:sz="6" w:space="1" w:color="00558C"/>' in body
    assert '<w:color w:val="00558C"/><w:u w:val="single" w:color="00558C"/>' in body  # "1f3a5f" too
    assert '<w:shd w:val="clear" w:color="E0EBF1" w:fill="00558C"/>' in body
    assert body.count('<w:color w:val="00558C"/>') == 2  # the template's run and the RichText value
    heading = re.search(r'<w:style [^>]*w:styleId="Heading1".*?</w:style>', styles, re.DOTALL)
    assert heading is not None and '<w:color w:val="00558C"/>' in heading.group(0)
    assert "1F3A5F" not in styles.upper()


def test_what_is_not_a_colour_attribute_stays(template: WordTemplate) -> None:
    branded = parts(template.render(CONTEXT, colours=HOUSE))
    body = branded["word/document.xml"]
    assert "<w:t>1F3A5F</w:t>" in body  # text
    assert '<w:t xml:space="preserve"> w:fill="1F3A5F"</w:t>' in body  # text that looks like an attribute
    assert "w:fill=&quot;1F3A5F&quot; tekst" in body or "w:fill=&#34;1F3A5F&#34; tekst" in body  # a value
    assert '<w:pStyle w:val="1F3A5F"/>' in body  # a style id
    assert 'w:fill="1F3A5F00"' in body  # not exactly the colour
    assert '<w:color w:val="00558C" w:themeColor="accent1"/>' in body  # the fallback value only
    plain = parts(template.render(CONTEXT))
    assert branded["word/theme/theme1.xml"] == plain["word/theme/theme1.xml"]
    assert '<a:srgbClr val="1F3A5F"/>' in branded["word/theme/theme1.xml"]
    assert branded["[Content_Types].xml"] == plain["[Content_Types].xml"]


def test_without_a_mapping_the_bytes_are_unchanged(template: WordTemplate) -> None:
    plain = template.render(CONTEXT)
    assert template.render(CONTEXT, colours=None) == plain
    assert template.render(CONTEXT, colours={}) == plain
    assert template.render(CONTEXT, colours={"1F3A5F": "1f3a5f"}) == plain  # maps to itself
    assert template.colour_cache_info().misses == 0


def test_branded_bytes_are_reproducible_and_only_colours_differ(template: WordTemplate) -> None:
    first = template.render(CONTEXT, colours=HOUSE)
    assert template.render(CONTEXT, colours={"eef2f7": "e0ebf1", "1f3a5f": "00558c"}) == first
    fresh = WordTemplate.from_bytes(template._data, "farver.docx")
    assert fresh.render(CONTEXT, colours=HOUSE) == first
    branded, plain = parts(first), parts(template.render(CONTEXT))
    assert branded.keys() == plain.keys()
    for name in plain:
        back = branded[name].replace("00558C", "1F3A5F").replace("E0EBF1", "EEF2F7")
        assert back.upper() == plain[name].upper(), name


def test_the_mapping_is_applied_at_once_not_chained(template: WordTemplate) -> None:
    body = parts(template.render(CONTEXT, colours={"1F3A5F": "EEF2F7", "EEF2F7": "1F3A5F"}))["word/document.xml"]
    assert '<w:shd w:val="clear" w:color="1F3A5F" w:fill="EEF2F7"/>' in body


def test_static_parts_are_cached_per_mapping(template: WordTemplate) -> None:
    template.render(CONTEXT, colours=HOUSE)
    template.render(CONTEXT, colours={"1f3a5f": "00558c", "EEF2F7": "E0EBF1"})  # the same mapping
    info = template.colour_cache_info()
    assert (info.hits, info.misses, info.size) == (1, 1, 1)
    template.render(CONTEXT, colours={"1F3A5F": "AA0000"})
    assert template.colour_cache_info().misses == 2


def test_the_colour_cache_is_small_and_least_recently_used(template: WordTemplate) -> None:
    mappings = [{"1F3A5F": f"{index:06X}"} for index in range(COLOUR_CACHE_SIZE + 1)]
    for mapping in mappings:
        template.render(CONTEXT, colours=mapping)
    assert template.colour_cache_info().size == COLOUR_CACHE_SIZE
    template.render(CONTEXT, colours=mappings[-1])  # kept
    assert template.colour_cache_info().hits == 1
    template.render(CONTEXT, colours=mappings[0])  # dropped: built again
    assert template.colour_cache_info().misses == COLOUR_CACHE_SIZE + 2


def test_a_rebuilt_static_part_equals_a_plain_deflate_of_the_replaced_text(template: WordTemplate) -> None:
    """The recoloured static parts are assembled from pre-deflated pieces; any reader must inflate
    them to exactly the replaced text."""
    original = zipfile.ZipFile(io.BytesIO(template._data)).read("word/styles.xml").decode()
    expected = re.sub(r'(<w:color w:val=")1F3A5F"', r'\g<1>00558C"', original)
    package = zipfile.ZipFile(io.BytesIO(template.render(CONTEXT, colours=HOUSE)))
    info = package.getinfo("word/styles.xml")
    assert info.compress_type == zipfile.ZIP_DEFLATED and info.file_size == len(expected.encode())
    assert package.read("word/styles.xml").decode() == expected


def test_bad_colours_are_refused(template: WordTemplate) -> None:
    for colours in ({"#1F3A5F": "00558C"}, {"1F3A5F": "blue"}, {"1F3A5F": "00558"}):
        with pytest.raises(ValueError, match="not a colour"):
            template.render(CONTEXT, colours=colours)


def test_pickled_template_and_threads_give_the_same_branded_bytes(template: WordTemplate) -> None:
    expected = template.render(CONTEXT, colours=HOUSE)
    copy = pickle.loads(pickle.dumps(template))
    assert copy.render(CONTEXT, colours=HOUSE) == expected
    fresh = WordTemplate.from_bytes(template._data, "farver.docx")
    mappings = [HOUSE, {"1F3A5F": "AA0000"}] * 8
    with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda mapping: fresh.render(CONTEXT, colours=mapping), mappings))
    assert all(result == expected for result in results[::2])
    assert len(set(results[1::2])) == 1
    info = fresh.colour_cache_info()
    assert info.misses == 2 and info.hits == len(mappings) - 2
