"""The wording module, one pattern of the hand-written Danish at a time (issue 15, section 4), and
the rendered shipped cases free of the patterns a udvalgssekretær would correct by hand."""

from __future__ import annotations

import re

import pytest

from docpipe.deliverables import wording
from docpipe.deliverables.wording import Role
from docpipe.model import Actor
from tests.deliverables.reading import pack_texts, shipped_case, shipped_texts


@pytest.mark.parametrize(("typed", "in_text"), [
    ("Hver 6. uge samt efter behov", "hver 6. uge samt efter behov"),
    ("Direktør for Børn, Kultur og Sundhed", "direktør for Børn, Kultur og Sundhed"),
    ("Vicedirektør, Sundhed og Samarbejde", "vicedirektør, Sundhed og Samarbejde"),
    ("Centerchef, Center for Børn og Unge", "centerchef, Center for Børn og Unge"),
    ("Borgmester", "borgmester"),
    ("SSP-konsulent", "SSP-konsulent"),
    ("IT-chef", "IT-chef"),
    ("Halsnæs Kommune", "Halsnæs Kommune"),
    ("Policy Lab", "Policy Lab"),
    ("Nordsjællands Politi", "Nordsjællands Politi"),
    ("  Hver 2. måned ", "hver 2. måned"),
    ("At udvikle en fælles strategi", "at udvikle en fælles strategi"),
    ("At Halsnæs Kommune får en fælles strategi", "at Halsnæs Kommune får en fælles strategi"),
    ("Hver Mandag", "hver Mandag"),
    ("", ""),
])
def test_lowered_keeps_names_and_abbreviations(typed: str, in_text: str) -> None:
    assert wording.lowered(typed) == in_text


def _actor(title: str) -> Actor:
    return Actor.model_validate({"id": "a", "name": "Anna Berg", "title": title, "organisation": "Halsnæs Kommune",
                                 "type": "internal", "interest": 3, "influence": 3, "involvement": "involve"})


def test_a_title_in_apposition_is_lowered() -> None:
    actor = _actor("Direktør for Børn, Kultur og Sundhed")
    assert wording.name_title(actor) == "Anna Berg, direktør for Børn, Kultur og Sundhed, Halsnæs Kommune"
    assert wording.name_title_brief(actor) == "Anna Berg, direktør for Børn, Kultur og Sundhed"
    assert wording.name_in_brackets(_actor("SSP-konsulent")) == "Anna Berg (SSP-konsulent, Halsnæs Kommune)"


@pytest.mark.parametrize(("items", "word", "joined"), [
    ([], "og", ""),
    (["A"], "og", "A"),
    (["A", "B"], "og", "A og B"),
    (["A", "B", "C"], "og", "A, B og C"),
    (["Planlagt", "I gang", "Afsluttet"], "eller", "Planlagt, I gang eller Afsluttet"),
])
def test_join(items: list[str], word: str, joined: str) -> None:
    assert wording.join(items, word) == joined


@pytest.mark.parametrize(("value", "neuter", "said"), [
    (1, True, "ét medlem"), (1, False, "én aktivitet"), (5, True, "fem medlemmer"),
    (5, False, "fem aktiviteter"), (15, False, "15 aktiviteter"), (0, False, "nul aktiviteter"),
])
def test_count_picks_singular_or_plural(value: int, neuter: bool, said: str) -> None:
    singular, plural = ("medlem", "medlemmer") if neuter else ("aktivitet", "aktiviteter")
    assert wording.count(value, singular, plural, neuter=neuter) == said


def test_days_and_members() -> None:
    assert (wording.days(1), wording.days(10), wording.days(14)) == ("én dag", "ti dage", "14 dage")
    assert (wording.member_count(1), wording.member_count(5)) == ("ét medlem", "fem medlemmer")


@pytest.mark.parametrize(("roles", "phrase"), [
    ([Role("medlem", "styregruppen"), Role("medlem", "arbejdsgruppen")],
     "medlem af styregruppen og arbejdsgruppen"),
    ([Role("sekretær", "styregruppen"), Role("medlem", "arbejdsgruppen"), Role("ankerperson")],
     "sekretær for styregruppen, medlem af arbejdsgruppen og ankerperson"),
    ([Role("formand", "styregruppen")], "formand for styregruppen"),
    ([Role("medlem", "styregruppen"), Role("medlem", "arbejdsgruppen"), Role("ankerperson")],
     "medlem af styregruppen og arbejdsgruppen samt ankerperson"),
    ([Role("formand"), Role("medlem", "arbejdsgruppen")], "formand og medlem af arbejdsgruppen"),
    ([], ""),
])
def test_role_phrase(roles: list[Role], phrase: str) -> None:
    assert wording.role_phrase(roles) == phrase


@pytest.mark.parametrize(("parts", "said"), [
    ([(15, "planlagt")], "Alle planens 15 aktiviteter er planlagt."),
    ([(0, "afsluttet"), (1, "planlagt")], "Planens ene aktivitet er planlagt."),
    ([(1, "afsluttet"), (2, "i gang"), (12, "planlagt")],
     "Af planens 15 aktiviteter er én afsluttet, to i gang og tolv planlagt."),
    ([(2, "afsluttet"), (0, "i gang"), (17, "planlagt")],
     "Af planens 19 aktiviteter er to afsluttet og 17 planlagt."),
])
def test_tally(parts: list[tuple[int, str]], said: str) -> None:
    assert wording.tally("planens", "aktivitet", "aktiviteter", parts) == said


# What a secretary corrects by hand, as found in the issue; none may be in a shipped case's pack.
BY_HAND = {
    "a label's capital mid-sentence": re.compile(r"\bmødes [A-ZÆØÅ]"),
    "a job title capitalised in apposition": re.compile(
        r"[a-zæøå], (?:[A-ZÆØÅ][a-zæøå]*(?:direktør|chef|leder|konsulent|kommissær)|Direktør|Chef|Leder|Konsulent)\b"),
    "members 'med ... som formand'": re.compile(r"medlemmer med .{0,120} som formand"),
    "a count that is the whole": re.compile(r"Af planens (\d+) aktiviteter er \1 "),
    "a format as a bilag title": re.compile(r"\((?:Word|Excel|Word og Excel)\)"),
    "'At ...' glued onto a sentence": re.compile(r"[a-zæøå] At [a-zæøå]"),
    "roles as a list of labels": re.compile(r"Sekretariat, Arbejdsgruppe|, Ankerperson\b"),
}


@pytest.mark.parametrize("pattern", BY_HAND, ids=list(BY_HAND))
def test_shipped_packs_have_none_of_the_patterns(pattern: str) -> None:
    found = [f"{where}: …{text[max(0, match.start() - 40):match.end() + 20]}…"
             for where, text in shipped_texts().items() for match in BY_HAND[pattern].finditer(text)]
    assert not found, "\n".join(found)


def test_the_patterns_catch_what_they_name() -> None:
    """Each pattern finds the text the issue quotes, so the test above can fail."""
    quoted = {
        "a label's capital mid-sentence": "Styregruppen mødes Hver 6. uge.",
        "a job title capitalised in apposition": "Mikkel Frandsen, Direktør for Børn",
        "members 'med ... som formand'": "en styregruppe med fem medlemmer med Anna Berg som formand",
        "a count that is the whole": "Af planens 15 aktiviteter er 15 planlagt.",
        "a format as a bilag title": "Bilag 3: Implementeringsplan (Word og Excel)",
        "'At ...' glued onto a sentence": "Formålet med forløbet er At udvikle en fælles forståelse.",
        "roles as a list of labels": "Sekretariat, Arbejdsgruppe, Ankerperson",
    }
    assert quoted.keys() == BY_HAND.keys()
    for name, text in quoted.items():
        assert BY_HAND[name].search(text), name


@pytest.mark.parametrize("purpose", ["At udvikle en fælles strategi for børn og unge.",
                                     "At Halsnæs Kommune får en fælles strategi for børn og unge."])
def test_a_resume_makes_a_sentence_of_a_purpose_in_the_infinitive(purpose: str) -> None:
    """'... igangsætter initiativet „...“. At udvikle ...' glued a bare infinitive onto the resumé."""
    case = shipped_case("halsnaes-boern-og-unge")
    changed = case.model_copy(update={"initiative": case.initiative.model_copy(update={"purpose": purpose})})
    agenda = pack_texts(changed)["dagsordenspunkt"]
    assert f"“. Formålet er a{purpose[1:]}" in agenda
    assert not BY_HAND["'At ...' glued onto a sentence"].search(agenda)
