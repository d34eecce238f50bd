"""From a case folder to a valid Case, or one InvalidCase naming every problem.

Every problem comes with the line it is on, listed by file, then line. A file with schema problems
is still checked across files: its partial model (what could be read of it, docpipe.model.salvage)
goes to the rules, so one run reports every problem rather than a round at a time. Only a case
without any problem becomes a Case. For a case that extends a shared
folder, each problem names the file that holds the value, the case's own or a shared one
(``_shared/policy-lab/planning.yaml``).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from docpipe.errors import InvalidCase, Problem
from docpipe.i18n import _, decimal
from docpipe.model import ActorList, Case, Initiative, Organisation, Planning
from docpipe.model.messages import plain_message
from docpipe.model.parts import PART_MODELS
from docpipe.model.rules import (
    Violation,
    check_actors,
    check_governance,
    check_organisation,
    check_planning,
    check_references,
)
from docpipe.model.salvage import partial, readable
from docpipe.sources import CaseSources, Document, format_field_path, read_case_folder

LOGO_SIGNATURES = {b"\x89PNG\r\n\x1a\n": "PNG", b"\xff\xd8\xff": "JPEG"}
MAX_LOGO_BYTES = 5 * 1024 * 1024
"""A letterhead logo needs a few hundred kB; the logo goes into every document of every case."""
_CELL = re.compile(r"([A-Z]+)([0-9]+)")


def load_case(path: str | Path) -> Case:
    """Read and validate the case folder (or intake workbook, ``.xlsx``) at ``path``; raise InvalidCase
    with every problem found."""
    folder = Path(path)
    if folder.suffix.lower() == ".xlsx" and not folder.is_dir():
        from docpipe.sources.workbook import read_workbook  # openpyxl is only needed for workbooks

        workbook = read_workbook(folder)
        return case_from_sources(workbook.sources, logos=workbook.logos)
    sources = read_case_folder(folder)
    return case_from_sources(sources)


def case_from_sources(sources: CaseSources, logos: dict[str, bytes] | None = None) -> Case:
    """Validate parsed sources into a Case (the step shared by every kind of input).

    ``logos`` are images carried inside the input itself (an intake workbook), by file name.
    """
    problems = list(sources.problems)
    # a workbook cell already reported while reading (an unknown label) is not reported again as missing
    reported = {(problem.file, problem.line) for problem in problems if isinstance(problem.line, str)}
    parsed: dict[str, Any] = {}  # each part's model, or the partial model of what could be read of it
    salvaged = False
    for part, document in sources.documents.items():
        if part == "actors" and isinstance(document.data, list):
            document = sources.documents[part] = document.nested_under("actors")
        model, part_problems = _validate_part(document, PART_MODELS[part])
        problems.extend(problem for problem in part_problems if (problem.file, problem.line) not in reported)
        salvaged = salvaged or bool(part_problems)
        if model is not None:
            parsed[part] = model
    problems.extend(_rule_problems(sources, parsed))
    logo, logo_problems = _read_logo(sources, parsed.get("organisation"), logos or {})
    problems.extend(logo_problems)
    if problems or salvaged:  # a partial model never reaches the deliverables
        raise InvalidCase(sources.name, in_reading_order(problems))
    case = Case(name=sources.name, organisation=parsed["organisation"], initiative=parsed["initiative"],
                actors=parsed["actors"].actors, planning=parsed["planning"], logo=logo,
                template_dirs=template_dirs(sources))
    documents = dict(sources.documents)
    return case.located(lambda part, path: documents[part].where(path))


def in_reading_order(problems: list[Problem]) -> list[Problem]:
    """By file, then line (a sheet's cells by row, then column): the order a person goes through the
    files to fix them. A case's own file and the shared one it extends (``_shared/x/planning.yaml``)
    stand together, by the file's name. Stable, so a value's own problem stays before the rule it
    breaks on that line."""
    return sorted(problems, key=_place)


def _place(problem: Problem) -> tuple[str, str, int, int, str]:
    """Where a problem stands, for sorting: file name, path, row, then column (the whole file first)."""
    name = problem.file.rsplit("/", 1)[-1]
    cell = _CELL.fullmatch(problem.line) if isinstance(problem.line, str) else None
    if cell:
        return name, problem.file, int(cell[2]), len(cell[1]), cell[1]
    return name, problem.file, problem.line if isinstance(problem.line, int) else 0, 0, ""


def template_dirs(sources: CaseSources) -> tuple[Path, ...]:
    """The ``templates/`` folders of the case and of the shared folders it extends, most specific first."""
    folders = [sources.folder, *sources.shared_folders] if sources.folder.is_dir() else sources.shared_folders
    return tuple(path.resolve() for path in (folder / "templates" for folder in folders) if path.is_dir())


def _validate_part(document: Document, model: type[BaseModel]) -> tuple[BaseModel | None, list[Problem]]:
    """The file's model and no problems, or pydantic's problems and the partial model for the rules."""
    if not isinstance(document.data, dict):
        message = _("is empty") if document.data is None else _("is not a group of fields (key: value lines)")
        file, line = document.where(())
        return None, [Problem(file, line, "", message)]
    try:
        return model.model_validate(document.data), []
    except ValidationError as error:
        problems = []
        for detail in error.errors(include_url=False):
            loc = tuple(detail["loc"])
            file, line = document.where(loc)
            problems.append(Problem(file, line, format_field_path(loc), plain_message(detail, model)))
        salvaged = partial(model, document.data)
        return (salvaged if isinstance(salvaged, BaseModel) else None), problems


def _rule_problems(sources: CaseSources, parsed: dict[str, Any]) -> list[Problem]:
    organisation: Organisation | None = parsed.get("organisation")
    initiative: Initiative | None = parsed.get("initiative")
    actor_list: ActorList | None = parsed.get("actors")
    planning: Planning | None = parsed.get("planning")
    actors = actor_list.actors if actor_list else None
    violations: list[Violation] = []
    if organisation is not None:
        violations.extend(check_organisation(organisation))
    if actors is not None:
        violations.extend(check_actors(actors))
    if planning is not None:
        violations.extend(check_planning(planning))
    violations.extend(check_references(initiative, actors, planning))
    if initiative is not None:
        violations.extend(check_governance(initiative))
    return [_locate(sources, violation) for violation in violations]


def _locate(sources: CaseSources, violation: Violation) -> Problem:
    file, line = sources.documents[violation.part].where(violation.path)
    return Problem(file, line, format_field_path(violation.path), violation.message)


def _read_logo(sources: CaseSources, organisation: Organisation | None,
               logos: dict[str, bytes]) -> tuple[bytes | None, list[Problem]]:
    """The logo's bytes; a PNG or JPEG file inside the folder of the file naming it (case or shared),
    or carried inside the input (``logos``, an intake workbook)."""
    if organisation is None or organisation.logo is None or not readable(organisation.logo):
        return None, []
    file, line = sources.documents["organisation"].where(("logo",))

    def problem(message: str) -> tuple[None, list[Problem]]:
        return None, [Problem(file, line, "logo", message)]

    if organisation.logo in logos:
        embedded = logos[organisation.logo]
        if len(embedded) > MAX_LOGO_BYTES:
            return problem(_logo_too_large(organisation.logo, len(embedded)))
        if not any(embedded.startswith(signature) for signature in LOGO_SIGNATURES):
            return problem(_not_an_image(organisation.logo))
        return embedded, []
    if not sources.folder.is_dir():
        return problem(_('"{name}" is not stored in the workbook; export the case with its logo (docpipe intake '
                         "export) or remove the file name").format(name=organisation.logo))

    shown = sources.folder_of(file)
    folder = shown.resolve()
    path = (folder / organisation.logo).resolve()
    if not path.is_relative_to(folder):
        if shown == sources.folder:
            return problem(_('"{name}" lies outside the case folder; put the logo inside it').format(
                name=organisation.logo))
        return problem(_('"{name}" lies outside its folder {folder}; put the logo inside it').format(
            name=organisation.logo, folder=file.rsplit("/", 1)[0]))
    if not path.is_file():
        return problem(_('"{name}" does not exist in {folder}').format(name=organisation.logo, folder=shown))
    with path.open("rb") as stream:
        data = stream.read(MAX_LOGO_BYTES + 1)  # never more: a huge file is refused, not read
    if len(data) > MAX_LOGO_BYTES:
        return problem(_logo_too_large(organisation.logo, path.stat().st_size))
    if not any(data.startswith(signature) for signature in LOGO_SIGNATURES):
        return problem(_not_an_image(organisation.logo))
    return data, []


def _not_an_image(name: str) -> str:
    return _('"{name}" is not a PNG or JPEG image').format(name=name)


def _logo_too_large(name: str, size: int) -> str:
    return _('"{name}" is {size} MB; a logo may be at most {limit} MB (save it smaller, e.g. 600 pixels '
             "wide)").format(name=name, size=decimal(size / (1024 * 1024)), limit=MAX_LOGO_BYTES // (1024 * 1024))


def validate_case(path: str | Path) -> None:
    """Check the case at ``path`` without rendering; raise InvalidCase naming every problem."""
    load_case(path)
