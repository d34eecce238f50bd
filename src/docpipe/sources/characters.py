"""Characters a case may not hold, and how to name one so a civil servant can find and delete it.

Word and Excel store text as XML 1.0, which allows tab, line feed and carriage return below U+0020
but no other control character, no lone surrogate and not U+FFFE/U+FFFF. Such characters usually
arrive by copy and paste (Word's manual line break is U+000B), so the message names the character
in words and says where it is.
"""

from __future__ import annotations

import re
import unicodedata

from docpipe.i18n import N_, _

FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

_NAMES = {
    "\x00": N_("null character"),
    "\x07": N_("bell"),
    "\x08": N_("backspace"),
    "\x0b": N_("vertical tab, Word's manual line break"),
    "\x0c": N_("form feed, Word's page break"),
    "\x1b": N_("escape"),
    "\x7f": N_("delete"),
    "\ufffe": N_("not a character"),
    "\uffff": N_("not a character"),
}


def describe_character(char: str) -> str:
    """``U+000B, Word's manual line break ...``: the code point and a name a person recognises."""
    code = f"U+{ord(char):04X}"
    if char in _NAMES:
        name = _(_NAMES[char])
    elif "\ud800" <= char <= "\udfff":
        name = _("half of a broken emoji or other character")
    else:  # Unicode's own name (in English in every language: it is the character's official name)
        name = unicodedata.name(char, "").lower() or _("a control character")
    return f"{code}, {name}"


def forbidden_character_message(text: str) -> str | None:
    """The sentence for the first character of ``text`` Word and Excel cannot store, or None."""
    match = FORBIDDEN.search(text)
    if match is None:
        return None
    return _("contains a character Word and Excel cannot store ({character}) at position {position}; delete it (it "
             "is often pasted in by accident)").format(character=describe_character(match.group()),
                                                         position=match.start() + 1)


def shorten(text: str, limit: int = 40) -> str:
    """``text`` cut to ``limit`` characters with an ellipsis, so a huge value cannot flood a message."""
    return text if len(text) <= limit else f"{text[:limit]}…"
