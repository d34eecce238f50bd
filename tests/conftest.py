"""Shared fixtures: the shipped cases, a writable copy of one, and the --update-golden switch."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

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


def edit_yaml(path: Path, change: Callable[[Any], None]) -> None:
    """Load a YAML file, let ``change`` mutate the data, write it back."""
    data = yaml.safe_load(path.read_text("utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
