"""The readers never crash: any bytes give data or problems with a file name, never a traceback."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from docpipe.sources.folder import read_document
from docpipe.sources.json import parse_json
from docpipe.sources.yaml import parse_yaml

# YAML's structural characters, so the text hits anchors, aliases, tags, flow and block nesting often
STRUCTURE = [*"ab1.-:?,[]{}&*!|>'\"#%@`\\\n\r\t <=~", "\x00", "\x85", "\ufeff", "æ"]
YAMLISH = st.text(alphabet=st.sampled_from(STRUCTURE))
MANY = settings(max_examples=300, deadline=None)


@MANY
@given(text=st.one_of(YAMLISH, st.text()))
def test_yaml_reader_never_crashes(text: str) -> None:
    document, problems = parse_yaml("x.yaml", text)
    assert document is not None or problems
    assert all(problem.file == "x.yaml" and problem.message for problem in problems)


@MANY
@given(text=st.one_of(YAMLISH, st.text()))
def test_json_reader_never_crashes(text: str) -> None:
    document, problems = parse_json("x.json", text)
    assert document is not None or problems


@settings(max_examples=100, deadline=None)
@given(data=st.binary(max_size=200), suffix=st.sampled_from([".yaml", ".json"]))
def test_any_bytes_are_read_or_refused(tmp_path_factory: pytest.TempPathFactory, data: bytes, suffix: str) -> None:
    folder = tmp_path_factory.mktemp("bytes")
    path = folder / f"organisation{suffix}"
    path.write_bytes(data)
    document, problems = read_document(path)
    assert document is not None or problems
