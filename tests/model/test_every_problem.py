"""Every problem in one run (issue 14): structure problems no longer hide cross-reference problems.

A case broken in every file gets all its problems at once, from the Python API, the CLI and an
intake workbook (the web API: tests/web/test_every_problem.py). Each cross-file rule still fires
when other fields of the same or other files are broken, and a value that could not be read causes
no problem beyond its own.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from docpipe import InvalidCase, Problem, load_case
from docpipe.cli import main
from tests.broken_case import FOLDER_PROBLEMS, WORKBOOK_PROBLEMS, broken_folder, broken_workbook
from tests.conftest import edit_yaml, problems_of

CaseCopy = Callable[..., Path]
Change = Callable[[Any], None]


def shown(problems: list[Problem]) -> list[tuple[str, str, str]]:
    return [(problem.location, problem.field, problem.message) for problem in problems]


def test_the_python_api_gives_every_problem_in_one_run(tmp_path: Path) -> None:
    assert shown(problems_of(broken_folder(tmp_path / "sag"))) == FOLDER_PROBLEMS


def test_the_cli_prints_every_problem_in_one_run(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["validate", str(broken_folder(tmp_path / "sag"))])
    assert result.exit_code == 1
    lines = [line.strip() for line in result.stderr.splitlines() if line.startswith("  ")]
    assert lines == [f"{place} {field}: {message}" for place, field, message in FOLDER_PROBLEMS]
    assert f"{len(FOLDER_PROBLEMS)} problems" in result.stderr


def test_an_intake_workbook_gives_every_problem_in_one_run(tmp_path: Path) -> None:
    with pytest.raises(InvalidCase) as caught:
        load_case(broken_workbook(tmp_path / "sag.xlsx"))
    found = shown(caught.value.problems)
    assert [(place, field) for place, field, _ in found] == [(place, field) for place, field, _ in WORKBOOK_PROBLEMS]
    for (_, _, message), (_, _, start) in zip(found, WORKBOOK_PROBLEMS, strict=True):
        assert message.startswith(start), message


def test_problems_are_listed_by_file_then_line(tmp_path: Path) -> None:
    problems = problems_of(broken_folder(tmp_path / "sag"))
    places = [(problem.file, problem.line) for problem in problems]
    assert places == sorted(places, key=lambda place: (place[0], place[1] or 0))


# --- each rule fires with unrelated breakage elsewhere --------------------------------------------


def activity(data: Any, phase: int, index: int) -> dict[str, Any]:
    found: dict[str, Any] = data["phases"][phase]["activities"][index]
    return found


def _cycle(data: Any) -> None:
    first, second = data["phases"][0]["activities"][:2]
    first.update(start=second["start"], end=second["end"], depends_on=[second["id"]])
    first.pop("actual_end", None)  # its finish would now precede its new start: another rule's problem


def _grant_without_amount(data: Any) -> None:
    data["committee"] = {"name": "Børne- og Ungeudvalget", "meeting_date": "2026-12-01",
                         "requests": [{"kind": "grant-funds"}]}


# A rule broken on purpose: (file, change, the field of its one problem, words of the message)
RULES: dict[str, tuple[str, Change, str, str]] = {
    "unknown owner": ("planning.yaml", lambda d: activity(d, 0, 4).update(owner="direktoer"),
                      "phases[0].activities[4].owner", 'unknown actor "direktoer"'),
    "unknown participant": ("planning.yaml", lambda d: activity(d, 1, 1)["participants"].append("direktoer"),
                            "phases[1].activities[1].participants[1]", 'unknown actor "direktoer"'),
    "unknown member": ("initiative.yaml", lambda d: d["governance"]["steering_group"]["members"].append("direktoer"),
                       "governance.steering_group.members[5]", 'unknown actor "direktoer"'),
    "unknown risk owner": ("initiative.yaml", lambda d: d["risks"][1].update(owner="direktoer"), "risks[1].owner",
                           'unknown actor "direktoer"'),
    "unknown leader": ("initiative.yaml", lambda d: d["governance"].update(leader="direktoer"), "governance.leader",
                       'unknown actor "direktoer"'),
    "chair not a member": ("initiative.yaml", lambda d: d["governance"]["steering_group"].update(chair="ole-skov"),
                           "governance.steering_group.chair", 'the chair "ole-skov" must also be listed'),
    "vice-chair is the chair": ("initiative.yaml",
                                lambda d: d["governance"]["steering_group"].update(vice_chair="mikkel-frandsen"),
                                "governance.steering_group.vice_chair", "must be another member than the chair"),
    "no group": ("initiative.yaml", lambda d: d.update(governance={"leader": "lene-dalsgaard"}), "governance",
                 "needs a steering_group or a working_group"),
    "working group lacks rules": ("initiative.yaml", lambda d: d["governance"].pop("steering_group"),
                                  "governance.working_group", "needs chair, secretariat"),
    "grant without amount": ("initiative.yaml", _grant_without_amount, "committee.requests[0].amount",
                             "is required when the committee is asked to grant funds"),
    "end before start": ("planning.yaml", lambda d: activity(d, 0, 1).update(end="2026-10-01"),
                         "phases[0].activities[1].end", "before it starts"),
    "outside its phase": ("planning.yaml", lambda d: activity(d, 0, 0).update(start="2026-09-01"),
                          "phases[0].activities[0].start", "outside its phase"),
    "unknown dependency": ("planning.yaml", lambda d: activity(d, 0, 1).update(depends_on=["nope"]),
                           "phases[0].activities[1].depends_on[0]", 'unknown activity "nope"'),
    "dependency starts later": ("planning.yaml", lambda d: activity(d, 0, 1).update(depends_on=["borgerperspektiver"]),
                                "phases[0].activities[1].depends_on[0]", "which starts later"),
    "cycle": ("planning.yaml", _cycle, "phases[0].activities[0].depends_on", "go round in a circle"),
    "duplicate phase id": ("planning.yaml", lambda d: d["phases"][1].update(id=d["phases"][0]["id"]), "phases[1].id",
                           "is used twice"),
    "duplicate actor id": ("actors.yaml", lambda d: d["actors"][1].update(id="helle-soendergaard"), "actors[1].id",
                           "is used twice"),
    "official code": ("organisation.yaml", lambda d: d.update(code="261"), "code", "is not an official municipality"),
}

# Breakage that has nothing to do with the rules above: (file, change, the fields of its problems)
BREAKAGE: dict[str, tuple[str, Change, tuple[str, ...]]] = {
    "unknown key, organisation": ("organisation.yaml", lambda d: d.update(colour="#000000"), ("colour",)),
    "bad e-mail, organisation": ("organisation.yaml", lambda d: d.update(email="x"), ("email",)),
    "misspelt key, initiative": ("initiative.yaml", lambda d: d.update(titel=d.pop("title")), ("title", "titel")),
    "bad date, initiative": ("initiative.yaml", lambda d: d.update(date="2026-02-30"), ("date",)),
    "bad score, risk": ("initiative.yaml", lambda d: d["risks"][1].update(impact=7), ("risks[1].impact",)),
    "broken actor": ("actors.yaml", lambda d: d["actors"][2].update(interest=9, titel="x"),
                     ("actors[2].interest", "actors[2].titel")),
    "actor without a name": ("actors.yaml", lambda d: d["actors"][5].pop("name"), ("actors[5].name",)),
    "bad status, same activities": ("planning.yaml", lambda d: activity(d, 0, 1).update(status="færdig"),
                                    ("phases[0].activities[1].status",)),
    "unknown key, activity": ("planning.yaml", lambda d: activity(d, 0, 3).update(noter="x"),
                              ("phases[0].activities[3].noter",)),
    "activity without a title": ("planning.yaml", lambda d: activity(d, 1, 0).pop("title"),
                                 ("phases[1].activities[0].title",)),
}


def _break(case_dir: Path, file: str, change: Change) -> None:
    edit_yaml(case_dir / file, change)


@pytest.mark.parametrize("rule", sorted(RULES))
def test_each_rule_fires_with_every_other_file_broken(case_copy: CaseCopy, rule: str) -> None:
    """The rule's problem, and exactly the breakage's own problems besides: nothing hidden, nothing made up."""
    file, change, field, words = RULES[rule]
    case_dir = case_copy()
    expected = {(file, field)}
    for breakage_file, breakage, fields in BREAKAGE.values():
        _break(case_dir, breakage_file, breakage)
        expected |= {(breakage_file, broken) for broken in fields}
    _break(case_dir, file, change)
    problems = problems_of(case_dir)
    assert {(problem.file, problem.field) for problem in problems} == expected, "\n".join(map(str, problems))
    assert len(problems) == len(expected), "\n".join(map(str, problems))
    assert any(problem.field == field and words in problem.message for problem in problems)


@pytest.mark.parametrize("breakage", sorted(BREAKAGE))
@pytest.mark.parametrize("rule", ["unknown owner", "chair not a member", "end before start", "cycle",
                                  "official code", "unknown dependency"])
def test_each_rule_fires_beside_each_breakage(case_copy: CaseCopy, rule: str, breakage: str) -> None:
    file, change, field, words = RULES[rule]
    breakage_file, broken, fields = BREAKAGE[breakage]
    case_dir = case_copy()
    _break(case_dir, breakage_file, broken)
    _break(case_dir, file, change)
    problems = problems_of(case_dir)
    expected = {(file, field)} | {(breakage_file, each) for each in fields}
    assert sorted((problem.file, problem.field) for problem in problems) == sorted(expected), (
        "\n".join(map(str, problems)))
    assert any(problem.field == field and words in problem.message for problem in problems)


# --- a value that could not be read causes no problem of its own ----------------------------------


def _only_fields(case_dir: Path) -> list[str]:
    return [problem.field for problem in problems_of(case_dir)]


def test_a_reference_to_a_bad_activity_id_as_typed_is_not_unknown(case_copy: CaseCopy) -> None:
    """The id is wrong and says so; the activities naming it as typed do not add "unknown activity"."""
    case_dir = case_copy()

    def rename(data: Any) -> None:
        activity(data, 0, 0)["id"] = "opstart møde"
        for each in data["phases"][0]["activities"][1:4]:
            each["depends_on"] = ["opstart møde"]

    edit_yaml(case_dir / "planning.yaml", rename)
    fields = _only_fields(case_dir)
    assert "phases[0].activities[0].id" in fields
    assert all("depends_on" not in field or field.endswith("depends_on[0]") for field in fields)
    assert all("unknown activity" not in problem.message for problem in problems_of(case_dir))


def test_a_reference_to_a_broken_actor_is_not_unknown(case_copy: CaseCopy) -> None:
    """mikkel-frandsen's entry is broken (an unknown key, a missing name); he chairs the steering group,
    owns activities and sits in them: none of that is reported."""
    case_dir = case_copy()
    edit_yaml(case_dir / "actors.yaml", lambda d: d["actors"][2].update(name=None, stilling="x"))
    assert sorted(_only_fields(case_dir)) == ["actors[2].name", "actors[2].stilling"]


def test_an_actor_with_an_invalid_id_still_counts_by_the_id_typed(case_copy: CaseCopy) -> None:
    case_dir = case_copy()
    edit_yaml(case_dir / "actors.yaml", lambda d: d["actors"][1].update(id="Henrik Bjerre"))
    edit_yaml(case_dir / "planning.yaml", lambda d: activity(d, 0, 0)["participants"].append("Henrik Bjerre"))
    assert _only_fields(case_dir) == ["actors[1].id", "phases[0].activities[0].participants[4]"]


@pytest.mark.parametrize("entry", [None, "mikkel-frandsen", ["x"], {"name": "Uden id"}])
def test_an_actor_whose_id_cannot_be_known_makes_no_reference_unknown(case_copy: CaseCopy, entry: Any) -> None:
    """An entry that is not a group of fields, or has no id: any reference might mean it."""
    case_dir = case_copy()
    edit_yaml(case_dir / "actors.yaml", lambda d: d["actors"].__setitem__(2, entry))
    edit_yaml(case_dir / "planning.yaml", lambda d: activity(d, 0, 0).update(owner="direktoer"))
    assert all("unknown actor" not in problem.message for problem in problems_of(case_dir))


def test_an_unreadable_date_gives_no_ordering_problem(case_copy: CaseCopy) -> None:
    case_dir = case_copy()

    def unreadable_dates(data: Any) -> None:
        activity(data, 0, 1)["start"] = "2026-13-01"
        data["phases"][0]["end"] = "snart"

    edit_yaml(case_dir / "planning.yaml", unreadable_dates)
    assert sorted(_only_fields(case_dir)) == ["phases[0].activities[1].start", "phases[0].end"]


def test_an_unreadable_dependency_list_and_phase_are_left_aside(case_copy: CaseCopy) -> None:
    case_dir = case_copy()

    def unreadable_list_and_phase(data: Any) -> None:
        activity(data, 1, 0)["depends_on"] = "policy-lab"
        data["phases"].append("fase 4")

    edit_yaml(case_dir / "planning.yaml", unreadable_list_and_phase)
    assert sorted(_only_fields(case_dir)) == ["phases[1].activities[0].depends_on", "phases[4]"]


def test_an_unreadable_code_is_not_called_missing(case_copy: CaseCopy) -> None:
    case_dir = case_copy()
    edit_yaml(case_dir / "organisation.yaml", lambda d: d.update(code=["260"]))
    assert _only_fields(case_dir) == ["code"]


def test_an_unreadable_steering_group_is_not_called_missing(case_copy: CaseCopy) -> None:
    """A steering group that is there but cannot be read: no "needs a steering_group", no chair or
    member problems, and the working group's missing rules are not asked for."""
    case_dir = case_copy()
    edit_yaml(case_dir / "initiative.yaml", lambda d: d["governance"].update(steering_group="Mikkel og co."))
    assert _only_fields(case_dir) == ["governance.steering_group"]


def test_unreadable_settings_of_a_working_group_are_not_called_missing(case_copy: CaseCopy) -> None:
    case_dir = case_copy()

    def only_working_group(data: Any) -> None:
        steering = data["governance"].pop("steering_group")
        steering.pop("name", None)  # a steering group's name is not a working group's
        data["governance"]["working_group"].update({**steering, "notice_days": 400, "chair": "sofie-lindberg"})
        data["governance"]["working_group"]["members"].append("sofie-lindberg")

    edit_yaml(case_dir / "initiative.yaml", only_working_group)
    assert _only_fields(case_dir) == ["governance.working_group.notice_days"]


def test_an_unreadable_amount_of_a_grant_is_not_called_missing(case_copy: CaseCopy) -> None:
    case_dir = case_copy()
    edit_yaml(case_dir / "initiative.yaml", lambda d: d.update(committee={
        "name": "Børne- og Ungeudvalget", "meeting_date": "2026-12-01",
        "requests": [{"kind": "grant-funds", "amount": "mange penge"}]}))
    assert _only_fields(case_dir) == ["committee.requests[0].amount"]


def test_a_bad_member_does_not_make_the_chair_a_non_member(case_copy: CaseCopy) -> None:
    """The chair listed among the members with a wrong character: the member's id is the problem."""
    case_dir = case_copy()
    edit_yaml(case_dir / "initiative.yaml",
              lambda d: d["governance"]["steering_group"]["members"].__setitem__(0, "mikkel frandsen"))
    assert _only_fields(case_dir) == ["governance.steering_group.members[0]"]
