"""The intake workbook's sheets and columns, shared by its writer (docpipe.intake) and its reader (sources.workbook).

Key/value sheets (Organisation, Initiativ, Styring, Udvalg) have one row per field: the Danish label
(A), the value (B), a help text (C) and, hidden, the field's path (D). A list field (goals,
deliverables, group members, the committee's route) takes one row per item with the same path, so
each item keeps its own cell, drop-down and error location. Table sheets (Aktører, Planlægning,
Succeskriterier, Risici, Budget, Indstilling, Tidligere behandling, Bilag) have a title row, a
header row, a help row and one row per item from row 4. Planlægning holds one row per activity; the
phase columns are filled on a phase's first row and left empty on the rows that follow (a row with
only phase columns is a phase without activities). Lists of ids inside one cell (participants,
depends_on) are one id per line (ids never hold spaces or breaks).

The reader finds a key/value field by its hidden path, not by its label, on any key/value sheet of
its part: relabelling a field (Tovholder became Ankerperson) or moving it to another sheet (the
committee's name and meeting date left Initiativ for Udvalg) keeps older workbooks readable. Sheets
added later (``optional``) may be missing from an older workbook.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from docpipe import danish

Kind = Literal["text", "id", "date", "int", "score", "days", "decimal", "enum", "actor", "bool", "ids", "none"]
"""``none`` is a Ja/Nej cell standing for an empty list at its path: "no bilag" differs from bilag
left out (the defaults), and an empty table sheet cannot say which is meant."""

TITLE_ROW, HEADER_ROW, HELP_ROW, FIRST_ROW = 1, 2, 3, 4
KV_FIRST_ROW = 3  # key/value sheets: title row, header row, then fields
ACTOR_RANGE = "Aktoer_id"
LOGO_SHEET = "_logo"
BOOL_LABELS = {True: "Ja", False: "Nej"}
DATE_FORMAT = "yyyy-mm-dd"


@dataclass(frozen=True)
class Column:
    """One value: its path inside the part (or row item), Danish label, help and kind."""

    path: tuple[str, ...]
    label: str
    help: str
    kind: Kind = "text"
    labels: dict[str, str] = field(default_factory=dict)  # enum: English key -> Danish label
    many: bool = False  # key/value sheets: one row per list item
    required: bool = False


@dataclass(frozen=True)
class KeyValueSheet:
    title: str
    part: str
    intro: str
    rows: tuple[Column, ...]
    optional: bool = False  # added after workbooks were in use: an older workbook may lack it


@dataclass(frozen=True)
class TableSheet:
    title: str
    part: str
    list_path: tuple[str, ...]  # where the items go inside the part
    intro: str
    columns: tuple[Column, ...]
    optional: bool = False  # added after workbooks were in use: an older workbook may lack it


def _c(path: str, label: str, help: str, kind: Kind = "text", labels: dict[str, str] | None = None,
       many: bool = False) -> Column:
    return Column(tuple(path.split(".")), label, help, kind, labels or {}, many)


ORGANISATION = KeyValueSheet("Organisation", "organisation", "Hvem sender dokumenterne.", (
    _c("name", "Navn", "Organisationens navn, fx Halsnæs Kommune."),
    _c("kind", "Type", "Kommune, region eller anden organisation.", "enum", danish.ORGANISATION_KIND),
    _c("code", "Kode", "Kommunekode (3 cifre) eller regionskode; skrives som tekst, fx 260."),
    _c("unit", "Enhed", "Afdeling eller center, der sender dokumenterne."),
    _c("address", "Adresse", "Postadresse."),
    _c("email", "E-mail", "Fælles e-mail, fx post@kommune.dk."),
    _c("phone", "Telefon", "Telefonnummer."),
    _c("website", "Hjemmeside", "Fx https://www.kommune.dk."),
    _c("logo", "Logo", "Filnavn på logoet (PNG eller JPEG). Ved eksport gemmes billedet i projektmappen."),
    _c("primary_colour", "Farve", "Organisationens farve som #RRGGBB, fx #00558C."),
    # added last, so the rows above keep their places in workbooks already filled in
    _c("logo_alt", "Logoets alternative tekst",
       "Det en skærmlæser læser op i stedet for logoet (tomt = Logo: og organisationens navn)."),
    _c("logo_shows_name", "Logoet viser navnet",
       "Ja, når logoet selv viser organisationens navn: så gentages navnet ikke i sidehovedet (tomt = Nej).",
       "bool"),
))

INITIATIVE = KeyValueSheet("Initiativ", "initiative", "Hvad skal gøres, hvorfor og hvornår.", (
    _c("title", "Titel", "Initiativets titel."),
    _c("method", "Metode", "Policy Lab, samskabelse eller projekt.", "enum", danish.METHOD),
    _c("date", "Dato", "Dokumenternes dato.", "date"),
    _c("version", "Version", "Fx 1.0 (tomt = 1.0)."),
    _c("status", "Status", "Udkast giver UDKAST i sidehovedet (tomt = Udkast).", "enum", danish.STATUS),
    _c("case_number", "Sagsnummer", "Fx 26/14872."),
    _c("background", "Baggrund", "Baggrunden; linjeskift (Alt+Enter) adskiller afsnit."),
    _c("challenge", "Udfordring", "Udfordringen, der skal løses."),
    _c("vision", "Vision", "Visionen i én eller få sætninger."),
    _c("purpose", "Formål", "Formålet med forløbet."),
    _c("scope", "Afgrænsning", "Hvad indgår og hvad ikke."),
    _c("goals", "Mål", "Ét mål pr. række; mindst ét.", many=True),
    _c("deliverables", "Leverance", "Én leverance pr. række.", many=True),
    _c("budget.financing", "Finansiering", "Hvordan budgettet (arket Budget) finansieres."),
    _c("one_pager.title", "One-pager: titel", "Kortere titel kun til one-pageren (tomt = titlen ovenfor)."),
    _c("one_pager.vision", "One-pager: vision", "Kortere vision kun til one-pageren, højst 300 tegn."),
    _c("one_pager.challenge", "One-pager: udfordring", "Kortere udfordring kun til one-pageren, højst 700 tegn."),
    _c("one_pager.goals", "One-pager: mål", "Egne mål til one-pageren, ét pr. række, højst 5.", many=True),
    _c("one_pager.deliverables", "One-pager: leverance", "Egne leverancer til one-pageren, én pr. række, højst 6.",
       many=True),
))

GROUP_ROLE = {"deciding": "Besluttende", "advising": "Rådgivende"}
STEERING_GROUP_NAME = {"styregruppe": "Styregruppe", "følgegruppe": "Følgegruppe", "projektgruppe": "Projektgruppe",
                       "partnerskabsgruppe": "Partnerskabsgruppe"}
WORKING_GROUP_NAME = {"arbejdsgruppe": "Arbejdsgruppe", "projektgruppe": "Projektgruppe",
                      "partnerskabsgruppe": "Partnerskabsgruppe", "kernegruppe": "Kernegruppe"}


def _group_rules(path: str, group: str, noun: str) -> tuple[Column, ...]:
    """The settings a group's rules of procedure (forretningsorden) are written from, the same for
    both groups; ``group`` begins each label, ``noun`` is the group in the definite form."""
    return (
        _c(f"{path}.chair", f"{group}: formand", f"{noun.capitalize()}s formand; skal også være medlem.", "actor"),
        _c(f"{path}.vice_chair", f"{group}: næstformand", "Træder i formandens sted ved forfald; skal også være "
           "medlem (tomt = ingen næstformand).", "actor"),
        _c(f"{path}.secretariat", f"{group}: sekretariat", "Hvem er sekretariat.", "actor"),
        _c(f"{path}.meeting_frequency", f"{group}: mødefrekvens", "Fx Hver 6. uge samt efter behov."),
        _c(f"{path}.notice_days", f"{group}: indkaldelse (dage)", "Dage før mødet; helt tal 0-365.", "days"),
        _c(f"{path}.quorum", f"{group}: beslutningsdygtighed", f"Hvornår er {noun} beslutningsdygtig."),
        _c(f"{path}.decision_rule", f"{group}: beslutningsregel", "Konsensus eller simpelt flertal.", "enum",
           danish.DECISION_RULE),
        _c(f"{path}.minutes_within_days", f"{group}: referat (dage)", "Dage til referatet; helt tal 0-365.", "days"),
        _c(f"{path}.adopted_on", f"{group}: forretningsorden vedtaget", "Datoen, hvor gruppen vedtog sin "
           "forretningsorden (tomt = endnu ikke vedtaget: forretningsordenen er et udkast).", "date"),
        _c(f"{path}.remuneration", f"{group}: vederlag", "Ja, hvis medlemmerne får vederlag for at deltage "
           "(tomt = Nej).", "bool"),
    )


STEERING = "governance.steering_group"
WORKING = "governance.working_group"
GOVERNANCE = KeyValueSheet("Styring", "initiative", "Styregruppe, arbejdsgruppe og roller. Vælg aktører fra "
                           "listen (arket Aktører).", (
    _c(f"{STEERING}.name", "Styregruppe: navn", "Hvad gruppen over det daglige arbejde hedder (tomt = Styregruppe). "
       "Har sagen ingen styregruppe (fx ved samskabelse), lades alle styregruppens felter tomme; så skrives "
       "forretningsordenen for arbejdsgruppen.", "enum", STEERING_GROUP_NAME),
    _c(f"{STEERING}.role", "Styregruppe: rolle", "Besluttende eller rådgivende (tomt = rådgivende ved samskabelse, "
       "ellers besluttende).", "enum", GROUP_ROLE),
    *_group_rules(STEERING, "Styregruppe", "styregruppen")[:2],
    _c(f"{STEERING}.members", "Styregruppemedlem", "Ét medlem pr. række; mindst ét.", "actor", many=True),
    *_group_rules(STEERING, "Styregruppe", "styregruppen")[2:],
    _c(f"{WORKING}.name", "Arbejdsgruppe: navn", "Hvad gruppen, der gør det daglige arbejde, hedder (tomt = "
       "Arbejdsgruppe). Har sagen ingen arbejdsgruppe, lades alle arbejdsgruppens felter tomme.", "enum",
       WORKING_GROUP_NAME),
    _c(f"{WORKING}.role", "Arbejdsgruppe: rolle", "Besluttende eller rådgivende (tomt = besluttende).", "enum",
       GROUP_ROLE),
    *_group_rules(WORKING, "Arbejdsgruppe", "arbejdsgruppen")[:2],
    _c(f"{WORKING}.members", "Arbejdsgruppemedlem", "Ét medlem pr. række; mindst ét, hvis der er en arbejdsgruppe.",
       "actor", many=True),
    *_group_rules(WORKING, "Arbejdsgruppe", "arbejdsgruppen")[2:],
    _c("governance.anchor_person", "Ankerperson", "Den person, der forankrer initiativet i organisationen og "
       "holder fast i det efter forløbet.", "actor"),
    _c("governance.leader", "Leder", "Ansvarlig leder.", "actor"),
))

ACTORS = TableSheet("Aktører", "actors", ("actors",), "Én aktør pr. række. Id bruges til at henvise til aktøren.", (
    _c("id", "Id", "Kort id: a-z, 0-9, - og _, fx anna-jensen.", "id"),
    _c("name", "Navn", "Fulde navn."),
    _c("organisation", "Organisation", "Hvor personen er ansat."),
    _c("title", "Titel", "Stilling eller rolle."),
    _c("type", "Type", "Aktørtype.", "enum", danish.ACTOR_TYPE),
    _c("interest", "Interesse", "1 (lav) til 5 (høj).", "score"),
    _c("influence", "Indflydelse", "1 (lav) til 5 (høj).", "score"),
    _c("involvement", "Inddragelse", "Inddragelsesniveau.", "enum", danish.INVOLVEMENT),
    _c("email", "E-mail", "Fx anna@kommune.dk."),
    _c("phone", "Telefon", "Telefonnummer."),
))

PHASE_COLUMNS = (
    _c("id", "Fase-id", "Udfyldes på fasens første række; tomt = samme fase som ovenfor.", "id"),
    _c("name", "Fasenavn", "Fasens navn.", "text"),
    _c("start", "Fasestart", "Fasens startdato.", "date"),
    _c("end", "Faseslut", "Fasens slutdato.", "date"),
)
ACTIVITY_COLUMNS = (
    _c("id", "Aktivitets-id", "Kort id: a-z, 0-9, - og _.", "id"),
    _c("title", "Aktivitet", "Aktivitetens titel."),
    _c("owner", "Ansvarlig", "Vælg aktør.", "actor"),
    _c("participants", "Deltagere", "Aktør-id'er, ét pr. linje (Alt+Enter).", "ids"),
    _c("start", "Start", "Startdato.", "date"),
    _c("end", "Slut", "Slutdato.", "date"),
    _c("depends_on", "Afhænger af", "Aktivitets-id'er, ét pr. linje (Alt+Enter).", "ids"),
    _c("milestone", "Milepæl", "Ja eller Nej (tomt = Nej).", "bool"),
    _c("deliverable", "Leverance", "Hvad aktiviteten leverer."),
    _c("status", "Status", "Tomt = Planlagt.", "enum", danish.ACTIVITY_STATUS),
    # the project leader's status update, added last so filled-in workbooks keep their columns
    _c("actual_end", "Faktisk slut", "Datoen aktiviteten reelt blev afsluttet (tomt = ikke afsluttet).", "date"),
    _c("comment", "Kommentar", "Bemærkning til status, fx hvorfor aktiviteten er forsinket."),
)
PLANNING = TableSheet("Planlægning", "planning", ("phases",), "Én aktivitet pr. række; fasens kolonner udfyldes "
                      "på fasens første række.", PHASE_COLUMNS + ACTIVITY_COLUMNS)

SUCCESS = TableSheet("Succeskriterier", "initiative", ("success_criteria",), "Ét succeskriterium pr. række.", (
    _c("criterion", "Succeskriterium", "Hvad er succes."),
    _c("indicator", "Indikator", "Hvordan det måles."),
    _c("baseline", "Udgangspunkt", "Niveau i dag."),
    _c("target", "Mål", "Ønsket niveau."),
    _c("deadline", "Frist", "Dato.", "date"),
    _c("data_source", "Datakilde", "Hvor tallet kommer fra."),
))

RISKS = TableSheet("Risici", "initiative", ("risks",), "Én risiko pr. række.", (
    _c("risk", "Risiko", "Hvad kan gå galt."),
    _c("likelihood", "Sandsynlighed", "1 (lav) til 5 (høj).", "score"),
    _c("impact", "Konsekvens", "1 (lav) til 5 (høj).", "score"),
    _c("mitigation", "Håndtering", "Hvad gøres for at undgå det."),
    _c("owner", "Ejer", "Vælg aktør.", "actor"),
    _c("flagged", "Meldt til styregruppen", "Ja, når ejeren vil have risikoen med i næste statusnotat (tomt = Nej).",
       "bool"),
))

BUDGET = TableSheet("Budget", "initiative", ("budget", "lines"), "Én budgetpost pr. række, beløb i kr.", (
    _c("item", "Post", "Budgetpostens navn."),
    _c("amount", "Beløb (kr.)", "Beløb i kroner, højst to decimaler.", "decimal"),
))

COMMITTEE_KIND = {"committee": "Udvalg", "finance-committee": "Økonomiudvalg",
                  "municipal-council": "Kommunalbestyrelse", "regional-council": "Regionsråd",
                  "police-council": "Kredsråd", "board": "Bestyrelse"}
REQUEST_KIND = {"approve-terms": "Godkende kommissoriet", "approve-one-pager": "Godkende one-pageren",
                "note-plan": "Tage implementeringsplanen til efterretning",
                "note-status": "Tage status til efterretning", "grant-funds": "Bevilge midler"}
ATTACHED_DELIVERABLE = {"kommissorium": "Kommissorium", "forretningsorden": "Forretningsorden",
                        "implementeringsplan": "Implementeringsplan", "one-pager": "One-pager",
                        "aktoeroverblik": "Aktøroverblik"}

COMMITTEE = KeyValueSheet("Udvalg", "initiative", "Det politiske organ, der behandler sagen, og dagsordenspunktet. "
                          "Lad arket stå tomt, hvis sagen ikke skal behandles politisk.", (
    _c("committee.name", "Navn", "Organets navn, fx Børne- og Uddannelsesudvalget eller Kredsrådet."),
    _c("committee.kind", "Type", "Hvilket slags organ (tomt = Udvalg).", "enum", COMMITTEE_KIND),
    _c("committee.meeting_date", "Mødedato", "Datoen for mødet, hvor sagen behandles.", "date"),
    _c("committee.sender", "Afsender", "Hvem indstillingen kommer fra, fx Center for Børn og Unge."),
    _c("committee.route", "Sagsgang", "Organerne, sagen går igennem, i rækkefølge; ét pr. række, fx "
       "Børne- og Uddannelsesudvalget, Økonomiudvalget, Kommunalbestyrelsen.", many=True),
    _c("committee.competence", "Kompetence", "Hvem har kompetencen til at træffe beslutningen, fx "
       "Kommunalbestyrelsen efter styrelsesvedtægten."),
    _c("committee.legal_basis", "Lovgrundlag", "Hjemmel for sagen, fx Lov om social service § 11."),
    _c("committee.consultation", "Høring", "Hvem er hørt, eller om sagen skal i høring."),
    _c("committee.communication", "Kommunikation", "Hvordan beslutningen kommunikeres, og til hvem."),
    _c("committee.attachments", "Ingen bilag", "Ja = dagsordenspunktet har ingen bilag. Tomt = bilagene på arket "
       "Bilag, eller er det tomt: alle fem dokumenter, aktøroverblikket som lukket bilag.", "none"),
), optional=True)

REQUESTS = TableSheet("Indstilling", "initiative", ("committee", "requests"), "Hvad organet bedes beslutte; én "
                      "indstilling pr. række (tomt = godkende kommissoriet).", (
    _c("kind", "Indstilling", "Vælg fra listen.", "enum", REQUEST_KIND),
    _c("amount", "Beløb (kr.)", "Kun ved Bevilge midler: beløbet i kroner.", "decimal"),
), optional=True)

EARLIER_HANDLING = TableSheet("Tidligere behandling", "initiative", ("committee", "earlier_handling"),
                              "Sagens tidligere politiske behandling; én behandling pr. række.", (
    _c("date", "Dato", "Mødedato.", "date"),
    _c("body", "Organ", "Fx Børne- og Uddannelsesudvalget."),
    _c("decision", "Beslutning", "Hvad organet besluttede."),
), optional=True)

ATTACHMENTS = TableSheet("Bilag", "initiative", ("committee", "attachments"), "Dagsordenspunktets bilag; ét "
                         "dokument pr. række (tomt = alle fem, aktøroverblikket som lukket bilag).", (
    _c("deliverable", "Dokument", "Vælg fra listen.", "enum", ATTACHED_DELIVERABLE),
    _c("public", "Åbent bilag", "Ja = åbent, Nej = lukket (tomt = åbent, men aktøroverblikket lukket: det "
       "vurderer navngivne personer og rummer deres kontaktoplysninger).", "bool"),
), optional=True)

KEY_VALUE_SHEETS = (ORGANISATION, INITIATIVE, GOVERNANCE, COMMITTEE)
TABLE_SHEETS = (ACTORS, PLANNING, SUCCESS, RISKS, BUDGET, REQUESTS, EARLIER_HANDLING, ATTACHMENTS)
SHEET_ORDER = ("Organisation", "Initiativ", "Styring", "Aktører", "Planlægning", "Succeskriterier", "Risici", "Budget",
               "Udvalg", "Indstilling", "Tidligere behandling", "Bilag")
PART_SHEET = {"organisation": "Organisation", "initiative": "Initiativ", "actors": "Aktører",
              "planning": "Planlægning"}
INSTRUCTIONS = "Vejledning"
INSTRUCTION_LINES = (
    "Indtastningsark til docpipe",
    "",
    "Hvad skal udfyldes: arkene Organisation, Initiativ, Styring og Udvalg har ét felt pr. række (kolonne B). "
    "Arkene Aktører, Planlægning, Succeskriterier, Risici, Budget, Indstilling, Tidligere behandling og Bilag har "
    "én række pr. aktør, aktivitet, kriterium, risiko, budgetpost, indstilling, behandling eller bilag fra række 4; "
    "række 2 er overskrifter og række 3 en kort hjælp.",
    "Sådan: vælg værdier fra rullelisterne, hvor der er en (typer, status, aktører). Datoer skrives som datoer. "
    "Tal skrives som tal. Et tomt felt betyder, at feltet mangler. Lister (mål, leverancer, medlemmer, sagsgang) "
    "har én værdi pr. række; deltagere og afhængigheder i Planlægning skrives med ét id pr. linje (Alt+Enter).",
    "Udfyld aktørerne først: rullelisterne over aktører (navngivet område Aktoer_id) viser id'erne fra arket Aktører.",
    "Planlægning: fase-kolonnerne (A-D) udfyldes på fasens første række; de følgende rækker i samme fase har "
    "tomme fase-kolonner.",
    "Styring: sagen har en styregruppe, en arbejdsgruppe eller begge. Uden styregruppe (fx ved samskabelse) lades "
    "alle styregruppens felter tomme, og arbejdsgruppens formand, sekretariat, møder og beslutningsregler udfyldes; "
    "forretningsordenen skrives så for arbejdsgruppen.",
    "Udvalg, Indstilling, Tidligere behandling og Bilag udfyldes, når sagen skal behandles af et politisk organ "
    "(udvalg, økonomiudvalg, kommunalbestyrelse, regionsråd, kredsråd eller bestyrelse); ellers lades de tomme.",
    "Arkene er beskyttet uden adgangskode, så overskrifterne ikke ødelægges ved et uheld; cellerne til data kan "
    "redigeres. Beskyttelsen fjernes under Gennemse > Fjern arkbeskyttelse.",
    "Hvad sker der: docpipe validate/render læser projektmappen og melder hver fejl med ark og celle, fx "
    "Aktører!I7, og danner dokumenterne, når alt er i orden.",
)


def key_value_columns(part: str) -> dict[str, Column]:
    """Every key/value field of ``part`` by its dotted path, whichever sheet holds it today: an older
    workbook may have it on another sheet (the committee's name and date stood on Initiativ)."""
    return {".".join(column.path): column for sheet in KEY_VALUE_SHEETS if sheet.part == part
            for column in sheet.rows}


EMPTY_LIST_PATHS = frozenset(column.path for sheet in KEY_VALUE_SHEETS for column in sheet.rows
                             if column.kind == "none")
"""The lists a Ja/Nej cell may declare empty, each also listed on a table sheet."""


def enum_label(column: Column, key: str) -> str:
    return column.labels.get(key, key)


def enum_key(column: Column, label: str) -> str | None:
    """The English key of a Danish label (or of the key itself), case and spacing forgiven."""
    wanted = " ".join(label.split()).casefold()
    for key, shown in column.labels.items():
        if wanted in (shown.casefold(), key.casefold()):
            return key
    return None
