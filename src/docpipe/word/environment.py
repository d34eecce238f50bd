"""The Jinja environment every Word template part is compiled in: sandboxed, escaping for XML.

Values come from case files, so the environment is sandboxed; they land in XML, so every value is
escaped, and a value XML 1.0 cannot hold (a control character, a lone surrogate) is refused with a
message naming it rather than written into a file no reader opens.
"""

from __future__ import annotations

import re
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from docpipe.i18n import N_, _

NOT_SUPPORTED = {
    "InlineImage": N_("docxtpl's InlineImage (use docpipe.word.Picture for an image)"),
    "Subdoc": N_("docxtpl's sub-documents"),
}
_DICT_ATTRIBUTES = frozenset(dir(dict))
# What XML 1.0 cannot hold: a value with one would give a file no reader opens. \a and \f are left
# out: inside a paragraph's text they become a new paragraph and a page break (docxtpl's Listing).
_NOT_IN_XML = re.compile("[\x00-\x06\x08\x0b\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


class _Environment(SandboxedEnvironment):
    """The sandbox, with ``row.name`` on a plain dict looked up as a key first.

    Jinja tries Python attribute access before the key, and for a dict that attempt always fails
    with an exception, which dominated the cost of large table loops. Names of dict methods keep
    Jinja's order, so ``row.items`` still means the method, as in docxtpl.
    """

    def getattr(self, obj: Any, attribute: str) -> Any:
        if type(obj) is dict and attribute not in _DICT_ATTRIBUTES and attribute in obj:
            return obj[attribute]
        return super().getattr(obj, attribute)


def environment(undefined: type[jinja2.Undefined]) -> SandboxedEnvironment:
    """The environment for template parts; ``undefined`` says what a name the context lacks becomes
    (empty, an error, or a note: docpipe.word.unknown)."""
    return _Environment(autoescape=True, undefined=undefined, keep_trailing_newline=True,
                        finalize=_refuse_unsupported)


def _refuse_unsupported(value: Any) -> Any:
    if type(value) is str and (value.isprintable() or _NOT_IN_XML.search(value) is None):
        return value  # the common case, fast: printable text holds nothing XML forbids
    kind = type(value).__name__
    if kind in NOT_SUPPORTED and type(value).__module__.startswith("docxtpl"):
        raise ValueError(_("{feature} are not supported by docpipe's WordTemplate").format(
            feature=_(NOT_SUPPORTED[kind])))
    if isinstance(value, jinja2.Undefined):
        return value  # empty, or the error strict mode raises when it is printed
    text = value if isinstance(value, str) else getattr(value, "xml", None)  # docxtpl's RichText and Listing
    if isinstance(text, str) and (found := _NOT_IN_XML.search(text)):
        raise ValueError(_("a value holds {character}, which a Word document (XML 1.0) cannot store: “{text}”")
                         .format(character=describe_character(found.group()), text=_shorten(text)))
    return value


def describe_character(char: str) -> str:
    """``char`` as a message names it: its code point and what it is."""
    names = {"\a": "bell", "\f": "form feed (page break)", "\x0b": "vertical tab (Word's manual line break)"}
    if "\ud800" <= char <= "\udfff":
        return f"U+{ord(char):04X} (a lone surrogate: half of an emoji or other character)"
    return f"U+{ord(char):04X} ({names.get(char, 'a control character' if char < ' ' else 'not a character')})"


def _shorten(text: str, limit: int = 40) -> str:
    """The start of ``text`` for a message, the characters XML forbids shown as ``\\u000b``."""
    text = text if len(text) <= limit else f"{text[:limit]}…"
    return _NOT_IN_XML.sub(lambda match: f"\\u{ord(match.group()):04x}", text)
