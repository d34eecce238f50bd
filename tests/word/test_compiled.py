"""The bytecode cache: a part is compiled once per machine, and never shared where it must not be."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2
import pytest

from docpipe.word import compiled
from docpipe.word.environment import environment

SOURCE = "<w:t>{{ name }} &amp; {{ items | length }}</w:t>"


def counting_compiles(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    calls: list[str] = []
    original = jinja2.Environment.compile

    def compile_and_count(self: jinja2.Environment, source: str, *args: Any, **kwargs: Any) -> Any:
        calls.append(source)
        return original(self, source, *args, **kwargs)

    monkeypatch.setattr(jinja2.Environment, "compile", compile_and_count)
    return calls


def test_a_part_is_compiled_once_then_read_from_the_cache(cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = counting_compiles(monkeypatch)
    first = compiled.compile_template(environment(jinja2.Undefined), SOURCE)
    second = compiled.compile_template(environment(jinja2.Undefined), SOURCE)
    assert len(calls) == 1 and len(list(cache_dir.iterdir())) == 1
    context = {"name": "Halsnæs & Co", "items": [1, 2]}
    assert first.render(context) == second.render(context) == "<w:t>Halsnæs &amp; Co &amp; 2</w:t>"


def test_strict_and_lenient_parts_do_not_share_code(cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = counting_compiles(monkeypatch)
    compiled.compile_template(environment(jinja2.Undefined), SOURCE)
    strict = compiled.compile_template(environment(jinja2.StrictUndefined), SOURCE)
    assert len(calls) == 2 and len(list(cache_dir.iterdir())) == 2
    with pytest.raises(jinja2.UndefinedError):
        strict.render({})


def test_a_damaged_entry_is_compiled_again(cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    compiled.compile_template(environment(jinja2.Undefined), SOURCE)
    for entry in cache_dir.iterdir():
        entry.write_bytes(entry.read_bytes()[:20] + b"\x00garbage")
    calls = counting_compiles(monkeypatch)
    template = compiled.compile_template(environment(jinja2.Undefined), SOURCE)
    assert len(calls) == 1 and template.render(name="x", items=[]) == "<w:t>x &amp; 0</w:t>"


def test_a_syntax_error_is_raised_and_nothing_cached(cache_dir: Path) -> None:
    with pytest.raises(jinja2.TemplateSyntaxError):
        compiled.compile_template(environment(jinja2.Undefined), "{% if %}")
    assert not list(cache_dir.iterdir())


def test_the_cache_can_be_switched_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(compiled.DISABLE_VARIABLE, "1")
    compiled.bytecode_cache.cache_clear()
    try:
        assert compiled.bytecode_cache() is None
        calls = counting_compiles(monkeypatch)
        compiled.compile_template(environment(jinja2.Undefined), SOURCE)
        compiled.compile_template(environment(jinja2.Undefined), SOURCE)
        assert len(calls) == 2
    finally:
        compiled.bytecode_cache.cache_clear()
