"""The compiled-template cache keeps no giant entry: Jinja folds ``'x' * 200000000`` into the code."""

from __future__ import annotations

from pathlib import Path

import jinja2
import pytest

from docpipe.word import compiled


def test_a_huge_compiled_template_is_not_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    compiled.keep_compiled_templates_in(tmp_path)
    monkeypatch.setattr(compiled, "MAX_ENTRY_BYTES", 10_000)
    try:
        environment = jinja2.Environment()
        assert compiled.compile_template(environment, "{{ 'x' * 20000 }}").render() == "x" * 20000
        assert compiled.compile_template(environment, "{{ 'small' }}").render() == "small"
        kept = [path.stat().st_size for path in tmp_path.iterdir()]
        assert len(kept) == 1 and kept[0] < 10_000
    finally:
        monkeypatch.delenv(compiled.FOLDER_VARIABLE, raising=False)
        compiled.bytecode_cache.cache_clear()
