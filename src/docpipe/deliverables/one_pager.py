"""(being written)"""

from __future__ import annotations

from typing import Any

from docpipe.model import Case


def build_context(case: Case) -> dict[str, Any]:
    raise NotImplementedError
