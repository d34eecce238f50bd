"""One broken accessibility rule: which rule, where in the document, and what to do about it."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Severity(enum.Enum):
    """An error fails the check (and ``docpipe check`` exits 1); a warning is worth a look."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Finding:
    """A rule a document breaks, at a place a person can find: ``word/document.xml, tabel 2, række 1``,
    ``Matrix!A1``, ``side 3``. ``message`` is already in the reader's language."""

    file: str
    rule: str
    place: str
    message: str
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        where = f"{self.file}: {self.place}" if self.place else self.file
        return f"{where}: {self.message} [{self.rule}]"

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR
