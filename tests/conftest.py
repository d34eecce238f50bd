"""Shared fixtures: the shipped cases, a writable copy of one, and the --update-golden switch."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import settings

from docpipe import InvalidCase, Problem, load_case
from docpipe.i18n import set_language


@pytest.fixture(autouse=True)
def english_messages() -> Iterator[None]:
    """Every test starts with English messages, whatever the machine's locale, and a test whose CLI
    call chose Danish (``--lang da``) does not leave the process Danish for the next test."""
    set_language("en")
    yield
    set_language("en")

settings.register_profile("repeatable", derandomize=True, database=None)
settings.register_profile("explore", max_examples=5000, deadline=None)
settings.load_profile("repeatable")
"""The suite's property tests draw the same examples on every run, so CI on a clean clone gives the
verdict the author saw; hunting for new counterexamples is a deliberate run:
``pytest --hypothesis-profile=explore tests/sources``. A counterexample found that way becomes an
explicit example in the test."""

REPO = Path(__file__).resolve().parents[1]
INPUTS = REPO / "inputs"
SHIPPED_CASES = sorted(path.name for path in INPUTS.iterdir() if path.is_dir() and not path.name.startswith("_"))


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", default=False,
                     help="rewrite tests/golden/ from the current output (review the diff before committing)")


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture
def case_copy(tmp_path: Path) -> Callable[[str], Path]:
    """A writable copy of a shipped case, to break on purpose."""

    def copy(name: str = "halsnaes-boern-og-unge") -> Path:
        target = tmp_path / name
        shutil.copytree(INPUTS / name, target)
        return target

    return copy


def problems_of(case_dir: Path) -> list[Problem]:
    """Every problem load_case reports for ``case_dir`` (which must be invalid)."""
    with pytest.raises(InvalidCase) as caught:
        load_case(case_dir)
    return caught.value.problems


def only_problem(case_dir: Path) -> Problem:
    """The one problem of ``case_dir``; the assertion lists them all when there are more."""
    problems = problems_of(case_dir)
    assert len(problems) == 1, "\n".join(map(str, problems))
    return problems[0]


def edit_yaml(path: Path, change: Callable[[Any], None]) -> None:
    """Load a YAML file, let ``change`` mutate the data, write it back."""
    data = yaml.safe_load(path.read_text("utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
