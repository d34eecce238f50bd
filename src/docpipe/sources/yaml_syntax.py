"""What PyYAML's errors mean, in docpipe's words and at the line where the file is wrong."""

from __future__ import annotations

import yaml

from docpipe.errors import Problem
from docpipe.i18n import _
from docpipe.sources.characters import describe_character


def line_at(text: str, position: int) -> int:
    """1-based line of ``text[position]``, counting line breaks the way YAML and editors do."""
    before = text[:position]
    return before.count("\n") + before.count("\r") - before.count("\r\n") + 1


def unreadable_character(name: str, text: str, error: yaml.reader.ReaderError) -> Problem:
    """PyYAML refuses control characters in the text itself; say which and on what line."""
    position = int(error.position)
    line = line_at(text, position)
    char = text[position] if position < len(text) else chr(int(error.character))
    return Problem(name, line, "", _("contains a character a YAML file may not hold ({character}) on this line; "
                                     "delete it (it is often pasted in by accident)").format(
        character=describe_character(char)))


def syntax_problem(name: str, error: yaml.MarkedYAMLError) -> Problem:
    """The problem of a file PyYAML's scanner, parser or composer could not read."""
    mark = error.problem_mark
    line = mark.line + 1 if mark else None
    problem = error.problem or ""
    if problem == "but found another document":
        return Problem(name, line, "", _("holds a second YAML document (a line with --- starts one); a case file "
                                         "holds one: remove the --- line and what should not be there"))
    if problem.startswith("found undefined alias"):
        return Problem(name, line, "", _("not valid YAML: {reason}: an alias (*name) needs an anchor (&name) of the "
                                         "same name above it").format(reason=problem.removeprefix("found ")))
    if problem == "second occurrence" and error.context_mark is not None:
        anchor = (error.context or "").removeprefix("found duplicate anchor ").split(";")[0].strip("'")
        return Problem(name, line, "", _("not valid YAML: the anchor &{anchor} is defined twice (first on line "
                                         "{line}); give one of them another name").format(
            anchor=anchor, line=error.context_mark.line + 1))
    if not problem:
        return Problem(name, line, "", _("not valid YAML: the file is not valid YAML (check indentation, colons and "
                                         "quotes around this line)"))
    # PyYAML's own words for what it found (in English), in docpipe's sentence
    return Problem(name, line, "", _("not valid YAML: {reason} (check indentation, colons and quotes around this "
                                     "line)").format(reason=problem))
