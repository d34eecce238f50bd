"""Characters a case may not hold, and how to name one so a civil servant can find and delete it.

Word and Excel store text as XML 1.0, which allows tab, line feed and carriage return below U+0020
but no other control character, no lone surrogate and not U+FFFE/U+FFFF. Such characters usually
arrive by copy and paste (Word's manual line break is U+000B), so the message names the character
in words and says where it is.
"""

from __future__ import annotations

import re
import unicodedata

FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

_NAMES = {
    "\x00": "null character",
    "\x07": "bell",
    "\x08": "backspace",
    "\x0b": "vertical tab, Word's manual line break",
    "\x0c": "form feed, Word's page break",
    "\x1b": "escape",
    "\x7f": "delete",
    "\ufffe": "not a character",
    "\uffff": "not a character",
}


def describe_character(char: str) -> str:
    """``U+000B, Word's manual line break ...``: the code point and a name a person recognises."""
    code = f"U+{ord(char):04X}"
    if char in _NAMES:
        return f"{code}, {_NAMES[char]}"
    if "\ud800" <= char <= "\udfff":
        return f"{code}, half of a broken emoji or other character"
    name = unicodedata.name(char, "")
    return f"{code}, {name.lower()}" if name else f"{code}, a control character"


def forbidden_character_message(text: str) -> str | None:
    """The sentence for the first character of ``text`` Word and Excel cannot store, or None."""
    match = FORBIDDEN.search(text)
    if match is None:
        return None
    return (f"contains a character Word and Excel cannot store ({describe_character(match.group())}) at "
            f"position {match.start() + 1}; delete it (it is often pasted in by accident)")


def shorten(text: str, limit: int = 40) -> str:
    """``text`` cut to ``limit`` characters with an ellipsis, so a huge value cannot flood a message."""
    return text if len(text) <= limit else f"{text[:limit]}…"
