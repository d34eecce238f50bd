"""Error types that carry where a problem is, so every face (CLI, API, web) can print it the same way.

A civil servant must be able to find the mistake from the message alone, so each problem names the
file, the line (or sheet!cell), the field path and says in plain words what is wrong.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from docpipe.i18n import _, ngettext


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake in the input: where it is and what is wrong with it."""

    file: str
    line: int | str | None  # a 1-based line, or a cell such as "C7" when ``file`` is a workbook's sheet
    field: str
    message: str
    document: str = ""
    """The deliverable the problem is about (``one-pager``) when only that document is concerned, not the case."""

    @property
    def location(self) -> str:
        """``planning.yaml:14``, ``Aktører!C7`` (a sheet and cell) or just the file when the line is unknown."""
        if isinstance(self.line, str):
            return f"{self.file}!{self.line}"
        return f"{self.file}:{self.line}" if self.line else self.file

    def __str__(self) -> str:
        where = f"{self.location} {self.field}" if self.field else self.location
        return f"{self.document}: {where}: {self.message}" if self.document else f"{where}: {self.message}"

    def order(self) -> tuple[str, int, int, str, str]:
        """A sort key in reading order: file, then line (or a cell's row and column), then field.

        A plain sort cannot compare a line number with a cell such as "C7", nor a missing line.
        """
        row, column = _line_order(self.line)
        return self.file, row, column, self.field, self.document


def _line_order(line: int | str | None) -> tuple[int, int]:
    if isinstance(line, int):
        return line, 0
    if not line:
        return 0, 0
    letters = line.rstrip("0123456789")
    digits = line[len(letters):]
    column = 0
    for letter in letters.upper():
        column = column * 26 + ord(letter) - ord("A") + 1
    return int(digits) if digits else 0, column


class DocpipeError(Exception):
    """Base of every error docpipe raises on purpose; anything else is a bug."""


class InvalidCase(DocpipeError):
    """A case with one or more input problems; carries all of them, not only the first."""

    def __init__(self, case: str, problems: Iterable[Problem]) -> None:
        self.case = case
        self.problems = list(problems)
        super().__init__(self.summary())

    def summary(self) -> str:
        """``case: 3 problems in the input`` and one indented line per problem, in the current language."""
        count = len(self.problems)
        lines = [ngettext("{case}: {count} problem in the input", "{case}: {count} problems in the input",
                          count).format(case=self.case, count=count)]
        lines.extend(f"  {problem}" for problem in self.problems)
        return "\n".join(lines)


class DocumentRefused(DocpipeError):
    """One deliverable cannot be made from an otherwise valid case: its texts exceed what that document
    holds (the one-pager's page). Carries every reason, each with file, line and field; the case's
    other documents can still be made."""

    def __init__(self, document: str, problems: Iterable[Problem]) -> None:
        self.document = document
        self.problems = [problem if problem.document else Problem(problem.file, problem.line, problem.field,
                                                                  problem.message, document)
                         for problem in problems]
        super().__init__(self.summary())

    def summary(self) -> str:
        """``one-pager was not made: 1 problem`` and one indented line per problem."""
        count = len(self.problems)
        lines = [ngettext("{document} was not made: {count} problem", "{document} was not made: {count} problems",
                          count).format(document=self.document, count=count)]
        lines.extend(f"  {problem}" for problem in self.problems)
        return "\n".join(lines)


class DocumentsRefused(DocpipeError):
    """Some documents of a case were refused (DocumentRefused) while the others were written.

    Raised after the others are in place, so a caller learns both what was written and what was not.
    """

    def __init__(self, case: str, written: Iterable[Path], refused: Iterable[DocumentRefused]) -> None:
        self.case = case
        self.written = list(written)
        self.refused = list(refused)
        super().__init__("\n".join([case + ":", *(str(error) for error in self.refused)]))

    @property
    def problems(self) -> list[Problem]:
        """Every refused document's problems, each naming its document."""
        return [problem for error in self.refused for problem in error.problems]


class TemplateError(DocpipeError):
    """A template that cannot be found, read or rendered; names the template."""

    def __init__(self, template: str, message: str) -> None:
        self.template = template
        self.message = message
        super().__init__(_("template {template}: {message}").format(template=template, message=message))


class OutputError(DocpipeError):
    """A file that could not be written; names the path."""

    def __init__(self, path: str, message: str) -> None:
        self.path = path
        self.message = message
        super().__init__(_("cannot write {path}: {reason}").format(path=path, reason=message))
