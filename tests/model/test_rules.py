"""One failing example per validation rule, each checked for its file, line, field and words."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from docpipe import load_case
from tests.conftest import edit_yaml, only_problem, problems_of

CaseCopy = Callable[..., Path]


def first_activity(data: Any) -> dict[str, Any]:
    activity: dict[str, Any] = data["phases"][0]["activities"][0]
    return activity


def test_shipped_cases_are_valid(case_copy: CaseCopy) -> None:
    for name in ("halsnaes-boern-og-unge", "nordsjaellands-politi-tryghed", "region-sjaelland-sundhed"):
        assert load_case(case_copy(name)).name == name


@pytest.mark.parametrize(
    ("file", "change", "field"),
    [
        ("planning.yaml", lambda d: first_activity(d).update(owner="direktoer"), "phases[0].activities[0].owner"),
        ("planning.yaml", lambda d: first_activity(d)["participants"].append("direktoer"),
         "phases[0].activities[0].participants[4]"),
        ("initiative.yaml", lambda d: d["governance"]["steering_group"].update(secretariat="direktoer"),
         "governance.steering_group.secretariat"),
        ("initiative.yaml", lambda d: d["governance"].update(leader="direktoer"), "governance.leader"),
        ("initiative.yaml", lambda d: d["governance"].update(anchor_person="direktoer"), "governance.anchor_person"),
        ("initiative.yaml", lambda d: d["risks"][0].update(owner="direktoer"), "risks[0].owner"),
        ("initiative.yaml", lambda d: d["governance"]["working_group"]["members"].append("direktoer"),
         "governance.working_group.members[6]"),
    ],
)
def test_unknown_actor_reference(case_copy: CaseCopy, file: str, change: Callable[[Any], None], field: str) -> None:
    case_dir = case_copy()
    edit_yaml(case_dir / file, change)
    problem = only_problem(case_dir)
    assert (problem.file, problem.field) == (file, field)
    assert problem.message.startswith('unknown actor "direktoer"; known actors: ')
    assert "mikkel-frandsen" in problem.message
    assert problem.line is not None


def test_unknown_chair_also_reports_chair_not_member(case_copy: CaseCopy) -> None:
    case_dir = case_copy()
    edit_yaml(case_dir / "initiative.yaml", lambda d: d["governance"]["steering_group"].update(chair="direktoer"))
    messages = [str(p) for p in problems_of(case_dir)]
    assert any('chair: unknown actor "direktoer"' in m for m in messages)
    assert any("must also be listed among the members of the styregruppe" in m for m in messages)


def test_chair_must_be_member(case_copy: CaseCopy) -> None:
    case_dir = case_copy()
    edit_yaml(case_dir / "initiative.yaml",
              lambda d: d["governance"]["steering_group"].update(chair="sofie-lindberg"))
    problem = only_problem(case_dir)
    assert problem.field == "governance.steering_group.chair"
    assert 'the chair "sofie-lindberg" must also be listed' in problem.message


def test_duplicate_actor_id(case_copy: CaseCopy) -> None:
    case_dir = case_copy()
    edit_yaml(case_dir / "actors.yaml", lambda d: d["actors"][1].update(id=d["actors"][0]["id"]))
    problem = only_problem(case_dir)
    assert (problem.file, problem.field) == ("actors.yaml", "actors[1].id")
    assert "is used twice" in problem.message


def test_duplicate_activity_id(case_copy: CaseCopy) -> None:
    case_dir = case_copy()

    def clash(data: Any) -> None:
        data["phases"][0]["activities"][1]["id"] = first_activity(data)["id"]

    edit_yaml(case_dir / "planning.yaml", clash)
    messages = [p.message for p in problems_of(case_dir)]
    assert any('id "opstartsmoede-topledelse" is used twice' in m for m in messages)


def test_depends_on_unknown_activity(case_copy: CaseCopy) -> None:
    case_dir = case_copy()
    edit_yaml(case_dir / "planning.yaml", lambda d: d["phases"][0]["activities"][1].update(depends_on=["nope"]))
    problem = only_problem(case_dir)
    assert problem.field == "phases[0].activities[1].depends_on[0]"
    assert problem.message.startswith('unknown activity "nope"; known activities: ')


def test_dependency_cycle(case_copy: CaseCopy) -> None:
    case_dir = case_copy()

    def cycle(data: Any) -> None:
        first, second = data["phases"][0]["activities"][:2]
        first["start"] = second["start"]
        first["depends_on"] = [second["id"]]

    edit_yaml(case_dir / "planning.yaml", cycle)
    messages = [p.message for p in problems_of(case_dir)]
    assert any("go round in a circle: opstartsmoede-topledelse -> udfordringsbillede -> opstartsmoede-topledelse"
               in m or "go round in a circle: udfordringsbillede -> opstartsmoede-topledelse -> udfordringsbillede"
               in m for m in messages), messages


def test_dependency_starting_after_dependant(case_copy: CaseCopy) -> None:
    case_dir = case_copy()
    edit_yaml(case_dir / "planning.yaml",
              lambda d: first_activity(d).update(start=d["phases"][0]["activities"][1]["start"] + __import__(
                  "datetime").timedelta(days=3), end=d["phases"][0]["activities"][1]["end"]))
    messages = [p.message for p in problems_of(case_dir)]
    assert any('depends on "opstartsmoede-topledelse", which starts later' in m for m in messages), messages


def test_end_before_start(case_copy: CaseCopy) -> None:
    case_dir = case_copy()
    edit_yaml(case_dir / "planning.yaml", lambda d: d["phases"][0].update(end=d["phases"][0]["start"]
                                                                          - __import__("datetime").timedelta(days=1)))
    problems = problems_of(case_dir)
    assert any(p.field == "phases[0].end" and "before it starts" in p.message for p in problems)


def test_activity_outside_phase(case_copy: CaseCopy) -> None:
    case_dir = case_copy()
    edit_yaml(case_dir / "planning.yaml", lambda d: first_activity(d).update(start="2026-09-01"))
    problem = only_problem(case_dir)
    assert problem.field == "phases[0].activities[0].start"
    assert "outside its phase" in problem.message


@pytest.mark.parametrize(("edge", "which", "days"), [("end", -1, 1), ("start", 0, -1)])
def test_activity_one_day_outside_its_phase(case_copy: CaseCopy, edge: str, which: int, days: int) -> None:
    """The first phase's last activity ends on the phase's last day (the shipped case is valid); one day
    later lies outside the phase. So does the first activity, starting the day before its phase."""
    case_dir = case_copy()
    planning = case_dir / "planning.yaml"
    text = planning.read_text("utf-8")
    phase = yaml.safe_load(text)["phases"][0]
    index = which % len(phase["activities"])
    activity = phase["activities"][index]
    edge_of_phase: dt.date = phase[edge]
    outside = edge_of_phase + dt.timedelta(days=days)
    if edge == "end":
        assert activity["end"] == edge_of_phase, "the shipped case no longer ends this activity with its phase"
    # change only the date on its own line, so the line reported is the shipped file's
    lines = text.splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if line.strip() == f"- id: {activity['id']}")
    at = next(i for i in range(at, len(lines)) if lines[i].strip().startswith(f"{edge}:"))
    lines[at] = lines[at].replace(activity[edge].isoformat(), outside.isoformat())
    planning.write_text("".join(lines), "utf-8")
    dates = {**activity, edge: outside}
    problem = only_problem(case_dir)
    assert str(problem) == (
        f'planning.yaml:{at + 1} phases[0].activities[{index}].{edge}: activity "{activity["id"]}" runs '
        f'{dates["start"].isoformat()} to {dates["end"].isoformat()}, outside its phase "{phase["name"]}" '
        f'({phase["start"].isoformat()} to {phase["end"].isoformat()})')


def test_date_that_does_not_exist(case_copy: CaseCopy) -> None:
    case_dir = case_copy()
    text = (case_dir / "initiative.yaml").read_text("utf-8")
    (case_dir / "initiative.yaml").write_text(text.replace("date: 2026-11-22", "date: 2026-02-30"), "utf-8")
    problem = only_problem(case_dir)
    assert (problem.field, problem.line) == ("date", 3)
    assert problem.message == '"2026-02-30" is not a real date; write it as YYYY-MM-DD, e.g. 2026-11-22'


@pytest.mark.parametrize(
    ("code", "kind", "expected"),
    [
        ("261", "municipality", '"261" is not an official municipality (kommunekode); Halsnæs Kommune has code "260"'),
        ("1084", "municipality", '"1084" is the code of Region Hovedstaden, which is a region, not a municipality'),
        (None, "municipality", 'is required for a municipality (kommunekode); Halsnæs Kommune has code "260"'),
    ],
)
def test_official_organisation_code(case_copy: CaseCopy, code: str | None, kind: str, expected: str) -> None:
    case_dir = case_copy()

    def change(data: Any) -> None:
        data["kind"] = kind
        if code is None:
            del data["code"]
        else:
            data["code"] = code

    edit_yaml(case_dir / "organisation.yaml", change)
    problem = only_problem(case_dir)
    assert (problem.file, problem.field, problem.message) == ("organisation.yaml", "code", expected)


def test_invalid_email(case_copy: CaseCopy) -> None:
    case_dir = case_copy()
    edit_yaml(case_dir / "actors.yaml", lambda d: d["actors"][0].update(email="helle.halsnaes.dk"))
    problem = only_problem(case_dir)
    assert problem.field == "actors[0].email"
    assert problem.message.startswith('"helle.halsnaes.dk" is not a valid e-mail address')


def test_unknown_key_suggests_the_right_one(case_copy: CaseCopy) -> None:
    case_dir = case_copy()
    edit_yaml(case_dir / "initiative.yaml", lambda d: d.update(backgroud="x"))
    problem = only_problem(case_dir)
    assert problem.field == "backgroud"
    assert 'is not a field docpipe knows; did you mean "background"?' in problem.message


def test_control_character_refused(case_copy: CaseCopy) -> None:
    case_dir = case_copy()
    edit_yaml(case_dir / "initiative.yaml", lambda d: d.update(vision="Halsnæs\x07 i Bevægelse"))
    problem = only_problem(case_dir)
    assert problem.field == "vision"
    assert "U+0007" in problem.message and "position 8" in problem.message


def test_any_other_unicode_accepted(case_copy: CaseCopy) -> None:
    case_dir = case_copy()
    text = 'Æøå & <tag> "citat" \'x\' 🚲\tfane'
    edit_yaml(case_dir / "initiative.yaml", lambda d: d.update(vision=text))
    assert load_case(case_dir).initiative.vision == text


def test_id_must_be_a_slug(case_copy: CaseCopy) -> None:
    case_dir = case_copy()
    edit_yaml(case_dir / "planning.yaml", lambda d: d["phases"][0].update(id="../fase 1"))
    problem = only_problem(case_dir)
    assert problem.field == "phases[0].id"
    assert "is not a valid id" in problem.message


def test_enum_value(case_copy: CaseCopy) -> None:
    case_dir = case_copy()
    edit_yaml(case_dir / "planning.yaml", lambda d: first_activity(d).update(status="færdig"))
    problem = only_problem(case_dir)
    assert problem.message == '"færdig" is not allowed; choose one of: planned, in_progress, done, late'


def test_score_range(case_copy: CaseCopy) -> None:
    case_dir = case_copy()
    edit_yaml(case_dir / "actors.yaml", lambda d: d["actors"][0].update(interest=7))
    assert only_problem(case_dir).message == "7 is out of range (the largest allowed is 5)"


def test_missing_required_field(case_copy: CaseCopy) -> None:
    case_dir = case_copy()
    edit_yaml(case_dir / "initiative.yaml", lambda d: d.pop("title"))
    problem = only_problem(case_dir)
    assert (problem.field, problem.message) == ("title", "is required but missing")


def test_a_document_s_own_budgets_never_refuse_the_case(case_copy: CaseCopy) -> None:
    """The one-pager's length and count budgets are that document's (docpipe.deliverables.one_pager_fit):
    a vision, a list of goals or a partner name too long for its page leaves the case valid."""
    case_dir = case_copy()
    edit_yaml(case_dir / "initiative.yaml", lambda d: d.update(vision="x" * 450, goals=[f"Mål {i}" for i in range(9)]))
    edit_yaml(case_dir / "actors.yaml", lambda d: d["actors"][2].update(organisation="Ø" * 95))
    case = load_case(case_dir)
    assert len(case.initiative.vision) == 450 and len(case.initiative.goals) == 9


def test_logo_must_exist_and_be_an_image(case_copy: CaseCopy) -> None:
    case_dir = case_copy()
    (case_dir / "logo.png").write_text("not a picture")
    assert only_problem(case_dir).message == '"logo.png" is not a PNG or JPEG image'
    (case_dir / "logo.png").unlink()
    assert "does not exist" in only_problem(case_dir).message


def test_a_huge_logo_is_refused_without_reading_it_all(case_copy: CaseCopy) -> None:
    case_dir = case_copy()
    logo = case_dir / "logo.png"
    with logo.open("wb") as stream:  # a sparse 200 MB file: refused after reading 5 MB + 1 byte at most
        stream.write(b"\x89PNG\r\n\x1a\n")
        stream.truncate(200 * 1024 * 1024)
    problem = only_problem(case_dir)
    assert problem.field == "logo" and problem.file.endswith("organisation.yaml") and problem.line
    assert problem.message == ('"logo.png" is 200.0 MB; a logo may be at most 5 MB '
                               "(save it smaller, e.g. 600 pixels wide)")


def test_logo_outside_case_folder(case_copy: CaseCopy) -> None:
    case_dir = case_copy()
    edit_yaml(case_dir / "organisation.yaml", lambda d: d.update(logo="../../etc/passwd"))
    assert "lies outside the case folder" in only_problem(case_dir).message


def test_every_problem_in_one_run_by_file_then_line(case_copy: CaseCopy) -> None:
    case_dir = case_copy()
    edit_yaml(case_dir / "actors.yaml", lambda d: d["actors"][0].update(interest=9))
    edit_yaml(case_dir / "initiative.yaml", lambda d: d["governance"].update(leader="direktoer"))
    edit_yaml(case_dir / "organisation.yaml", lambda d: d.update(colour="#000000"))
    problems = problems_of(case_dir)
    # actors.yaml did not validate, but its ids could be read: the unknown leader is found in the same run
    assert [(p.file, p.field) for p in problems] == [
        ("actors.yaml", "actors[0].interest"), ("initiative.yaml", "governance.leader"),
        ("organisation.yaml", "colour")]
    assert 'unknown actor "direktoer"' in problems[1].message

