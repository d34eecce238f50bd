"""The errors that stop a merge before anything is written: an unusable list or name pattern."""

from __future__ import annotations

from pathlib import Path

from docpipe.errors import DocpipeError, Problem
from docpipe.i18n import _, ngettext


class DataError(DocpipeError):
    """A data file that cannot be read as a list of rows.

    It carries the file, and the line (a CSV record or sheet row) and field when they are known, so
    a civil servant can find the spot in Excel or an editor, and a tool can read them one by one.
    Printed the way docpipe prints every problem: ``kommuner.csv:3 Navn: ...``.
    """

    def __init__(self, path: Path | str, message: str, line: int | str | None = None,
                 field: str | None = None) -> None:
        self.path = str(path)
        self.message = message
        self.line = line
        self.field = field
        super().__init__(str(Problem(self.path, line, field or "", message)))

    @classmethod
    def of_problems(cls, problems: list[Problem]) -> DataError:
        """The first of a reader's problems (at least one), saying how many more there are."""
        first, more = problems[0], len(problems) - 1
        message = first.message if not more else ngettext(
            "{message} (and {count} more problem in the file)", "{message} (and {count} more problems in the file)",
            more).format(message=first.message, count=more)
        return cls(first.file, message, first.line, first.field or None)


class NamePatternError(DocpipeError):
    """A ``--name`` pattern that is not valid Jinja: a usage mistake, reported before any work."""

    def __init__(self, pattern: str, reason: str) -> None:
        self.pattern = pattern
        self.reason = reason
        super().__init__(_("the name pattern {pattern} is not valid Jinja: {reason}").format(
            pattern=repr(pattern), reason=reason))
