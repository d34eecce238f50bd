"""What a merge reports: one RowResult per row, gathered in a MergeResult."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

DOCX = ".docx"

Status = Literal["ok", "failed"]


@dataclass(frozen=True)
class RowResult:
    """What became of one row: ``ok`` with the files written, or ``failed`` with a message.

    ``error`` names the row number (and the field when known) so it can be printed on its own;
    ``field`` is that field's name for tools that want it separately.
    """

    number: int
    status: Status
    files: tuple[Path, ...] = ()
    error: str | None = None
    field: str | None = None

    @property
    def document(self) -> Path | None:
        """The .docx written for the row, if any."""
        return next((path for path in self.files if path.suffix == DOCX), None)


@dataclass(frozen=True)
class MergeResult:
    """The outcome of a merge: one RowResult per data row, the manifest, and a note about PDFs."""

    template: Path
    data: Path
    out_dir: Path
    rows: tuple[RowResult, ...]
    manifest: Path
    pdf_requested: bool = False
    pdf_note: str | None = None

    @property
    def ok(self) -> int:
        return sum(result.status == "ok" for result in self.rows)

    @property
    def failed(self) -> int:
        return len(self.rows) - self.ok

    @property
    def succeeded(self) -> bool:
        """True when every row was written (exit code 0)."""
        return self.failed == 0

    @property
    def errors(self) -> list[RowResult]:
        return [result for result in self.rows if result.status == "failed"]

    def summary(self) -> dict[str, Any]:
        """The JSON-ready summary ``docpipe merge --json`` prints."""
        pdfs = sum(path.suffix == ".pdf" for result in self.rows for path in result.files)
        return {
            "template": str(self.template),
            "data": str(self.data),
            "out_dir": str(self.out_dir),
            "manifest": str(self.manifest),
            "rows": len(self.rows),
            "ok": self.ok,
            "failed": self.failed,
            "errors": [{"row": result.number, "field": result.field, "message": result.error}
                       for result in self.errors],
            "pdf": {"made": pdfs, "note": self.pdf_note} if self.pdf_requested else None,
        }


Progress = Callable[[int, int, RowResult], None]
"""Called after each row with (rows done, rows in total, that row's result)."""
