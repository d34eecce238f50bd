"""The rules that span fields or files: references, dates, uniqueness, official codes, page budgets.

Each rule is a small function yielding ``Violation``s with the part (file) and field path they are
about, so the loader can attach a line number. Rules only look at parts that parsed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from docpipe.model.actors import Actor
from docpipe.model.initiative import Initiative
from docpipe.model.official import find_by_name, official_organisations
from docpipe.model.organisation import Organisation
from docpipe.model.planning import Activity, Planning

FieldPathT = tuple[str | int, ...]

# The one-pager's layout is sized for these; a longer text would push it onto a second page.
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
KIND_WORDS = {"municipality": "municipality (kommunekode)", "region": "region (regionskode)"}


@dataclass(frozen=True)
class Violation:
    part: str
    path: FieldPathT
    message: str


def check_organisation(organisation: Organisation) -> Iterator[Violation]:
    """The code must be an official one of the right kind when the organisation is public."""
    if organisation.kind not in KIND_WORDS:
        return
    official = official_organisations()
    match = official.get(organisation.code or "")
    by_name = find_by_name(organisation.name.removesuffix(" Kommune"))
    hint = f'; {by_name.official_name} has code "{by_name.code}"' if by_name else ""
    if organisation.code is None:
        yield Violation("organisation", ("code",), f"is required for a {KIND_WORDS[organisation.kind]}{hint}")
    elif match is None:
        yield Violation("organisation", ("code",), f'"{organisation.code}" is not an official '
                        f"{KIND_WORDS[organisation.kind]}{hint}")
    elif match.kind != organisation.kind:
        yield Violation("organisation", ("code",), f'"{organisation.code}" is the code of '
                        f"{match.official_name}, which is a {match.kind}, not a {organisation.kind}")


def check_actors(actors: list[Actor]) -> Iterator[Violation]:
    yield from _unique_ids("actors", [(("actors", index, "id"), actor.id) for index, actor in enumerate(actors)],
                           "actor")


def check_planning(planning: Planning) -> Iterator[Violation]:
    """Dates in order, activities inside their phase, ids unique, dependencies real and acyclic."""
    pairs: list[tuple[FieldPathT, str]] = []
    for p, phase in enumerate(planning.phases):
        pairs.append((("phases", p, "id"), phase.id))
        yield from _dates_in_order(("phases", p), phase.start, phase.end)
        for a, activity in enumerate(phase.activities):
            path = ("phases", p, "activities", a)
            pairs.append(((*path, "id"), activity.id))
            yield from _dates_in_order(path, activity.start, activity.end)
            if activity.start < phase.start or activity.end > phase.end:
                yield Violation("planning", (*path, "start" if activity.start < phase.start else "end"),
                                f'activity "{activity.id}" runs {_span(activity.start, activity.end)}, outside '
                                f'its phase "{phase.name}" ({_span(phase.start, phase.end)})')
    yield from _unique_ids("planning", pairs, "phase or activity")
    yield from _dependencies(planning)


def check_references(initiative: Initiative | None, actors: list[Actor] | None,
                     planning: Planning | None) -> Iterator[Violation]:
    """Every actor id used in the initiative and the plan names an actor of actors.yaml."""
    if actors is None:
        return
    known = {actor.id for actor in actors}
    listing = ", ".join(sorted(known))
    for part, path, actor_id in _actor_references(initiative, planning):
        if actor_id not in known:
            yield Violation(part, path, f'unknown actor "{actor_id}"; known actors: {listing}')
    if initiative is not None:
        group = initiative.governance.steering_group
        if group.chair not in group.members:
            yield Violation("initiative", ("governance", "steering_group", "chair"),
                            f'the chair "{group.chair}" must also be listed among the steering group\'s members')


def check_one_pager(initiative: Initiative, actors: list[Actor] | None) -> Iterator[Violation]:
    """The texts the one-pager shows must fit one A4 page; say how much to cut."""
    yield from _length(("title",), initiative.title, "title")
    yield from _length(("vision",), initiative.vision, "vision")
    yield from _length(("challenge",), initiative.challenge, "challenge")
    for key, text in (("vision", initiative.vision), ("challenge", initiative.challenge)):
        yield from _paragraphs((key,), text, f"{key}_paragraphs")
    for i, goal in enumerate(initiative.goals):
        yield from _length(("goals", i), goal, "goal")
    for i, criterion in enumerate(initiative.success_criteria):
        yield from _length(("success_criteria", i, "criterion"), criterion.criterion, "criterion")
        yield from _length(("success_criteria", i, "target"), criterion.target, "target")
    for i, deliverable in enumerate(initiative.deliverables):
        yield from _length(("deliverables", i), deliverable, "deliverable")
    for key, items in (("goals", initiative.goals), ("success_criteria", initiative.success_criteria),
                       ("deliverables", initiative.deliverables)):
        limit = ONE_PAGER_COUNTS[key]
        if len(items) > limit:
            yield Violation("initiative", (key,), f"has {len(items)} entries; the one-pager has room for "
                            f"{limit}: remove {len(items) - limit}")
    if actors is not None:
        for index, actor in enumerate(actors):
            yield from _length(("actors", index, "organisation"), actor.organisation, "partner", part="actors")
        partners = sorted({actor.organisation for actor in actors})
        limit = ONE_PAGER_COUNTS["partners"]
        if len(partners) > limit:
            yield Violation("actors", ("actors",), f"the actors come from {len(partners)} organisations; the "
                            f"one-pager lists at most {limit} partners: merge or remove {len(partners) - limit}")


def _length(path: FieldPathT, text: str, budget: str, part: str = "initiative") -> Iterator[Violation]:
    limit = ONE_PAGER_LIMITS[budget]
    if len(text) > limit:
        yield Violation(part, path, f"is {len(text)} characters; the one-pager has room for {limit}: "
                        f"cut {len(text) - limit} characters")


def _paragraphs(path: FieldPathT, text: str, budget: str) -> Iterator[Violation]:
    """Every non-blank line is a paragraph of its own in the documents (as deliverables.common.paragraphs)."""
    count = sum(1 for line in text.splitlines() if line.strip())
    limit = ONE_PAGER_COUNTS[budget]
    if count > limit:
        yield Violation("initiative", path, f"has {count} paragraphs (every line break starts one); the "
                        f"one-pager has room for {limit}: join {count - limit} of them with the one before")


def _actor_references(initiative: Initiative | None,
                      planning: Planning | None) -> Iterator[tuple[str, FieldPathT, str]]:
    if initiative is not None:
        governance = initiative.governance
        group = governance.steering_group
        base: FieldPathT = ("governance", "steering_group")
        yield "initiative", (*base, "chair"), group.chair
        yield "initiative", (*base, "secretariat"), group.secretariat
        for i, member in enumerate(group.members):
            yield "initiative", (*base, "members", i), member
        if governance.working_group is not None:
            for i, member in enumerate(governance.working_group.members):
                yield "initiative", ("governance", "working_group", "members", i), member
        if governance.anchor_person is not None:
            yield "initiative", ("governance", "anchor_person"), governance.anchor_person
        if governance.leader is not None:
            yield "initiative", ("governance", "leader"), governance.leader
        for i, risk in enumerate(initiative.risks):
            yield "initiative", ("risks", i, "owner"), risk.owner
    if planning is not None:
        for p, phase in enumerate(planning.phases):
            for a, activity in enumerate(phase.activities):
                path: FieldPathT = ("phases", p, "activities", a)
                yield "planning", (*path, "owner"), activity.owner
                for i, participant in enumerate(activity.participants):
                    yield "planning", (*path, "participants", i), participant


def _unique_ids(part: str, pairs: Iterable[tuple[FieldPathT, str]], what: str) -> Iterator[Violation]:
    seen: dict[str, FieldPathT] = {}
    for path, value in pairs:
        if value in seen:
            yield Violation(part, path, f'the {what} id "{value}" is used twice; ids must be unique')
        else:
            seen[value] = path


def _dates_in_order(path: FieldPathT, start: dt.date, end: dt.date) -> Iterator[Violation]:
    if end < start:
        yield Violation("planning", (*path, "end"), f"ends {end.isoformat()}, before it starts "
                        f"({start.isoformat()})")


def _span(start: dt.date, end: dt.date) -> str:
    return f"{start.isoformat()} to {end.isoformat()}"


def _dependencies(planning: Planning) -> Iterator[Violation]:
    located: dict[str, tuple[FieldPathT, Activity]] = {}
    for p, phase in enumerate(planning.phases):
        for a, activity in enumerate(phase.activities):
            located.setdefault(activity.id, (("phases", p, "activities", a), activity))
    known = ", ".join(sorted(located))
    for path, activity in located.values():
        for i, dependency in enumerate(activity.depends_on):
            where = (*path, "depends_on", i)
            if dependency not in located:
                yield Violation("planning", where, f'unknown activity "{dependency}"; known activities: {known}')
            elif located[dependency][1].start > activity.start:
                other = located[dependency][1]
                yield Violation("planning", where, f'"{activity.id}" starts {activity.start.isoformat()} but '
                                f'depends on "{dependency}", which starts later ({other.start.isoformat()})')
    cycle = _find_cycle({key: [d for d in act.depends_on if d in located] for key, (_, act) in located.items()})
    if cycle:
        path = located[cycle[0]][0]
        yield Violation("planning", (*path, "depends_on"), "the dependencies go round in a circle: "
                        + " -> ".join([*cycle, cycle[0]]))


def _find_cycle(graph: dict[str, list[str]]) -> list[str]:
    """One cycle in ``graph`` (in a stable order), or an empty list."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str]:
        state[node] = 1
        stack.append(node)
        for nxt in graph[node]:
            if state.get(nxt) == 1:
                return stack[stack.index(nxt):]
            if nxt not in state:
                found = visit(nxt)
                if found:
                    return found
        stack.pop()
        state[node] = 2
        return []

    for node in graph:
        if node not in state:
            found = visit(node)
            if found:
                return found
    return []
