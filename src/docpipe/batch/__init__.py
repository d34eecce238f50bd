"""Rendering many cases at once: discovery, worker processes, isolation, manifest, changed-only.

A batch is a folder of case folders (folders whose names start with ``_`` or ``.`` hold shared
parts and are not cases). Each case is rendered in a worker process into ``OUT/<case>/``; a case that
fails leaves none of its deliverables behind and never stops or spoils the others. What each case
was made from and what it produced is recorded in ``OUT/manifest.json``, which ``changed_only``
reads next time to skip cases whose inputs, templates and files are unchanged.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from docpipe.batch.outcome import BatchResult, CaseOutcome, CaseStatus, Progress
from docpipe.batch.pool import run_tasks
from docpipe.batch.record import add_pdfs, batch_manifest, previous_entries
from docpipe.batch.task import CaseTask, render_task, templates_hash
from docpipe.deliverables.registry import select
from docpipe.i18n import _, current_language
from docpipe.limits import RenderLimits
from docpipe.output.pdf import PdfChoice
from docpipe.output.write import safe_folder_name
from docpipe.sources.discovery import case_key, discover_cases

__all__ = ["BatchResult", "CaseOutcome", "CaseStatus", "CaseTask", "PdfChoice", "Progress", "case_key",
           "discover_cases", "duplicate_names", "render_task", "run_batch"]


def duplicate_names(cases: Sequence[Path]) -> dict[Path, Path]:
    """Cases whose output folder would be another's (same folder name in two places), to the first."""
    first: dict[str, Path] = {}
    clashes = {}
    for case_dir in cases:
        key = safe_folder_name(case_key(case_dir)).casefold()
        if key in first:
            clashes[case_dir] = first[key]
        else:
            first[key] = case_dir
    return clashes


def run_batch(root: str | Path, out_dir: str | Path, *, jobs: int | None = None,
              deliverables: list[str] | None = None, templates: str | Path | None = None,
              changed_only: bool = False, fail_fast: bool = False,
              progress: Progress | None = None, pdf: PdfChoice | None = None,
              cases: Sequence[Path] | None = None, write_manifest: bool = True,
              relabel: Callable[[str], str] | None = None, limits: RenderLimits | None = None) -> BatchResult:
    """Render every case under ``root`` into ``out_dir``; returns each case's outcome.

    ``jobs`` worker processes (default: one per CPU; 1 renders in this process). With
    ``changed_only`` a case is skipped when its inputs, the templates and its written files are
    exactly those of the previous run's manifest. With ``fail_fast`` the first failing case stops
    the cases not yet started. ``pdf`` (``"word"``, or ``"all"`` for the workbooks too) then converts
    the documents of every case that succeeded to PDF/A-2b, all in one go (see docpipe.output.pdf), and
    records the PDFs with the case; without LibreOffice, ``pdf_note`` says how to install it.

    ``cases`` are the cases under ``root`` when the caller has found them already (to show a total
    before the run), so they are not looked for twice. ``docpipe render`` runs its cases through here
    too, without a manifest (``write_manifest=False``). ``relabel`` rewrites the manifest's text before
    it is written (the web names an upload's files as the sender knows them, not by the server's folder).
    With ``limits`` each case renders in a child process killed when a document breaks them (the web
    server's renders: docpipe.batch.limited); a case stopped so fails with a message naming the limit.
    """
    root_dir, out = Path(root), Path(out_dir)
    template_dir = Path(templates) if templates is not None else None
    chosen = [d.name for d in select(deliverables)]
    cases = list(cases) if cases is not None else discover_cases(root_dir)
    # the templates' hash is for the manifest and for changed_only; docpipe render needs neither
    templates_sha = templates_hash(template_dir) if write_manifest or changed_only else ""
    previous = previous_entries(out) if changed_only else {}
    clashes = duplicate_names(cases)
    language = current_language()  # a worker speaks the language of the process that started the batch
    tasks = [CaseTask(case_key(case_dir), str(case_dir), str(out), deliverables,
                   str(template_dir) if template_dir else None, templates_sha, previous.get(case_key(case_dir)),
                   language)
             for case_dir in cases if case_dir not in clashes]
    outcomes = dict(run_tasks(tasks, jobs, fail_fast, progress, limits))
    for case_dir, other in clashes.items():
        outcomes[str(case_dir)] = CaseOutcome(str(case_dir), str(case_dir), "failed", errors=(
            _("has the same folder name as {other}, so their documents would overwrite each other; rename one").format(
                other=other),))
        if progress:
            progress(outcomes[str(case_dir)])
    ordered = [outcomes[name] for name in [*(task.name for task in tasks), *map(str, clashes)] if name in outcomes]
    pdf_note = None
    if pdf:
        ordered, pdf_note = add_pdfs(ordered, out, pdf)
    if not write_manifest:
        return BatchResult(ordered, None, pdf, pdf_note)
    manifest = batch_manifest(root_dir, ordered, templates_sha, chosen, template_dir, changed_only, pdf)
    out.mkdir(parents=True, exist_ok=True)
    return BatchResult(ordered, manifest.write(out, relabel), pdf, pdf_note)
