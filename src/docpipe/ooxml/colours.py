"""Colours as OOXML writes them: six hex digits, no '#'. Both engines recolour a template's parts
from one mapping (the template's colour -> the organisation's), checked here once."""

from __future__ import annotations

import re
from collections.abc import Mapping

Colours = Mapping[str, str]
HEX_COLOUR = re.compile(r"[0-9A-Fa-f]{6}")


def normalise_colours(colours: Colours | None) -> dict[str, str]:
    """``colours`` in upper case, without the colours it maps to themselves; checked."""
    mapping: dict[str, str] = {}
    for old, new in (colours or {}).items():
        for colour in (old, new):
            if not isinstance(colour, str) or not HEX_COLOUR.fullmatch(colour):
                raise ValueError(f"{colour!r} is not a colour; write six hex digits without '#', e.g. '00558C'")
        if old.upper() != new.upper():
            mapping[old.upper()] = new.upper()
    return mapping
