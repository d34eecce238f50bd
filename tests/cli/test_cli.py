"""The docpipe command: exit codes, what is written, what is printed."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from click.testing import CliRunner

from docpipe import __version__, load_case
from docpipe.cli import main
from docpipe.deliverables.registry import select
from tests.conftest import edit_yaml

CaseCopy = Callable[..., Path]


def run(*args: str | Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, [str(arg) for arg in args])
    return result.exit_code, result.stdout, result.stderr


def test_version() -> None:
    code, out, _ = run("--version")
    assert code == 0 and __version__ in out


def test_validate_valid_case(case_copy: CaseCopy) -> None:
    code, out, _ = run("validate", case_copy())
    assert code == 0 and "valid" in out


def test_validate_invalid_case_lists_every_problem(case_copy: CaseCopy) -> None:
    case_dir = case_copy()
    edit_yaml(case_dir / "planning.yaml", lambda d: d["phases"][0]["activities"][0].update(owner="direktoer"))
    edit_yaml(case_dir / "organisation.yaml", lambda d: d.update(email="x"))
    code, _, err = run("validate", case_dir)
    assert code == 1
    assert "2 problems" in err
    assert "planning.yaml:" in err and 'phases[0].activities[0].owner: unknown actor "direktoer"' in err
    assert "organisation.yaml:6 email" in err
    assert "Traceback" not in err


def test_render_writes_every_deliverable(case_copy: CaseCopy, tmp_path: Path) -> None:
    out = tmp_path / "out"
    code, out_text, _ = run("render", case_copy(), "--out", out)
    assert code == 0, out_text
    written = sorted(path.name for path in (out / "halsnaes-boern-og-unge").iterdir())
    assert written == sorted(d.file_name for d in select(None))


def test_render_only(case_copy: CaseCopy, tmp_path: Path) -> None:
    code, _, _ = run("render", case_copy(), "--out", tmp_path / "out", "--only", "kommissorium")
    assert code == 0
    assert [p.name for p in (tmp_path / "out" / "halsnaes-boern-og-unge").iterdir()] == ["kommissorium.docx"]


def test_render_unknown_deliverable_is_usage_error(case_copy: CaseCopy, tmp_path: Path) -> None:
    code, _, err = run("render", case_copy(), "--out", tmp_path, "--only", "referat")
    assert code == 2 and "unknown deliverable referat" in err


def test_render_invalid_case_writes_nothing(case_copy: CaseCopy, tmp_path: Path) -> None:
    case_dir = case_copy()
    edit_yaml(case_dir / "initiative.yaml", lambda d: d.update(status="halvfærdig"))
    out = tmp_path / "out"
    code, _, err = run("render", case_dir, "--out", out)
    assert code == 1 and "nothing was written" in err
    assert not out.exists() or not any(out.rglob("*"))


def test_render_several_cases_one_bad(case_copy: CaseCopy, tmp_path: Path) -> None:
    good, bad = case_copy("region-sjaelland-sundhed"), case_copy()
    edit_yaml(bad / "initiative.yaml", lambda d: d.update(status="halvfærdig"))
    out = tmp_path / "out"
    code, _, _ = run("render", bad, good, "--out", out, "--only", "kommissorium")
    assert code == 1
    assert (out / "region-sjaelland-sundhed" / "kommissorium.docx").is_file()
    assert not (out / "halsnaes-boern-og-unge").exists()


def test_missing_out_is_usage_error(case_copy: CaseCopy) -> None:
    code, _, _ = run("render", case_copy())
    assert code == 2


def test_schema_is_json_schema() -> None:
    code, out, _ = run("schema")
    schema = json.loads(out)
    assert code == 0
    assert set(schema["properties"]) == {"organisation", "initiative", "actors", "planning"}
    assert "Initiative" in schema["$defs"]
    code, out, _ = run("schema", "--part", "planning")
    assert code == 0 and json.loads(out)["title"] == "docpipe planning.yaml"


def test_new_creates_a_valid_case(tmp_path: Path) -> None:
    target = tmp_path / "my-case"
    code, out, _ = run("new", target)
    assert code == 0 and "created" in out
    assert load_case(target).organisation.name == "Halsnæs Kommune"
    code, _, err = run("new", target)
    assert code == 2 and "already exists" in err


def test_help_has_examples() -> None:
    code, out, _ = run("render", "--help")
    assert code == 0 and "docpipe render inputs/halsnaes-boern-og-unge --out outputs" in out


def test_schema_accepts_the_shipped_cases() -> None:
    """The published schema agrees with the validator on real input (editors rely on it)."""
    import jsonschema  # type: ignore[import-untyped]  # no stubs in the test extra
    import yaml

    from tests.conftest import INPUTS, SHIPPED_CASES

    _, out, _ = run("schema")
    validator = jsonschema.Draft202012Validator(json.loads(out))
    plain_cases = [case for case in SHIPPED_CASES
                   if "extends" not in (INPUTS / case / "initiative.yaml").read_text("utf-8")]
    assert len(plain_cases) >= 3
    for case in plain_cases:  # a case that extends a shared folder holds only its differences
        data = {part: json.loads(json.dumps(yaml.safe_load((INPUTS / case / f"{part}.yaml").read_text("utf-8")),
                                            default=str))
                for part in ("organisation", "initiative", "actors", "planning")}
        errors = [error.message for error in validator.iter_errors(data)]
        assert errors == [], f"{case}: {errors[:3]}"
    data["initiative"]["titel"] = "x"
    assert any("titel" in error.message for error in validator.iter_errors(data))
