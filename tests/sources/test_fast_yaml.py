"""The libyaml fast path reads every file exactly as the careful pure-Python path does."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from docpipe.sources import yaml as source_yaml
from tests.conftest import INPUTS


@contextmanager
def careful_only() -> Iterator[None]:
    original = source_yaml._fast_path_fits
    source_yaml._fast_path_fits = lambda text: False
    try:
        yield
    finally:
        source_yaml._fast_path_fits = original


def both_ways(text: str) -> tuple[Any, Any]:
    fast = source_yaml.parse_yaml("x.yaml", text)
    with careful_only():
        careful = source_yaml.parse_yaml("x.yaml", text)

    def seen(result: Any) -> Any:
        document, problems = result
        return (document.data if document else None, document.positions if document else None,
                [str(problem) for problem in problems])

    return seen(fast), seen(careful)


@pytest.mark.skipif(not yaml.__with_libyaml__, reason="PyYAML was built without libyaml: no fast path to compare")
def test_shipped_files_read_the_same_both_ways() -> None:
    texts = {path: path.read_text("utf-8") for path in sorted(INPUTS.rglob("*.yaml"))}
    fast_ones = [path for path, text in texts.items() if source_yaml._fast_path_fits(text)]
    assert len(fast_ones) >= len(texts) // 2, "the fast path is hardly ever taken: the comparison proves little"
    for path, text in texts.items():
        fast, careful = both_ways(text)
        assert fast == careful, path


values = st.recursive(
    st.none() | st.booleans() | st.integers(-10**6, 10**6) | st.text(max_size=30),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(min_size=1, max_size=8), children,
                                                                      max_size=4),
    max_leaves=12,
)


@pytest.mark.skipif(not yaml.__with_libyaml__, reason="PyYAML was built without libyaml: no fast path to compare")
@settings(max_examples=300, deadline=None)
@given(value=values, text=st.text(max_size=40))
def test_generated_documents_read_the_same_both_ways(value: Any, text: str) -> None:
    documents = [
        yaml.safe_dump({"data": value, "vision": text}, allow_unicode=True),
        json.dumps({"data": value, "vision": text}, ensure_ascii=False, indent=1),
        f"vision: {text}\n", f'vision: "{text}"\n', f"vision: |\n  {text}\n",
    ]
    for document in documents:
        fast, careful = both_ways(document)
        assert fast == careful, document


@pytest.mark.parametrize("text", ["vision: >#\n", "vision: |#x\n", "vision: >-#\n  tekst\n"])
def test_a_comment_glued_to_a_block_header_reads_the_same_both_ways(text: str) -> None:
    """libyaml accepts ``>#``, PyYAML refuses it: found by the property test above on CI."""
    fast, careful = both_ways(text)
    assert fast == careful
