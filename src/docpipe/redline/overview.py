"""aendringer.docx: "Ændringer siden <OLD's date>", what changed in the case, per document.

The committee reads this first: per deliverable the changes that show in it (``changes.py`` says
which), in plain Danish, with the changes every document shows (title, date, status) first. Made
from templates/docx/aendringer.docx in the house style, so it can go to the committee as it is.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docpipe import danish
from docpipe.deliverables import wording
from docpipe.deliverables.common import house_context
from docpipe.deliverables.registry import Deliverable
from docpipe.model import Case
from docpipe.redline.changes import EVERY_DOCUMENT, Change, case_changes
from docpipe.render.branding import colours_for
from docpipe.render.case import properties
from docpipe.render.docx import render_docx
from docpipe.render.locate import find_template

FILE_NAME = "aendringer.docx"
DOCUMENT_KIND = "Ændringsoversigt"


def overview_docx(old: Case, new: Case, deliverables: list[Deliverable], templates: Path | None = None) -> bytes:
    """The overview of what changed from ``old`` to ``new`` in the named deliverables, as a .docx."""
    template = find_template(FILE_NAME, "docx", templates, new.template_dirs)
    return render_docx(template, overview_context(old, new, deliverables), properties(new, DOCUMENT_KIND),
                       colours_for(new.organisation))


def overview_context(old: Case, new: Case, deliverables: list[Deliverable]) -> dict[str, Any]:
    """NEW's letterhead, OLD's date, version and status, and the changes grouped per document."""
    changes = case_changes(old, new)
    sections = _sections(changes, deliverables)
    listed = {section["name"] for section in sections}
    unchanged = [_name(deliverable) for deliverable in deliverables if _name(deliverable) not in listed]
    return {
        **house_context(new),
        "since": danish.long_date(old.initiative.date),
        "old": {"version": old.initiative.version, "date": danish.long_date(old.initiative.date),
                "status": danish.STATUS[old.initiative.status].lower()},
        "status": danish.STATUS[new.initiative.status].lower(),
        "intro": _intro(changes, old),
        "sections": sections,
        "unchanged": wording.join(unchanged) + "." if unchanged and changes else "",
    }


def _intro(changes: list[Change], old: Case) -> list[str]:
    since = danish.long_date(old.initiative.date)
    if not changes:
        return [f"Sagen er ikke ændret siden versionen af {since}."]
    return [f"Oversigten viser, hvad der er ændret i sagen siden versionen af {since}, og i hvilke dokumenter "
            "ændringerne ses. I Word-dokumenterne er ændringerne markeret som registrerede ændringer, som kan "
            "gennemgås, godkendes og afvises som sædvanligt."]


def _sections(changes: list[Change], deliverables: list[Deliverable]) -> list[dict[str, Any]]:
    """"Alle dokumenter" first, then each deliverable (registry order) with the changes it shows."""
    sections = []
    common = [change.text for change in changes if EVERY_DOCUMENT in change.shown_in]
    if common:
        sections.append({"name": "Alle dokumenter", "changes": common})
    for deliverable in deliverables:
        items = [change.text for change in changes if deliverable.name in change.shown_in]
        if items:
            sections.append({"name": _name(deliverable), "changes": items})
    return sections


def _name(deliverable: Deliverable) -> str:
    """"Implementeringsplan (Excel)": two deliverables share a kind; the file says which one."""
    return f"{deliverable.document_kind} (Excel)" if deliverable.kind == "xlsx" else deliverable.document_kind
