"""``docpipe redline CASE --since REV``: OLD read from git, shared folders from the same revision."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from docpipe import RevisionError, redline_since
from docpipe.cli import main
from docpipe.redline.workbook import workbook_changes
from tests.conftest import INPUTS, edit_yaml

CASE = "policy-lab-gribskov"


def _git(where: Path, *arguments: str) -> None:
    subprocess.run(["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", *arguments], cwd=where,
                   check=True, capture_output=True)


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    """A git repository holding inputs/<CASE> and the shared folder it extends, committed once."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    root = tmp_path / "repo"
    shutil.copytree(INPUTS / CASE, root / "inputs" / CASE)
    shutil.copytree(INPUTS / "_shared", root / "inputs" / "_shared")
    _git(root, "init", "-q")
    _git(root, "add", ".")
    _git(root, "commit", "-q", "-m", "sent to the committee")
    return root


def _later_milestone(data: Any) -> None:
    activity = [a for phase in data["phases"] for a in phase["activities"] if a.get("milestone")][-1]
    activity["start"] = activity["end"] = "2027-12-16"  # the last one, so nothing depending on it moves


def test_old_comes_from_the_revision_also_for_the_shared_folder(repository: Path, tmp_path: Path) -> None:
    case = repository / "inputs" / CASE
    edit_yaml(repository / "inputs" / "_shared" / "policy-lab" / "planning.yaml", _later_milestone)
    written = {path.name: path for path in redline_since(case, "HEAD", tmp_path / "out",
                                                        deliverables=["implementeringsplan-xlsx"])}
    assert [row[4] for row in workbook_changes(written["implementeringsplan.xlsx"].read_bytes())
            if row[0] == "Milepæle"] == ["16.12.2027"]


def test_the_command_takes_one_case_with_since(repository: Path, tmp_path: Path) -> None:
    case = repository / "inputs" / CASE
    result = CliRunner().invoke(main, ["--lang", "en", "redline", str(case), "--since", "HEAD", "--out",
                                       str(tmp_path / "out"), "--only", "kommissorium"])
    assert result.exit_code == 0, result.output
    assert sorted(path.name for path in (tmp_path / "out" / CASE).iterdir()) == ["aendringer.docx",
                                                                                  "kommissorium.docx"]


@pytest.mark.parametrize(("revision", "message"), [("no-such-tag", 'git knows no revision "no-such-tag"')])
def test_an_unknown_revision_is_said_plainly(repository: Path, tmp_path: Path, revision: str, message: str) -> None:
    with pytest.raises(RevisionError, match=message):
        redline_since(repository / "inputs" / CASE, revision, tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_a_folder_outside_git_is_said_plainly(tmp_path: Path) -> None:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    shutil.copytree(INPUTS / CASE, tmp_path / "inputs" / CASE)
    result = CliRunner().invoke(main, ["--lang", "en", "redline", str(tmp_path / "inputs" / CASE), "--since",
                                       "HEAD", "--out", str(tmp_path / "out")])
    assert result.exit_code == 1 and "is not in a git repository" in result.stderr


def test_a_case_added_after_the_revision_is_said_plainly(repository: Path, tmp_path: Path) -> None:
    shutil.copytree(repository / "inputs" / CASE, repository / "inputs" / "new-case")
    with pytest.raises(RevisionError, match="did not exist at revision HEAD"):
        redline_since(repository / "inputs" / "new-case", "HEAD", tmp_path / "out")


def test_two_cases_and_since_is_a_usage_error(repository: Path, tmp_path: Path) -> None:
    case = repository / "inputs" / CASE
    result = CliRunner().invoke(main, ["--lang", "en", "redline", str(case), str(case), "--since", "HEAD",
                                       "--out", str(tmp_path / "out")])
    assert result.exit_code == 2 and "give OLD and NEW, or one CASE with --since REV" in result.stderr
