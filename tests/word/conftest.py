"""Fixtures shared by the Word engine's tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from jinja2.bccache import FileSystemBytecodeCache

from docpipe.word import compiled


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty folder standing in for the per-user cache of compiled code and prepared templates."""
    folder = tmp_path / "cache"
    folder.mkdir()
    monkeypatch.setattr(compiled, "bytecode_cache", lambda: FileSystemBytecodeCache(str(folder), "docpipe-%s.cache"))
    return folder
