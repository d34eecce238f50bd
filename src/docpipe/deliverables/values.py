"""Values a deliverable's context may hold besides plain text, lists and dicts."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Picture:
    """An image to place in a document (the organisation's logo), sized by its width."""

    data: bytes
    width_mm: float
