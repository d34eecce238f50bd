"""The example case ``docpipe new`` starts a user from."""

from __future__ import annotations

import shutil
from importlib import resources
from pathlib import Path

EXAMPLE_CASE = "halsnaes-boern-og-unge"


def example_case_dir() -> Path:
    """The example case inside the installed package, or in the repository's inputs/ from a checkout."""
    packaged = Path(str(resources.files("docpipe"))) / "example"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / "inputs" / EXAMPLE_CASE


def create_example_case(target: Path) -> list[Path]:
    """Copy the complete working example into ``target`` (which must not exist or be empty)."""
    if target.exists() and any(target.iterdir()):
        raise FileExistsError(str(target))
    shutil.copytree(example_case_dir(), target, dirs_exist_ok=True)
    return sorted(path for path in target.iterdir() if path.is_file())
