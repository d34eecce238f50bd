"""The work behind the web page and the API: unpack an upload, validate it, render it like
``docpipe batch``, make first-page pictures, and describe the outcome for a page.

Everything here blocks: the app calls it in a thread (``run_in_threadpool``) or from a job thread
(docpipe.web.jobs), never on the event loop, so the page stays responsive while documents are made.
"""

from __future__ import annotations

import os
import tempfile
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from docpipe.api import (
    DELIVERABLES,
    N_,
    BatchResult,
    CaseOutcome,
    DocpipeError,
    InvalidCase,
    PdfChoice,
    Problem,
    Progress,
    RenderLimits,
    _,
    case_key,
    case_warnings,
    discover_cases,
    load_case,
    run_batch,
    use_language,
)
from docpipe.web.previews import can_preview, planned_previews, previews
from docpipe.web.uploads import (
    UploadPaths,
    UploadRejected,
    case_root,
    extract_archive,
    safe_stem,
    sniff_kind,
    upload_label,
)

INSTALL_LIBREOFFICE = N_("Pictures of the first pages need LibreOffice and poppler-utils: "
                         "apt-get install libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils")
STATUS_WORDS = {"ok": N_("ok"), "unchanged": N_("unchanged"), "invalid": N_("invalid"), "failed": N_("failed"),
                "partial": N_("partly made")}
"""The batch statuses in words, for the summary table (the class of each row keeps the status itself)."""
LANGUAGE = "da"
"""The page, the API and the intake workbook's users read Danish, whatever the server's locale: every
request is handled in it (docpipe.web.guard.InLanguage), and so is the work done outside a request."""
UPLOADED_TEMPLATES = N_("the upload holds its own templates ({path}); this server only uses its own, so remove the "
                        "templates folder (whoever runs the server can allow it with --allow-uploaded-templates)")
NO_CASE = N_("there is no case in the file: a case folder has an initiative.yaml, or upload a filled-in "
             "Excel workbook (.xlsx)")
INTERNAL_ERROR = N_("internal error in docpipe ({error}); try again, or report the error with the file")

PageProblem = dict[str, str]


@dataclass(frozen=True)
class RenderOptions:
    """What the server was started with and every render uses."""

    templates: Path | None = None
    workers: int = 1
    with_previews: bool = True
    uploaded_templates: bool = False
    """Whether a case may bring its own ``templates/``; off by default, since a template is a program."""
    limits: RenderLimits = field(default_factory=RenderLimits)
    """Every case renders in a child process killed past these (docpipe.batch.limited), whoever's templates."""


@dataclass(frozen=True)
class Unpacked:
    """An upload written to its folder: the batch root to render, its cases, and how to name its paths."""

    root: Path
    cases: list[Path]
    paths: UploadPaths
    names: list[str] = field(default_factory=list)
    """The cases' names as their output folders are named, taken while the files exist: an API answer
    is made after its upload's folder is removed, and a workbook's name then lost its ``.xlsx`` no more."""

    @classmethod
    def of(cls, root: Path, cases: list[Path], paths: UploadPaths) -> Unpacked:
        return cls(root, cases, paths, [case_key(case) for case in cases])


@dataclass
class Checked:
    """An upload unpacked and validated: its cases and every problem of every case."""

    unpacked: Unpacked
    problems: list[PageProblem] = field(default_factory=list)
    warnings: list[PageProblem] = field(default_factory=list)
    """Facts of the valid cases that look wrong, and documents their own limits refuse (``document``)."""

    @property
    def root(self) -> Path:
        return self.unpacked.root

    @property
    def cases(self) -> list[str]:
        return self.unpacked.names


def problem(case: str, location: str, field_path: str, message: str, document: str = "") -> PageProblem:
    """One row of a problems table, and one item of the API's ``problems`` (and ``warnings``, where
    ``document`` names the one document a warning is about)."""
    found = {"case": case, "location": location, "field": field_path, "message": message}
    return {**found, "document": document} if document else found


# --- unpacking and validation -----------------------------------------------------------------


def unpack(data: bytes, filename: str, folder: Path, uploaded_templates: bool = False) -> Unpacked:
    """Write the upload into ``folder`` and find its cases; its paths are labelled by the upload's name.

    A case's ``templates/`` folder is refused (422) unless ``uploaded_templates``: a Word template is
    code that runs on the server, and a 20 KB one can ask for gigabytes.
    """
    label = upload_label(filename)
    if sniff_kind(data, filename) == "workbook":
        root = folder / "input"
        root.mkdir()
        workbook = root / f"{safe_stem(filename)}.xlsx"
        workbook.write_bytes(data)
        shown = {workbook: label, root: label}
    else:
        extracted = folder / "input"
        extract_archive(data, extracted)
        root = case_root(extracted, safe_stem(filename))
        # when the case files were at the zip's top level, case_root moved them into a folder of their own
        moved = not extracted.exists()
        shown = {root / safe_stem(filename): label, root: label} if moved else {extracted: label}
    shown[folder] = "(upload)"
    paths = UploadPaths.of(shown)
    if not uploaded_templates:
        carried = sorted(path for path in (folder / "input").rglob("*") if path.is_file() and "templates" in
                         path.relative_to(folder / "input").parts[:-1])
        if carried:
            raise UploadRejected(422, _(UPLOADED_TEMPLATES).format(path=paths.text(str(carried[0]))))
    return Unpacked.of(root, discover_cases(root), paths)


def no_case(unpacked: Unpacked, filename: str) -> list[PageProblem]:
    """The one problem of an upload without a case; none when it has one."""
    return [] if unpacked.cases else [problem("", upload_label(filename), "", _(NO_CASE))]


def internal_error(error: BaseException) -> str:
    """What a page or the API says about a bug: the kind of error, and what to do."""
    return _(INTERNAL_ERROR).format(error=type(error).__name__)


def validate(unpacked: Unpacked, filename: str) -> Checked:
    """Every problem of every case of the upload (none when all are valid), and every warning."""
    if not unpacked.cases:
        return Checked(unpacked, no_case(unpacked, filename))
    checked = Checked(unpacked)
    for case in unpacked.cases:
        problems, warnings = case_findings(case_key(case), case, unpacked.paths)
        checked.problems.extend(problems)
        checked.warnings.extend(warnings)
    return checked


def case_findings(name: str, case: str | Path, paths: UploadPaths) -> tuple[list[PageProblem], list[PageProblem]]:
    """One case's problems and, when it is valid, its warnings; each with its place (file:line or
    sheet!cell), field and message."""
    try:
        with use_language(LANGUAGE):
            loaded = load_case(case)
            return [], page_problems(name, case_warnings(loaded), paths)
    except InvalidCase as error:
        return page_problems(name, error.problems, paths), []
    except DocpipeError as error:
        return [problem(name, name, "", paths.text(str(error)))], []


def page_problems(name: str, problems: Sequence[Problem], paths: UploadPaths) -> list[PageProblem]:
    """A case's problems as rows of the page's table and items of the API's ``problems``."""
    return [problem(name, paths.text(p.location), p.field, paths.text(p.message), p.document) for p in problems]


def check(data: bytes, filename: str, folder: Path, uploaded_templates: bool = False) -> Checked:
    """Unpack and validate every case of an upload, collecting every problem and warning of every case."""
    return validate(unpack(data, filename, folder, uploaded_templates), filename)


# --- rendering --------------------------------------------------------------------------------


def render(unpacked: Unpacked, out: Path, options: RenderOptions, pdf: PdfChoice | None,
           progress: Progress | None = None) -> BatchResult:
    """``docpipe batch ROOT --out OUT``: worker processes for several cases, one case in this thread.

    Each case is read once, here: an invalid case's outcome carries its problems. The manifest is
    written once, naming the upload's files as the sender knows them (see UploadPaths), never the
    server's folder.
    """
    with use_language(LANGUAGE):
        return run_batch(unpacked.root, out, jobs=options.workers, templates=options.templates, pdf=pdf,
                         progress=progress, cases=unpacked.cases, relabel=unpacked.paths.json_text,
                         limits=options.limits)


def batch_problems(result: BatchResult, paths: UploadPaths) -> list[PageProblem]:
    """Every problem of the invalid cases and the errors of the cases that failed, as API problems
    (a partly made case's refused documents are not among them: see ``refused_documents``)."""
    found: list[PageProblem] = []
    for outcome in result.outcomes:
        if outcome.problems:
            found.extend(page_problems(outcome.name, outcome.problems, paths))
        elif not outcome.wrote:
            found.extend(problem(outcome.name, outcome.name, "", paths.text(error)) for error in outcome.errors)
    return found


RESULTS_ZIP = "alle-dokumenter.zip"
"""The results page's zip of every document, made once when the render ends."""


def refused_documents(result: BatchResult) -> list[str]:
    """``<case>/<file>`` of every document its own limits refused, in a partly made case."""
    files = {deliverable.name: deliverable.file_name for deliverable in DELIVERABLES.values()}
    return sorted(f"{outcome.name}/{files[document]}" for outcome in result.outcomes
                  for document in {problem.document for problem in outcome.refused})


def zip_folder(folder: Path, target: Path) -> Path:
    """Every file under ``folder`` into ``target`` (sorted, paths relative to ``folder``).

    Written beside ``target`` and renamed into place, so a reader sees either no zip or a whole one:
    the results page's zip is made once when the render ends and then only read, by any number of
    simultaneous downloads (a double click is enough to have two).
    """
    with tempfile.NamedTemporaryFile(dir=target.parent, prefix=f".{target.name}.", delete=False) as stream:
        try:
            with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as archive:
                for path in sorted(p for p in folder.rglob("*") if p.is_file() and not p.is_symlink()):
                    archive.write(path, path.relative_to(folder).as_posix())
        except BaseException:
            Path(stream.name).unlink(missing_ok=True)
            raise
    os.replace(stream.name, target)
    return target


# --- the page's view of a finished render -----------------------------------------------------


def render_for_page(unpacked: Unpacked, folder: Path, options: RenderOptions, pdf: PdfChoice | None,
                    progress: Progress | None = None, before_previews: Callable[[], None] | None = None,
                    previews_later: bool = False) -> dict[str, Any]:
    """Render every case of an upload (valid or not: one bad case must not cost the others their
    documents), make the first-page pictures of the cases that succeeded, and return what the
    results page shows, as plain JSON-able data (a job keeps it in its state file), in Danish.

    With ``previews_later`` the pictures are not made here: the view names where each will be, and
    the caller has ``make_previews(folder, view)`` run after answering (the page does not wait)."""
    with use_language(LANGUAGE):
        return _page_view(unpacked, folder, options, pdf, progress, before_previews, previews_later)


def _page_view(unpacked: Unpacked, folder: Path, options: RenderOptions, pdf: PdfChoice | None,
               progress: Progress | None, before_previews: Callable[[], None] | None,
               previews_later: bool) -> dict[str, Any]:
    result = render(unpacked, folder / "out", options, pdf, progress)
    succeeded = [outcome.name for outcome in result.outcomes if outcome.succeeded]
    shown: dict[str, dict[str, str]] = {}
    note = ""
    if options.with_previews and succeeded:
        if not can_preview():
            note = _(INSTALL_LIBREOFFICE)
        elif previews_later:
            shown = planned_previews(folder / "out", succeeded)
        else:
            if before_previews:
                before_previews()  # LibreOffice takes a while: a job's page says what it is doing
            shown = previews(folder / "out", folder / "preview", succeeded)
    cases = [case_view(outcome, shown.get(outcome.name, {}), unpacked.paths) for outcome in result.outcomes]
    if any(outcome.files for outcome in result.outcomes):
        zip_folder(folder / "out", folder / RESULTS_ZIP)
    return {"cases": cases, "ok": result.ok, "note": note, "pdf_note": result.pdf_note or "",
            "failed": len(result.outcomes) - len(succeeded), "any_documents": any(case["files"] for case in cases)}


def case_view(outcome: CaseOutcome, shown: dict[str, str], paths: UploadPaths) -> dict[str, Any]:
    """One case as a summary row and a section: its documents, or its problems (file or sheet!cell,
    field, message) when its input was invalid, or its errors when rendering failed."""
    problems = page_problems(outcome.name, outcome.problems, paths)
    return {
        "key": outcome.name, "name": paths.text(outcome.name),
        "status": outcome.status, "status_text": _(STATUS_WORDS[outcome.status]),
        "seconds": round(outcome.seconds, 2), "first_error": paths.text(outcome.first_error),
        "errors": [] if problems else [paths.text(error) for error in outcome.errors],
        "problems": problems,
        "refused": sorted({problem.document for problem in outcome.refused}),
        "files": [{"path": record.path, "name": Path(record.path).name, "size": record.size,
                   "preview": shown.get(Path(record.path).name)} for record in outcome.files],
    }
