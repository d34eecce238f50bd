"""Small pieces of Danish the rules of procedure weave the case's values into: days and members in
words, a person with their title, a user's sentence continued mid-sentence, a title in quotes."""

from __future__ import annotations

from docpipe import danish
from docpipe.model import Actor


def days(count: int) -> str:
    """"ti dage", "14 dage", "en dag": words where Danish rules of procedure use them."""
    return f"{danish.number_words(count)} {'dag' if count == 1 else 'dage'}"


def member_count(count: int) -> str:
    """"fem medlemmer"; a single member is neuter: "ét medlem"."""
    return "ét medlem" if count == 1 else f"{danish.number_words(count)} medlemmer"


def name_title(actor: Actor) -> str:
    """"Mikkel Frandsen, Borgmester, Halsnæs Kommune" with the title in lower case mid-sentence."""
    return f"{actor.name}, {sentence_start_lowered(actor.title)}, {actor.organisation}"


def sentence_start_lowered(text: str) -> str:
    """"Hver 6. uge" -> "hver 6. uge", leaving acronyms ("SSP-konsulent") and names untouched."""
    if len(text) > 1 and text[0].isupper() and text[1].islower():
        return text[0].lower() + text[1:]
    return text


def quoted(text: str) -> str:
    return f"„{text}“"


def sentence(text: str) -> str:
    """A user's text as one sentence: stripped, with a full stop unless it has its own mark."""
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else text + "."


def gist(text: str, limit: int = 600) -> str:
    """The first paragraph of a user's text that is not about "dette dokument", cut after the last
    whole sentence within ``limit`` characters: an agenda item summarises and leaves the rest to the
    bilag, and a sentence written for the kommissorium must not speak of the agenda item."""
    paragraphs = [line.strip() for line in text.splitlines() if line.strip()]
    usable = [p for p in paragraphs if not p.lower().startswith("dette dokument")] or [""]
    first = usable[0]
    if len(first) <= limit:
        return first
    head = first[:limit]
    stop = head.rfind(". ")
    if stop > limit // 3:
        return head[: stop + 1]
    return head[: head.rfind(" ")].rstrip(",;:") + " …"
