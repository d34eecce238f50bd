"""What the one-pager's one A4 page holds: its length budgets, the texts it shows, and what refuses it.

The budgets belong to this document, not to the case: a text over its budget refuses the one-pager
alone (docpipe.errors.DocumentRefused, naming file, line and field and how much to cut), while the
case's other documents are made. A case may give the one-pager shorter texts of its own
(``one_pager:`` in initiative.yaml); those are measured instead. Partners never refuse it: the page
lists as many as fit and then "og N andre".

The numbers are what templates/docx/one-pager.docx was measured against (tools/templates/one_pager.py):
change one, measure the page again (tests/deliverables/test_one_pager.py counts pages with LibreOffice).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from docpipe.errors import Problem
from docpipe.i18n import _, ngettext
from docpipe.model import Case

FieldPath = tuple[str | int, ...]
DOCUMENT = "one-pager"

ONE_PAGER_LIMITS = {
    "title": 80,
    "vision": 300,
    "challenge": 700,
    "goal": 140,
    "criterion": 90,
    "target": 60,
    "deliverable": 110,
    "partner": 80,
}
ONE_PAGER_COUNTS = {"goals": 5, "success_criteria": 5, "deliverables": 6, "partners": 10,
                    # every line break starts a paragraph, and each paragraph costs a part-filled line
                    "challenge_paragraphs": 4, "vision_paragraphs": 2}
PARTNER_LINE_CHARS = 50
"""A partner name up to this long fits one line of the partner column; longer ones make the list run on."""
PARTNER_SEPARATOR = "  ·  "
RUN_ON_CHARS = ONE_PAGER_COUNTS["partners"] * ONE_PAGER_LIMITS["partner"] + \
    (ONE_PAGER_COUNTS["partners"] - 1) * len(PARTNER_SEPARATOR)
"""The run-on partner paragraph was measured with ten names of the longest length: that much text fits."""
SHORT_VERSIONS = ("title", "vision", "challenge", "goals", "deliverables")
"""The fields ``one_pager:`` in initiative.yaml may give a shorter version of."""


@dataclass(frozen=True)
class Shown:
    """A text or list the one-pager shows, and where in initiative.yaml it was written."""

    path: FieldPath
    value: str | list[str]

    @property
    def short(self) -> bool:
        """Whether this is the one-pager's own short version (``one_pager.vision``)."""
        return self.path[0] == "one_pager"


def shown(case: Case, key: str) -> Shown:
    """The one-pager's own version of ``key`` when the case gives one, else the case's text."""
    own = case.initiative.one_pager
    value = getattr(own, key) if own is not None else None
    if value is not None:
        return Shown(("one_pager", key), value)
    return Shown((key,), getattr(case.initiative, key))


def partners(case: Case) -> list[str]:
    """The distinct organisations of the actors, in the order actors.yaml first names them.

    That order is the author's (usually the lead organisation first), which reads better on a
    one-pager than an alphabetical list would.
    """
    return list(dict.fromkeys(" ".join(actor.organisation.split()) for actor in case.actors))


def listed_partners(names: list[str]) -> tuple[list[str], bool]:
    """The partner lines the page shows, and whether they run on in one paragraph.

    Names that each fit a line get a line each, ten at most: beyond that the first nine and "og N
    andre". Longer names run on, separated by dots, as many as the measured room holds, then the rest
    as "og N andre". The author's order decides who is named.
    """
    run_on = any(len(name) > PARTNER_LINE_CHARS for name in names)
    if not run_on:
        lines = ONE_PAGER_COUNTS["partners"]
        return (names, False) if len(names) <= lines else ([*names[:lines - 1], _others(len(names) - lines + 1)],
                                                           False)
    shown_names: list[str] = []
    for index, name in enumerate(names):
        rest = len(names) - index - 1
        tail = len(PARTNER_SEPARATOR) + len(_others(rest)) if rest else 0
        if _run_on_length([*shown_names, name]) + tail > RUN_ON_CHARS:
            return [*shown_names, _others(len(names) - index)], True
        shown_names.append(name)
    return shown_names, True


def _others(count: int) -> str:
    return "og 1 anden" if count == 1 else f"og {count} andre"


def _run_on_length(names: list[str]) -> int:
    return sum(map(len, names)) + len(PARTNER_SEPARATOR) * max(len(names) - 1, 0)


# --- what refuses the one-pager ------------------------------------------------------------------


def refusals(case: Case) -> list[Problem]:
    """Why the one-pager cannot be made from ``case`` (texts over its page's budgets); none when it can.

    Each problem names the file, line and field, how much to cut, and where a shorter version for the
    one-pager alone may be given instead.
    """
    return [case.problem(part, path, message, DOCUMENT) for part, path, message in _over_budget(case)]


def _over_budget(case: Case) -> Iterator[tuple[str, FieldPath, str]]:
    initiative = case.initiative
    yield from _length(shown(case, "title"), "title")
    for key in ("vision", "challenge"):
        text = shown(case, key)
        yield from _length(text, key)
        yield from _paragraphs(text, f"{key}_paragraphs")
    for key, budget in (("goals", "goal"), ("deliverables", "deliverable")):
        items = shown(case, key)
        assert isinstance(items.value, list)
        for index, item in enumerate(items.value):
            yield from _length(Shown((*items.path, index), item), budget, items.short, items.path)
        yield from _count(items.path, len(items.value), key, items.short)
    for i, criterion in enumerate(initiative.success_criteria):
        yield from _length(Shown(("success_criteria", i, "criterion"), criterion.criterion), "criterion", True)
        yield from _length(Shown(("success_criteria", i, "target"), criterion.target), "target", True)
    yield from _count(("success_criteria",), len(initiative.success_criteria), "success_criteria", True)
    for index, actor in enumerate(case.actors):
        if len(actor.organisation) > ONE_PAGER_LIMITS["partner"]:
            yield "actors", ("actors", index, "organisation"), _cut(len(actor.organisation),
                                                                    ONE_PAGER_LIMITS["partner"])


def _length(text: Shown, budget: str, final: bool | None = None,
            short_path: FieldPath | None = None) -> Iterator[tuple[str, FieldPath, str]]:
    """``final``: no shorter version can be given (it is one already, or the field has none)."""
    limit = ONE_PAGER_LIMITS[budget]
    assert isinstance(text.value, str)
    if len(text.value) <= limit:
        return
    final = text.short if final is None else final
    if final:
        yield "initiative", text.path, _cut(len(text.value), limit)
    else:
        where = ".".join(str(part) for part in ("one_pager", *(short_path or text.path)))
        excess = len(text.value) - limit
        yield "initiative", text.path, ngettext(
            "is {length} characters; the one-pager has room for {limit}: cut {excess} character, or give the "
            "one-pager a shorter version under {short}",
            "is {length} characters; the one-pager has room for {limit}: cut {excess} characters, or give the "
            "one-pager a shorter version under {short}", excess).format(length=len(text.value), limit=limit,
                                                                        excess=excess, short=where)


def _cut(length: int, limit: int) -> str:
    return ngettext("is {length} characters; the one-pager has room for {limit}: cut {excess} character",
                    "is {length} characters; the one-pager has room for {limit}: cut {excess} characters",
                    length - limit).format(length=length, limit=limit, excess=length - limit)


def _paragraphs(text: Shown, budget: str) -> Iterator[tuple[str, FieldPath, str]]:
    """Every non-blank line is a paragraph of its own in the documents (as deliverables.common.paragraphs)."""
    assert isinstance(text.value, str)
    count = sum(1 for line in text.value.splitlines() if line.strip())
    limit = ONE_PAGER_COUNTS[budget]
    if count > limit:
        yield "initiative", text.path, _("has {count} paragraphs (every line break starts one); the one-pager "
                                         "has room for {limit}: join {excess} of them with the one before").format(
            count=count, limit=limit, excess=count - limit)


def _count(path: FieldPath, count: int, key: str, final: bool) -> Iterator[tuple[str, FieldPath, str]]:
    limit = ONE_PAGER_COUNTS[key]
    if count <= limit:
        return
    if final:
        yield "initiative", path, _("has {count} entries; the one-pager has room for {limit}: remove {excess}").format(
            count=count, limit=limit, excess=count - limit)
    else:
        yield "initiative", path, _("has {count} entries; the one-pager has room for {limit}: remove {excess}, or "
                                    "give the one-pager its own list under one_pager.{key}").format(
            count=count, limit=limit, excess=count - limit, key=key)
