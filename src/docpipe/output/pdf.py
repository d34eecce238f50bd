"""PDF (PDF/A-2b and PDF/UA-1, tagged) copies of Word and Excel documents, made with LibreOffice headless.

Committee systems want PDF, archives want PDF/A. LibreOffice is the one free converter that reads
what docpipe writes faithfully, and starting it costs about a second while converting a letter
costs about 60 ms, so everything here is about starting it as few times as possible:

- **One run for many folders.** The documents are hard-linked (or copied) into one hidden staging
  folder under unique names (``0007__kommissorium.docx``), because every case has its own
  ``kommissorium.docx`` and LibreOffice writes its PDFs into one folder, named after the document.
  Each PDF is then renamed into its document's folder: nothing half-written is ever visible there.
- **Runs of at most PDF_BATCH documents**, and what a run silently skipped (LibreOffice 7.4 stops
  after 246 documents in one run, with exit code 0) goes into the next, until a run converts none.
- **Word and Excel in separate runs**: the PDF/A options are given to an export filter by name,
  ``writer_pdf_Export`` for Word, ``calc_pdf_Export`` for Excel.
- **A temporary LibreOffice profile per run**, so parallel conversions (and a LibreOffice the user
  has open) never collide. A call with many documents deals them into up to ``converters()`` runs
  side by side (at least MIN_RUN documents each), and Word and Excel runs go side by side too: a
  LibreOffice converts on one core, so ``docpipe batch --pdf`` scales with the cores.
- **At most ``converters()`` LibreOffice processes at once** in a process (``DOCPIPE_CONVERTERS``,
  default: the number of cores): the web server's previews, its ``?pdf=`` and its batch jobs share
  them, so 30 simultaneous uploads wait their turn instead of starting 30 LibreOffices (4.9 GB).
- **Each run in a process group of its own**, killed whole when it times out or its caller is
  interrupted: LibreOffice's launcher starts the real ``soffice.bin`` as a child, which killing the
  launcher alone would leave running. The group's leader is a tiny guard (``_GUARD``) that the kernel
  signals when this process dies (``PR_SET_PDEATHSIG``, Linux), and it then kills the group: a server
  killed with ``kill -9`` mid-conversion leaves no LibreOffice running on. Its profile and staging
  folders carry this process's id, so ``remove_orphaned_conversions`` (the web server's sweep) removes
  those of a process that is gone.

The title comes from the document's core properties (docpipe writes them) and is shown in the viewer's
title bar (PDF/UA asks for it); the language comes from the document's styles (``da-DK``); a workbook
has no language of its own, so LibreOffice's locale is set to ``language`` in the runs' profile, which
is what the PDF's ``/Lang`` then says.

A PDF lies beside its document with the same stem: ``kommissorium.docx`` -> ``kommissorium.pdf``. A
workbook that shares its stem with a Word document beside it (``implementeringsplan.docx`` and
``.xlsx``) gets its full name: ``implementeringsplan.xlsx.pdf``.

LibreOffice stamps the creation date into every PDF, so a PDF's bytes (and sha256) differ per run.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Literal
from xml.sax.saxutils import escape

from docpipe.i18n import N_, _

LIBREOFFICE_HINT = N_("no PDF made: LibreOffice (soffice) is not installed; install it with `apt-get install "
                      "libreoffice-writer-nogui libreoffice-calc-nogui` (Debian/Ubuntu) and run again with --pdf")
"""The English text; show it with ``libreoffice_hint()`` (or ``_(LIBREOFFICE_HINT)``), in the reader's language."""
PdfChoice = Literal["word", "all"]
"""Which documents get a PDF: the Word documents, or all (the workbooks too)."""
PDF_BATCH = 200
"""Documents per LibreOffice run (see convert_to_pdf)."""
WORD_SUFFIXES = (".docx", ".doc", ".odt", ".rtf")
EXCEL_SUFFIXES = (".xlsx", ".xls", ".ods")
_FILTERS = {**dict.fromkeys(WORD_SUFFIXES, "writer_pdf_Export"), **dict.fromkeys(EXCEL_SUFFIXES, "calc_pdf_Export")}
PDFA_OPTIONS = {"SelectPdfVersion": {"type": "long", "value": "2"},   # PDF/A-2b
                "UseTaggedPDF": {"type": "boolean", "value": "true"},  # structure for screen readers
                "PDFUACompliance": {"type": "boolean", "value": "true"},  # declares PDF/UA-1 (pdfuaid:part=1)
                "DisplayPDFDocumentTitle": {"type": "boolean", "value": "true"}}  # title bar: title, not file name
"""LibreOffice's PDF export options: PDF/A-2b for archives that also declares PDF/UA-1, because agenda items
and their bilag are published and must be accessible (webtilgængelighedsloven); LibreOffice 7.4 writes both
for Word documents (for workbooks see ``export_options``)."""
_LOCALE_SETTINGS = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Setup/L10N">
 <prop oor:name="ooSetupSystemLocale" oor:op="fuse"><value>{language}</value></prop></item>
<item oor:path="/org.openoffice.Office.Linguistic/General">
 <prop oor:name="DefaultLocale" oor:op="fuse"><value>{language}</value></prop></item>
</oor:items>
"""
"""The profile's locale: what LibreOffice gives a document that names no language of its own."""


def libreoffice_hint() -> str:
    """LIBREOFFICE_HINT in the current language: what to do when LibreOffice is missing."""
    return _(LIBREOFFICE_HINT)


def find_soffice() -> str | None:
    """The LibreOffice program, or None when it is not installed."""
    return shutil.which("soffice")


def is_word(path: Path) -> bool:
    return path.suffix.lower() in WORD_SUFFIXES


def is_excel(path: Path) -> bool:
    return path.suffix.lower() in EXCEL_SUFFIXES


def pdf_path(document: Path) -> Path:
    """Where convert_to_pdf puts ``document``'s PDF: beside it, same stem, unless a Word document
    beside it has that stem too and ``document`` is not that one (then its full name + ``.pdf``)."""
    document = Path(document)
    if not is_word(document) and any(sibling.is_file() for sibling in
                                      (document.with_suffix(suffix) for suffix in WORD_SUFFIXES)):
        return document.with_name(document.name + ".pdf")
    return document.with_suffix(".pdf")


def pdf_candidates(document: Path) -> tuple[Path, Path]:
    """Both names a PDF of ``document`` can have (for removing stale ones)."""
    return document.with_suffix(".pdf"), document.with_name(document.name + ".pdf")


@dataclass(frozen=True)
class PdfRun:
    """What one conversion after rendering made: each document's PDF, or why it has none.

    ``note`` is set, and nothing converted, when LibreOffice is not installed: a run that asked for
    PDFs still wrote its documents, and says once (not per document) how to get the PDFs.
    """

    made: dict[Path, Path] = field(default_factory=dict)
    failed: dict[Path, str] = field(default_factory=dict)
    note: str | None = None


def wants_pdf(document: Path, which: PdfChoice) -> bool:
    """Whether ``document`` gets a PDF when ``which`` was asked for."""
    return is_word(document) or (which == "all" and is_excel(document))


def make_pdfs(documents: Iterable[Path], which: PdfChoice = "word") -> PdfRun:
    """PDF/A-2b copies of those of ``documents`` that ``which`` asks for, in a LibreOffice start
    per kind (per core, for many): the one step after rendering that ``render``, ``batch``, ``merge``
    and the web share."""
    chosen = [document for document in documents if wants_pdf(document, which)]
    soffice = find_soffice()
    if soffice is None:
        return PdfRun(note=libreoffice_hint())
    if not chosen:
        return PdfRun()
    results = convert_to_pdf(chosen, soffice=soffice)
    made = {document: result for document, result in results.items() if isinstance(result, Path)}
    failed = {document: result for document, result in results.items() if isinstance(result, str)}
    return PdfRun(made, failed)


def convert_to_pdf(documents: Iterable[Path], pdfa: bool = True, *, soffice: str | None = None,
                   language: str | None = "da-DK") -> dict[Path, Path | str]:
    """Convert ``documents`` with LibreOffice; per document its PDF (see pdf_path) or why there is none.

    ``pdfa`` makes PDF/A-2b with tags (the default); otherwise LibreOffice's plain PDF. ``soffice``
    is the program (default: find_soffice(); when there is none every document gets
    LIBREOFFICE_HINT). ``language`` (``da-DK``) is the locale of the runs' LibreOffice profile: the language a
    document that names none (a workbook) is given. Never raises for a document it cannot convert.
    """
    wanted = list(dict.fromkeys(Path(document) for document in documents))
    program = soffice or find_soffice()
    if program is None:
        return dict.fromkeys(wanted, libreoffice_hint())
    outcome: dict[Path, Path | str] = {}
    groups: dict[str, list[Path]] = {}
    for document in wanted:
        groups.setdefault(_FILTERS.get(document.suffix.lower(), ""), []).append(document)
    with _staging(wanted) as staging:
        staged = _stage(wanted, staging / "in")
        runs: list[tuple[str, dict[Path, Path]]] = []
        for name, group in groups.items():
            ready = {document: place for document in group if isinstance(place := staged[document], Path)}
            outcome.update({document: staged[document] for document in group if document not in ready})
            runs.extend((_convert_to(name, pdfa), {document: ready[document] for document in share})
                        for share in _shares(list(ready), converters()))

        def run(convert_to: str, share: dict[Path, Path]) -> dict[Path, Path | str]:
            with tempfile.TemporaryDirectory(prefix=f"{PROFILE_PREFIX}{os.getpid()}-") as profile:
                return _runs(share, staging / "out", program, Path(profile), convert_to, language)

        with ThreadPoolExecutor(max_workers=max(1, len(runs)), thread_name_prefix="docpipe-soffice") as pool:
            for made in pool.map(lambda job: run(*job), runs):
                outcome.update(made)
    return {document: outcome[document] for document in wanted}


MIN_RUN = 12
"""The fewest documents worth a LibreOffice start of their own: a start costs about a dozen conversions."""


def _shares(documents: list[Path], ways: int) -> list[list[Path]]:
    """``documents`` dealt into at most ``ways`` runs of at least MIN_RUN each, which run side by side
    (each with its own profile: two LibreOffices cannot share one) in the process's converter slots."""
    count = max(1, min(ways, len(documents) // MIN_RUN))
    return [documents[index::count] for index in range(count)] if documents else []


class _staging:
    """A hidden folder beside the documents (so renames out of it stay on one file system)."""

    def __init__(self, documents: Sequence[Path]) -> None:
        folders = {str(document.parent.resolve()) for document in documents} or {os.getcwd()}
        self._near = Path(os.path.commonpath(sorted(folders)))
        self._folder: tempfile.TemporaryDirectory[str] | None = None

    def __enter__(self) -> Path:
        try:
            self._folder = tempfile.TemporaryDirectory(prefix=".docpipe-pdf-", dir=self._near)
        except OSError:  # not writable: stage in the temporary folder and copy out
            self._folder = tempfile.TemporaryDirectory(prefix=f"{STAGING_PREFIX}{os.getpid()}-")
        folder = Path(self._folder.name)
        (folder / "in").mkdir()
        (folder / "out").mkdir()
        return folder

    def __exit__(self, *exc: object) -> None:
        if self._folder is not None:
            self._folder.cleanup()


def _stage(documents: Sequence[Path], folder: Path) -> dict[Path, Path | str]:
    """Each document linked (or copied) into ``folder`` under a name no other document has."""
    staged: dict[Path, Path | str] = {}
    for index, document in enumerate(documents):
        target = folder / f"{index:04d}__{document.name}"
        try:
            try:
                os.link(document, target)
            except OSError:
                shutil.copyfile(document, target)
            staged[document] = target
        except OSError as error:
            staged[document] = _("cannot be read: {reason}").format(reason=error.strerror or error)
    return staged


def _convert_to(filter_name: str, pdfa: bool) -> str:
    if not pdfa or not filter_name:
        return "pdf"
    return f"pdf:{filter_name}:{json.dumps(export_options(filter_name), separators=(',', ':'))}"


def export_options(filter_name: str) -> dict[str, dict[str, str]]:
    """The PDF options for an export filter: PDF/UA is declared only where LibreOffice can keep it.

    LibreOffice 7.4's Calc tags no cell of a sheet (its tagged PDF holds only the header and footer
    paragraphs; pdfua: UA-01-003 on every page), so a workbook's PDF claiming PDF/UA-1 would claim
    what it is not. It stays tagged PDF/A-2b, without the claim; see the README's accessibility section.
    """
    if filter_name == "calc_pdf_Export":
        return {name: value for name, value in PDFA_OPTIONS.items() if name != "PDFUACompliance"}
    return PDFA_OPTIONS


def _runs(staged: dict[Path, Path], out: Path, soffice: str, profile: Path,
          convert_to: str, language: str | None) -> dict[Path, Path | str]:
    outcome: dict[Path, Path | str] = {}
    if language and not (profile / "user").exists():
        (profile / "user").mkdir(parents=True)
        (profile / "user" / "registrymodifications.xcu").write_text(_LOCALE_SETTINGS.format(
            language=escape(language, {'"': "&quot;"})), "utf-8")
    remaining = list(staged)
    while remaining:
        batch, reason = remaining[:PDF_BATCH], None
        command = [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
                   "--convert-to", convert_to, "--outdir", str(out), *(str(staged[document]) for document in batch)]
        timeout = 60 + 5 * len(batch)
        try:
            with converter_slots():
                code, stderr = _run_in_own_group(command, timeout)
            said = [line for line in stderr.decode("utf-8", "replace").strip().splitlines() if "javaldx" not in line]
            if said:
                reason = _("LibreOffice did not convert it ({reason})").format(reason=said[-1])
            else:
                reason = _("LibreOffice did not convert it (exit code {code})").format(code=code)
        except subprocess.TimeoutExpired:
            reason = _("LibreOffice did not finish within {seconds} seconds").format(seconds=timeout)
        except OSError as error:
            reason = _("LibreOffice could not be started: {reason}").format(reason=error.strerror or error)
        converted = 0
        for document in batch:
            made = out / (staged[document].stem + ".pdf")
            if made.is_file():
                try:
                    outcome[document] = _move_into_place(made, pdf_path(document))
                    converted += 1
                except OSError as error:
                    outcome[document] = _("the PDF cannot be written: {reason}").format(
                        reason=error.strerror or error)
            else:
                outcome[document] = reason
        if not converted:
            break
        remaining = [document for document in remaining if not isinstance(outcome.get(document), Path)]
    return outcome


PROFILE_PREFIX = "docpipe-soffice-"
STAGING_PREFIX = "docpipe-pdf-"
"""The temporary folders of a conversion: ``<prefix><pid>-<random>`` in the temporary folder."""


def remove_orphaned_conversions() -> list[Path]:
    """Remove the LibreOffice profiles and staging folders that a process now gone (killed mid-conversion)
    left in this machine's temporary folder; returns them. Another live process's are left alone."""
    removed = []
    for folder in Path(tempfile.gettempdir()).glob("docpipe-*-*"):
        name = folder.name.removeprefix(PROFILE_PREFIX).removeprefix(STAGING_PREFIX)
        pid, separator, _rest = name.partition("-")
        if name == folder.name or not separator or not pid.isdigit() or not folder.is_dir() or _alive(int(pid)):
            continue
        shutil.rmtree(folder, ignore_errors=True)
        removed.append(folder)
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process: alive, and not this user's to judge
        return True
    return True


CONVERTERS_VARIABLE = "DOCPIPE_CONVERTERS"


def converters() -> int:
    """How many LibreOffice processes may run at once in this process."""
    given = os.environ.get(CONVERTERS_VARIABLE, "")
    return int(given) if given.isdigit() and int(given) > 0 else max(1, os.cpu_count() or 1)


@cache
def converter_slots() -> threading.BoundedSemaphore:
    """The process's LibreOffice slots, shared by every thread that converts."""
    return threading.BoundedSemaphore(converters())


_GUARD = """
import ctypes, os, signal, subprocess, sys
signal.signal(signal.SIGTERM, lambda *_: os.killpg(0, signal.SIGKILL))
try:
    ctypes.CDLL(None).prctl(1, signal.SIGTERM, 0, 0, 0)  # PR_SET_PDEATHSIG: told when the caller dies
except (OSError, AttributeError):
    pass
if os.getppid() != int(sys.argv[1]):
    os.killpg(0, signal.SIGKILL)  # the caller died before the line above
sys.exit(subprocess.call(sys.argv[2:]))
"""
"""The leader of a conversion's process group: runs LibreOffice and kills the group when its caller dies."""


def _run_in_own_group(command: list[str], timeout: float) -> tuple[int, bytes]:
    """Run ``command`` as the leader of a new process group; on a timeout or an interruption the whole
    group is killed, children included, and so it is when this process dies (see _GUARD). Returns the
    exit code and what it wrote to stderr."""
    guarded = [sys.executable, "-I", "-S", "-c", _GUARD, str(os.getpid()), *command]
    process = subprocess.Popen(guarded, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    try:
        _, stderr = process.communicate(timeout=timeout)
    except BaseException:
        _kill_group(process)
        raise
    return process.returncode, stderr


def _kill_group(process: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.communicate()


def _move_into_place(made: Path, target: Path) -> Path:
    try:
        os.replace(made, target)
    except OSError as error:
        if error.errno != errno.EXDEV:
            raise
        temporary = target.with_name(f".{target.name}.docpipe-tmp")
        shutil.copyfile(made, temporary)
        os.replace(temporary, target)
    return target
