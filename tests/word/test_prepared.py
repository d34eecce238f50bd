"""The on-disk cache of prepared templates: read when it fits, made again when it does not, never stale."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from jinja2.bccache import FileSystemBytecodeCache

from docpipe.errors import TemplateError
from docpipe.render.locate import find_template
from docpipe.word import WordTemplate, compiled, prepared, template
from tests.word.test_colours import HOUSE, make_template

KOMMISSORIUM = find_template("kommissorium.docx", "docx")
CONTEXT: dict[str, Any] = {"text": "Halsnæs & Co", "rich": "plain"}


def entries(folder: Path, kind: str) -> list[Path]:
    return sorted(folder.glob(f"docpipe-{kind}-*.pickle"))


def counting(monkeypatch: pytest.MonkeyPatch, name: str) -> list[object]:
    """Count the calls of template.``name`` (what the cache saves) and still make them."""
    calls: list[object] = []
    original = getattr(template, name)

    def counted(*args: Any) -> Any:
        calls.append(args)
        return original(*args)

    monkeypatch.setattr(template, name, counted)
    return calls


def test_a_template_is_prepared_once_then_read(cache_dir: Path, monkeypatch: pytest.MonkeyPatch,
                                                tmp_path: Path) -> None:
    path = make_template(tmp_path / "house.docx")
    calls = counting(monkeypatch, "prepared_parts")
    first = WordTemplate(path).render(CONTEXT, colours=HOUSE)
    second = WordTemplate(path).render(CONTEXT, colours=HOUSE)
    assert len(calls) == 1 and first == second
    assert len(entries(cache_dir, "word-template")) == 1 and len(entries(cache_dir, "word-colours")) == 1


def test_what_is_read_renders_what_is_made(cache_dir: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    path = make_template(tmp_path / "house.docx")
    WordTemplate(path).render(CONTEXT, colours=HOUSE)  # fills the cache
    from_cache = WordTemplate(path)
    monkeypatch.setattr(compiled, "bytecode_cache", lambda: None)  # no cache at all: made afresh
    calls = counting(monkeypatch, "prepared_parts")
    fresh = WordTemplate(path)
    assert len(calls) == 1
    for colours in (None, HOUSE, {"1F3A5F": "AA0000"}):
        assert from_cache.render(CONTEXT, colours=colours) == fresh.render(CONTEXT, colours=colours)
    assert from_cache.names_used() == fresh.names_used()


def test_a_shipped_template_from_the_cache_renders_the_same(cache_dir: Path) -> None:
    made = WordTemplate(KOMMISSORIUM, strict=True)
    read = WordTemplate(KOMMISSORIUM, strict=True)
    assert entries(cache_dir, "word-template")
    assert read.names_used() == made.names_used()
    assert read._prepared == made._prepared
    assert [(story.lined, story.literal_braces, story.fit_grid) for story in read._stories.values()] == \
           [(story.lined, story.literal_braces, story.fit_grid) for story in made._stories.values()]


def test_each_colour_key_set_has_its_own_entry(cache_dir: Path, tmp_path: Path) -> None:
    document = WordTemplate(make_template(tmp_path / "house.docx"))
    document.render(CONTEXT, colours={"1F3A5F": "00558C"})
    document.render(CONTEXT, colours={"1F3A5F": "AA0000"})  # same key, new value: the same plan
    document.render(CONTEXT, colours=HOUSE)
    assert len(entries(cache_dir, "word-colours")) == 2


@pytest.mark.parametrize("damage", [b"", b"\x80\x05garbage", b"not a pickle at all"])
def test_a_damaged_entry_is_made_again(cache_dir: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                       damage: bytes) -> None:
    path = make_template(tmp_path / "house.docx")
    expected = WordTemplate(path).render(CONTEXT)
    for entry in entries(cache_dir, "word-template"):
        entry.write_bytes(damage)
    calls = counting(monkeypatch, "prepared_parts")
    assert WordTemplate(path).render(CONTEXT) == expected
    assert len(calls) == 1
    assert WordTemplate(path).render(CONTEXT) == expected and len(calls) == 1  # and kept again


def test_an_entry_of_another_kind_is_made_again(cache_dir: Path, monkeypatch: pytest.MonkeyPatch,
                                                tmp_path: Path) -> None:
    assert prepared.remembered("test", b"key", lambda: [1, 2], list) == [1, 2]
    entry, = entries(cache_dir, "test")
    assert prepared.remembered("test", b"key", lambda: ["other"], list) == [1, 2]  # read, not made
    assert prepared.remembered("test", b"key", lambda: {"made": True}, dict) == {"made": True}  # a list is no dict
    assert entry.exists()


def test_new_code_never_reads_an_old_entry(cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    prepared.remembered("test", b"key", lambda: "old rule", str)
    monkeypatch.setattr(prepared, "_code_digest", lambda: b"an edited docpipe.word")
    assert prepared.remembered("test", b"key", lambda: "new rule", str) == "new rule"
    assert len(entries(cache_dir, "test")) == 2


def test_a_template_error_is_raised_and_nothing_kept(cache_dir: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(TemplateError, match=r"broken\.docx.*not a Word document"):
        WordTemplate(broken)
    assert not list(cache_dir.iterdir())


def test_an_unwritable_cache_costs_only_the_work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    missing = tmp_path / "gone"
    monkeypatch.setattr(compiled, "bytecode_cache", lambda: FileSystemBytecodeCache(str(missing), "docpipe-%s.cache"))
    calls = counting(monkeypatch, "prepared_parts")
    path = make_template(tmp_path / "house.docx")
    assert WordTemplate(path).render(CONTEXT) == WordTemplate(path).render(CONTEXT)
    assert len(calls) == 2 and not missing.exists()


def test_switched_off_with_the_bytecode_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(compiled.DISABLE_VARIABLE, "1")
    compiled.bytecode_cache.cache_clear()
    try:
        calls = counting(monkeypatch, "prepared_parts")
        path = make_template(tmp_path / "house.docx")
        WordTemplate(path)
        WordTemplate(path)
        assert len(calls) == 2
    finally:
        compiled.bytecode_cache.cache_clear()
