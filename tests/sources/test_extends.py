"""``extends``: a case built on a shared folder. Merge rules, chains, refused paths, and problems
that name the file (shared or local) and line holding the bad value."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from docpipe import case_warnings, load_case
from docpipe.model import Case
from docpipe.sources import read_case_folder
from docpipe.sources.extends import MAX_SHARED_FOLDERS
from tests.conftest import INPUTS, SHIPPED_CASES, only_problem, problems_of

HALSNAES = INPUTS / "halsnaes-boern-og-unge"
SHARED = "_shared/programme"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    return path


def dump(data: Any) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def read(path: Path) -> Any:
    return yaml.safe_load(path.read_text("utf-8"))


def line_with(path: Path, needle: str) -> int:
    """1-based number of the first line of ``path`` holding ``needle``."""
    for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {path}")


@pytest.fixture
def batch(tmp_path: Path) -> Path:
    """batch/_shared/programme holds Halsnæs's initiative, actors and planning; batch/kommune its
    organisation and logo and an initiative.yaml that extends the shared folder."""
    root = tmp_path / "batch"
    shared = root / SHARED
    shared.mkdir(parents=True)
    for name in ("initiative.yaml", "actors.yaml", "planning.yaml"):
        shutil.copy(HALSNAES / name, shared / name)
    case = root / "kommune"
    case.mkdir()
    for name in ("organisation.yaml", "logo.png"):
        shutil.copy(HALSNAES / name, case / name)
    write(case / "initiative.yaml", "extends: ../_shared/programme\n")
    return root


def case_dir(batch: Path) -> Path:
    return batch / "kommune"


# --- merge rules ------------------------------------------------------------------------------


def test_a_case_of_only_extends_is_the_shared_case(batch: Path) -> None:
    case = load_case(case_dir(batch))
    plain = load_case(HALSNAES)
    assert case.initiative == plain.initiative and case.planning == plain.planning and case.actors == plain.actors
    assert case.organisation == plain.organisation and case.logo == plain.logo
    assert case.name == "kommune"


def test_mappings_merge_key_by_key(batch: Path) -> None:
    write(case_dir(batch) / "initiative.yaml", "extends: ../_shared/programme\n"
          "governance:\n  steering_group:\n    meeting_frequency: Hver 4. uge\n"
          "budget:\n  financing: Lokal finansiering.\n")
    initiative = load_case(case_dir(batch)).initiative
    shared = load_case(HALSNAES).initiative
    group, shared_group = initiative.governance.steering_group, shared.governance.steering_group
    assert group is not None and shared_group is not None
    assert group.meeting_frequency == "Hver 4. uge"
    assert group.model_copy(update={"meeting_frequency": shared_group.meeting_frequency}) == shared_group
    assert initiative.governance.working_group == shared.governance.working_group
    assert initiative.budget is not None and shared.budget is not None
    assert (initiative.budget.financing, initiative.budget.lines) == ("Lokal finansiering.", shared.budget.lines)


def test_lists_and_texts_replace(batch: Path) -> None:
    write(case_dir(batch) / "initiative.yaml", "extends: ../_shared/programme\ntitle: Lokal titel\n"
          "goals:\n  - Et lokalt mål\n"
          "governance:\n  steering_group:\n    members: [mikkel-frandsen, lene-dalsgaard]\n")
    initiative = load_case(case_dir(batch)).initiative
    assert initiative.title == "Lokal titel"
    assert initiative.goals == ["Et lokalt mål"]
    group = initiative.governance.steering_group
    assert group is not None and group.members == ["mikkel-frandsen", "lene-dalsgaard"]
    assert len(initiative.success_criteria) == 4  # untouched lists stay the shared ones


def test_null_removes_an_inherited_value(batch: Path) -> None:
    write(case_dir(batch) / "initiative.yaml", "extends: ../_shared/programme\nbudget: null\n")
    assert load_case(case_dir(batch)).initiative.budget is None


def test_a_part_only_in_the_case_or_only_in_the_shared_folder(batch: Path) -> None:
    """organisation.yaml only in the case, planning.yaml only in the shared folder, actors in both."""
    actors = read(HALSNAES / "actors.yaml")
    actors["actors"].reverse()  # the case's list replaces the shared one as a whole
    actors["actors"][0]["title"] = "Lokal titel"
    write(case_dir(batch) / "actors.yaml", dump(actors))
    case = load_case(case_dir(batch))
    assert case.organisation.name == "Halsnæs Kommune"
    assert case.planning == load_case(HALSNAES).planning
    assert [actor.id for actor in case.actors] == [actor["id"] for actor in actors["actors"]]
    assert case.actors[0].title == "Lokal titel"


def test_a_bare_actor_list_merges_with_an_actors_mapping(batch: Path) -> None:
    actors = read(HALSNAES / "actors.yaml")["actors"]
    write(batch / SHARED / "actors.yaml", dump(actors))  # bare list in the shared folder
    write(case_dir(batch) / "actors.yaml", dump({"actors": actors[::-1]}))
    assert [actor.id for actor in load_case(case_dir(batch)).actors] == [actor["id"] for actor in actors[::-1]]
    (case_dir(batch) / "actors.yaml").unlink()
    assert [actor.id for actor in load_case(case_dir(batch)).actors] == [actor["id"] for actor in actors]


def test_a_json_case_extends_too(batch: Path) -> None:
    (case_dir(batch) / "initiative.yaml").unlink()
    write(case_dir(batch) / "initiative.json", json.dumps({"extends": "../_shared/programme", "title": "JSON"}))
    assert load_case(case_dir(batch)).initiative.title == "JSON"


def test_a_chain_of_two_shared_folders(batch: Path) -> None:
    """kommune -> _shared/programme -> _shared/base: the most specific value wins at every level."""
    base = batch / "_shared" / "base"
    base.mkdir()
    (batch / SHARED / "planning.yaml").rename(base / "planning.yaml")
    initiative = read(batch / SHARED / "initiative.yaml")
    write(base / "initiative.yaml", dump({**initiative, "title": "Basis", "version": "0.1"}))
    write(batch / SHARED / "initiative.yaml", "extends: ../base\ntitle: Programme\n"
          "governance:\n  steering_group:\n    notice_days: 7\n")
    write(case_dir(batch) / "initiative.yaml", "extends: ../_shared/programme\nversion: '2.0'\n"
          "governance:\n  steering_group:\n    minutes_within_days: 3\n")
    case = load_case(case_dir(batch))
    group = case.initiative.governance.steering_group
    assert group is not None
    assert (case.initiative.title, case.initiative.version) == ("Programme", "2.0")
    assert (group.notice_days, group.minutes_within_days, group.quorum) == (7, 3, initiative["governance"]
                                                                            ["steering_group"]["quorum"])
    assert case.planning == load_case(HALSNAES).planning
    sources = read_case_folder(case_dir(batch))
    assert sources.shared_folders == [(batch / SHARED).resolve(), base.resolve()]


# --- refused chains and paths -------------------------------------------------------------------


def test_a_loop_is_refused(batch: Path) -> None:
    other = batch / "_shared" / "other"
    write(other / "initiative.yaml", "extends: ../programme\n")
    text = (batch / SHARED / "initiative.yaml").read_text("utf-8")
    write(batch / SHARED / "initiative.yaml", "title: Programme\nextends: ../other\n" + text.split("\n", 1)[1])
    problem = only_problem(case_dir(batch))
    assert (problem.file, problem.line, problem.field) == ("_shared/other/initiative.yaml", 1, "extends")
    assert problem.message == ('"../programme" leads back to _shared/programme, which this case already extends '
                               "(kommune -> _shared/programme -> _shared/other -> _shared/programme): a loop; "
                               "remove one of the extends")


def test_a_case_extending_itself_is_a_loop(batch: Path) -> None:
    write(case_dir(batch) / "initiative.yaml", "title: x\nextends: .\n")
    problem = only_problem(case_dir(batch))
    assert (problem.file, problem.line, problem.field) == ("initiative.yaml", 2, "extends")
    assert "leads back to kommune" in problem.message


def test_the_chain_is_capped(batch: Path) -> None:
    for number in range(MAX_SHARED_FOLDERS + 1):
        write(batch / "_shared" / f"level{number}" / "initiative.yaml", f"extends: ../level{number + 1}\n")
    write(batch / SHARED / "initiative.yaml", "extends: ../level0\n")
    problem = only_problem(case_dir(batch))
    assert (problem.file, problem.line, problem.field) == (f"_shared/level{MAX_SHARED_FOLDERS - 2}/initiative.yaml",
                                                           1, "extends")
    assert problem.message.startswith(f"a case may extend a chain of at most {MAX_SHARED_FOLDERS} shared folders")


@pytest.mark.parametrize(("value", "message"), [
    ("../_shared/programm", '"../_shared/programm" does not exist; folders in _shared: programme'),
    ("../_shraed/programme", '"../_shraed/programme" does not exist (_shraed does not exist either)'),
    ("/etc", '"/etc" is an absolute path; write the shared folder\'s path relative to this file\'s folder, e.g. '
             '"../_shared/policy-lab"'),
    ("'C:\\delt\\programme'", '"C:\\delt\\programme" is an absolute path; write the shared folder\'s path '
                                 'relative to this file\'s folder, e.g. "../_shared/policy-lab"'),
    ("../../elsewhere", '"../../elsewhere" leads outside the folder that holds the case folders (batch); a shared '
                        'folder must sit inside it, beside the cases, e.g. "../_shared/policy-lab"'),
    ("..", '".." names the folder that holds the case folders itself; a shared folder must sit inside it, beside '
           'the cases, e.g. "../_shared/policy-lab"'),
    ("../_shared/programme/initiative.yaml", '"../_shared/programme/initiative.yaml" is a file; extends names the '
                                             'folder that holds the shared files, e.g. "../_shared/policy-lab"'),
    ("[a, b]", 'must be the path of a shared folder, relative to this file\'s folder, e.g. "../_shared/policy-lab"'),
    ('""', 'is empty; write the path of the shared folder, e.g. "../_shared/policy-lab", or remove the line'),
    ("../_shared", '"../_shared" holds none of organisation, initiative, actors, planning (.yaml, .yml or .json) and '
                   "no templates/ folder; is it the right folder?"),
])
def test_a_bad_extends_names_file_line_and_field(batch: Path, value: str, message: str) -> None:
    write(case_dir(batch) / "initiative.yaml", f"# a comment\ntitle: Lokal\nextends: {value}\n")
    problem = only_problem(case_dir(batch))  # the parts it would have inherited are not reported missing
    assert (problem.file, problem.line, problem.field, problem.message) == ("initiative.yaml", 3, "extends", message)


def test_a_link_out_of_the_batch_is_refused(batch: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    shutil.copytree(batch / SHARED, outside)
    try:
        (batch / "_shared" / "link").symlink_to(outside, target_is_directory=True)
    except OSError:
        pytest.skip("symbolic links are not available")
    write(case_dir(batch) / "initiative.yaml", "extends: ../_shared/link\n")
    assert only_problem(case_dir(batch)).message.startswith('"../_shared/link" leads outside the folder that holds')


def test_a_part_missing_everywhere(batch: Path) -> None:
    (batch / SHARED / "planning.yaml").unlink()
    problem = only_problem(case_dir(batch))
    assert (problem.file, problem.line) == ("planning.yaml", None)
    assert problem.message == (f"missing: the case needs planning.yaml (or planning.json) in {case_dir(batch)} or in "
                               "the shared folder it extends (_shared/programme)")


def test_a_plain_case_still_needs_every_part(tmp_path: Path) -> None:
    case = tmp_path / "plain"
    shutil.copytree(HALSNAES, case)
    (case / "planning.yaml").unlink()
    assert only_problem(case).message == f"missing: the case needs planning.yaml (or planning.json) in {case}"
    sources = read_case_folder(HALSNAES)
    assert sources.shared_folders == [] and all(not document.origins for document in sources.documents.values())


# --- where problems point -------------------------------------------------------------------------


def test_a_bad_value_in_the_shared_file_names_the_shared_file(batch: Path) -> None:
    path = batch / SHARED / "initiative.yaml"
    path.write_text(path.read_text("utf-8").replace("notice_days: 10", "notice_days: ti"), "utf-8")
    problem = only_problem(case_dir(batch))
    assert (problem.file, problem.line, problem.field) == (f"{SHARED}/initiative.yaml",
                                                           line_with(path, "notice_days: ti"),
                                                           "governance.steering_group.notice_days")


def test_a_bad_value_in_the_local_override_names_the_local_file(batch: Path) -> None:
    write(case_dir(batch) / "initiative.yaml", "extends: ../_shared/programme\n"
          "governance:\n  steering_group:\n    notice_days: ti\n")
    problem = only_problem(case_dir(batch))
    assert (problem.file, problem.line, problem.field) == ("initiative.yaml", 4,
                                                           "governance.steering_group.notice_days")


def test_rule_violations_name_the_file_of_the_value(batch: Path) -> None:
    """An unknown actor in the shared plan, and one in the local initiative, each in its own file."""
    planning = batch / SHARED / "planning.yaml"
    planning.write_text(planning.read_text("utf-8").replace("owner: thomas-brink", "owner: direktoer", 1), "utf-8")
    write(case_dir(batch) / "initiative.yaml", "extends: ../_shared/programme\n"
          "governance:\n  leader: borgmester\n")
    problems = problems_of(case_dir(batch))
    assert [(problem.file, problem.line, problem.field) for problem in problems] == [
        ("initiative.yaml", 3, "governance.leader"),
        (f"{SHARED}/planning.yaml", line_with(planning, "owner: direktoer"), "phases[0].activities[1].owner"),
    ]
    assert problems[1].message.startswith('unknown actor "direktoer"')


def test_an_unknown_key_in_the_case_is_named_there(batch: Path) -> None:
    write(case_dir(batch) / "initiative.yaml", "extends: ../_shared/programme\ntitel: Lokal\n")
    problem = only_problem(case_dir(batch))
    assert (problem.file, problem.line, problem.field) == ("initiative.yaml", 2, "titel")
    assert 'did you mean "title"' in problem.message


def test_a_too_long_shared_text_is_named_in_the_shared_file(batch: Path) -> None:
    shared = batch / SHARED / "initiative.yaml"
    data = read(shared)
    data["goals"][1] = "x" * 200
    write(shared, dump(data))
    [problem] = [w for w in case_warnings(load_case(case_dir(batch))) if w.document]  # a warning, not a problem
    assert (problem.file, problem.line, problem.field) == (f"{SHARED}/initiative.yaml", line_with(shared, "x" * 200),
                                                           "goals[1]")
    assert problem.document == "one-pager"
    write(case_dir(batch) / "initiative.yaml", "extends: ../_shared/programme\ngoals: [Kort mål]\n")
    load_case(case_dir(batch))  # the local list replaces the one holding the long text


def test_a_missing_required_field_points_at_the_deepest_parent(batch: Path) -> None:
    """quorum missing in the shared steering group: the merged group is placed in the case's file,
    which also holds steering_group; without a local steering_group it is the shared file's."""
    shared = batch / SHARED / "initiative.yaml"
    data = read(shared)
    del data["governance"]["steering_group"]["quorum"]
    write(shared, dump(data))
    problem = only_problem(case_dir(batch))
    assert (problem.file, problem.line, problem.field) == (f"{SHARED}/initiative.yaml",
                                                           line_with(shared, "steering_group:"),
                                                           "governance.steering_group.quorum")
    write(case_dir(batch) / "initiative.yaml", "extends: ../_shared/programme\ngovernance:\n"
          "  steering_group:\n    notice_days: 7\n")
    problem = only_problem(case_dir(batch))
    assert (problem.file, problem.line) == ("initiative.yaml", 3)


def test_an_unreadable_shared_file_is_named(batch: Path) -> None:
    write(batch / SHARED / "planning.yaml", "phases:\n  - id: [unclosed\n")
    problem = only_problem(case_dir(batch))
    assert problem.file == f"{SHARED}/planning.yaml" and problem.message.startswith("not valid YAML")


# --- logo and templates ---------------------------------------------------------------------------


def test_the_logo_is_found_beside_the_file_that_names_it(batch: Path) -> None:
    """organisation.yaml (with logo: logo.png) in the shared folder: the logo is the shared one."""
    shutil.copy(case_dir(batch) / "organisation.yaml", batch / SHARED / "organisation.yaml")
    shutil.copy(INPUTS / "region-sjaelland-sundhed" / "logo.png", batch / SHARED / "logo.png")
    write(case_dir(batch) / "organisation.yaml", "unit: Lokal enhed\n")
    case = load_case(case_dir(batch))
    assert case.organisation.unit == "Lokal enhed"
    assert case.logo == (batch / SHARED / "logo.png").read_bytes() != (case_dir(batch) / "logo.png").read_bytes()
    (batch / SHARED / "logo.png").unlink()  # the case's own logo.png does not stand in for it
    problem = only_problem(case_dir(batch))
    assert (problem.file, problem.field) == (f"{SHARED}/organisation.yaml", "logo")
    assert problem.message == f'"logo.png" does not exist in {(batch / SHARED).resolve()}'
    write(case_dir(batch) / "organisation.yaml", "logo: logo.png\n")  # set locally: the case's logo
    assert load_case(case_dir(batch)).logo == (case_dir(batch) / "logo.png").read_bytes()


def test_a_shared_logo_must_lie_inside_its_folder(batch: Path) -> None:
    organisation = read(case_dir(batch) / "organisation.yaml")
    write(batch / SHARED / "organisation.yaml", dump({**organisation, "logo": "../../kommune/logo.png"}))
    (case_dir(batch) / "organisation.yaml").unlink()
    problem = only_problem(case_dir(batch))
    assert (problem.file, problem.field) == (f"{SHARED}/organisation.yaml", "logo")
    assert problem.message == ('"../../kommune/logo.png" lies outside its folder _shared/programme; put the logo '
                               "inside it")


def test_a_shared_logo_that_is_a_link_out_of_its_folder_is_refused(batch: Path) -> None:
    organisation = read(case_dir(batch) / "organisation.yaml")
    write(batch / SHARED / "organisation.yaml", dump(organisation))
    (case_dir(batch) / "organisation.yaml").unlink()
    try:
        (batch / SHARED / "logo.png").symlink_to(case_dir(batch) / "logo.png")
    except OSError:
        pytest.skip("symbolic links are not available")
    assert "lies outside its folder _shared/programme" in only_problem(case_dir(batch)).message


def test_template_dirs_most_specific_first(batch: Path) -> None:
    assert load_case(case_dir(batch)).template_dirs == ()
    base = batch / "_shared" / "base"
    (base / "templates").mkdir(parents=True)
    write(batch / SHARED / "initiative.yaml", "extends: ../base\n" + (HALSNAES / "initiative.yaml").read_text("utf-8"))
    assert load_case(case_dir(batch)).template_dirs == ((base / "templates").resolve(),)
    (batch / SHARED / "templates").mkdir()
    (case_dir(batch) / "templates").mkdir()
    assert load_case(case_dir(batch)).template_dirs == tuple(
        path.resolve() for path in (case_dir(batch) / "templates", batch / SHARED / "templates", base / "templates"))


def test_a_plain_case_with_its_own_templates(tmp_path: Path) -> None:
    case = tmp_path / "plain"
    shutil.copytree(HALSNAES, case)
    (case / "templates").mkdir()
    assert load_case(case).template_dirs == ((case / "templates").resolve(),)


# --- the shipped examples ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", SHIPPED_CASES)
def test_every_shipped_case_loads(name: str) -> None:
    assert isinstance(load_case(INPUTS / name), Case)


def test_the_shipped_policy_lab_batch_extends_the_shared_programme() -> None:
    cases = [name for name in SHIPPED_CASES if name.startswith("policy-lab-")]
    assert len(cases) >= 5
    shared = (INPUTS / "_shared" / "policy-lab").resolve()
    codes = set()
    for name in cases:
        sources = read_case_folder(INPUTS / name)
        assert sources.problems == [] and sources.shared_folders == [shared]
        codes.add(load_case(INPUTS / name).organisation.code)
    assert len(codes) == len(cases)
    assert load_case(INPUTS / "policy-lab-gribskov").logo == (INPUTS / "policy-lab-gribskov" / "logo.png").read_bytes()
