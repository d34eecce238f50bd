"""Reading case folders: positions, syntax errors, encodings, JSON, file layout."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import yaml

from docpipe import load_case
from docpipe.sources.yaml import parse_yaml
from tests.conftest import problems_of

CaseCopy = Callable[..., Path]


def test_positions_point_at_keys_and_items() -> None:
    document, problems = parse_yaml("x.yaml", "a: 1\nlist:\n  - id: p\n    name: q\n  - id: r\n")
    assert problems == []
    assert document is not None
    assert document.line_of(("list", 1, "id")) == 5
    assert document.line_of(("list", 0, "name")) == 4
    assert document.line_of(("list", 0, "missing")) == 3  # a missing key points at its parent


def test_yaml_syntax_error_names_the_line(case_copy: CaseCopy) -> None:
    case_dir = case_copy()
    (case_dir / "actors.yaml").write_text("actors:\n  - id: a\n    name: [unclosed\n", "utf-8")
    problem = problems_of(case_dir)[0]
    assert problem.file == "actors.yaml"
    assert isinstance(problem.line, int) and problem.line >= 3
    assert problem.message.startswith("not valid YAML")


def test_duplicate_key_is_reported(case_copy: CaseCopy) -> None:
    case_dir = case_copy()
    text = (case_dir / "initiative.yaml").read_text("utf-8")
    (case_dir / "initiative.yaml").write_text(text + "title: Igen\n", "utf-8")
    problem = problems_of(case_dir)[0]
    assert problem.field == "title"
    assert problem.message.startswith('"title" is given twice; keep one of them (the first is on line 1)')


def test_not_utf8_is_reported_with_line(case_copy: CaseCopy) -> None:
    case_dir = case_copy()
    (case_dir / "organisation.yaml").write_bytes("name: Halsnæs Kommune\nunit: Børn\n".encode("latin-1"))
    problem = problems_of(case_dir)[0]
    assert (problem.file, problem.line) == ("organisation.yaml", 1)
    assert "not saved as UTF-8" in problem.message


def test_utf8_bom_is_accepted(case_copy: CaseCopy) -> None:
    case_dir = case_copy()
    path = case_dir / "organisation.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert load_case(case_dir).organisation.name == "Halsnæs Kommune"


def test_missing_file(case_copy: CaseCopy) -> None:
    case_dir = case_copy()
    (case_dir / "planning.yaml").unlink()
    problem = problems_of(case_dir)[0]
    assert problem.file == "planning.yaml"
    assert problem.message.startswith("missing: the case needs planning.yaml")


def test_yaml_and_json_of_the_same_part(case_copy: CaseCopy) -> None:
    case_dir = case_copy()
    (case_dir / "planning.json").write_text("{}", "utf-8")
    assert "planning.yaml and planning.json both exist" in problems_of(case_dir)[0].message


def test_json_case_gives_the_same_case(case_copy: CaseCopy) -> None:
    case_dir = case_copy()
    from_yaml = load_case(case_dir)
    for name in ("organisation", "initiative", "actors", "planning"):
        data = yaml.safe_load((case_dir / f"{name}.yaml").read_text("utf-8"))
        (case_dir / f"{name}.yaml").unlink()
        (case_dir / f"{name}.json").write_text(json.dumps(data, default=str, ensure_ascii=False, indent=2), "utf-8")
    assert load_case(case_dir) == from_yaml


def test_json_problem_has_a_line(case_copy: CaseCopy) -> None:
    case_dir = case_copy()
    data = yaml.safe_load((case_dir / "actors.yaml").read_text("utf-8"))
    data["actors"][2]["interest"] = 11
    (case_dir / "actors.yaml").unlink()
    (case_dir / "actors.json").write_text(json.dumps(data, ensure_ascii=False, indent=2), "utf-8")
    problem = problems_of(case_dir)[0]
    assert (problem.file, problem.field) == ("actors.json", "actors[2].interest")
    lines = (case_dir / "actors.json").read_text("utf-8").splitlines()
    assert isinstance(problem.line, int) and '"interest": 11' in lines[problem.line - 1]


def test_invalid_json_syntax(case_copy: CaseCopy) -> None:
    case_dir = case_copy()
    (case_dir / "actors.yaml").unlink()
    (case_dir / "actors.json").write_text('{"actors": [\n  {"id": "a",}\n]}', "utf-8")
    problem = problems_of(case_dir)[0]
    assert (problem.file, problem.line) == ("actors.json", 2)
    assert problem.message.startswith("not valid JSON")


def test_actors_file_may_be_a_bare_list(case_copy: CaseCopy) -> None:
    case_dir = case_copy()
    data = yaml.safe_load((case_dir / "actors.yaml").read_text("utf-8"))
    data["actors"][1]["influence"] = 0
    (case_dir / "actors.yaml").write_text(yaml.safe_dump(data["actors"], allow_unicode=True), "utf-8")
    problem = problems_of(case_dir)[0]
    assert problem.field == "actors[1].influence"
    assert problem.line is not None


def test_alias_bomb_is_refused_quickly() -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
    for level in range(1, 9):
        previous = chr(ord("a") + level - 1)
        name = chr(ord("a") + level)
        bomb += f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 10) + "]\n"
    document, problems = parse_yaml("bomb.yaml", bomb)
    assert document is None
    assert "values once its anchors (&name) and aliases (*name) are expanded" in problems[0].message
