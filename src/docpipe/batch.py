"""Rendering many cases at once: discovery, worker processes, isolation, manifest, changed-only.

A batch is a folder of case folders (folders whose names start with ``_`` or ``.`` hold shared
parts and are not cases). Each case is rendered in a worker process into ``OUT/<case>/``; a case that
fails leaves none of its deliverables behind and never stops or spoils the others. What each case
was made from and what it produced is recorded in ``OUT/manifest.json``, which ``changed_only``
reads next time to skip cases whose inputs, templates and files are unchanged.
"""

from __future__ import annotations

import dataclasses
import gc
import hashlib
import json
import os
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path
from typing import Any, Literal

from docpipe.deliverables.registry import for_case, select
from docpipe.errors import DocpipeError, InvalidCase
from docpipe.model import Case
from docpipe.model.load import load_case
from docpipe.output.manifest import MANIFEST_NAME, Entry, FileRecord, InputRecord, Manifest, current_version
from docpipe.output.pdf import (
    LIBREOFFICE_HINT,
    convert_to_pdf,
    find_soffice,
    is_excel,
    is_word,
    pdf_candidates,
    pdf_path,
)
from docpipe.output.write import safe_folder_name
from docpipe.render.case import render_case
from docpipe.render.locate import FileVersion, default_templates_dir, file_version, find_template
from docpipe.sources.folder import EXTENSIONS

CaseStatus = Literal["ok", "invalid", "failed", "unchanged"]
PdfChoice = Literal["word", "all"]
Progress = Callable[["CaseOutcome"], None]


@dataclass(frozen=True)
class CaseOutcome:
    """How one case fared: what a summary row and a manifest entry show."""

    name: str
    source: str
    status: CaseStatus
    seconds: float = 0.0
    errors: tuple[str, ...] = ()
    files: tuple[FileRecord, ...] = ()
    templates: dict[str, str] = field(default_factory=dict)
    input_sha256: str = ""

    @property
    def succeeded(self) -> bool:
        return self.status in ("ok", "unchanged")

    @property
    def first_error(self) -> str:
        return self.errors[0] if self.errors else ""


@dataclass(frozen=True)
class BatchResult:
    """Every case's outcome, in discovery order, and where the manifest was written."""

    outcomes: list[CaseOutcome]
    manifest: Path
    pdf: PdfChoice | None = None
    pdf_note: str | None = None

    @property
    def ok(self) -> bool:
        return all(outcome.succeeded for outcome in self.outcomes)

    def summary(self) -> dict[str, Any]:
        """The run as plain data: what ``docpipe batch --json`` prints."""
        counts = {status: sum(o.status == status for o in self.outcomes)
                  for status in ("ok", "unchanged", "invalid", "failed")}
        return {
            "cases": [{"case": o.name, "status": o.status, "documents": len(o.files),
                       "seconds": round(o.seconds, 3), "first_error": o.first_error} for o in self.outcomes],
            "total": len(self.outcomes),
            **counts,
            "manifest": str(self.manifest),
            **({"pdf": {"made": sum(f.path.endswith(".pdf") for o in self.outcomes for f in o.files),
                        "note": self.pdf_note}} if self.pdf else {}),
        }


def discover_cases(root: Path) -> list[Path]:
    """Every case folder under ``root`` (a folder with an initiative file), in name order.

    Folders starting with ``_`` or ``.`` are skipped with everything inside them: shared parts,
    templates, version control.
    """
    found = []
    for folder, subfolders, files in os.walk(root):
        subfolders[:] = sorted(name for name in subfolders if not name.startswith(("_", ".")))
        if any(f"initiative{extension}" in files for extension in EXTENSIONS):
            found.append(Path(folder))
            subfolders[:] = []  # a case folder's own subfolders (templates/) are not cases
    # intake workbooks (docpipe intake) directly in ROOT are cases too; _ and . hide them the same way
    found.extend(path for path in Path(root).glob("*.xlsx")
                 if path.is_file() and not path.name.startswith(("_", ".", "~$")))
    return sorted(found)


def case_key(case_path: Path) -> str:
    """A case's name in a batch, as its output folder is named: the folder's name, or a workbook's
    name without ``.xlsx`` (``x.xlsx`` and a folder ``x`` would share ``OUT/x/``)."""
    return case_path.stem if case_path.is_file() else case_path.name


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
              progress: Progress | None = None, pdf: PdfChoice | None = None) -> BatchResult:
    """Render every case under ``root`` into ``out_dir``; returns each case's outcome.

    ``jobs`` worker processes (default: one per CPU; 1 renders in this process). With
    ``changed_only`` a case is skipped when its inputs, the templates and its written files are
    exactly those of the previous run's manifest. With ``fail_fast`` the first failing case stops
    the cases not yet started. ``pdf`` (``"word"``, or ``"all"`` for the workbooks too) then converts
    the documents of every case that succeeded to PDF/A-2b, all in one go (see docpipe.output.pdf), and
    records the PDFs with the case; without LibreOffice, ``pdf_note`` says how to install it.
    """
    root_dir, out = Path(root), Path(out_dir)
    template_dir = Path(templates) if templates is not None else None
    chosen = [d.name for d in select(deliverables)]
    cases = discover_cases(root_dir)
    templates_sha = templates_hash(template_dir)
    previous = _previous_entries(out) if changed_only else {}
    clashes = duplicate_names(cases)
    tasks = [_Task(case_key(case_dir), str(case_dir), str(out), deliverables,
                   str(template_dir) if template_dir else None, templates_sha, previous.get(case_key(case_dir)))
             for case_dir in cases if case_dir not in clashes]
    outcomes = dict(_run_tasks(tasks, jobs, fail_fast, progress))
    for case_dir, other in clashes.items():
        outcomes[str(case_dir)] = CaseOutcome(str(case_dir), str(case_dir), "failed", errors=(
            f"has the same folder name as {other}, so their documents would overwrite each other; rename one",))
        if progress:
            progress(outcomes[str(case_dir)])
    ordered = [outcomes[name] for name in [*(task.name for task in tasks), *map(str, clashes)] if name in outcomes]
    pdf_note = None
    if pdf:
        ordered, pdf_note = _add_pdfs(ordered, out, pdf)
    manifest = _manifest(root_dir, ordered, templates_sha, chosen, template_dir, changed_only, pdf)
    out.mkdir(parents=True, exist_ok=True)
    return BatchResult(ordered, manifest.write(out), pdf, pdf_note)


def templates_hash(override: Path | None = None) -> str:
    """One hash over every template file that could be used (defaults and ``override``)."""
    digest = hashlib.sha256()
    for folder in [default_templates_dir(), *([override] if override else [])]:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def case_input_hash(case: Case, templates_used: dict[str, Path]) -> str:
    """A hash of everything the case's documents are made from: its validated content, its logo
    and the template files it uses (an organisation's own templates included)."""
    digest = hashlib.sha256()
    content = case.model_dump(mode="json", exclude={"logo", "template_dirs"})
    digest.update(json.dumps(content, sort_keys=True, ensure_ascii=False).encode())
    digest.update(case.logo or b"")
    for name, path in sorted(templates_used.items()):
        digest.update(name.encode() + b"\0" + _template_digest(path))
    return digest.hexdigest()


def _template_digest(path: Path) -> bytes:
    """The sha256 of a template file, read again only when it changed (see
    docpipe.render.locate.file_version): a batch hashes the same few templates for every case."""
    return _file_digest(file_version(path))


@lru_cache(maxsize=256)
def _file_digest(version: FileVersion) -> bytes:
    return hashlib.sha256(Path(version.path).read_bytes()).digest()


# --- one case, in a worker --------------------------------------------------------------------


@dataclass(frozen=True)
class _Task:
    """What a worker needs to render one case: plain values, cheap to send to another process."""

    name: str
    case_dir: str
    out_dir: str
    deliverables: list[str] | None
    templates: str | None
    templates_sha: str
    previous: dict[str, Any] | None


def render_task(task: _Task) -> CaseOutcome:
    """Render one case; every failure becomes an outcome, never an exception that stops the batch."""
    started = time.perf_counter()
    out = Path(task.out_dir)

    def outcome(status: CaseStatus, **values: Any) -> CaseOutcome:
        return CaseOutcome(task.name, task.case_dir, status, time.perf_counter() - started, **values)

    try:
        case = load_case(task.case_dir)
        override = Path(task.templates) if task.templates else None
        used = {d.file_name: find_template(d.template_name, d.kind, override, case.template_dirs)
                for d in for_case(case, task.deliverables)}
        input_sha = case_input_hash(case, used)
        shown = {name: _shown_path(path) for name, path in used.items()}
        if _unchanged(task.previous, input_sha, task.templates_sha, out):
            assert task.previous is not None
            files = tuple(FileRecord(**record) for record in task.previous["files"])
            return outcome("unchanged", files=files, templates=shown, input_sha256=input_sha)
        written = render_case(case, out, task.deliverables, override)
        files = tuple(FileRecord.of(path, out) for path in written)
        return outcome("ok", files=files, templates=shown, input_sha256=input_sha)
    except InvalidCase as error:
        _remove_deliverables(out, task)
        return outcome("invalid", errors=tuple(str(problem) for problem in error.problems))
    except DocpipeError as error:
        _remove_deliverables(out, task)
        return outcome("failed", errors=(str(error),))
    except Exception as error:  # a bug must cost one case, not the batch; the message says it is ours
        _remove_deliverables(out, task)
        return outcome("failed", errors=(f"internal error in docpipe ({type(error).__name__}: {error}); "
                                         "please report it with this case",))


def _unchanged(previous: dict[str, Any] | None, input_sha: str, templates_sha: str, out: Path) -> bool:
    """Whether the previous run made this case from the same inputs and its files are intact."""
    if not previous or previous.get("status") not in ("ok", "unchanged"):
        return False
    if previous.get("input_sha256") != input_sha or previous.get("templates_sha256") != templates_sha:
        return False
    for record in previous.get("files", []):
        path = out / record["path"]
        if not path.is_file() or FileRecord.of(path, out).sha256 != record["sha256"]:
            return False
    return bool(previous.get("files"))


def _remove_deliverables(out: Path, task: _Task) -> None:
    """A failed case leaves no deliverable behind, also none from an earlier run that would look current."""
    folder = out / safe_folder_name(task.name)
    for deliverable in select(task.deliverables):
        for path in (folder / deliverable.file_name, *pdf_candidates(folder / deliverable.file_name)):
            if path.is_file() and not path.is_symlink():
                path.unlink()


def _shown_path(path: Path) -> str:
    """A template's path for the manifest: relative to the defaults folder when it is a default."""
    inside = _inside_defaults(file_version(path))
    return f"(default) {inside}" if inside is not None else str(path)


@lru_cache(maxsize=256)
def _inside_defaults(version: FileVersion) -> str | None:
    """The file's path inside the defaults folder, or None. Kept per file version (one ``stat``):
    resolving costs a system call per folder of the path, for every document of every case."""
    defaults = _resolved_defaults()
    resolved = Path(version.path).resolve()
    return resolved.relative_to(defaults).as_posix() if resolved.is_relative_to(defaults) else None


@cache
def _resolved_defaults() -> Path:
    return default_templates_dir().resolve()


# --- running the tasks ------------------------------------------------------------------------


def _run_tasks(tasks: Sequence[_Task], jobs: int | None, fail_fast: bool,
               progress: Progress | None) -> Iterator[tuple[str, CaseOutcome]]:
    workers = jobs or os.cpu_count() or 1
    if workers == 1 or len(tasks) <= 1:
        for task in tasks:
            result = render_task(task)
            if progress:
                progress(result)
            yield task.name, result
            if fail_fast and not result.succeeded:
                return
        return
    with ProcessPoolExecutor(max_workers=min(workers, len(tasks))) as pool:
        submitted = _submitted(pool, tasks)
        for future in as_completed(submitted):  # waits on each future once, not on all left after each
            if future.cancelled():
                continue  # fail_fast stopped it before it started
            result = future.result()
            if progress:
                progress(result)
            yield result.name, result
            if fail_fast and not result.succeeded:
                for other in submitted:
                    other.cancel()  # only those not started yet; the running ones finish and are reported


def _submitted(pool: ProcessPoolExecutor, tasks: Sequence[_Task]) -> set[Future[CaseOutcome]]:
    """Every task handed to ``pool``, with this process's objects frozen while it forks its workers.

    With the "fork" start method (Linux) the first submit forks every worker, and each inherits all of
    this process's objects: modules, classes, everything imported. Left in the garbage collector's
    generations, a worker's first full collection walks them all (20-30 ms, and it writes to their
    pages, so the system copies those into the worker). Frozen (``gc.freeze``, as the gc module's
    documentation advises before a fork) they are never collected in the worker; here they are
    unfrozen again as soon as the workers exist. Other start methods copy nothing, and lose nothing.
    """
    gc.freeze()
    try:
        return {pool.submit(render_task, task) for task in tasks}
    finally:
        gc.unfreeze()


def _add_pdfs(outcomes: list[CaseOutcome], out: Path, which: PdfChoice) -> tuple[list[CaseOutcome], str | None]:
    """Every succeeded case's documents converted in one go; a PDF that fails fails its case (the
    documents stay). An unchanged case whose PDFs the previous run recorded keeps those."""
    soffice = find_soffice()
    if soffice is None:
        return outcomes, LIBREOFFICE_HINT
    wanted: dict[int, list[Path]] = {}
    for index, outcome in enumerate(outcomes):
        recorded = {record.path for record in outcome.files}
        documents = [out / record.path for record in outcome.files if outcome.succeeded and
                     (is_word(Path(record.path)) or (which == "all" and is_excel(Path(record.path))))]
        wanted[index] = [document for document in documents
                         if pdf_path(document).relative_to(out).as_posix() not in recorded]
    made = convert_to_pdf([document for documents in wanted.values() for document in documents], soffice=soffice)
    updated = []
    for index, outcome in enumerate(outcomes):
        records, errors = [], []
        for document in wanted[index]:
            result = made.get(document, "LibreOffice did not convert it")
            if isinstance(result, Path):
                records.append(FileRecord.of(result, out))
            else:
                errors.append(f"PDF of {document.name}: {result}")
        if records or errors:
            outcome = dataclasses.replace(outcome, files=(*outcome.files, *records), errors=(*outcome.errors, *errors),
                                          status="failed" if errors else outcome.status)
        updated.append(outcome)
    return updated, None


def _previous_entries(out: Path) -> dict[str, dict[str, Any]]:
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


def _manifest(root: Path, outcomes: Sequence[CaseOutcome], templates_sha: str, deliverables: list[str],
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
