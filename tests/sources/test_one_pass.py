"""The one pass over libyaml's events gives exactly what the general way (composer and builder) gives.

``read_in_one_pass`` may decline a file (and then the general way reads it); whenever it does not,
the data, the value types, every position (in the same order) and the problems must be those of the
C composer with ``_Builder``, which tests/sources/test_fast_yaml.py holds equal to the careful
pure-Python path.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st

from docpipe.sources import yaml as source_yaml
from docpipe.sources.document import Document
from tests.conftest import INPUTS, REPO

pytestmark = pytest.mark.skipif(not yaml.__with_libyaml__, reason="PyYAML was built without libyaml")

# YAML's structural characters, so generated texts hit anchors, flow and block nesting, quotes often
STRUCTURE = [*"ab1.-:?,[]{}&*|>'\"#%@`\\\n\r <=~0x_e+", "\x85", "\ufeff", "æ", "yes", "no", "2026-01-31", ".inf"]
YAMLISH = st.lists(st.sampled_from(STRUCTURE), max_size=40).map("".join)


def general_way(name: str, text: str, check_numbers: bool = True) -> tuple[Any, ...]:
    """``locate`` as it reads a file the one pass declines: the C composer (or careful path), then _Builder."""
    node = source_yaml._compose(name, text)
    if node is None:
        return seen(Document(name, None, {}), [])
    builder = source_yaml._Builder(name, check_numbers)
    data = builder.build(node, ())
    if builder.refusals:
        return seen(None, builder.refusals + builder.duplicates)
    return seen(Document(name, data, builder.positions), builder.duplicates)


def seen(document: Any, problems: list[Any]) -> tuple[Any, ...]:
    """Everything a reader of the result can observe: values with their types, positions in order, problems."""
    if document is None:
        return None, None, [str(problem) for problem in problems]
    return typed(document.data), list(document.positions.items()), [str(problem) for problem in problems]


def typed(value: Any) -> Any:
    """``value`` with the type of every scalar beside it (True == 1 in Python, so equality alone says too little)."""
    if isinstance(value, dict):
        return {key: typed(item) for key, item in value.items()}
    if isinstance(value, list):
        return [typed(item) for item in value]
    return type(value).__name__, value


def one_pass(name: str, text: str, check_numbers: bool = True) -> tuple[Any, ...] | None:
    located = source_yaml.read_in_one_pass(name, text, check_numbers)
    return None if located is None else seen(*located)


def shipped_texts() -> dict[str, str]:
    paths = sorted(INPUTS.rglob("*.yaml")) + sorted((REPO / "tests" / "golden").rglob("*.yaml"))
    return {str(path.relative_to(REPO)): path.read_text("utf-8") for path in paths}


def test_every_shipped_file_is_read_in_one_pass_as_the_general_way_reads_it() -> None:
    texts = shipped_texts()
    assert texts
    for name, text in texts.items():
        assert source_yaml._fast_path_fits(text), name
        result = one_pass(name, text)
        assert result is not None, f"{name} was declined"
        assert result == general_way(name, text), name


def test_shipped_files_as_json_read_the_same_for_their_lines() -> None:
    """JSON is read for its lines with check_numbers off; the values then come from the json module."""
    for name, text in shipped_texts().items():
        as_json = json.dumps(yaml.safe_load(text), ensure_ascii=False, indent=1, default=str)
        result = one_pass(name, as_json, check_numbers=False)
        assert result is not None and result == general_way(name, as_json, check_numbers=False), name


@pytest.mark.parametrize("text", [
    "a: &x 1\nb: *x\n",  # anchors and aliases: the builder expands them
    "a: 1\na: 2\n",  # a duplicate key: reported
    "<<: {a: 1}\n",  # the merge key: refused
    "? [a]\n: 1\n",  # a list as a key: refused
    f"{'k' * 101}: 1\n",  # a key too long to be a field
    '"a\\x0b": 1\n',  # a key with a control character, written as an escape
    "a: 1\n---\nb: 2\n",  # two documents
    f"a: {'9' * 60}\n",  # a number of too many digits
    "a: .inf\n",  # infinity
    "a: " + "[" * 60 + "]" * 60 + "\n",  # nesting deeper than the limit
    "a: [1\n",  # not YAML at all
])
def test_what_the_one_pass_leaves_to_the_general_way(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    assert source_yaml.read_in_one_pass("x.yaml", text) is None
    read = seen(*source_yaml.parse_yaml("x.yaml", text))
    monkeypatch.setattr(source_yaml, "read_in_one_pass", lambda *_arguments: None)
    assert seen(*source_yaml.parse_yaml("x.yaml", text)) == read


def test_too_many_values_are_left_to_the_general_way() -> None:
    text = "- x\n" * (source_yaml.MAX_NODES + 1)
    assert source_yaml.read_in_one_pass("x.yaml", text) is None


@pytest.mark.parametrize("text, expected", [
    ("", None),
    ("# only a comment\n", None),
    ("---\n", None),
    ("just text\n", "just text"),
    ("- 1\n- yes\n- ~\n- 2026-01-31\n- 1.5\n- '3'\n- 0x1F\n- 0o17\n- 017\n- 1_000\n- 2026-02-30\n- =\n",
     [1, True, None, dt.date(2026, 1, 31), 1.5, "3", 31, "0o17", 15, 1000, "2026-02-30", "="]),
])
def test_values_are_those_of_the_safe_loader(text: str, expected: Any) -> None:
    located = source_yaml.read_in_one_pass("x.yaml", text)
    assert located is not None
    assert located[0].data == expected
    assert seen(*located) == general_way("x.yaml", text)


@settings(max_examples=400, deadline=None)
@given(text=YAMLISH)
@example(text="|#")  # found on CI: libyaml takes it, PyYAML refuses it
def test_any_text_the_one_pass_takes_it_reads_as_the_general_way(text: str) -> None:
    if not source_yaml._fast_path_fits(text):
        return  # never tried: the careful path reads those (tabs, "!", "#" glued to a block header)
    result = one_pass("x.yaml", text)
    if result is not None:
        assert result == general_way("x.yaml", text)


values = st.recursive(
    st.none() | st.booleans() | st.integers(-10**20, 10**20) | st.floats(allow_nan=False, allow_infinity=False)
    | st.dates() | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(min_size=1, max_size=8), children,
                                                                      max_size=4),
    max_leaves=15,
)


@settings(max_examples=300, deadline=None)
@given(value=values)
def test_dumped_documents_read_as_the_general_way(value: Any) -> None:
    for text in (yaml.safe_dump({"data": value}, allow_unicode=True), yaml.safe_dump(value, default_flow_style=True)):
        if not source_yaml._fast_path_fits(text):
            continue
        result, general = one_pass("x.yaml", text), general_way("x.yaml", text)
        if result is None:  # only for a problem, or a plain key "<..." (it might be the merge key "<<")
            assert general[2] or "<" in text, text
        else:
            assert result == general


@settings(max_examples=500, deadline=None)
@given(value=st.text(max_size=12) | st.sampled_from(["", "~", "null", "Yes", "OFF", "0b101", "-0x1F", "1:30",
                                                      "190:20:30.15", "+.INF", ".NaN", "1e3", "2026-01-31T10:00:00Z",
                                                      "2026-1-3", "<<", "=", "_1", "12_3.4"]))
def test_plain_tags_are_the_resolvers(value: str) -> None:
    resolver = yaml.resolver.Resolver()
    expected = resolver.resolve(yaml.ScalarNode, value, (True, False))  # type: ignore[no-untyped-call]
    assert source_yaml.plain_tag(value) == expected
