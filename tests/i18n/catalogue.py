"""Reading docpipe's catalogues the way Babel does, for the tests of tests/i18n.

The messages are extracted with Babel's own Python API and babel.cfg, exactly as ``pybabel
extract`` (and ``python -m tools.messages``) does, and a ``.po`` is compiled as ``pybabel compile``
compiles it, so what the tests compare is what a developer's commands produce.
"""

from __future__ import annotations

import gettext
import io
import string
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from babel.messages import frontend
from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

REPO = Path(__file__).resolve().parents[2]
LOCALE = REPO / "src" / "docpipe" / "locale"
LANGUAGES = ("da", "en")
COMMANDS = ("python -m tools.messages (or the three pybabel commands of docs/messages.md), then translate "
            "src/docpipe/locale/da/LC_MESSAGES/docpipe.po and run it again")


@dataclass(frozen=True)
class Marked:
    """One message marked in the source: its id (a pair for ngettext) and where it is."""

    id: str | tuple[str, str]
    where: str

    @property
    def key(self) -> str:
        return self.id if isinstance(self.id, str) else self.id[0]


@cache
def marked_messages() -> tuple[Marked, ...]:
    """Every message marked in src/docpipe, as ``pybabel extract -F babel.cfg .`` finds it (whole tree)."""
    parse = getattr(frontend, "parse_mapping_cfg", None) or frontend.parse_mapping
    with (REPO / "babel.cfg").open(encoding="utf-8") as config:
        method_map, options_map = parse(config, str(REPO / "babel.cfg"))
    found = []
    for file_name, line, message, _comments, _context in extract_from_dir(
            str(REPO), method_map, options_map, keywords=DEFAULT_KEYWORDS):
        if isinstance(message, str):
            found.append(Marked(message, f"{file_name}:{line}"))
        elif message and message[0]:  # ngettext: (singular, plural)
            found.append(Marked((message[0], message[1]), f"{file_name}:{line}"))
    return tuple(found)


def po_path(language: str) -> Path:
    return LOCALE / language / "LC_MESSAGES" / "docpipe.po"


def catalogue(language: str) -> Catalog:
    with po_path(language).open("rb") as stream:
        return read_po(stream, locale=language)


def is_translated(string_or_forms: str | tuple[str, ...] | list[str]) -> bool:
    if isinstance(string_or_forms, str):
        return bool(string_or_forms)
    return bool(string_or_forms) and all(string_or_forms)


def missing_translations(language: str = "da") -> list[str]:
    """One line for every marked message that the catalogue of ``language`` lacks, has with another plural, has
    untranslated or has only as a fuzzy (guessed) translation."""
    translated = catalogue(language)
    wrong = []
    for marked in marked_messages():
        entry = translated.get(marked.key)
        if entry is None:
            wrong.append(f"{marked.where}: not in the catalogue: {marked.id!r}")
        elif entry.id != marked.id and not isinstance(marked.id, str):
            wrong.append(f"{marked.where}: its plural changed, the catalogue has {entry.id!r}: {marked.id!r}")
        elif entry.fuzzy:
            wrong.append(f"{marked.where}: fuzzy (a guess to check, then remove the fuzzy flag): {marked.id!r}")
        elif entry.string is None or not is_translated(entry.string):
            wrong.append(f"{marked.where}: not translated: {marked.id!r}")
    return sorted(set(wrong))


def fields(text: str) -> list[str] | None:
    """The ``{names}`` ``str.format`` fills in ``text``, in order; None when ``text`` is no format string."""
    try:
        return sorted(name for _literal, name, _spec, _conversion in string.Formatter().parse(text) if name is not None)
    except ValueError:
        return None


def compiled(po: Path) -> bytes:
    """The ``.mo`` that ``pybabel compile`` makes of ``po`` (fuzzy translations left out)."""
    with po.open("rb") as stream:
        translated = read_po(stream, locale=po.parents[1].name)
    buffer = io.BytesIO()
    write_mo(buffer, translated, use_fuzzy=False)
    return buffer.getvalue()


def messages_in(mo: bytes) -> dict[object, str]:
    """What a compiled catalogue holds, its header without the line naming the Babel version that made it."""
    # the runtime reader's own table: no public accessor exists, and typeshed leaves the private one out
    found = dict(gettext.GNUTranslations(io.BytesIO(mo))._catalog)  # type: ignore[attr-defined]
    found[""] = "\n".join(line for line in found.get("", "").splitlines() if not line.startswith("Generated-By:"))
    return found
