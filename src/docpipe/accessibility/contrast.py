"""WCAG 2.1 AA text contrast (success criterion 1.4.3): what ratio a piece of text needs.

Large text (at least 18 pt, or 14 pt bold) needs 3:1, all other text 4.5:1. The ratio itself is
docpipe.render.branding's ``contrast``, the one that darkens an organisation's colour, so the
checker and the colouring agree on every number.
"""

from __future__ import annotations

from docpipe.render.branding import contrast

BODY_MINIMUM = 4.5
LARGE_MINIMUM = 3.0
LARGE_POINTS = 18.0
LARGE_BOLD_POINTS = 14.0


def is_large(points: float, bold: bool) -> bool:
    """Whether text of ``points`` size (bold or not) counts as large text in WCAG's sense."""
    return points >= LARGE_POINTS or (bold and points >= LARGE_BOLD_POINTS)


def minimum_contrast(points: float, bold: bool) -> float:
    """The contrast text of this size needs against its background."""
    return LARGE_MINIMUM if is_large(points, bold) else BODY_MINIMUM


def too_faint(text: str, background: str, points: float, bold: bool) -> float | None:
    """The contrast of ``text`` on ``background`` (six hex digits each) when it is below what text of
    this size needs, else None."""
    ratio = contrast(text, background)
    return ratio if ratio < minimum_contrast(points, bold) else None
