"""docpipe's Word engine: docxtpl's tag language, compiled once, rendered fast and reproducibly."""

from docpipe.word.media import Picture
from docpipe.word.template import WordTemplate
from docpipe.word.unknown import UnknownName

__all__ = ["Picture", "UnknownName", "WordTemplate"]
