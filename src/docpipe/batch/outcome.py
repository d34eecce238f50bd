"""How each case of a batch fared, and the run as a whole: what the faces show and the manifest records."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from docpipe.errors import Problem
from docpipe.output.manifest import FileRecord
from docpipe.output.pdf import PdfChoice

CaseStatus = Literal["ok", "invalid", "failed", "unchanged", "partial"]
"""``partial``: the case is valid and some documents were written, but a document's own limits refused it."""
Progress = Callable[["CaseOutcome"], None]


@dataclass(frozen=True)
class CaseOutcome:
    """How one case fared: what a summary row and a manifest entry show."""

    name: str
    source: str
    status: CaseStatus
    seconds: float = 0.0
    errors: tuple[str, ...] = ()
    problems: tuple[Problem, ...] = ()
    """An invalid case's problems, each with file, line and field (``errors`` holds them as text)."""
    files: tuple[FileRecord, ...] = ()
    templates: dict[str, str] = field(default_factory=dict)
    input_sha256: str = ""
    refused: tuple[Problem, ...] = ()
    """A partial case's reasons, each naming the refused document (``Problem.document``), file, line and field."""
    warnings: tuple[Problem, ...] = ()
    """Facts of a valid case that look wrong (docpipe.model.facts); they never fail it."""

    @property
    def succeeded(self) -> bool:
        return self.status in ("ok", "unchanged")

    @property
    def wrote(self) -> bool:
        """Whether this case's documents (all, or those not refused) are in place."""
        return self.status in ("ok", "unchanged", "partial")

    @property
    def first_error(self) -> str:
        return self.errors[0] if self.errors else ""


@dataclass(frozen=True)
class BatchResult:
    """Every case's outcome, in discovery order, and where the manifest was written."""

    outcomes: list[CaseOutcome]
    manifest: Path | None
    """Where the manifest was written; None for a run that writes none (``docpipe render``)."""
    pdf: PdfChoice | None = None
    pdf_note: str | None = None

    @property
    def ok(self) -> bool:
        return all(outcome.succeeded for outcome in self.outcomes)

    def summary(self) -> dict[str, Any]:
        """The run as plain data: what ``docpipe batch --json`` prints."""
        counts = {status: sum(o.status == status for o in self.outcomes)
                  for status in ("ok", "unchanged", "partial", "invalid", "failed")}
        return {
            "cases": [{"case": o.name, "status": o.status, "documents": len(o.files),
                       "seconds": round(o.seconds, 3), "first_error": o.first_error,
                       "refused": sorted({p.document for p in o.refused}), "warnings": len(o.warnings)}
                      for o in self.outcomes],
            "total": len(self.outcomes),
            **counts,
            "manifest": str(self.manifest) if self.manifest else None,
            **({"pdf": {"made": sum(f.path.endswith(".pdf") for o in self.outcomes for f in o.files),
                        "note": self.pdf_note}} if self.pdf else {}),
        }
