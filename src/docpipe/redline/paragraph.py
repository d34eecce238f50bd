"""A changed paragraph, word by word: NEW's runs where the text is the same, OLD's words deleted and
NEW's inserted where it is not.

Both paragraphs are cut into tokens (a word with the punctuation around it, or a stretch of white
space) that remember the run properties they came from. difflib compares the token texts; a stretch
of white space alone between two changes joins them, so "a b" -> "x y" reads as one replacement and
not as a ladder of one-word changes. The runs are then rebuilt: equal text with NEW's properties,
deleted text with OLD's, inserted with NEW's; equal text whose formatting changed records OLD's
as ``w:rPrChange``.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from lxml import etree

from docpipe.redline.marks import Change, Revision, wrapped_runs
from docpipe.redline.xml import BR, PPR, RPR, TAB, XML_SPACE, Element, R, T, run_pieces, w

INS, DEL, RPR_CHANGE = w("ins"), w("del"), w("rPrChange")

_TOKEN = re.compile(r"\s+|\S+")
_SIMPLE_RUN_PARTS = frozenset({RPR, T, TAB, BR})


@dataclass(frozen=True)
class Token:
    """A word or a stretch of white space, with the run properties of the run it stands in."""

    text: str
    properties: Element | None

    @property
    def is_space(self) -> bool:
        return self.text.isspace() and self.text not in ("\t", "\n")


def is_plain(paragraph: Element) -> bool:
    """Whether the paragraph holds only runs of text, tabs and breaks: what the word diff rebuilds.
    Anything else (a field, a hyperlink, a picture) is redlined as a whole paragraph instead."""
    return all(child.tag == PPR or (child.tag == R and all(part.tag in _SIMPLE_RUN_PARTS for part in child))
               for child in paragraph)


def tokens_of(paragraph: Element) -> list[Token]:
    """The paragraph's tokens in reading order; a tab and a break are tokens of their own."""
    tokens = []
    for run in paragraph.iter(R):
        properties = run.find(RPR)
        for piece in run_pieces(run):
            parts = [piece] if piece in ("\t", "\n") else _TOKEN.findall(piece)
            tokens += [Token(part, properties) for part in parts]
    return tokens


Edit = tuple[str, list[Token], list[Token]]
"""("equal" | "change", old tokens, new tokens)."""


def edits(old: list[Token], new: list[Token]) -> list[Edit]:
    """The word diff, with white space alone between two changes folded into them."""
    matcher = SequenceMatcher(None, [token.text for token in old], [token.text for token in new], autojunk=False)
    found: list[Edit] = []
    for tag, old_start, old_end, new_start, new_end in matcher.get_opcodes():
        kind = "equal" if tag == "equal" else "change"
        found.append((kind, old[old_start:old_end], new[new_start:new_end]))
    return _folded(found)


def _folded(found: list[Edit]) -> list[Edit]:
    """Join changes separated only by white space; then merge neighbouring changes."""
    result: list[Edit] = []
    for index, (kind, old, new) in enumerate(found):
        between_changes = 0 < index < len(found) - 1 and found[index - 1][0] == found[index + 1][0] == "change"
        if kind == "equal" and between_changes and all(token.is_space for token in new):
            kind = "change"
        if kind == "change" and result and result[-1][0] == "change":
            _, old_before, new_before = result.pop()
            old, new = old_before + old, new_before + new
        result.append((kind, old, new))
    return result


def redlined_content(old: Element, new: Element, revision: Revision) -> list[Element]:
    """The runs (and ``w:ins``/``w:del`` wrappers) of ``new`` with its differences from ``old`` marked."""
    content: list[Element] = []
    for kind, old_tokens, new_tokens in edits(tokens_of(old), tokens_of(new)):
        if kind == "equal":
            content += runs_of(new_tokens, old_tokens, revision)
            continue
        for change, tokens in (("del", old_tokens), ("ins", new_tokens)):
            if tokens:
                content.append(wrapped_runs(runs_of(tokens), change_of(change), revision))
    return content


def change_of(name: str) -> Change:
    return "del" if name == "del" else "ins"


def runs_of(tokens: list[Token], was: list[Token] | None = None, revision: Revision | None = None) -> list[Element]:
    """Runs for ``tokens``, one per stretch of tokens that share run properties.

    ``was`` (the same text in OLD, token for token) with ``revision``: where a token's formatting
    differs from what it was, its run records the old formatting as ``w:rPrChange``, so rejecting
    the changes brings back OLD's bold, colour or size too."""
    runs: list[Element] = []
    last_key: tuple[bytes, bytes] | None = None
    for index, token in enumerate(tokens):
        old = was[index].properties if was is not None else token.properties
        key = (_key(token.properties), _key(old))
        if not runs or key != last_key:
            run = etree.Element(R)
            if token.properties is not None:
                run.append(copy.deepcopy(token.properties))
            if key[0] != key[1] and revision is not None:
                _record_old_formatting(run, old, revision)
            runs.append(run)
            last_key = key
        _append_piece(runs[-1], token.text)
    return runs


def _key(properties: Element | None) -> bytes:
    return b"" if properties is None else bytes(etree.tostring(properties))


def _record_old_formatting(run: Element, old: Element | None, revision: Revision) -> None:
    """``w:rPrChange`` (the last child of the run's ``w:rPr``, as the schema orders it) holding OLD's ``w:rPr``."""
    properties = run.find(RPR)
    if properties is None:
        properties = etree.Element(RPR)
        run.insert(0, properties)
    change = revision.mark("rPrChange")
    before = etree.SubElement(change, RPR)
    for child in old if old is not None else []:
        if child.tag not in (INS, DEL, RPR_CHANGE):
            before.append(copy.deepcopy(child))
    properties.append(change)


def _append_piece(run: Element, text: str) -> None:
    """Add ``text`` to the run: a tab or break as its element, text to the run's last ``w:t``."""
    if text in ("\t", "\n"):
        etree.SubElement(run, TAB if text == "\t" else BR)
        return
    last = run[-1] if len(run) else None
    if last is None or last.tag != T:
        last = etree.SubElement(run, T)
        last.text = ""
    last.text += text
    last.set(XML_SPACE, "preserve")


def rebuild(old: Element, new: Element, revision: Revision) -> None:
    """Replace ``new``'s runs by the redlined content; its paragraph properties stay."""
    content = redlined_content(old, new, revision)
    for child in list(new):
        if child.tag != PPR:
            new.remove(child)
    new.extend(content)
