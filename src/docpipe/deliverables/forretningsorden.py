"""The forretningsorden (rules of procedure) of the steering group, one numbered § per subject.

The wording is the kind a Danish municipality adopts at a steering group's first meeting: the
numbers of the case (notice, quorum, decision rule, deadline for minutes) are woven into fixed
Danish sentences here, so the template only lays out "§ N. Overskrift" and its "Stk." paragraphs.
A co-creation initiative gets a steering group that follows and advises rather than owns: the
co-creation guide warns that a steering group can shift ownership away from the working group.
"""

from __future__ import annotations

from typing import Any

from docpipe import danish
from docpipe.deliverables.common import house_context, paragraphs, person
from docpipe.model import Actor, Case
from docpipe.model.governance import SteeringGroup

Block = dict[str, Any]

TASKS = {
    "policy-lab": [
        "følge op på prioriteringerne fra Policy Lab'et og fastholde den fælles retning",
        "godkende den strategiske one-pager, handleplaner og prøvehandlinger, før de forelægges politisk",
        "følge fremdrift, tidsplan, økonomi og risici",
        "sikre forankring på tværs af fagområder og samarbejdspartnere",
    ],
    "co-creation": [
        "følge initiativets fremdrift og rådgive arbejdsgruppen og ledelsespersonen",
        "bidrage med viden, netværk og ressourcer fra egen organisation",
        "drøfte arbejdsgruppens resultater og anbefalinger",
        "bakke op om og forankre de løsninger, der udvikles i fællesskab",
    ],
    "project": [
        "godkende projektplanen og væsentlige ændringer i den",
        "følge fremdrift, tidsplan, økonomi og risici",
        "træffe beslutning i spørgsmål, der ligger uden for projektledelsens mandat",
        "sikre, at der tilvejebringes et beslutningsgrundlag for projektets forankring",
    ],
}

SECRETARIAT_TASKS = [
    "udarbejder dagsorden i samarbejde med formanden",
    "indkalder til møderne og udsender dagsorden og mødemateriale",
    "udarbejder referat af møderne",
    "følger op på styregruppens beslutninger og holder medlemmerne orienteret om fremdriften",
]


def build_context(case: Case) -> dict[str, Any]:
    group = case.initiative.governance.steering_group
    context = house_context(case)
    context.update({
        "adopted": case.initiative.status == "final",
        "intro": _intro(case),
        "chair": person(case.actor(group.chair), "Formand"),
        "members": _members(case),
        "sections": {
            "purpose": _purpose(case),
            "composition": _composition(case),
            "composition_after": _composition_after(case),
            "chair_secretariat": _chair_secretariat(case),
            "meetings": _meetings(case),
            "notice": _notice(group),
            "quorum": _quorum(group),
            "decisions": _decisions(case),
            "impartiality": _impartiality(),
            "minutes": _minutes(case),
            "confidentiality": _confidentiality(),
            "entry_into_force": _entry_into_force(case),
        },
        "adoption_line": _adoption_line(case),
    })
    return context


# --- blocks: the paragraphs ("Stk.") and bullet lists of one § ------------------------------------


def _numbered(items: list[str | list[str]], start: int = 1) -> list[Block]:
    """Blocks of one §: strings become paragraphs numbered "Stk. 2.", "Stk. 3." after the first;
    a list of strings becomes a bullet list belonging to the paragraph before it. ``start`` is the
    number of the first paragraph, for a § that continues after a table or a quotation."""
    blocks: list[Block] = []
    number = start - 1
    for item in items:
        if isinstance(item, list):
            blocks.append({"stk": "", "text": "", "quote": False, "bullets": item})
            continue
        number += 1
        stk = f"Stk. {number}. " if number > 1 else ""
        blocks.append({"stk": stk, "text": item, "quote": False, "bullets": []})
    return blocks


def _quote(text: str) -> Block:
    return {"stk": "", "text": text, "quote": True, "bullets": []}


# --- the sections --------------------------------------------------------------------------------


def _intro(case: Case) -> str:
    if case.initiative.status == "final":
        return (f"Forretningsordenen er vedtaget på styregruppens første møde den "
                f"{danish.long_date(case.initiative.date)} og fastlægger rammerne for styregruppens arbejde.")
    return ("Forretningsordenen forelægges til vedtagelse på styregruppens første møde og fastlægger "
            "rammerne for styregruppens arbejde.")


def _purpose(case: Case) -> list[Block]:
    initiative = case.initiative
    governance = initiative.governance
    purpose = paragraphs(initiative.purpose)
    if initiative.method == "co-creation":
        opening = (f"Styregruppen er nedsat af {case.organisation.name} for at følge og understøtte "
                   f"initiativet {_quoted(initiative.title)}. Initiativets formål er:")
    else:
        opening = (f"Styregruppen er nedsat af {case.organisation.name} for at lede og sikre fremdriften i "
                   f"initiativet {_quoted(initiative.title)}. Initiativets formål er:")
    blocks = _numbered([opening])
    # Only the first paragraph: later ones may speak of "dette dokument", meaning the kommissorium.
    blocks.append(_quote(purpose[0]))
    rest: list[str | list[str]] = ["Styregruppen skal i den forbindelse:", TASKS[initiative.method]]
    if initiative.method == "co-creation":
        rest.append(_co_creation_role(case))
    elif governance.working_group:
        rest.append("Det daglige arbejde varetages af en arbejdsgruppe, som refererer til styregruppen.")
    return [*blocks, *_numbered(rest, start=2)]


def _co_creation_role(case: Case) -> str:
    """Where ownership lies in co-creation: with the working group and the leader, not the group."""
    governance = case.initiative.governance
    text = ("Initiativet gennemføres efter co-creation-metoden. Ejerskabet til initiativet ligger hos den "
            "tværfaglige arbejdsgruppe og de aktører, der deltager i samskabelsen, og ikke hos styregruppen. "
            "Styregruppen følger og rådgiver og træffer ikke beslutninger om initiativets indhold")
    if governance.leader:
        text += (f"; disse beslutninger træffes af ledelsespersonen med beslutningsmandat, "
                 f"{_name_title(case.actor(governance.leader))}, i dialog med arbejdsgruppen")
    return text + "."


def _members(case: Case) -> list[dict[str, str]]:
    """The members, chair first, each with the role that matters in this group."""
    group = case.initiative.governance.steering_group
    ordered = [group.chair, *[member for member in group.members if member != group.chair]]
    return [person(case.actor(actor_id), _member_role(case, actor_id)) for actor_id in ordered]


def _member_role(case: Case, actor_id: str) -> str:
    governance = case.initiative.governance
    roles = ["Formand" if actor_id == governance.steering_group.chair else "Medlem"]
    if actor_id == governance.leader:
        roles.append("ledelsesperson med beslutningsmandat")
    if actor_id == governance.anchor_person:
        roles.append("ankerperson")
    if governance.working_group and actor_id in governance.working_group.members:
        roles.append("medlem af arbejdsgruppen")
    return ", ".join(roles)


def _composition(case: Case) -> list[Block]:
    count = len(case.initiative.governance.steering_group.members)
    return _numbered([f"Styregruppen består af {_member_count(count)}:"])


def _composition_after(case: Case) -> list[Block]:
    """The paragraphs after the member table, numbered on from the one before it."""
    items: list[str | list[str]] = [
        "Et medlem, der er forhindret i at deltage i et møde, kan efter aftale med formanden lade sig "
        "repræsentere af en stedfortræder fra samme organisation.",
        "Formanden kan invitere andre til at deltage i behandlingen af enkelte punkter på dagsordenen, "
        "når det er nødvendigt for at belyse en sag.",
    ]
    if case.initiative.method == "co-creation" and case.initiative.governance.anchor_person:
        items.append("Ankerpersonen deltager i møderne og orienterer om arbejdsgruppens arbejde, så "
                     "styregruppen følger initiativet uden at overtage ejerskabet til det.")
    return _numbered(items, start=2)


def _chair_secretariat(case: Case) -> list[Block]:
    governance = case.initiative.governance
    group = governance.steering_group
    chair = case.actor(group.chair)
    secretariat = case.actor(group.secretariat)
    chair_text = f"Formand for styregruppen er {_name_title(chair)}."
    if group.chair == governance.leader:
        chair_text += " Formanden er samtidig initiativets ledelsesperson med beslutningsmandat."
    chair_text += (" Formanden leder møderne og repræsenterer styregruppen udadtil. Ved formandens forfald "
                   "udpeger formanden et andet medlem til at lede mødet.")
    secretariat_text = f"Sekretariatsfunktionen varetages af {_name_title(secretariat)}"
    if group.secretariat == governance.anchor_person:
        # some titles already say "ankerperson"; the sentence should not say it twice
        role = "" if "ankerperson" in secretariat.title.lower() else "også er initiativets ankerperson og dermed "
        secretariat_text += f", der {role}sikrer sammenhængen mellem styregruppen og arbejdsgruppen"
    secretariat_text += ". Sekretariatet:"
    items: list[str | list[str]] = [chair_text, secretariat_text, SECRETARIAT_TASKS]
    if group.secretariat not in group.members:
        items.append("Sekretariatet deltager i styregruppens møder, men er ikke medlem af styregruppen.")
    return _numbered(items)


def _meetings(case: Case) -> list[Block]:
    group = case.initiative.governance.steering_group
    frequency = _sentence_start_lowered(group.meeting_frequency.strip().rstrip("."))
    return _numbered([
        f"Styregruppen holder ordinære møder {frequency}. Mødeplanen fastlægges på styregruppens "
        "første møde.",
        "Formanden indkalder til ekstraordinært møde, når formanden finder det nødvendigt, eller når mindst "
        "to medlemmer skriftligt anmoder om det med angivelse af, hvilke sager de ønsker behandlet.",
        "Møderne holdes som fysiske møder. Formanden kan beslutte, at et møde eller et enkelt medlems "
        "deltagelse foregår digitalt.",
    ])


def _notice(group: SteeringGroup) -> list[Block]:
    return _numbered([
        f"Sekretariatet indkalder på formandens vegne til ordinære møder med dagsorden senest "
        f"{_days(group.notice_days)} før mødet. Mødematerialet udsendes sammen med dagsordenen.",
        "Et medlem, der ønsker et punkt optaget på dagsordenen, sender det til sekretariatet i god tid, "
        "før dagsordenen udsendes.",
        "Ekstraordinære møder kan indkaldes med kortere varsel. Sager, der ikke er optaget på dagsordenen, "
        "kan kun behandles, hvis alle tilstedeværende medlemmer er enige om det.",
    ])


def _quorum(group: SteeringGroup) -> list[Block]:
    return _numbered([
        _quorum_sentence(group.quorum),
        "Er styregruppen ikke beslutningsdygtig, kan formanden lade sagen afgøre ved skriftlig procedure "
        "eller udsætte den til næste møde.",
    ])


def _quorum_sentence(quorum: str) -> str:
    """The quorum as one sentence: "Styregruppen er beslutningsdygtig, når ... er til stede."

    A quorum already written as a whole sentence is kept as it is.
    """
    text = quorum.strip().rstrip(".")
    if text.lower().startswith("styregruppen"):
        return text + "."
    clause = _sentence_start_lowered(text)
    comma = "," if "," in clause else ""
    return f"Styregruppen er beslutningsdygtig, når {clause}{comma} er til stede."


def _decisions(case: Case) -> list[Block]:
    initiative = case.initiative
    group = initiative.governance.steering_group
    # In co-creation the group advises: it adopts recommendations, it does not take decisions.
    advising = initiative.method == "co-creation"
    items: list[str | list[str]]
    if group.decision_rule == "consensus":
        outcome = "anbefalinger vedtages" if advising else "beslutninger træffes"
        items = [f"Styregruppen tilstræber konsensus, og dens {outcome} så vidt muligt i enighed.",
                 _no_consensus(case)]
    else:
        subject = "Styregruppens anbefalinger vedtages" if advising else "Styregruppens beslutninger træffes"
        items = [f"{subject} ved simpelt flertal blandt de tilstedeværende medlemmer.",
                 "Ved stemmelighed er formandens stemme afgørende."]
    items.append("Et medlem kan forlange sin afvigende opfattelse ført til referat.")
    if initiative.committee:
        items.append(f"Sager, der går ud over styregruppens mandat eller ændrer initiativets formål, økonomi "
                     f"eller tidsplan væsentligt, forelægges {initiative.committee.name}.")
    return _numbered(items)


def _no_consensus(case: Case) -> str:
    """Who decides when the group cannot agree: the leader in co-creation, else the chair or committee."""
    governance = case.initiative.governance
    group = governance.steering_group
    committee = case.initiative.committee
    if case.initiative.method == "co-creation" and governance.leader:
        if governance.leader == group.chair:
            return ("Kan der ikke opnås konsensus, træffer formanden som ledelsesperson med "
                    "beslutningsmandat beslutning efter drøftelse med ankerpersonen og arbejdsgruppen.")
        return (f"Kan der ikke opnås konsensus, forelægges sagen for ledelsespersonen med beslutningsmandat, "
                f"{_name_title(case.actor(governance.leader))}, som træffer beslutning.")
    text = "Kan der ikke opnås konsensus, træffer formanden beslutning"
    if committee:
        text += (", medmindre sagen kræver politisk stillingtagen; i så fald forelægger formanden sagen for "
                 f"{committee.name}")
    elif governance.leader and governance.leader != group.chair:
        text += (", medmindre sagen er af væsentlig betydning for initiativet; i så fald forelægger "
                 f"formanden sagen for {_name_title(case.actor(governance.leader))}")
    return text + "."


def _impartiality() -> list[Block]:
    return _numbered([
        "Forvaltningslovens regler om inhabilitet (lovens kapitel 2) gælder for styregruppens arbejde og "
        "finder tilsvarende anvendelse for medlemmer, der ikke er ansat i den offentlige forvaltning.",
        "Et medlem, der er eller kan være inhabilt i en sag, skal straks gøre formanden opmærksom på det, "
        "og senest når sagen behandles. Styregruppen afgør, om medlemmet er inhabilt, uden at medlemmet "
        "deltager i afgørelsen.",
        "Et inhabilt medlem deltager ikke i behandlingen af sagen. Det fremgår af referatet.",
    ])


def _minutes(case: Case) -> list[Block]:
    group = case.initiative.governance.steering_group
    case_number = case.initiative.case_number
    filing = (f" Referaterne journaliseres på sag nr. {case_number}." if case_number
              else " Referaterne journaliseres på initiativets sag.")
    return _numbered([
        "Sekretariatet udarbejder referat af hvert møde. Referatet angiver deltagere og afbud, de trufne "
        "beslutninger og aftalte opfølgninger med ansvarlige og frister.",
        f"Referatet sendes til styregruppens medlemmer senest {_days(group.minutes_within_days)} "
        "efter mødet.",
        "Referatet godkendes på det næstfølgende møde. Haster en sag, kan referatet godkendes ved skriftlig "
        "procedure, hvis ingen medlemmer har bemærkninger inden for den frist, sekretariatet har angivet."
        + filing,
    ])


def _confidentiality() -> list[Block]:
    return _numbered([
        "Styregruppens medlemmer har tavshedspligt om fortrolige oplysninger, som de får kendskab til "
        "gennem arbejdet i styregruppen, jf. forvaltningslovens § 27 og straffelovens §§ 152-152 f. "
        "Tavshedspligten gælder også, efter at et medlem er udtrådt af styregruppen.",
        "Styregruppens dagsordener, mødemateriale og referater er omfattet af reglerne om aktindsigt i "
        "offentlighedsloven. Anmodninger om aktindsigt sendes til sekretariatet, som sørger for, at de "
        "behandles af den myndighed, der har dokumenterne.",
    ])


def _entry_into_force(case: Case) -> list[Block]:
    committee = case.initiative.committee
    changes = "Ændringer i forretningsordenen vedtages af styregruppen"
    if committee:
        changes += (f". Ændringer, der berører styregruppens mandat eller sammensætning, forelægges "
                    f"{committee.name} til orientering")
    return _numbered([
        "Forretningsordenen træder i kraft ved vedtagelsen på styregruppens første møde.",
        changes + ".",
        "Forretningsordenen gælder, indtil styregruppen nedlægges ved initiativets afslutning.",
    ])


def _adoption_line(case: Case) -> str:
    if case.initiative.status == "final":
        return f"Vedtaget på styregruppens møde den {danish.long_date(case.initiative.date)}."
    return "Vedtaget på styregruppens møde den ____________________"


# --- Danish wording helpers --------------------------------------------------------------------------


def _days(count: int) -> str:
    """"ti dage", "14 dage", "en dag": words where Danish rules of procedure use them."""
    return f"{danish.number_words(count)} {'dag' if count == 1 else 'dage'}"


def _member_count(count: int) -> str:
    """"fem medlemmer"; a single member is neuter: "ét medlem"."""
    return "ét medlem" if count == 1 else f"{danish.number_words(count)} medlemmer"


def _name_title(actor: Actor) -> str:
    """"Mikkel Frandsen, Borgmester, Halsnæs Kommune" with the title in lower case mid-sentence."""
    return f"{actor.name}, {_sentence_start_lowered(actor.title)}, {actor.organisation}"


def _sentence_start_lowered(text: str) -> str:
    """"Hver 6. uge" -> "hver 6. uge", leaving acronyms ("SSP-konsulent") and names untouched."""
    if len(text) > 1 and text[0].isupper() and text[1].islower():
        return text[0].lower() + text[1:]
    return text


def _quoted(text: str) -> str:
    return f"„{text}“"
