"""What the deciding body is asked to decide, in each form the agenda item says it.

The indstilling, the heading and the resumé are all made from ``committee.asked()``, never from a
fixed text: a committee that approves a kommissorium in December is not asked to approve a
one-pager the Policy Lab has yet to write, nor a forretningsorden its group adopts itself.
"""

from __future__ import annotations

from docpipe import danish
from docpipe.deliverables import bodies, wording
from docpipe.model import Case
from docpipe.model.committee import Committee, Request

# What each request asks, said after "at udvalget ..." ({of}: "for <title>" the first time).
PRESENT = {
    "approve-terms": "godkender kommissoriet{of}",
    "approve-one-pager": "godkender den strategiske one-pager{of}",
    "note-plan": "tager implementeringsplanen{of} til efterretning",
    "note-status": "tager status{of} til efterretning",
    "grant-funds": "bevilger {amount} til {subject}",
}
# The same, said after "bliver bedt om at ..." in the resumé.
INFINITIVE = {
    "approve-terms": "godkende kommissoriet",
    "approve-one-pager": "godkende den strategiske one-pager",
    "note-plan": "tage implementeringsplanen til efterretning",
    "note-status": "tage en status for initiativet til efterretning",
    "grant-funds": "bevilge {amount}",
}
# The same in the passive, after "at udvalget over for kommunalbestyrelsen anbefaler, at ...".
PASSIVE = {
    "approve-terms": "kommissoriet{of} godkendes",
    "approve-one-pager": "den strategiske one-pager{of} godkendes",
    "note-plan": "implementeringsplanen{of} tages til efterretning",
    "note-status": "status{of} tages til efterretning",
    "grant-funds": "der bevilges {amount} til {subject}",
}
# The heading's words for what is approved, noted or granted.
APPROVED = {"approve-terms": "kommissorium", "approve-one-pager": "strategisk one-pager"}
NOTED = {"note-plan": "implementeringsplan", "note-status": "status"}


def committee_of(case: Case) -> Committee:
    committee = case.initiative.committee
    assert committee is not None, "only a case with a committee has an agenda item"
    return committee


def asks(case: Case, kind: str) -> bool:
    """Whether the case asks its deciding body for ``kind`` (approve-terms, grant-funds ...)."""
    return any(request.kind == kind for request in committee_of(case).asked())


def heading(case: Case) -> str:
    """"Godkendelse af kommissorium og bevilling til <title>", "Status for <title>": what is asked,
    approvals first, then what is noted, then a grant."""
    asked = [request.kind for request in committee_of(case).asked()]
    approved = [APPROVED[kind] for kind in APPROVED if kind in asked]
    parts = [f"godkendelse af {wording.join(approved)}"] if approved else []
    parts += [NOTED[kind] for kind in NOTED if kind in asked]
    granted = "grant-funds" in asked
    parts += ["bevilling"] if granted else []
    return f"{wording.capitalised(wording.join(parts))} {'til' if granted else 'for'} {case.initiative.title}"


def recommendation(case: Case) -> list[str]:
    """The indstilling's lines: "at Børne- og Uddannelsesudvalget godkender kommissoriet for ..., og",
    then "at udvalget ..." for each further request, the last ending the sentence. A body that only
    recommends says so first ("at Børne- og Uddannelsesudvalget over for Kommunalbestyrelsen anbefaler,"),
    and each request follows in the passive ("at kommissoriet for ... godkendes")."""
    committee = committee_of(case)
    lines = []
    if committee.recommends():
        lines.append(f"at {committee.name} over for {committee.decider()} anbefaler,")
        for index, request in enumerate(committee.asked()):
            lines.append(f"at {_said(PASSIVE, case, request, first=index == 0)}")
        return [lines[0], *_punctuated(lines[1:])]
    for index, request in enumerate(committee.asked()):
        who = committee.name if index == 0 else bodies.body(committee)
        lines.append(f"at {who} {_said(PRESENT, case, request, first=index == 0)}")
    return _punctuated(lines)


def _punctuated(lines: list[str]) -> list[str]:
    """", og" before the last line, "," between the others, "." at the end."""
    return [line + (", og" if index == len(lines) - 2 else "," if index < len(lines) - 2 else ".")
            for index, line in enumerate(lines)]


def asked_sentence(case: Case) -> str:
    """"Børne- og Uddannelsesudvalget bliver bedt om at godkende kommissoriet og bevilge 250.000 kr." """
    committee = committee_of(case)
    wants = [INFINITIVE[request.kind].format(amount=_amount(request)) for request in committee.asked()]
    if committee.recommends():
        wants = [f"anbefale {committee.decider()} at {wording.join(wants)}"]
    text = f"{committee.name} bliver bedt om at {wording.join(wants)}"
    return text if text.endswith(".") else text + "."


def _said(forms: dict[str, str], case: Case, request: Request, first: bool) -> str:
    title = case.initiative.title
    return forms[request.kind].format(of=f" for {title}" if first else "", amount=_amount(request),
                                        subject=title if first else "initiativet")


def _amount(request: Request) -> str:
    return danish.amount(request.amount) if request.amount is not None else ""
