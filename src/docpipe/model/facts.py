"""Warnings about facts of a valid case that look wrong: dates that contradict each other or the calendar.

None of them makes a case invalid (a plan may well start preparing before the committee meets), so
``docpipe validate`` shows them and exits 0; with ``--strict`` they count as errors. Each names file,
line and field exactly as a problem does. The rules:

- the initiative starts (its first phase) before the committee approves it (``committee.meeting_date``);
- an activity is done, in progress or late although it starts after the case's ``date``;
- a meeting or adoption date falls on a weekend or a Danish public holiday (``_MEETING_DATES``);
- the committee meets after work that needs its approval has begun: the first phase prepares the
  decision, so every activity of a later phase needs it (the README says so);
- the committee is asked about a document that, by the case's own dates, does not exist yet at its
  meeting: a one-pager to approve before the plan has it written, a status to note before any
  activity has begun. (A forretningsorden is never asked about: its own group adopts it.)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from docpipe.errors import Problem
from docpipe.i18n import N_, _
from docpipe.model.case import Case, FieldPath
from docpipe.model.holidays import danish_holiday

STARTED = {"done": N_("done"), "in_progress": N_("in progress"), "late": N_("late")}
"""Statuses that say an activity has begun, as a warning names them."""
WEEKDAYS = (N_("a Monday"), N_("a Tuesday"), N_("a Wednesday"), N_("a Thursday"), N_("a Friday"),
            N_("a Saturday"), N_("a Sunday"))

Finding = tuple[str, FieldPath, str]


def fact_warnings(case: Case) -> list[Problem]:
    """Every warning about ``case``, in file and line order (the same case, the same list)."""
    found = [case.problem(part, path, message) for part, path, message in _findings(case)]
    return sorted(found, key=Problem.order)


def _findings(case: Case) -> Iterator[Finding]:
    yield from _starts_before_approval(case)
    yield from _started_after_case_date(case)
    yield from _on_a_day_off(_meeting_dates(case))
    yield from _approval_after_work_began(case)
    yield from _asked_before_it_exists(case)


def _meeting_dates(case: Case) -> list[tuple[str, FieldPath, dt.date]]:
    """The dates on which a body meets or adopts something: each must be a working day.

    One line per date: a new meeting date (the steering group's ``adopted_on``) is one line here.
    """
    dates: list[tuple[str, FieldPath, dt.date]] = []
    committee = case.initiative.committee
    if committee is not None:
        dates.append(("initiative", ("committee", "meeting_date"), committee.meeting_date))
        dates.extend(("initiative", ("committee", "earlier_handling", i, "date"), earlier.date)
                     for i, earlier in enumerate(committee.earlier_handling))
    governance = case.initiative.governance
    for key, group in (("steering_group", governance.steering_group), ("working_group", governance.working_group)):
        if group is not None and group.adopted_on is not None:
            dates.append(("initiative", ("governance", key, "adopted_on"), group.adopted_on))
    return dates


def _starts_before_approval(case: Case) -> Iterator[Finding]:
    committee = case.initiative.committee
    if committee is None or not case.planning.phases:
        return
    index, phase = min(enumerate(case.planning.phases), key=lambda pair: (pair[1].start, pair[0]))
    if phase.start < committee.meeting_date:
        message = _('the initiative starts {start} (phase "{phase}"), before {committee} recommends it on '
                    "{meeting}") if committee.recommends() else \
            _('the initiative starts {start} (phase "{phase}"), before {committee} approves it on {meeting}')
        yield "planning", ("phases", index, "start"), message.format(
            start=phase.start.isoformat(), phase=phase.id, committee=committee.name,
            meeting=committee.meeting_date.isoformat())


def _started_after_case_date(case: Case) -> Iterator[Finding]:
    """A status that says work has begun, on an activity that starts after the day the case is dated."""
    today = case.initiative.date
    for p, phase in enumerate(case.planning.phases):
        for a, activity in enumerate(phase.activities):
            if activity.status in STARTED and activity.start > today:
                yield "planning", ("phases", p, "activities", a, "status"), _(
                    'activity "{id}" is marked {status}, but it starts {start}, after the case\'s date ({date}); '
                    "set its status to planned or correct the dates").format(
                    id=activity.id, status=_(STARTED[activity.status]), start=activity.start.isoformat(),
                    date=today.isoformat())


def _on_a_day_off(dates: list[tuple[str, FieldPath, dt.date]]) -> Iterator[Finding]:
    for part, path, day in dates:
        holiday = danish_holiday(day)
        if holiday is not None:
            yield part, path, _("{date} is {holiday}, a Danish holiday when public offices are closed; is the date "
                                       "right?").format(
                date=day.isoformat(), holiday=holiday)
        elif day.weekday() >= 5:
            yield part, path, _("{date} is {weekday}; is the date right?").format(
                date=day.isoformat(), weekday=_(WEEKDAYS[day.weekday()]))


def _approval_after_work_began(case: Case) -> Iterator[Finding]:
    """The first phase prepares what the committee decides; the activities of later phases carry it out
    and so need its approval first."""
    committee = case.initiative.committee
    if committee is None:
        return
    needing = [(activity.start, phase.id, activity.id) for phase in case.planning.phases[1:]
               for activity in phase.activities]
    if not needing:
        return
    start, phase, activity = min(needing)
    if committee.meeting_date > start:
        yield "initiative", ("committee", "meeting_date"), _(
            'the committee meets {meeting}, after activity "{activity}" of phase "{phase}" starts ({start}); '
            "the work after the first phase needs its approval: move the meeting earlier or the activity "
            "later").format(meeting=committee.meeting_date.isoformat(), activity=activity, phase=phase,
                            start=start.isoformat())


def _asked_before_it_exists(case: Case) -> Iterator[Finding]:
    """A request about a document the case's own plan has not produced by the meeting: the
    one-pager is ready when the first activity that names it ends; a status needs work begun."""
    committee = case.initiative.committee
    if committee is None:
        return
    meeting = committee.meeting_date
    writing = [activity for activity in case.activities()
               if "one-pager" in f"{activity.title} {activity.deliverable or ''}".lower()]
    ready = min(writing, key=lambda activity: activity.end, default=None)
    first_start = min((activity.start for activity in case.activities()), default=None)
    for i, request in enumerate(committee.requests):
        path: FieldPath = ("committee", "requests", i, "kind")
        if request.kind == "approve-one-pager" and ready is not None and ready.end > meeting:
            yield "initiative", path, _(
                'the committee is asked to approve the one-pager on {meeting}, but the plan has it ready only on '
                '{ready} (activity "{activity}"); ask at a later meeting or correct the dates').format(
                meeting=meeting.isoformat(), ready=ready.end.isoformat(), activity=ready.id)
        if request.kind == "note-status" and first_start is not None and first_start > meeting:
            yield "initiative", path, _(
                "the committee is asked to note a status on {meeting}, but no activity has begun by then (the first "
                "starts {start}); ask at a later meeting or correct the dates").format(
                meeting=meeting.isoformat(), start=first_start.isoformat())
