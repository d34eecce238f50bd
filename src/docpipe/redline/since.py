"""``docpipe redline CASE --since REV``: OLD is the case folder as git kept it at revision REV.

A secretariat that keeps its case folders in git need not copy the folder before each meeting: the
version sent last time is a commit. The folder that holds the case (``inputs/`` for
``inputs/halsnaes``) is taken out of that commit into a temporary folder, so the shared folders a
case ``extends`` (which must lie in that folder) come from the same revision as the case.
"""

from __future__ import annotations

import io
import subprocess
import tarfile
import tempfile
from pathlib import Path

from docpipe.errors import DocpipeError
from docpipe.i18n import _
from docpipe.redline.case import redline_case

GIT_TIMEOUT_S = 120


class RevisionError(DocpipeError):
    """OLD could not be read from git: not a git folder, an unknown revision, or no case there then."""


def redline_since(case: str | Path, revision: str, out_dir: str | Path, *, deliverables: list[str] | None = None,
                  author: str | None = None, templates: str | Path | None = None) -> list[Path]:
    """``redline_case`` with OLD read from git: the case folder as it was at ``revision``."""
    with tempfile.TemporaryDirectory(prefix="docpipe-since-") as scratch:
        old = case_at_revision(Path(case), revision, Path(scratch))
        return redline_case(old, case, out_dir, deliverables=deliverables, author=author, templates=templates)


def case_at_revision(case: Path, revision: str, into: Path) -> Path:
    """Write the folder holding ``case`` as it was at ``revision`` into ``into``; returns OLD's case folder."""
    folder = case.resolve()
    top = Path(_git(folder, "rev-parse", "--show-toplevel", error=_(
        "{folder} is not in a git repository; --since reads the earlier version from git").format(
        folder=case)).decode().strip())
    _git(top, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}", error=_(
        'git knows no revision "{revision}" in {repository}').format(revision=revision, repository=top))
    holder = folder.parent.relative_to(top) if folder != top else Path(".")
    archive = _git(top, "archive", "--format=tar", revision, "--", holder.as_posix(), error=_(
        "{folder} did not exist at revision {revision}").format(folder=case, revision=revision))
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    old = into / folder.relative_to(top)
    if not old.is_dir():
        raise RevisionError(_("{folder} did not exist at revision {revision}").format(folder=case, revision=revision))
    return old


def _git(where: Path, *arguments: str, error: str) -> bytes:
    """git's output; ``error`` as a RevisionError when git fails or is not installed."""
    try:
        result = subprocess.run(["git", *arguments], cwd=where, capture_output=True, timeout=GIT_TIMEOUT_S,
                                check=False)
    except OSError as problem:
        raise RevisionError(f"{error} ({problem.strerror})") from problem
    if result.returncode != 0:
        raise RevisionError(error)
    return result.stdout
