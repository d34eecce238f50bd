"""The forretningsorden (rules of procedure) of the group the case gives rules to, one numbered § per subject.

The wording is the kind a Danish municipality adopts at a group's first meeting: the numbers of the
case (notice, quorum, decision rule, deadline for minutes) are woven into fixed Danish sentences
here, so the template only lays out "§ N. Overskrift" and its "Stk." paragraphs. The group is the
steering group under the name the case gives it, or without one the working group (the police
co-creation guide's etableringspakke has a forretningsorden for the group that does the work). A
group that advises (a følgegruppe) adopts recommendations and leaves ownership with the working
group: the co-creation guide warns that a steering group can shift ownership away from it.
"""

from __future__ import annotations

from typing import Any

from docpipe import danish
from docpipe.deliverables import bodies, wording
from docpipe.deliverables.bodies import GroupWords
from docpipe.deliverables.common import house_context, paragraphs, person
from docpipe.deliverables.procedure import Block, confidentiality, economy, impartiality, notice, numbered, quote
from docpipe.deliverables.wording import (
    Role,
    borrowed,
    capitalised,
    days,
    lowered,
    member_count,
    name_title,
    quoted,
    role_phrase,
)
from docpipe.model import Case, RuledGroup

DECIDING_TASKS = {
    "policy-lab": [
        "følge op på prioriteringerne fra Policy Lab'et og fastholde den fælles retning",
        "godkende den strategiske one-pager, handleplaner og prøvehandlinger, før de forelægges politisk",
        "følge fremdrift, tidsplan, økonomi og risici",
        "sikre forankring på tværs af fagområder og samarbejdspartnere",
    ],
    "project": [
        "godkende projektplanen og væsentlige ændringer i den",
        "følge fremdrift, tidsplan, økonomi og risici",
        "træffe beslutning i spørgsmål, der ligger uden for projektledelsens mandat",
        "sikre, at der tilvejebringes et beslutningsgrundlag for projektets forankring",
    ],
}
DECIDING_TASKS["co-creation"] = DECIDING_TASKS["project"]

ADVISING_TASKS = [
    "følge initiativets fremdrift og rådgive {advised}",
    "bidrage med viden, netværk og ressourcer fra egen organisation",
    "drøfte {working} resultater og anbefalinger",
    "bakke op om og forankre de løsninger, der udvikles i fællesskab",
]

# The working group's tasks, as the co-creation guide gives them to the group that establishes the
# initiative from its first phase to the etablering.
WORKING_TASKS = [
    "planlægge og gennemføre initiativets aktiviteter og holde tidsplanen",
    "inddrage borgere, civilsamfund og samarbejdspartnere aktivt i udviklingen af løsningerne",
    "dokumentere initiativets resultater løbende og holde ledelsen orienteret om fremdriften",
    "gøre ledelsen opmærksom på væsentlige afvigelser fra planen, økonomien eller tidsplanen i god tid",
]

SECRETARIAT_TASKS = [
    "udarbejder dagsorden i samarbejde med formanden",
    "indkalder til møderne og udsender dagsorden og mødemateriale",
    "udarbejder referat af møderne",
    "følger op på {genitive} {outcomes} og holder medlemmerne orienteret om fremdriften",
]


def build_context(case: Case) -> dict[str, Any]:
    group, words = _ruled(case)
    context = house_context(case)
    context.update({
        "adopted": group.adopted_on is not None,
        "group": words.context(),
        "intro": _intro(group, words),
        "chair": person(case.actor(group.chair), "Formand"),
        "members": _members(case),
        "sections": {
            "purpose": _purpose(case),
            "composition": numbered([f"{_cap(words.definite)} består af {member_count(len(group.members))}:"]),
            "composition_after": _composition_after(case),
            "chair_secretariat": _chair_secretariat(case),
            "meetings": _meetings(group, words),
            "notice": notice(group),
            "quorum": _quorum(group, words),
            "decisions": _decisions(case),
            "impartiality": impartiality(words),
            "minutes": _minutes(case),
            "confidentiality": confidentiality(words),
            "economy": economy(group, words, case.organisation.name),
            "entry_into_force": _entry_into_force(case),
        },
        "adoption_line": _adoption_line(group, words),
    })
    return context


def _ruled(case: Case) -> tuple[RuledGroup, GroupWords]:
    """The group these rules are for, and its name in every form."""
    group = bodies.ruled_group(case)
    return group, GroupWords(group.name)


def _cap(text: str) -> str:
    return wording.capitalised(text)


# --- the sections --------------------------------------------------------------------------------


def _intro(group: RuledGroup, words: GroupWords) -> str:
    """Adopted at a meeting only when the case says on which date; the document's date is not a meeting."""
    if group.adopted_on is not None:
        return (f"Forretningsordenen er vedtaget på {words.genitive} møde den {danish.long_date(group.adopted_on)} "
                f"og fastlægger rammerne for {words.genitive} arbejde.")
    return (f"Forretningsordenen forelægges til vedtagelse på {words.genitive} første møde og fastlægger "
            f"rammerne for {words.genitive} arbejde.")


def _purpose(case: Case) -> list[Block]:
    initiative = case.initiative
    group, words = _ruled(case)
    if group.kind == "working":
        aim, tasks = "for at gennemføre", WORKING_TASKS
    elif group.role == "advising":
        aim, tasks = "for at følge og understøtte", _advising_tasks(case)
    else:
        aim, tasks = "for at lede og sikre fremdriften i", DECIDING_TASKS[initiative.method]
    opening = (f"{_cap(words.definite)} er nedsat af {case.organisation.name} {aim} initiativet "
               f"{quoted(initiative.title)}. Initiativets formål er:")
    blocks = numbered([opening])
    # Only the first paragraph not about "dette dokument" (the kommissorium): the rules quote the aim.
    purpose = paragraphs(initiative.purpose)
    blocks.append(quote((borrowed(purpose) or purpose)[0]))
    rest: list[str | list[str]] = [f"{_cap(words.definite)} skal i den forbindelse:", tasks]
    rest.extend(_mandate(case))
    return [*blocks, *numbered(rest, start=2)]


def _advising_tasks(case: Case) -> list[str]:
    governance = case.initiative.governance
    working = bodies.working_words(case)
    advised = [working.definite] if governance.working_group else []
    if governance.leader:
        advised.append("ledelsespersonen")
    advice = wording.join(advised) if advised else "initiativets ledelse"
    return [task.format(advised=advice, working=working.genitive) for task in ADVISING_TASKS]


def _mandate(case: Case) -> list[str]:
    """Where the group stands: an advising group leaves ownership with the working group and the
    decisions with the leader; a working group with the rules decides within its mandate."""
    initiative = case.initiative
    governance = initiative.governance
    group, words = _ruled(case)
    co_creation = initiative.method == "co-creation"
    leader = f"ledelsespersonen med beslutningsmandat, {name_title(case.actor(governance.leader))}" \
        if governance.leader else ""
    if group.kind == "working":
        text = ("Initiativet gennemføres efter co-creation-metoden, og ejerskabet til løsningerne deles med de "
                "aktører, der deltager i samskabelsen. " if co_creation else "")
        if leader:
            text += f"Beslutninger, der ligger uden for {words.genitive} mandat, træffes af {leader}."
        return [text.strip()] if text else []
    working = bodies.working_words(case)
    if group.role == "deciding":
        return ([f"Det daglige arbejde varetages af en {working.noun}, som refererer til {words.definite}."]
                if governance.working_group else [])
    text = "Initiativet gennemføres efter co-creation-metoden. " if co_creation else ""
    if governance.working_group:
        actors = " og de aktører, der deltager i samskabelsen," if co_creation else ""
        text += (f"Ejerskabet til initiativet ligger hos den tværfaglige {working.noun}{actors} og ikke hos "
                 f"{words.definite}. ")
    text += f"{_cap(words.definite)} følger og rådgiver og træffer ikke beslutninger om initiativets indhold"
    if leader:
        text += f"; disse beslutninger træffes af {leader}, i dialog med {working.definite}"
    return [text + "."]


def _members(case: Case) -> list[dict[str, str]]:
    """The members, chair first and næstformand second, each with the role that matters in this group."""
    group, _ = _ruled(case)
    ordered = list(dict.fromkeys([group.chair, *([group.vice_chair] if group.vice_chair else []), *group.members]))
    return [person(case.actor(actor_id), _member_role(case, actor_id)) for actor_id in ordered]


def _member_role(case: Case, actor_id: str) -> str:
    """"Formand", "Medlem og ledelsesperson med beslutningsmandat", "Medlem af styregruppen og
    arbejdsgruppen": the member's place in the group, and the other roles they hold."""
    governance = case.initiative.governance
    group, _ = _ruled(case)
    also_working = (group.kind == "steering" and governance.working_group is not None
                    and actor_id in governance.working_group.members)
    kind = "formand" if actor_id == group.chair else "næstformand" if actor_id == group.vice_chair else "medlem"
    roles = [Role(kind, GroupWords(group.name).definite if also_working and kind == "medlem" else "")]
    if actor_id == governance.leader:
        roles.append(Role("ledelsesperson med beslutningsmandat"))
    if actor_id == governance.anchor_person:
        roles.append(Role("ankerperson"))
    if also_working:
        roles.append(Role("medlem", bodies.working_words(case).definite))
    return capitalised(role_phrase(roles))


def _composition_after(case: Case) -> list[Block]:
    """The paragraphs after the member table, numbered on from the one before it."""
    group, words = _ruled(case)
    items: list[str | list[str]] = [
        "Et medlem, der er forhindret i at deltage i et møde, kan efter aftale med formanden lade sig "
        "repræsentere af en stedfortræder fra samme organisation.",
        "Formanden kan invitere andre til at deltage i behandlingen af enkelte punkter på dagsordenen, "
        "når det er nødvendigt for at belyse en sag.",
    ]
    if group.kind == "steering" and group.role == "advising" and case.initiative.governance.anchor_person:
        items.append(f"Ankerpersonen deltager i møderne og orienterer om {bodies.working_words(case).genitive} "
                     f"arbejde, så {words.definite} følger initiativet uden at overtage ejerskabet til det.")
    return numbered(items, start=2)


def _chair_secretariat(case: Case) -> list[Block]:
    governance = case.initiative.governance
    group, words = _ruled(case)
    secretariat = case.actor(group.secretariat)
    chair_text = f"Formand for {words.definite} er {name_title(case.actor(group.chair))}."
    if group.chair == governance.leader:
        chair_text += " Formanden er samtidig initiativets ledelsesperson med beslutningsmandat."
    if group.vice_chair:
        chair_text += f" Næstformand er {name_title(case.actor(group.vice_chair))}."
    chair_text += f" Formanden leder møderne og repræsenterer {words.definite} udadtil."
    chair_text += (" Ved formandens forfald træder næstformanden i formandens sted." if group.vice_chair else
                   " Ved formandens forfald udpeger formanden et andet medlem til at lede mødet.")
    secretariat_text = f"Sekretariatsfunktionen varetages af {name_title(secretariat)}"
    if group.secretariat == governance.anchor_person:
        # some titles already say "ankerperson"; the sentence should not say it twice
        role = "" if "ankerperson" in secretariat.title.lower() else "også er initiativets ankerperson og dermed "
        between = (f"mellem {words.definite} og {bodies.working_words(case).definite}"
                   if group.kind == "steering" and governance.working_group else "gennem initiativets faser")
        secretariat_text += f", der {role}sikrer sammenhængen {between}"
    secretariat_text += ". Sekretariatet:"
    outcomes = "anbefalinger" if group.role == "advising" else "beslutninger"
    tasks = [task.format(genitive=words.genitive, outcomes=outcomes) for task in SECRETARIAT_TASKS]
    items: list[str | list[str]] = [chair_text, secretariat_text, tasks]
    if group.secretariat not in group.members:
        items.append(f"Sekretariatet deltager i {words.genitive} møder, men er ikke medlem af {words.definite}.")
    return numbered(items)


def _meetings(group: RuledGroup, words: GroupWords) -> list[Block]:
    frequency = lowered(group.meeting_frequency.strip().rstrip("."))
    return numbered([
        f"{_cap(words.definite)} holder ordinære møder {frequency}. Mødeplanen fastlægges på {words.genitive} "
        "første møde.",
        "Formanden indkalder til ekstraordinært møde, når formanden finder det nødvendigt, eller når mindst "
        "to medlemmer skriftligt anmoder om det med angivelse af, hvilke sager de ønsker behandlet.",
        "Møderne holdes som fysiske møder. Formanden kan beslutte, at et møde eller et enkelt medlems "
        "deltagelse foregår digitalt.",
    ])


def _quorum(group: RuledGroup, words: GroupWords) -> list[Block]:
    return numbered([
        _quorum_sentence(group.quorum, words),
        f"Er {words.definite} ikke beslutningsdygtig, kan formanden lade sagen afgøre ved skriftlig procedure "
        "eller udsætte den til næste møde.",
    ])


def _quorum_sentence(quorum: str, words: GroupWords) -> str:
    """The quorum as one sentence: "Styregruppen er beslutningsdygtig, når ... er til stede."

    A quorum already written as a whole sentence is kept as it is.
    """
    text = quorum.strip().rstrip(".")
    if text.lower().startswith(words.definite):
        return text + "."
    clause = lowered(text)
    comma = "," if "," in clause else ""
    return f"{_cap(words.definite)} er beslutningsdygtig, når {clause}{comma} er til stede."


def _decisions(case: Case) -> list[Block]:
    initiative = case.initiative
    group, words = _ruled(case)
    # An advising group adopts recommendations; it does not take decisions.
    advising = group.role == "advising"
    items: list[str | list[str]]
    if group.decision_rule == "consensus":
        outcome = "anbefalinger vedtages" if advising else "beslutninger træffes"
        items = [f"{_cap(words.definite)} tilstræber konsensus, og dens {outcome} så vidt muligt i enighed.",
                 _no_consensus(case)]
    else:
        subject = f"{_cap(words.genitive)} {'anbefalinger vedtages' if advising else 'beslutninger træffes'}"
        items = [f"{subject} ved simpelt flertal blandt de tilstedeværende medlemmer.",
                 "Ved stemmelighed er formandens stemme afgørende."]
    items.append("Et medlem kan forlange sin afvigende opfattelse ført til referat.")
    if initiative.committee:
        items.append(f"Sager, der går ud over {words.genitive} mandat eller ændrer initiativets formål, økonomi "
                     f"eller tidsplan væsentligt, forelægges {initiative.committee.name}.")
    return numbered(items)


def _no_consensus(case: Case) -> str:
    """Who decides when the group cannot agree: the leader when the group advises or does the work,
    else the chair or the deciding body."""
    governance = case.initiative.governance
    group, _ = _ruled(case)
    committee = case.initiative.committee
    if (group.role == "advising" or group.kind == "working") and governance.leader:
        if governance.leader == group.chair:
            return ("Kan der ikke opnås konsensus, træffer formanden som ledelsesperson med "
                    f"beslutningsmandat beslutning efter drøftelse med {_consulted(case)}.")
        return (f"Kan der ikke opnås konsensus, forelægges sagen for ledelsespersonen med beslutningsmandat, "
                f"{name_title(case.actor(governance.leader))}, som træffer beslutning.")
    text = "Kan der ikke opnås konsensus, træffer formanden beslutning"
    if committee:
        text += (", medmindre sagen kræver politisk stillingtagen; i så fald forelægger formanden sagen for "
                 f"{committee.name}")
    elif governance.leader and governance.leader != group.chair:
        text += (", medmindre sagen er af væsentlig betydning for initiativet; i så fald forelægger "
                 f"formanden sagen for {name_title(case.actor(governance.leader))}")
    return text + "."


def _consulted(case: Case) -> str:
    """Whom a chair with the mandate hears before deciding: the anchor person and the working group."""
    group, _ = _ruled(case)
    heard = ["ankerpersonen"] if case.initiative.governance.anchor_person else []
    heard.append(bodies.working_words(case).definite if group.kind == "steering" else "de øvrige medlemmer")
    return wording.join(heard)


def _minutes(case: Case) -> list[Block]:
    group, words = _ruled(case)
    case_number = case.initiative.case_number
    filing = (f" Referaterne journaliseres på sag nr. {case_number}." if case_number
              else " Referaterne journaliseres på initiativets sag.")
    return numbered([
        "Sekretariatet udarbejder referat af hvert møde. Referatet angiver deltagere og afbud, de trufne "
        "beslutninger og aftalte opfølgninger med ansvarlige og frister.",
        f"Referatet sendes til {words.genitive} medlemmer senest {days(group.minutes_within_days)} "
        "efter mødet.",
        "Referatet godkendes på det næstfølgende møde. Haster en sag, kan referatet godkendes ved skriftlig "
        "procedure, hvis ingen medlemmer har bemærkninger inden for den frist, sekretariatet har angivet."
        + filing,
    ])


def _entry_into_force(case: Case) -> list[Block]:
    committee = case.initiative.committee
    group, words = _ruled(case)
    start = (f"Forretningsordenen træder i kraft ved vedtagelsen den {danish.long_date(group.adopted_on)}."
             if group.adopted_on else
             f"Forretningsordenen træder i kraft ved vedtagelsen på {words.genitive} første møde.")
    changes = f"Ændringer i forretningsordenen vedtages af {words.definite}"
    if committee:
        changes += (f". Ændringer, der berører {words.genitive} mandat eller sammensætning, forelægges "
                    f"{committee.name} til orientering")
    return numbered([
        start,
        changes + ".",
        f"Forretningsordenen gælder, indtil {words.definite} nedlægges ved initiativets afslutning.",
    ])


def _adoption_line(group: RuledGroup, words: GroupWords) -> str:
    if group.adopted_on is not None:
        return f"Vedtaget på {words.genitive} møde den {danish.long_date(group.adopted_on)}."
    return f"Vedtaget på {words.genitive} møde den ____________________"
