"""An organisation's colour in place of the house colours.

The shipped templates use three house colours (tools/templates/house.py and xlsx.py):

- the accent ``1F3A5F``: headings, the title, the organisation's name in the header, the fill of
  table header cells (white text on it), in Excel the header row fill, the Gantt chart's year row,
  the high/high quadrant and some labels (the Gantt phase bars are a neutral grey, never a status colour);
- the light fill ``EEF2F7``: label cells of fact tables, total rows, the Gantt week and phase rows;
- the band fill ``D6DFEA`` (Excel only): the Gantt chart's month row, with accent text on it;
- the light label ``BFD0E3`` (one-pager): the "VISION" label, on the accent.

From ``primary_colour`` they become: the accent the primary colour itself, unless text in it (or
white text on it) would be hard to read, then the primary colour darkened just enough; the light fill
and the band fill tints of the primary colour (mixed with 88% and 80% white); the light label a tint
(75% white) made lighter until it reads on the accent. Other colours (status
colours, the Gantt bars, the grid lines, the red UDKAST) are not the house's to rebrand and stay.
Without a primary colour there is no mapping and the documents keep the house colours.
"""

from __future__ import annotations

from functools import lru_cache

from docpipe.model import Organisation

HOUSE_ACCENT = "1F3A5F"
HOUSE_LIGHT_FILL = "EEF2F7"
HOUSE_BAND_FILL = "D6DFEA"
HOUSE_LIGHT_LABEL = "BFD0E3"
WHITE = "FFFFFF"
BLACK = "000000"
LIGHT_FILL_WHITE_SHARE = 0.88
BAND_FILL_WHITE_SHARE = 0.80
LIGHT_LABEL_WHITE_SHARE = 0.75
# WCAG 2 AA for normal text: headings in the accent on white, white header text on the accent,
# accent text on the light and band fills (Gantt phase and month rows) and the light label on the
# accent all reach it.
MIN_CONTRAST = 4.5


def colours_for(organisation: Organisation) -> dict[str, str]:
    """The colour mapping for ``organisation`` (house colour -> its colour), empty without a colour."""
    if not organisation.primary_colour:
        return {}
    return house_colours(organisation.primary_colour)


def house_colours(primary: str) -> dict[str, str]:
    """The house colours mapped to those derived from ``primary`` ("#00558C" or "00558C")."""
    return dict(_house_colours(_hex(primary)))


@lru_cache(maxsize=256)
def _house_colours(colour: str) -> tuple[tuple[str, str], ...]:
    light = mix(colour, WHITE, LIGHT_FILL_WHITE_SHARE)
    band = mix(colour, WHITE, BAND_FILL_WHITE_SHARE)
    accent = readable_accent(colour, (WHITE, light, band))
    return ((HOUSE_ACCENT, accent), (HOUSE_LIGHT_FILL, light), (HOUSE_BAND_FILL, band),
            (HOUSE_LIGHT_LABEL, readable_tint(colour, accent)))


def readable_accent(colour: str, backgrounds: tuple[str, ...]) -> str:
    """``colour`` itself when it contrasts at least ``MIN_CONTRAST`` with every background, else
    ``colour`` mixed with as little black as makes it so (in steps of 1%): the same hue, darker."""
    for step in range(101):
        candidate = mix(colour, BLACK, step / 100)
        if all(contrast(candidate, background) >= MIN_CONTRAST for background in backgrounds):
            return candidate
    return BLACK  # not reached: black contrasts at least 4.5 with anything at least 18% luminous


def readable_tint(colour: str, background: str) -> str:
    """A light tint of ``colour`` (``LIGHT_LABEL_WHITE_SHARE`` white) that contrasts at least
    ``MIN_CONTRAST`` with ``background``, made lighter in steps of 1% white until it does."""
    for step in range(round(LIGHT_LABEL_WHITE_SHARE * 100), 101):
        candidate = mix(colour, WHITE, step / 100)
        if contrast(candidate, background) >= MIN_CONTRAST:
            return candidate
    return WHITE  # not reached for a readable accent: white contrasts at least 4.5 with it


def mix(colour: str, other: str, share_of_other: float) -> str:
    """``colour`` mixed with ``other`` (``share_of_other`` of it), channel by channel in sRGB."""
    channels = [round_half_up(a * (1 - share_of_other) + b * share_of_other)
                for a, b in zip(_channels(colour), _channels(other), strict=True)]
    return "".join(f"{channel:02X}" for channel in channels)


def contrast(first: str, second: str) -> float:
    """The WCAG 2 contrast ratio of two colours, 1 to 21."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def relative_luminance(colour: str) -> float:
    """The WCAG 2 relative luminance of a colour, 0 (black) to 1 (white)."""
    linear = []
    for channel in _channels(colour):
        value = channel / 255
        linear.append(value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4)
    red, green, blue = linear
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def round_half_up(value: float) -> int:
    return int(value + 0.5)


def _hex(colour: str) -> str:
    value = colour.removeprefix("#").upper()
    if len(value) != 6 or any(char not in "0123456789ABCDEF" for char in value):
        raise ValueError(f"{colour!r} is not a colour; write it as \"#RRGGBB\"")
    return value


def _channels(colour: str) -> tuple[int, int, int]:
    value = _hex(colour)
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)
