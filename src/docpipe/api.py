"""The one door into docpipe: everything the command line, the web app and Python users call.

The faces (``docpipe.cli``, ``docpipe.web``) import docpipe only through this module, so what a
command does and what the web page does are the same library calls, and a change behind the door
reaches both. ``tests/test_architecture.py`` fails when a face reaches past it.

The door, by what a user does:

- read and check a case: ``load_case``, ``validate_case``, ``case_warnings`` (facts that look wrong, and
  what refuses a single document), ``input_schema``, ``create_example_case``;
- make documents: ``render_case`` and ``render_deliverable`` (one case, in this process),
  ``render_cases`` (the cases ``docpipe render`` names) and ``run_batch`` (every case under a
  folder), both on the batch engine, with a progress callback and each case's problems in its
  outcome; ``make_pdfs`` turns what they wrote into PDF/A;
- what changed: ``redline_case`` (NEW's Word documents with OLD's differences as tracked changes),
  ``redline_since`` (OLD read from git);
- your own templates: ``WordTemplate``, ``Picture``, ``merge``, ``check_templates``;
- is a document accessible: ``check_accessibility`` (Word, Excel, PDF; each ``AccessibilityFinding`` with its place);
- the intake workbook: ``blank_workbook``, ``export_case``, ``workbook_bytes``;
- messages in the reader's language: ``set_language``, ``use_language``, ``language_from_environment``.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from docpipe._version import __version__
from docpipe.accessibility import Finding as AccessibilityFinding
from docpipe.accessibility import check_accessibility
from docpipe.accessibility import documents as accessibility_documents
from docpipe.batch import BatchResult, CaseOutcome, CaseStatus, Progress, case_key, run_batch
from docpipe.deliverables.registry import DELIVERABLES, Deliverable, document_problems
from docpipe.errors import (
    DocpipeError,
    DocumentRefused,
    DocumentsRefused,
    InvalidCase,
    OutputError,
    Problem,
    TemplateError,
)
from docpipe.i18n import (
    LANGUAGES,
    N_,
    _,
    current_language,
    decimal,
    language_from_environment,
    ngettext,
    set_language,
    use_language,
)
from docpipe.limits import DEFAULT_MEMORY_MB, DEFAULT_SECONDS, RenderLimits
from docpipe.merge import DataError, MergeResult, NamePatternError, RowResult, merge, read_rows
from docpipe.model import Case
from docpipe.model.facts import fact_warnings
from docpipe.model.load import load_case, validate_case
from docpipe.model.schema import PARTS, input_schema
from docpipe.output.names import safe_upload_stem
from docpipe.output.pdf import (
    LIBREOFFICE_HINT,
    PdfChoice,
    PdfRun,
    convert_to_pdf,
    find_soffice,
    make_pdfs,
    remove_orphaned_conversions,
)
from docpipe.output.write import write_atomically
from docpipe.redline.case import redline_case
from docpipe.redline.since import RevisionError, redline_since
from docpipe.render.case import render_case, render_deliverable
from docpipe.render.check import check_templates
from docpipe.sources.discovery import discover_cases, is_case_folder
from docpipe.sources.example import create_example_case, example_case_dir
from docpipe.word import Picture, WordTemplate
from docpipe.word.compiled import keep_compiled_templates_in

if TYPE_CHECKING:
    from docpipe.status_import import StatusImport


def render_cases(cases: Sequence[str | Path], out_dir: str | Path, *, deliverables: list[str] | None = None,
                 templates: str | Path | None = None, pdf: PdfChoice | None = None,
                 progress: Progress | None = None) -> BatchResult:
    """Render the named cases (folders or intake workbooks) into ``out_dir``, in this process.

    What ``docpipe render`` does: the batch engine without a manifest, so a case that fails leaves
    none of its documents behind, two cases with the same folder name are refused instead of
    overwriting each other, and PDFs are made as ``docpipe batch`` makes them.
    """
    paths = [Path(case) for case in cases]
    return run_batch(Path("."), out_dir, jobs=1, deliverables=deliverables, templates=templates, pdf=pdf,
                     progress=progress, cases=paths, write_manifest=False)


def case_warnings(case: Case, deliverables: list[str] | None = None) -> list[Problem]:
    """What looks wrong in a valid case, in file and line order: facts that contradict each other or
    the calendar (docpipe.model.facts), and the limits of the named documents (all when None) that the
    case exceeds, which refuse that document alone (``Problem.document`` names it).

    ``docpipe validate`` prints them as warnings (errors with ``--strict``).
    """
    found = [*fact_warnings(case), *document_problems(case, deliverables)]
    return sorted(found, key=Problem.order)


def blank_workbook(path: str | Path) -> None:
    """Write a blank intake workbook (Danish, with drop-downs and help) to ``path``."""
    from docpipe.intake.writer import blank_workbook as write_blank  # openpyxl only when called: see workbook_bytes

    write_blank(path)


def export_case(case: Case, path: str | Path) -> None:
    """Write ``case`` into an intake workbook at ``path``."""
    from docpipe.intake.writer import export_case as write_case

    write_case(case, path)


def workbook_bytes(case: Case | None) -> bytes:
    """An intake workbook as bytes: blank (``None``) or filled with ``case``.

    The intake functions import openpyxl (and NumPy through it) only when called: importing them
    with the door would cost every command and every batch worker about 0.3 s at start.
    """
    from docpipe.intake.writer import workbook_bytes as made

    return made(case)


def import_status(workbook: Path, case_dir: Path, *, dry_run: bool = False) -> StatusImport:
    """Read the Plan sheet of an implementeringsplan.xlsx back into the case's planning.yaml (status,
    actual end, comment); see docpipe.status_import. Imported when called: it needs openpyxl."""
    from docpipe.status_import import import_status as run

    return run(workbook, case_dir, dry_run=dry_run)


__all__ = [
    "DEFAULT_MEMORY_MB",
    "DEFAULT_SECONDS",
    "DELIVERABLES",
    "LANGUAGES",
    "LIBREOFFICE_HINT",
    "N_",
    "PARTS",
    "AccessibilityFinding",
    "BatchResult",
    "Case",
    "CaseOutcome",
    "CaseStatus",
    "DataError",
    "Deliverable",
    "DocpipeError",
    "DocumentRefused",
    "DocumentsRefused",
    "InvalidCase",
    "MergeResult",
    "NamePatternError",
    "OutputError",
    "PdfChoice",
    "PdfRun",
    "Picture",
    "Problem",
    "Progress",
    "RenderLimits",
    "RevisionError",
    "RowResult",
    "TemplateError",
    "WordTemplate",
    "_",
    "__version__",
    "accessibility_documents",
    "blank_workbook",
    "case_key",
    "case_warnings",
    "check_accessibility",
    "check_templates",
    "convert_to_pdf",
    "create_example_case",
    "current_language",
    "decimal",
    "discover_cases",
    "example_case_dir",
    "export_case",
    "find_soffice",
    "import_status",
    "input_schema",
    "is_case_folder",
    "keep_compiled_templates_in",
    "language_from_environment",
    "load_case",
    "make_pdfs",
    "merge",
    "ngettext",
    "read_rows",
    "redline_case",
    "redline_since",
    "remove_orphaned_conversions",
    "render_case",
    "render_cases",
    "render_deliverable",
    "run_batch",
    "safe_upload_stem",
    "set_language",
    "use_language",
    "validate_case",
    "workbook_bytes",
    "write_atomically",
]
