"""The one place where a case's values are put into running Danish text, for every deliverable.

A value is typed as a label ("Hver 6. uge", "Direktør for Børn og Unge"); a sentence needs it
lowered mid-sentence and in apposition, with proper nouns and abbreviations left as typed
("Halsnæs Kommune", "SSP-konsulent"). Lists are joined with "og", counts take the singular or the
plural, and a person's roles become one phrase ("medlem af styregruppen og arbejdsgruppen").
Dates, amounts and the labels of enumerations are formats, and live in :mod:`docpipe.danish`.
"""

from __future__ import annotations

from dataclasses import dataclass

from docpipe.model import Actor

# Words that start a label but never a name: "At Halsnæs Kommune ..." is lowered all the same.
_NEVER_A_NAME = frozenset({"at", "hver", "en", "et", "den", "det", "de", "alle", "for", "med", "i", "til", "som",
                           "når", "efter", "inden", "senest", "ved", "om", "på"})
_NUMBERS = ["nul", "en", "to", "tre", "fire", "fem", "seks", "syv", "otte", "ni", "ti", "elleve", "tolv"]


def number_words(value: int) -> str:
    """Small counts in words, as Danish rules of procedure write them ("tre dage"); 13 and up in digits."""
    return _NUMBERS[value] if 0 <= value < len(_NUMBERS) else str(value)


def join(items: list[str], word: str = "og") -> str:
    """"a, b og c" (or "a, b eller c"): Danish puts no comma before the last word."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {word} {items[-1]}"


def count(value: int, singular: str, plural: str, neuter: bool = False) -> str:
    """"ét medlem", "én aktivitet", "fem medlemmer", "15 aktiviteter": the count in words up to
    twelve, with the accent that tells the numeral one from the article."""
    if value == 1:
        return f"{'ét' if neuter else 'én'} {singular}"
    return f"{number_words(value)} {plural}"


def days(value: int) -> str:
    """"ti dage", "14 dage", "én dag": words where Danish rules of procedure use them."""
    return count(value, "dag", "dage")


def member_count(value: int) -> str:
    """"fem medlemmer"; a single member is neuter: "ét medlem"."""
    return count(value, "medlem", "medlemmer", neuter=True)


def lowered(text: str) -> str:
    """A label as it reads mid-sentence or in apposition: "Hver 6. uge" -> "hver 6. uge",
    "Direktør for Børn" -> "direktør for Børn". Left as typed: abbreviations ("SSP-konsulent",
    "IT-chef"), and proper nouns of more than one capitalised word ("Halsnæs Kommune",
    "Policy Lab", "Nordsjællands Politi"); a comma ends a name, so "Vicedirektør, Sundhed" is lowered."""
    text = text.strip()
    if len(text) < 2 or not text[0].isupper() or not text[1].islower():
        return text
    words = text.split()
    first = words[0]
    if len(words) > 1 and first[-1].isalpha() and first.lower() not in _NEVER_A_NAME and words[1][:1].isupper():
        return text
    return text[0].lower() + text[1:]


def capitalised(text: str) -> str:
    """"følgegruppen" -> "Følgegruppen" (only the first letter changes): the start of a sentence or cell."""
    return text[:1].upper() + text[1:]


def name_title(actor: Actor) -> str:
    """"Mikkel Frandsen, borgmester, Halsnæs Kommune": a person in apposition, title lowered."""
    return f"{actor.name}, {lowered(actor.title)}, {actor.organisation}"


def name_title_brief(actor: Actor) -> str:
    """"Mikkel Frandsen, borgmester": where the organisation is said already."""
    return f"{actor.name}, {lowered(actor.title)}"


def name_in_brackets(actor: Actor) -> str:
    """"Anna Berg (direktør, Halsnæs Kommune)": a person in a sentence that goes on after the name."""
    return f"{actor.name} ({lowered(actor.title)}, {actor.organisation})"


@dataclass(frozen=True)
class Role:
    """One role a person holds: "formand" for "styregruppen", or a role of its own ("ankerperson")."""

    kind: str
    group: str = ""

    @property
    def preposition(self) -> str:
        return "af" if self.kind == "medlem" else "for"


def role_phrase(roles: list[Role]) -> str:
    """"formand for styregruppen, medlem af arbejdsgruppen og ankerperson"; the same role in two
    groups is said once: "medlem af styregruppen og arbejdsgruppen", and a list that has an "og" of
    its own ends with "samt" ("medlem af styregruppen og arbejdsgruppen samt ankerperson")."""
    by_kind: dict[str, list[Role]] = {}
    for role in dict.fromkeys(roles):
        by_kind.setdefault(role.kind, []).append(role)
    phrases = []
    for kind, held in by_kind.items():
        groups = [role.group for role in held if role.group]
        phrases.append(f"{kind} {held[0].preposition} {join(groups)}" if groups else kind)
    return join(phrases, "samt" if any(" og " in phrase for phrase in phrases[:-1]) else "og")


def tally(whole: str, singular: str, plural: str, parts: list[tuple[int, str]]) -> str:
    """"Af planens 15 aktiviteter er én afsluttet, to i gang og 12 planlagt."; "Alle planens 15
    aktiviteter er planlagt." when one part is the whole; "Planens ene aktivitet er planlagt."."""
    parts = [(number, state) for number, state in parts if number]
    total = sum(number for number, _ in parts)
    if total == 1:
        return f"{capitalised(whole)} ene {singular} er {parts[0][1]}."
    if len(parts) == 1:
        return f"Alle {whole} {number_words(total)} {plural} er {parts[0][1]}."
    spoken = [f"{'én' if number == 1 else number_words(number)} {state}" for number, state in parts]
    return f"Af {whole} {number_words(total)} {plural} er {join(spoken)}."


def quoted(text: str) -> str:
    return f"„{text}“"


def sentence(text: str) -> str:
    """A user's text as one sentence: stripped, with a full stop unless it has its own mark."""
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else text + "."


def borrowed(paragraphs: list[str]) -> list[str]:
    """A user's paragraphs quoted in another document than the one they were written for: those
    that speak of "dette dokument" (meaning the kommissorium) are left out, or the plan would say
    "dette dokument" about itself with the kommissorium's words."""
    return [p for p in paragraphs if "dette dokument" not in p.lower()]


def gist(text: str, limit: int = 600) -> str:
    """The first paragraph of a user's text that is not about "dette dokument", cut after the last
    whole sentence within ``limit`` characters: an agenda item summarises and leaves the rest to the
    bilag, and a sentence written for the kommissorium must not speak of the agenda item."""
    usable = borrowed([line.strip() for line in text.splitlines() if line.strip()]) or [""]
    first = usable[0]
    if len(first) <= limit:
        return first
    head = first[:limit]
    stop = head.rfind(". ")
    if stop > limit // 3:
        return head[: stop + 1]
    return head[: head.rfind(" ")].rstrip(",;:") + " …"
