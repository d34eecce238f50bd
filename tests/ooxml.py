"""openxml-audit over a folder of outputs, as the tests use it: skip when absent, drop library noise."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest

# Two findings that also fire on untouched library output (see DEVELOPERS.md).
LIBRARY_NOISE = ("stylesWithEffects", "Unexpected element 'color' found")


def audit_folder(folder: Path, noise: Sequence[str] = LIBRARY_NOISE,
                 match_part: bool = False) -> tuple[int, list[str]]:
    """How many files openxml-audit checked under ``folder``, and its errors that are not ``noise``.

    ``noise`` is looked for in the error's description, and also in its part's name with
    ``match_part``. Skips the calling test, with a printed reason, when openxml-audit is missing.
    """
    audit = shutil.which("openxml-audit") or str(Path(sys.executable).parent / "openxml-audit")
    if not Path(audit).exists():
        print("skipped: openxml-audit is not installed (pip install -e '.[test]' installs it)")
        pytest.skip("openxml-audit is not installed (pip install -e '.[test]' installs it)")
    result = subprocess.run([audit, "-f", "office2016", "--policy", "strict", "-o", "json", "-m", "0", "-r",
                             str(folder)], capture_output=True, text=True, timeout=300, check=False)
    report = json.loads(result.stdout)
    errors = []
    for entry in report:
        for error in entry.get("errors", []):
            seen = f"{error.get('part_uri')} {error.get('description')}" if match_part else error.get("description", "")
            if error.get("severity") == "error" and not any(n in seen for n in noise):
                errors.append(f"{Path(entry['file']).name}: {error.get('part_uri')} {error.get('description')}")
    return len(report), errors
