"""Values a deliverable's context may hold besides plain text, lists and dicts."""

from docpipe.word.media import Picture

__all__ = ["Picture"]
