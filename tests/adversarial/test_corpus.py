"""The adversarial corpus: hostile inputs on disk, each with the exact problems it must produce.

Every folder in ``cases/`` describes one case as a change to ``inputs/halsnaes-boern-og-unge``:

- the files in it replace the shipped ones; a part file replaces the shipped file of the same part
  whatever its extension (``actors.json`` takes the place of ``actors.yaml``);
- ``expected.txt`` holds the problems, one ``str(problem)`` a line, in order, with ``{case}`` for
  the case folder's path; an empty file means the case must load;
- ``setup.json`` (optional) makes what cannot sit in the repository: ``generate`` maps a file name
  to ``[text, times]`` pieces joined into it (a 6 MB file, 10,000 brackets), ``symlink`` maps a
  name to a link target relative to the case folder (created, as a copy of the shipped file of that
  name, when it does not exist), ``xfail`` gives the reason the case is known to fail still.

Each case must also be decided with bounded work and memory: a hostile file may not stall the
loader or fill the memory. Both are counted (calls, traced memory), never timed.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from docpipe import InvalidCase, load_case
from docpipe.sources.folder import EXTENSIONS, PARTS
from tests.conftest import INPUTS
from tests.work import measured

CORPUS = Path(__file__).parent / "cases"
BASE = INPUTS / "halsnaes-boern-og-unge"
CONTROL_FILES = {"expected.txt", "setup.json"}
# Loading the shipped case takes about 3 500 Python calls and 6 MB at its peak (a file is read up to
# its 5 MB limit + 1 byte); the alias bomb, the costliest entry, about 200 000 calls: each way of
# reading it stops after MAX_NODES values. Expanding the bomb would take billions.
CALLS = 1_000_000
MEGABYTES = 32


def _setup(entry: Path) -> dict[str, Any]:
    path = entry / "setup.json"
    loaded: dict[str, Any] = json.loads(path.read_text("utf-8")) if path.exists() else {}
    return loaded


def _params() -> list[Any]:
    params = []
    for entry in sorted(path for path in CORPUS.iterdir() if path.is_dir()):
        reason = _setup(entry).get("xfail")
        marks = [pytest.mark.xfail(reason=reason, strict=True)] if reason else []
        params.append(pytest.param(entry, id=entry.name, marks=marks))
    return params


def build_case(entry: Path, target: Path) -> Path:
    """The shipped case with the entry's files laid over it, in ``target``."""
    case = target / entry.name
    shutil.copytree(BASE, case)
    setup = _setup(entry)
    overlays = {path.name: path.read_bytes() for path in entry.iterdir() if path.name not in CONTROL_FILES}
    for name, pieces in setup.get("generate", {}).items():
        overlays[name] = "".join(text * times for text, times in pieces).encode("utf-8")
    for name in [*overlays, *setup.get("symlink", {})]:
        _remove_part(case, name)
    for name, data in overlays.items():
        (case / name).write_bytes(data)
    for name, link in setup.get("symlink", {}).items():
        _make_link(case, name, link)
    return case


def _remove_part(case: Path, name: str) -> None:
    """Make room for ``name``: the shipped file of the same part (any extension), or of the same name."""
    stem, dot, _ = name.partition(".")
    names = [stem + ext for ext in EXTENSIONS] if stem in PARTS and dot else [name]
    for other in names:
        (case / other).unlink(missing_ok=True)


def _make_link(case: Path, name: str, link: str) -> None:
    target = case / link
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        shipped = BASE / name
        target.write_bytes(shipped.read_bytes() if shipped.exists() else b"")
    try:
        (case / name).symlink_to(link)
    except OSError:
        pytest.skip("cannot make symbolic links here")


def expected_lines(entry: Path, case: Path) -> list[str]:
    text = (entry / "expected.txt").read_text("utf-8")
    return [line.replace("{case}", str(case)) for line in text.splitlines() if line]


def problems_of(case: Path) -> list[str]:
    try:
        load_case(case)
    except InvalidCase as error:
        return [str(problem) for problem in error.problems]
    return []


@pytest.mark.parametrize("entry", _params())
def test_hostile_input(entry: Path, tmp_path: Path) -> None:
    case = build_case(entry, tmp_path)
    with measured() as cost:
        problems = problems_of(case)
    assert problems == expected_lines(entry, case)
    assert cost.calls < CALLS, f"{cost.calls} calls"
    assert cost.peak_megabytes < MEGABYTES, f"peak {cost.peak_megabytes:.0f} MB"


def test_every_entry_says_what_it_expects() -> None:
    entries = [path for path in CORPUS.iterdir() if path.is_dir()]
    assert len(entries) >= 30
    for entry in entries:
        assert (entry / "expected.txt").is_file(), f"{entry.name} has no expected.txt"
