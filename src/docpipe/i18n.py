"""Messages in the reader's language: gettext catalogues for Danish and English, made with Babel.

The people who read docpipe's messages are mostly Danish civil servants, so every sentence a user
sees goes through ``_`` (or ``ngettext`` when it counts something) and is looked up in the
catalogue of the current language when the message is made. Catalogues live in
``docpipe/locale/<lang>/LC_MESSAGES/docpipe.po``, compiled to ``.mo`` (see docs/messages.md).

The language is chosen once per process (``set_language``: the CLI from ``--lang`` or the
locale, the web app always Danish) and can be overridden for a block with ``use_language``. A
batch worker forked from the process inherits it; the batch also passes it to each task so a
worker started another way speaks the same language.

Module-level texts (tables of reasons, hints) are marked with ``N_`` so Babel extracts them, and
translated with ``_`` where they are shown, never at import time.
"""

from __future__ import annotations

import contextlib
import gettext
import os
import re
from collections.abc import Iterator, Mapping
from contextvars import ContextVar
from functools import cache
from pathlib import Path

DOMAIN = "docpipe"
LANGUAGES = ("da", "en")
SOURCE_LANGUAGE = "en"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"

_process_language: str = SOURCE_LANGUAGE
_block_language: ContextVar[str | None] = ContextVar("docpipe_language", default=None)


def language_from_environment(environ: Mapping[str, str] | None = None) -> str:
    """``da`` or ``en`` from the POSIX locale variables, in gettext's order of precedence.

    ``LANG=da_DK.UTF-8`` gives Danish; anything that is not Danish (``C.UTF-8``, ``en_GB``) gives
    English, the language the messages are written in. ``LANGUAGE`` is a list of preferences
    (``nb:da:en``): its first language docpipe has wins, as in gettext.
    """
    environ = os.environ if environ is None else environ
    for language in environ.get("LANGUAGE", "").split(":"):
        if _language_of(language) in LANGUAGES:
            return _language_of(language)
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(variable, "")
        if value:
            return "da" if _language_of(value) == "da" else SOURCE_LANGUAGE
    return SOURCE_LANGUAGE


def _language_of(locale_name: str) -> str:
    """``da_DK.UTF-8@euro`` -> ``da``: the language part of a POSIX locale name, lower case."""
    return re.split(r"[_.@-]", locale_name.strip(), maxsplit=1)[0].lower()


def set_language(language: str) -> None:
    """Make ``language`` (``da`` or ``en``) the language of this process's messages."""
    global _process_language
    _process_language = checked_language(language)


def current_language() -> str:
    """The language messages are made in right now."""
    return _block_language.get() or _process_language


@contextlib.contextmanager
def use_language(language: str) -> Iterator[None]:
    """Messages made inside the block are in ``language``; the process's language is restored after."""
    token = _block_language.set(checked_language(language))
    try:
        yield
    finally:
        _block_language.reset(token)


def checked_language(language: str) -> str:
    """``language`` when docpipe has a catalogue for it; a ValueError naming the choices otherwise."""
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}; choose one of: {', '.join(LANGUAGES)}")
    return language


def _(message: str) -> str:
    """``message`` in the current language (the English text itself when no translation exists)."""
    return translations(current_language()).gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The singular or plural form for ``count``, in the current language."""
    return translations(current_language()).ngettext(singular, plural, count)


def decimal(value: float, places: int = 1) -> str:
    """``value`` with ``places`` decimals as the reader writes it: ``5.3`` in English, ``5,3`` in Danish."""
    return number_text(f"{value:.{places}f}")


def number_text(text: str) -> str:
    """A number written with a decimal point (``12.5``), as the reader writes it: ``12,5`` in Danish."""
    return text.replace(".", ",") if current_language() == "da" else text


def N_(message: str) -> str:
    """Marks ``message`` for extraction without translating it yet (it is translated where shown)."""
    return message


@cache
def translations(language: str) -> gettext.NullTranslations:
    """The compiled catalogue of ``language``; English needs none (the source texts are English)."""
    if language == SOURCE_LANGUAGE:
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, localedir=LOCALE_DIR, languages=[language], fallback=True)
