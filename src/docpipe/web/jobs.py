"""Batch uploads rendered off the request path: one job per upload, its state kept in the upload's folder.

Rendering a batch root of many cases takes from seconds to minutes, longer than a browser should wait
for an answer. So ``POST /upload`` of several cases only unpacks them, starts a job and redirects to
``/jobs/<id>``, a page that refreshes itself showing "N af M sager færdige" until the summary is there.

A job runs in one of a few threads (``max_jobs`` at once; more wait their turn) that calls run_batch,
which renders the cases in the same worker processes as ``docpipe batch``. Its progress callback
rewrites ``job.json`` in the upload's folder after every case, and the status page reads that file.
The state lives in that file and not in memory because the folder is already what the store sweeps:
an expired job disappears with its documents, and there is no second registry to keep in step.
"""

from __future__ import annotations

import dataclasses
import json
import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, Protocol

from docpipe.api import N_, CaseOutcome, PdfChoice, _, use_language, write_atomically
from docpipe.web.work import LANGUAGE, RenderOptions, Unpacked, internal_error, render_for_page

JOB_FILE = "job.json"
JobPhase = Literal["waiting", "rendering", "pdf", "previews", "done", "error"]
PHASE_TEXT: dict[str, str] = {
    "waiting": N_("Waiting for another run to finish …"),
    "rendering": N_("Making the documents …"),
    "pdf": N_("Making PDFs with LibreOffice …"),
    "previews": N_("Making pictures of the first pages …"),
}
"""What the status page says the job is doing, before it is done (translated when the page is made)."""
log = logging.getLogger("docpipe.web")


@dataclass
class JobState:
    """What the status page shows: progress while running, the results page's data when done."""

    filename: str
    total: int
    done: int = 0
    failed: int = 0
    phase: JobPhase = "waiting"
    results: dict[str, Any] | None = None
    error: str = ""

    @property
    def finished(self) -> bool:
        return self.phase in ("done", "error")

    @property
    def phase_text(self) -> str:
        return _(PHASE_TEXT[self.phase]) if self.phase in PHASE_TEXT else ""

    def save(self, folder: Path) -> None:
        """Replace ``folder/job.json`` in one step, so a reader never sees half a state."""
        write_atomically(folder / JOB_FILE, json.dumps(dataclasses.asdict(self), ensure_ascii=False).encode())

    @classmethod
    def load(cls, folder: Path) -> JobState | None:
        """The state of the job in ``folder``, or None when the folder holds no job."""
        try:
            return cls(**json.loads((folder / JOB_FILE).read_text("utf-8")))
        except (OSError, ValueError, TypeError):
            return None


class Runner(Protocol):
    """Where batch jobs run: threads of this process (JobRunner) or an RQ queue (docpipe.web.queue)."""

    def start(self, folder: Path, unpacked: Unpacked, filename: str, pdf: PdfChoice | None) -> None: ...

    def later(self, work: Callable[..., None], *args: Any) -> None: ...

    def stopped(self, job_id: str) -> str | None: ...

    def close(self) -> None: ...


class JobRunner:
    """Runs batch uploads in background threads, at most ``max_jobs`` at once."""

    def __init__(self, options: RenderOptions, max_jobs: int = 2) -> None:
        self.options = options
        self._pool = ThreadPoolExecutor(max_workers=max_jobs, thread_name_prefix="docpipe-job")

    def start(self, folder: Path, unpacked: Unpacked, filename: str, pdf: PdfChoice | None) -> None:
        """Record the job as waiting (so its page exists at once) and queue it."""
        state = JobState(filename, total=len(unpacked.cases))
        state.save(folder)
        self._pool.submit(self._run, folder, unpacked, state, pdf)

    def _run(self, folder: Path, unpacked: Unpacked, state: JobState, pdf: PdfChoice | None) -> None:
        run_job(folder, unpacked, state, pdf, self.options)

    def later(self, work: Callable[..., None], *args: Any) -> None:
        """Run ``work(*args)`` in a job thread (the first-page pictures of an upload already answered)."""
        self._pool.submit(logged, work, *args)

    def stopped(self, job_id: str) -> str | None:
        """Why a job that is not done will never be (a job thread of this process always finishes)."""
        return None

    def close(self) -> None:
        """Stop starting queued jobs (on server shutdown); a running job finishes its current batch."""
        self._pool.shutdown(wait=False, cancel_futures=True)


def logged(work: Callable[..., None], *args: Any) -> None:
    """``work(*args)`` run after its request was answered: nobody waits for it, so a failure is logged
    (the pictures' requests stop waiting when the marker's time is up)."""
    try:
        work(*args)
    except Exception:
        log.exception("docpipe serve: background work failed")


def run_job(folder: Path, unpacked: Unpacked, state: JobState, pdf: PdfChoice | None, options: RenderOptions) -> None:
    """A batch upload's job, in a job thread or in a ``docpipe worker`` process, in the web's language
    (neither inherits a request's): progress and results go to ``job.json`` in the upload's folder."""
    with use_language(LANGUAGE):
        _render(folder, unpacked, state, pdf, options)


def _render(folder: Path, unpacked: Unpacked, state: JobState, pdf: PdfChoice | None, options: RenderOptions) -> None:
    def progress(outcome: CaseOutcome) -> None:
        state.done += 1
        state.failed += not outcome.succeeded
        if state.done == state.total and pdf:
            state.phase = "pdf"  # run_batch converts every case's documents after the last case
        state.save(folder)

    def making_previews() -> None:
        state.phase = "previews"
        state.save(folder)

    state.phase = "rendering"
    try:
        state.save(folder)
        state.results = render_for_page(unpacked, folder, options, pdf, progress, making_previews)
        state.phase = "done"
    except Exception as error:  # the page must say so, not keep refreshing forever
        log.exception("docpipe serve: a batch job failed")
        state.phase, state.error = "error", internal_error(error)
    try:
        state.save(folder)
    except Exception:  # the folder was swept while the job ran: nobody is left to tell
        log.warning("docpipe serve: a job's folder disappeared before it finished")
