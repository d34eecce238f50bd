"""The agenda item's short sections, each from the case's committee fields with a default when the
case is silent: sagsgang, kompetence, lovgrundlag, tidligere behandling, risici, høring,
kommunikation, økonomi, and what the bilag are (which documents the committee decides on, which it
only sees, and who adopts them when).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from docpipe import danish
from docpipe.deliverables import bodies, wording
from docpipe.deliverables.common import paragraphs
from docpipe.deliverables.indstilling import asks, committee_of
from docpipe.deliverables.wording import lowered, sentence
from docpipe.model import Activity, Case

TOP_RISKS = 3


def route(case: Case) -> str:
    """"Sagen behandles i Direktionen, derefter i Børne- og Uddannelsesudvalget." (the case's route,
    else the committee alone, or the committee and then the body it recommends to)."""
    committee = committee_of(case)
    default = [committee.name, committee.decider()] if committee.recommends() else [committee.name]
    stops = [f"i {name}" for name in committee.route or default]
    if len(stops) == 1:
        return f"Sagen behandles {stops[0]}."
    if len(stops) == 2:
        return f"Sagen behandles {stops[0]} og derefter {stops[1]}."
    middle = ", ".join(f"derefter {stop}" for stop in stops[1:-1])
    return f"Sagen behandles {stops[0]}, {middle} og til sidst {stops[-1]}."


def competence(case: Case) -> str:
    """Who decides: the case's words, else the last body of the route (or the committee); a
    committee that only recommends says that it gives its indstilling to the body that decides."""
    committee = committee_of(case)
    competence = (committee.competence or "").strip()
    text = competence if competence.endswith(".") else \
        f"{committee.decider()} har kompetence til at træffe beslutning i sagen."
    if committee.recommends():
        text += f" {committee.name} afgiver indstilling til {committee.decider()}."
    return text


def legal_basis(case: Case) -> list[str]:
    """The lovgrundlag, only where the case gives one (an agenda item never invents a hjemmel)."""
    basis = committee_of(case).legal_basis
    return paragraphs(basis) if basis else []


def earlier_handling(case: Case) -> list[str]:
    """"Kredsrådet behandlede sagen den 11. juni 2026: Kredsrådet bad om ...", oldest first."""
    handled = sorted(committee_of(case).earlier_handling, key=lambda earlier: earlier.date)
    return [f"{earlier.body} behandlede sagen den {danish.long_date(earlier.date)}: {sentence(earlier.decision)}"
            for earlier in handled]


def risks(case: Case) -> list[str]:
    """The few risks with the highest score (likelihood × impact), each with its handling; the
    kommissorium has them all."""
    ranked = sorted(case.initiative.risks, key=lambda risk: -risk.likelihood * risk.impact)[:TOP_RISKS]
    return [f"{risk.risk.strip().rstrip('.')}: {sentence(lowered(risk.mitigation))}"
            for risk in ranked]


def risk_intro(case: Case) -> str:
    count = len(case.initiative.risks)
    if count == 0:
        return "Der er ikke identificeret særlige risici ved initiativet."
    if count <= TOP_RISKS:
        return "Risiciene og deres håndtering:"
    top, total = wording.number_words(TOP_RISKS), wording.number_words(count)
    return f"De {top} væsentligste af kommissoriets {total} risici og deres håndtering:"


def consultation(case: Case) -> list[str]:
    text = committee_of(case).consultation
    if text:
        return paragraphs(text)
    return ["Sagen skal ikke i høring. Aktørerne inddrages i forløbet som beskrevet i kommissoriet."]


def communication(case: Case) -> list[str]:
    text = committee_of(case).communication
    if text:
        return paragraphs(text)
    lead = bodies.GroupWords(bodies.lead_group(case).name).definite
    return [f"Beslutningen formidles til initiativets deltagere og samarbejdspartnere, og {lead} orienterer "
            "løbende om fremdriften."]


def economy(case: Case) -> list[str]:
    """The budget, its financing, and always a statement of the bevillingsmæssige konsekvenser."""
    budget = case.initiative.budget
    lines = []
    if budget is not None:
        lines.append(f"Initiativets samlede budget er {danish.amount(budget.total)}")  # ends in "kr."
        lines.extend(paragraphs(budget.financing or ""))
    lines.append(_consequences(case))
    return lines


def _consequences(case: Case) -> str:
    grants = [request for request in committee_of(case).asked() if request.kind == "grant-funds"]
    if grants:
        total = sum((request.amount for request in grants if request.amount is not None), Decimal(0))
        return f"Sagen har bevillingsmæssige konsekvenser: der søges en bevilling på {danish.amount(total)}"
    if case.initiative.budget is None:
        return ("Initiativet gennemføres inden for de eksisterende budgetrammer og har ingen bevillingsmæssige "
                "konsekvenser.")
    if case.initiative.budget.financing:
        return "Sagen har ingen bevillingsmæssige konsekvenser ud over den finansiering, der er beskrevet ovenfor."
    return "Sagen har ingen bevillingsmæssige konsekvenser; budgettet afholdes inden for de eksisterende rammer."


def documents(case: Case) -> list[str]:
    """What the bilag the committee does not decide on are, and who adopts them when: the
    forretningsorden is adopted by its own group, the one-pager of a Policy Lab comes out of the lab."""
    attached = {attachment.deliverable for attachment in committee_of(case).bilag()}
    lines = []
    if "forretningsorden" in attached:
        lines.append(_rules_note(case))
    if "one-pager" in attached and not asks(case, "approve-one-pager"):
        lines.append(_one_pager_note(case))
    return lines


def rules_adopted(case: Case) -> dt.date | None:
    """The day the group adopted its forretningsorden, if that was before the meeting; else None."""
    adopted = bodies.ruled_group(case).adopted_on
    return adopted if adopted is not None and adopted <= committee_of(case).meeting_date else None


def _rules_note(case: Case) -> str:
    words = bodies.ruled_words(case)
    adopted = rules_adopted(case)
    if adopted is not None:
        return (f"{wording.capitalised(words.definite)} vedtog sin forretningsorden den {danish.long_date(adopted)}. "
                "Den vedlægges til orientering.")
    return (f"Forretningsordenen for {words.definite} vedlægges til orientering. {wording.capitalised(words.definite)} "
            "vedtager den selv på sit første møde.")


def one_pager_approval(case: Case) -> Activity | None:
    """The plan's milestone, after this meeting, at which the one-pager is approved (if it has one)."""
    meeting = committee_of(case).meeting_date
    for activity in case.activities():
        text = f"{activity.title} {activity.deliverable or ''}".lower()
        if activity.milestone and activity.end > meeting and "one-pager" in text and "godkend" in text:
            return activity
    return None


def _one_pager_note(case: Case) -> str:
    body = bodies.body(committee_of(case))
    if case.initiative.method != "policy-lab":
        return "Den strategiske one-pager sammenfatter initiativet på én side og vedlægges til orientering."
    approval = one_pager_approval(case)
    when = f"i {danish.month_year(approval.end)}" if approval else "efter Policy Lab'et"
    return ("Den strategiske one-pager er resultatet af Policy Lab'et. Udkastet vedlægges til orientering, og den "
            f"færdige one-pager forelægges {body} til godkendelse {when}.")
