"""The rules that span fields or files: references, dates, uniqueness, official codes.

A document's own limits (the one-pager's page) are not here: they refuse that document, never the case
(see docpipe.deliverables.one_pager_fit).

Each rule is a small function yielding ``Violation``s with the part (file) and field path they are
about, so the loader can attach a line number. A part that failed validation comes as the partial
model of what could be read (docpipe.model.salvage): a rule compares only ``readable`` values and
takes the ids other values refer to as typed, so a value that could not be read causes no problem
beyond the one pydantic reports for it, and hides none that the readable values show.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from docpipe.i18n import N_, _
from docpipe.model.actors import Actor
from docpipe.model.committee import Committee
from docpipe.model.governance import Governance
from docpipe.model.initiative import Initiative
from docpipe.model.official import find_by_name, official_organisations
from docpipe.model.organisation import Organisation
from docpipe.model.planning import Activity, Phase, Planning
from docpipe.model.salvage import readable, readable_items, shown, typed_ids

FieldPathT = tuple[str | int, ...]

KIND_WORDS = {"municipality": N_("municipality (kommunekode)"), "region": N_("region (regionskode)")}
"""The public kinds whose code must be official, as a message names them (translated where shown)."""
_A_KIND = {"municipality": N_("a municipality"), "region": N_("a region"), "other": N_("another organisation")}


@dataclass(frozen=True)
class Violation:
    part: str
    path: FieldPathT
    message: str


def check_organisation(organisation: Organisation) -> Iterator[Violation]:
    """The code must be an official one of the right kind when the organisation is public."""
    if not readable(organisation.kind, organisation.code) or organisation.kind not in KIND_WORDS:
        return
    official = official_organisations()
    match = official.get(organisation.code or "")
    by_name = find_by_name(organisation.name.removesuffix(" Kommune")) if readable(organisation.name) else None
    kind = _(KIND_WORDS[organisation.kind])
    hint = _('; {name} has code "{code}"').format(name=by_name.official_name, code=by_name.code) if by_name else ""
    if organisation.code is None:
        yield Violation("organisation", ("code",), _("is required for a {kind}{hint}").format(kind=kind, hint=hint))
    elif match is None:
        yield Violation("organisation", ("code",), _('"{code}" is not an official {kind}{hint}').format(
            code=organisation.code, kind=kind, hint=hint))
    elif match.kind != organisation.kind:
        yield Violation("organisation", ("code",), _('"{code}" is the code of {name}, which is {actual}, not {wanted}')
                        .format(code=organisation.code, name=match.official_name, actual=_(_A_KIND[match.kind]),
                                wanted=_(_A_KIND[organisation.kind])))


def check_actors(actors: list[Actor]) -> Iterator[Violation]:
    yield from _unique_ids("actors", [(("actors", index, "id"), actor.id) for index, actor in readable_items(actors)],
                           N_('the actor id "{id}" is used twice; ids must be unique'))


def check_planning(planning: Planning) -> Iterator[Violation]:
    """Dates in order, activities inside their phase, ids unique, dependencies real and acyclic."""
    pairs: list[tuple[FieldPathT, str]] = []
    for p, phase in readable_items(planning.phases):
        pairs.append((("phases", p, "id"), phase.id))
        yield from _dates_in_order(("phases", p), phase.start, phase.end)
        for a, activity in readable_items(phase.activities):
            path = ("phases", p, "activities", a)
            pairs.append(((*path, "id"), activity.id))
            yield from _dates_in_order(path, activity.start, activity.end)
            yield from _finished_after_start(path, activity)
            yield from _inside_phase(path, activity, phase)
    yield from _unique_ids("planning", pairs, N_('the phase or activity id "{id}" is used twice; ids must be unique'))
    yield from _dependencies(planning)


def _inside_phase(path: FieldPathT, activity: Activity, phase: Phase) -> Iterator[Violation]:
    if not readable(activity.start, activity.end, phase.start, phase.end):
        return
    if activity.start < phase.start or activity.end > phase.end:
        yield Violation("planning", (*path, "start" if activity.start < phase.start else "end"),
                        _('activity "{id}" runs {start} to {end}, outside its phase "{phase}" ({phase_start} '
                          "to {phase_end})").format(id=shown(activity.id), start=activity.start.isoformat(),
                                                    end=activity.end.isoformat(), phase=shown(phase.name),
                                                    phase_start=phase.start.isoformat(),
                                                    phase_end=phase.end.isoformat()))


def check_references(initiative: Initiative | None, actors: list[Actor] | None,
                     planning: Planning | None) -> Iterator[Violation]:
    """Every actor id used in the initiative and the plan names an actor of actors.yaml.

    An actor whose entry is broken still counts by the id typed there; when an entry has no id
    that can be read at all, any reference might mean it, and none is called unknown.
    """
    known = typed_ids(actors) if actors is not None else None
    if known is None:
        return
    listing = ", ".join(sorted(known))
    for part, path, actor_id in _actor_references(initiative, planning):
        if actor_id not in known:
            yield Violation(part, path, _('unknown actor "{name}"; known actors: {known}').format(
                name=actor_id, known=listing))


def check_governance(initiative: Initiative) -> Iterator[Violation]:
    """A case needs a group to write rules of procedure for: the steering group or a working group
    with the settings a steering group has, its chair among its members; the committee's requests
    and bilag must make sense."""
    governance = initiative.governance
    if not readable(governance):
        return
    yield from _chairs_are_members(governance)
    if governance.steering_group is None:
        group = governance.working_group
        if group is None:
            yield Violation("initiative", ("governance",), _(
                "needs a steering_group or a working_group; the rules of procedure are written for one of them"))
        elif readable(group) and group.missing_rules():
            yield Violation("initiative", ("governance", "working_group"), _(
                "needs {fields}: without a steering_group, the rules of procedure are written for the working "
                "group").format(fields=", ".join(group.missing_rules())))
    if initiative.committee is not None and readable(initiative.committee):
        yield from _committee(initiative.committee)


def _committee(committee: Committee) -> Iterator[Violation]:
    base: FieldPathT = ("committee",)
    for i, request in readable_items(committee.requests):
        if not readable(request.kind, request.amount):
            continue
        if request.kind == "grant-funds" and request.amount is None:
            yield Violation("initiative", (*base, "requests", i, "amount"),
                            _("is required when the committee is asked to grant funds (grant-funds)"))
        elif request.kind != "grant-funds" and request.amount is not None:
            yield Violation("initiative", (*base, "requests", i, "amount"),
                            _('belongs only to a grant of funds (kind: grant-funds), not to "{kind}"').format(
                                kind=request.kind))
    yield from _unique_ids("initiative", [((*base, "attachments", i, "deliverable"), attachment.deliverable)
                                          for i, attachment in readable_items(committee.attachments or [])],
                           N_('the bilag "{id}" is listed twice'))


def _chairs_are_members(governance: Governance) -> Iterator[Violation]:
    """The (vice-)chair is among the members; not asked when a member could not be read (it may be
    the chair, misspelt: the problem is that member's own)."""
    for key, group in (("steering_group", governance.steering_group), ("working_group", governance.working_group)):
        if group is None or not readable(group) or not readable(group.members, *group.members):
            continue
        for role, message in (("chair", N_('the chair "{actor}" must also be listed among the members of the '
                                           "{group}")),
                              ("vice_chair", N_('the vice-chair "{actor}" must also be listed among the members of '
                                                "the {group}"))):
            actor_id = getattr(group, role)
            if actor_id is not None and readable(actor_id) and actor_id not in group.members:
                yield Violation("initiative", ("governance", key, role), _(message).format(
                    actor=actor_id, group=shown(group.name)))
        if group.chair is not None and readable(group.chair, group.vice_chair) and group.chair == group.vice_chair:
            yield Violation("initiative", ("governance", key, "vice_chair"),
                            _("must be another member than the chair"))


def _actor_references(initiative: Initiative | None,
                      planning: Planning | None) -> Iterator[tuple[str, FieldPathT, str]]:
    """Every readable actor id the initiative and the plan use, with its part and field path."""
    if initiative is not None and readable(initiative.governance):
        yield from (("initiative", path, actor_id) for path, actor_id in _governance_references(initiative.governance))
    if initiative is not None:
        for i, risk in readable_items(initiative.risks):
            if readable(risk.owner):
                yield "initiative", ("risks", i, "owner"), risk.owner
    if planning is not None:
        for p, phase in readable_items(planning.phases):
            for a, activity in readable_items(phase.activities):
                path: FieldPathT = ("phases", p, "activities", a)
                if readable(activity.owner):
                    yield "planning", (*path, "owner"), activity.owner
                for i, participant in readable_items(activity.participants):
                    yield "planning", (*path, "participants", i), participant


def _governance_references(governance: Governance) -> Iterator[tuple[FieldPathT, str]]:
    for key, group in (("steering_group", governance.steering_group), ("working_group", governance.working_group)):
        if group is None or not readable(group):
            continue
        base: FieldPathT = ("governance", key)
        for role in ("chair", "vice_chair", "secretariat"):
            value = getattr(group, role)
            if value is not None and readable(value):
                yield (*base, role), value
        for i, member in readable_items(group.members):
            yield (*base, "members", i), member
    for role in ("anchor_person", "leader"):
        value = getattr(governance, role)
        if value is not None and readable(value):
            yield ("governance", role), value


def _unique_ids(part: str, pairs: Iterable[tuple[FieldPathT, str]], message: str) -> Iterator[Violation]:
    """A Violation for every readable id seen before; ``message`` (marked with N_) names the id as ``{id}``."""
    seen: dict[str, FieldPathT] = {}
    for path, value in pairs:
        if not readable(value):
            continue
        if value in seen:
            yield Violation(part, path, _(message).format(id=value))
        else:
            seen[value] = path


def _dates_in_order(path: FieldPathT, start: dt.date, end: dt.date) -> Iterator[Violation]:
    if readable(start, end) and end < start:
        yield Violation("planning", (*path, "end"), _("ends {end}, before it starts ({start})").format(
            end=end.isoformat(), start=start.isoformat()))


def _finished_after_start(path: FieldPathT, activity: Activity) -> Iterator[Violation]:
    """The project leader's "faktisk slut" (read back by ``docpipe status import``) cannot precede the
    start: a typo in the workbook would otherwise print a negative duration in the status note."""
    if activity.actual_end is not None and readable(activity.start, activity.actual_end) \
            and activity.actual_end < activity.start:
        yield Violation("planning", (*path, "actual_end"), _("finished {end}, before it starts ({start})").format(
            end=activity.actual_end.isoformat(), start=activity.start.isoformat()))


def _dependencies(planning: Planning) -> Iterator[Violation]:
    """Each dependency names an activity (as typed, see typed_ids) that starts no later; no cycles."""
    activities: list[tuple[FieldPathT, Activity]] = [
        (("phases", p, "activities", a), activity)
        for p, phase in readable_items(planning.phases) for a, activity in readable_items(phase.activities)]
    located: dict[str, tuple[FieldPathT, Activity]] = {}
    for path, activity in activities:
        if readable(activity.id):
            located.setdefault(activity.id, (path, activity))
    known = _activity_ids(planning)
    for path, activity in activities:
        for i, dependency in readable_items(activity.depends_on):
            where = (*path, "depends_on", i)
            if dependency in located:
                yield from _starts_in_order(where, activity, located[dependency][1])
            elif known is not None and dependency not in known:
                yield Violation("planning", where, _('unknown activity "{name}"; known activities: {known}').format(
                    name=dependency, known=", ".join(sorted(known))))
    cycle = _find_cycle({key: [d for _, d in readable_items(act.depends_on) if d in located]
                         for key, (_, act) in located.items()})
    if cycle:
        path = located[cycle[0]][0]
        yield Violation("planning", (*path, "depends_on"), _("the dependencies go round in a circle: {cycle}").format(
            cycle=" -> ".join([*cycle, cycle[0]])))


def _starts_in_order(where: FieldPathT, activity: Activity, other: Activity) -> Iterator[Violation]:
    """``activity`` depends on ``other``, which must not start later."""
    if readable(activity.start, other.start) and other.start > activity.start:
        yield Violation("planning", where, _('"{id}" starts {start} but depends on "{other}", which starts later '
                                             "({other_start})").format(
            id=shown(activity.id), start=activity.start.isoformat(), other=other.id,
            other_start=other.start.isoformat()))


def _activity_ids(planning: Planning) -> frozenset[str] | None:
    """Every activity id of the plan as typed (see typed_ids); None when one cannot be known."""
    if not readable(planning.phases):
        return None
    ids: set[str] = set()
    for phase in planning.phases:
        found = typed_ids(phase.activities) if readable(phase) else None
        if found is None:
            return None
        ids |= found
    return frozenset(ids)


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
