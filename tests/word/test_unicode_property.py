"""Any Unicode value in a context comes out verbatim in a paragraph, a table cell and a header, or is refused.

Refused: a value with a character XML 1.0 cannot hold (controls other than tab, line feed and
carriage return; lone surrogates; U+FFFE, U+FFFF) gives a TemplateError naming the template and the
character, never a file no reader opens. Otherwise the text python-docx reads back is the value, with
the differences Word's own model implies, asserted exactly:

- ``\\t`` becomes a ``<w:tab/>`` and ``\\n`` a ``<w:br/>``; python-docx reads them back as ``\\t``/``\\n``;
- ``\\r\\n`` and a lone ``\\r`` (Windows and old Mac line ends) become one ``<w:br/>`` each, like ``\\n``
  (docxtpl leaves the carriage return in the text, which Word shows as a space);
- ``\\a`` (new paragraph) and ``\\f`` (page break) are not generated here: they change the paragraph
  structure, which the corpus (tests/word/corpus/listing.docx) and its differential test cover.
"""

from __future__ import annotations

import io
import re

import pytest
from docx import Document
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from docpipe import TemplateError, WordTemplate

NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")  # outside XML 1.0's Char
FRAGMENTS = ["{{ x }}", "{%p if y %}", "{_{", "}_}", "{_%", "%_}", "{#", "&amp;", "&", "<w:t>", "]]>", "\n", "\t",
             "\r", "\r\n", " ", "  ", "\xa0", "æøå ÆØÅ", "🇩🇰", "👩\u200d👩\u200d👧", "\u2028", "\x85", '"', "'", "“”",
             "\ufffd", "\U0010ffff", "\ue000"]
FORBIDDEN = ["\x0b", "\x00", "\x1f", "\ud800", "\udfff", "\ufffe", "\uffff"]
text = st.text(alphabet=st.characters(exclude_characters="\a\f"))
CONTROLS = [chr(code) for code in range(32) if chr(code) not in "\t\n\r"]
storable = st.text(alphabet=st.characters(exclude_characters=[*CONTROLS, "\ufffe", "\uffff"]))
values = st.one_of(
    text,  # st.text() as it comes (controls included), less \a and \f
    storable,
    st.lists(st.one_of(storable, st.sampled_from(FRAGMENTS)), max_size=6).map("".join),  # with the hard parts
    st.tuples(text, st.one_of(st.sampled_from(FORBIDDEN), st.characters(categories=["Cc", "Cs"],
                                                                       exclude_characters="\a\f\t\n\r")),
              text).map("".join),  # certainly refused
)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> WordTemplate:
    document = Document()
    document.add_paragraph("Værdi: {{ value }}|")
    document.add_table(rows=1, cols=2).cell(0, 1).text = "{{ value }}"
    document.sections[0].header.paragraphs[0].text = "{{ value }}"
    path = tmp_path_factory.mktemp("unicode") / "unicode.docx"
    document.save(str(path))
    return WordTemplate(path)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=values)
def test_value_verbatim_or_refused(template: WordTemplate, value: str) -> None:
    bad = NOT_XML.search(value)
    event("refused" if bad else "verbatim")
    if bad:
        with pytest.raises(TemplateError) as raised:
            template.render({"value": value})
        message = str(raised.value)
        assert "unicode.docx" in message and f"U+{ord(bad.group()):04X}" in message
        assert not NOT_XML.search(message)
        return
    document = Document(io.BytesIO(template.render({"value": value})))
    expected = value.replace("\r\n", "\n").replace("\r", "\n")
    assert document.paragraphs[0].text == f"Værdi: {expected}|"
    assert document.tables[0].cell(0, 1).text == expected
    assert document.tables[0].cell(0, 0).text == ""
    assert document.sections[0].header.paragraphs[0].text == expected
