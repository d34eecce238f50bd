"""The catalogues: every marked message translated into Danish, and the committed .mo files current."""

from __future__ import annotations

import pytest

from docpipe.i18n import LOCALE_DIR
from tests.i18n.catalogue import (
    COMMANDS,
    LANGUAGES,
    catalogue,
    compiled,
    fields,
    is_translated,
    marked_messages,
    messages_in,
    missing_translations,
    po_path,
)


def test_the_extraction_finds_the_messages() -> None:
    """A guard for the check below: an extraction that found nothing would let everything pass."""
    found = {marked.key for marked in marked_messages()}
    assert 'unknown actor "{name}"; known actors: {known}' in found
    assert "{case}: {count} problem in the input" in found  # ngettext
    assert "the disk is full" in found  # N_
    assert len(found) > 150


def test_every_marked_message_is_translated_into_danish() -> None:
    """Every message marked anywhere in src/docpipe (the CLI and web app too) has a Danish translation
    that is not fuzzy; the failure names each message and where it is marked."""
    missing = missing_translations("da")
    assert not missing, f"{len(missing)} messages lack a Danish translation; run {COMMANDS}:\n" + "\n".join(missing)


def test_danish_translations_keep_the_placeholders() -> None:
    """A translation that misspells or drops a ``{name}`` would fail (or say less) only in Danish."""
    wrong = []
    for entry in catalogue("da"):
        if not entry.id or entry.fuzzy or entry.string is None or not is_translated(entry.string):
            continue
        ids = [entry.id] if isinstance(entry.id, str) else list(entry.id)
        strings = [entry.string] if isinstance(entry.string, str) else list(entry.string)
        expected = fields(ids[-1])
        for translation in strings:
            if fields(translation) != expected:
                wrong.append(f"{ids[0]!r}: {translation!r} has {fields(translation)}, the English {expected}")
    assert not wrong, "\n".join(wrong)


def test_the_english_catalogue_holds_the_same_messages() -> None:
    """English is the source language: its catalogue is kept in step, its translations empty (the
    English text itself is shown)."""
    english = {entry.id if isinstance(entry.id, str) else entry.id[0] for entry in catalogue("en") if entry.id}
    danish = {entry.id if isinstance(entry.id, str) else entry.id[0] for entry in catalogue("da") if entry.id}
    assert english == danish


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_committed_mo_is_what_the_po_compiles_to(language: str) -> None:
    """The shipped .mo (committed, so an install needs no Babel step) is current with its .po."""
    po = po_path(language)
    mo = LOCALE_DIR / language / "LC_MESSAGES" / "docpipe.mo"
    assert mo.is_file(), f"{mo} is missing; run {COMMANDS}"
    expected = compiled(po)
    committed = mo.read_bytes()
    if committed != expected:  # another Babel version writes another Generated-By line; nothing else may differ
        assert messages_in(committed) == messages_in(expected), f"{mo} is stale; run {COMMANDS}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_compiling_is_deterministic(language: str) -> None:
    """The same .po gives the same bytes, so the check above can compare."""
    assert compiled(po_path(language)) == compiled(po_path(language))
