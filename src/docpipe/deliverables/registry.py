"""Which deliverables exist: name -> output file, template, and the function that makes its content.

A reader looking for how the forretningsorden is made starts here and follows its module.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from docpipe.deliverables import (
    aktoeroverblik,
    dagsordenspunkt,
    forretningsorden,
    implementeringsplan,
    implementeringsplan_xlsx,
    kommissorium,
    one_pager,
    statusnotat,
)
from docpipe.errors import DocpipeError, DocumentRefused, Problem
from docpipe.i18n import N_, _, ngettext
from docpipe.model import Case

ContextBuilder = Callable[[Case], dict[str, Any]]


@dataclass(frozen=True)
class Deliverable:
    """One document docpipe makes for a case.

    A Word deliverable has a ``build_context`` that the template is rendered with; an Excel one has
    ``fill``, which writes the case into a copy of its template workbook.
    """

    name: str
    file_name: str
    kind: Literal["docx", "xlsx"]
    document_kind: str
    build_context: ContextBuilder | None = None
    fill: Callable[[Any, Case], None] | None = None
    applies: Callable[[Case], bool] | None = None
    refusals: Callable[[Case], list[Problem]] | None = None
    """Why this document cannot be made from a case (its own limits); a case is never refused for them."""
    template: str | None = None
    """The template's file name when it is not ``file_name`` (two versions of one document)."""
    on_request: bool = False
    """Made only when asked for by name (``--only``), not among "all deliverables"."""
    needs: str | None = None
    """What a case lacks when ``applies`` says no (untranslated, N_); None: a committee."""

    def check(self, case: Case) -> None:
        """Raise DocumentRefused when this document's own limits refuse ``case``; the case stays valid."""
        problems = self.refusals(case) if self.refusals is not None else []
        if problems:
            raise DocumentRefused(self.name, problems)

    def applies_to(self, case: Case) -> bool:
        """Whether this case gets this deliverable (the agenda item needs a committee)."""
        return self.applies is None or self.applies(case)

    @property
    def template_name(self) -> str:
        return self.template or self.file_name


DELIVERABLES: dict[str, Deliverable] = {
    deliverable.name: deliverable
    for deliverable in (
        Deliverable("kommissorium", "kommissorium.docx", "docx", "Kommissorium", kommissorium.build_context),
        Deliverable("forretningsorden", "forretningsorden.docx", "docx", "Forretningsorden",
                    forretningsorden.build_context),
        Deliverable("implementeringsplan", "implementeringsplan.docx", "docx", "Implementeringsplan",
                    implementeringsplan.build_context),
        Deliverable("implementeringsplan-xlsx", "implementeringsplan.xlsx", "xlsx", "Implementeringsplan",
                    fill=implementeringsplan_xlsx.fill),
        Deliverable("one-pager", "one-pager.docx", "docx", "Strategisk one-pager", one_pager.build_context,
                    refusals=one_pager.refusals),
        Deliverable("aktoeroverblik", "aktoeroverblik.xlsx", "xlsx", "Aktøroverblik", fill=aktoeroverblik.fill),
        # the version fit to publish, whatever the case says about its bilag; see deliverables/aktoeroverblik.py
        Deliverable("aktoeroverblik-offentlig", "aktoeroverblik-offentlig.xlsx", "xlsx", "Aktøroverblik",
                    fill=aktoeroverblik.fill_public, template="aktoeroverblik.xlsx", on_request=True),
        Deliverable("dagsordenspunkt", "dagsordenspunkt.docx", "docx", "Dagsordenspunkt",
                    dagsordenspunkt.build_context, applies=dagsordenspunkt.applies),
        # made with the others once the plan is under way (a status beyond planned); see statusnotat.py
        Deliverable("statusnotat", "statusnotat.docx", "docx", "Statusnotat", statusnotat.build_context,
                    applies=statusnotat.applies,
                    needs=N_("an activity with a status other than planned in planning.yaml")),
    )
}


def for_case(case: Case, names: list[str] | None) -> list[Deliverable]:
    """The deliverables to make for ``case``: those named (or all) that apply to it.

    Asking by name for one that does not apply is an error that says what the case lacks.
    """
    chosen = select(names)
    if names:
        lacking = [d for d in chosen if not d.applies_to(case) and d.needs]
        if lacking:
            raise NotApplicable(_("{name} needs {needs}").format(name=lacking[0].name, needs=_(lacking[0].needs or "")))
        missing = [d.name for d in chosen if not d.applies_to(case)]
        if missing:
            raise NotApplicable(ngettext("{names} needs a committee (committee: name, meeting_date) in initiative.yaml",
                                         "{names} need a committee (committee: name, meeting_date) in initiative.yaml",
                                         len(missing)).format(names=", ".join(missing)))
    return [deliverable for deliverable in chosen if deliverable.applies_to(case)]


class NotApplicable(DocpipeError):
    """A deliverable was asked for that this case cannot have."""


def select(names: list[str] | None) -> list[Deliverable]:
    """The deliverables named (when ``names`` is None: all but those made only on request), in
    registry order."""
    if not names:
        return [deliverable for deliverable in DELIVERABLES.values() if not deliverable.on_request]
    unknown = [name for name in names if name not in DELIVERABLES]
    if unknown:
        raise KeyError(", ".join(unknown))
    return [deliverable for name, deliverable in DELIVERABLES.items() if name in names]


def document_problems(case: Case, names: list[str] | None = None) -> list[Problem]:
    """What refuses any of the named documents (all that apply) for ``case``, each naming its document.

    ``docpipe validate`` shows them as warnings: the case is valid, only those documents cannot be made.
    """
    return [problem for deliverable in select(names) if deliverable.applies_to(case)
            for problem in (deliverable.refusals(case) if deliverable.refusals is not None else [])]
