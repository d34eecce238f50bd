"""A batch's PDFs and its manifest: what is added after every case has rendered."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from docpipe.batch.outcome import CaseOutcome
from docpipe.i18n import _
from docpipe.output.manifest import MANIFEST_NAME, Entry, FileRecord, InputRecord, Manifest, current_version
from docpipe.output.pdf import PdfChoice, PdfRun, make_pdfs, pdf_path


def add_pdfs(outcomes: list[CaseOutcome], out: Path, which: PdfChoice) -> tuple[list[CaseOutcome], str | None]:
    """Every succeeded case's documents converted in one go; a PDF that fails fails its case (the
    documents stay). An unchanged case whose PDFs the previous run recorded keeps those."""
    wanted = {index: _needing_pdf(outcome, out) for index, outcome in enumerate(outcomes)}
    run = make_pdfs([document for documents in wanted.values() for document in documents], which)
    if run.note:
        return outcomes, run.note
    return [_with_pdfs(outcome, wanted[index], run, out) for index, outcome in enumerate(outcomes)], None


def _needing_pdf(outcome: CaseOutcome, out: Path) -> list[Path]:
    """A succeeded case's documents whose PDF is not recorded already (``make_pdfs`` picks the kinds)."""
    if not outcome.wrote:
        return []
    recorded = {record.path for record in outcome.files}
    return [out / record.path for record in outcome.files
            if not record.path.endswith(".pdf") and pdf_path(out / record.path).relative_to(out).as_posix()
            not in recorded]


def _with_pdfs(outcome: CaseOutcome, documents: list[Path], run: PdfRun, out: Path) -> CaseOutcome:
    records = [FileRecord.of(run.made[document], out) for document in documents if document in run.made]
    errors = [_("PDF of {name}: {reason}").format(name=document.name, reason=run.failed[document])
              for document in documents if document in run.failed]
    if not records and not errors:
        return outcome
    return dataclasses.replace(outcome, files=(*outcome.files, *records), errors=(*outcome.errors, *errors),
                               status="failed" if errors else outcome.status)


def previous_entries(out: Path) -> dict[str, dict[str, Any]]:
    """The previous run's manifest entries by case name (none when there is no readable manifest)."""
    try:
        data = json.loads((out / MANIFEST_NAME).read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    if data.get("command") != "batch":
        return {}
    entries = {}
    for entry in data.get("entries", []):
        if isinstance(entry, dict) and isinstance(entry.get("case"), str):
            entry["templates_sha256"] = data.get("inputs", {}).get("templates", {}).get("sha256")
            entries[entry["case"]] = entry
    return entries


def _entry_details(outcome: CaseOutcome) -> dict[str, object]:
    return {"source": outcome.source, "input_sha256": outcome.input_sha256,
            "templates": dict(sorted(outcome.templates.items()))}


def batch_manifest(root: Path, outcomes: Sequence[CaseOutcome], templates_sha: str, deliverables: list[str],
              template_dir: Path | None, changed_only: bool, pdf: PdfChoice | None = None) -> Manifest:
    entries = [Entry({"case": o.name}, o.status, o.errors, o.files, _entry_details(o)) for o in outcomes]
    return Manifest(
        command="batch",
        version=current_version(),
        inputs={"root": InputRecord(str(root), ""), "templates": InputRecord(str(template_dir or "(defaults)"),
                                                                               templates_sha)},
        entries=entries,
        options={"deliverables": ",".join(deliverables), "changed_only": changed_only, "pdf": pdf or False},
    )
