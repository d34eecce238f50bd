"""Error types that carry where a problem is, so every face (CLI, API, web) can print it the same way.

A civil servant must be able to find the mistake from the message alone, so each problem names the
file, the line (or sheet!cell), the field path and says in plain words what is wrong.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from docpipe.i18n import _, ngettext


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake in the input: where it is and what is wrong with it."""

    file: str
    line: int | str | None  # a 1-based line, or a cell such as "C7" when ``file`` is a workbook's sheet
    field: str
    message: str

    @property
    def location(self) -> str:
        """``planning.yaml:14``, ``Aktører!C7`` (a sheet and cell) or just the file when the line is unknown."""
        if isinstance(self.line, str):
            return f"{self.file}!{self.line}"
        return f"{self.file}:{self.line}" if self.line else self.file

    def __str__(self) -> str:
        where = f"{self.location} {self.field}" if self.field else self.location
        return f"{where}: {self.message}"


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
