"""Batch jobs on a Redis queue (RQ), for a municipality that runs docpipe for all its staff.

``docpipe serve`` alone runs batch jobs in threads of its own process: nothing else to install. With
``--queue redis://...`` any number of server instances put batch jobs on one RQ queue, and any number
of ``docpipe worker --queue redis://...`` processes run them. Every instance and worker uses the same
``--data-dir`` (a shared folder): a job's progress and results are its ``job.json`` and documents in
the upload's folder, so every instance shows every job, and the retention sweeps them as before.

RQ (not Celery): a job here is one function call with its arguments, and RQ is exactly that on Redis,
with a worker that forks a fresh process per job, so a template that misbehaves costs one job, not
the worker. A worker killed mid-job leaves its job "started" until RQ's heartbeat for it lapses (a
minute and a half); ``stopped`` then finds it failed, and the job page says so instead of waiting.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from docpipe.api import N_, PdfChoice, _
from docpipe.web.jobs import JobState, logged, run_job
from docpipe.web.work import RenderOptions, Unpacked

QUEUE_NAME = "docpipe"
JOB_TIMEOUT_SECONDS = 60 * 60
"""The longest a batch job may run (a few thousand cases with PDFs); RQ stops it after that."""
HEARTBEAT_SECONDS = 10
"""How often a worker says it is still running a job."""
WORKER_STOPPED = N_("the worker running this job stopped before it was done (was it stopped or did its computer "
                    "restart?); upload the file again")


def queued_job(folder: str, unpacked: Unpacked, filename: str, pdf: PdfChoice | None, options: RenderOptions) -> None:
    """What a ``docpipe worker`` runs for a batch upload: the same job a server's thread would run."""
    state = JobState.load(Path(folder)) or JobState(filename, total=len(unpacked.cases))
    run_job(Path(folder), unpacked, state, pdf, options)


class RqRunner:
    """Batch jobs on an RQ queue; the first-page pictures of single uploads stay in this process."""

    def __init__(self, url: str, options: RenderOptions) -> None:
        from redis import Redis
        from rq import Queue

        self.options = options
        self.connection = Redis.from_url(url)
        self.queue = Queue(QUEUE_NAME, connection=self.connection)
        self._threads = ThreadPoolExecutor(max_workers=2, thread_name_prefix="docpipe-later")

    def start(self, folder: Path, unpacked: Unpacked, filename: str, pdf: PdfChoice | None) -> None:
        """Record the job as waiting (so its page exists at once, on every instance) and queue it."""
        JobState(filename, total=len(unpacked.cases)).save(folder)
        self.queue.enqueue(queued_job, str(folder), unpacked, filename, pdf, self.options, job_id=folder.name,
                           job_timeout=JOB_TIMEOUT_SECONDS, result_ttl=0, failure_ttl=24 * 60 * 60)

    def stopped(self, job_id: str) -> str | None:
        """Why a job that is not done will never be: it failed in RQ, or its worker died (RQ finds that
        when the job's heartbeat has lapsed); None while it waits or runs."""
        from rq.exceptions import NoSuchJobError
        from rq.job import Job, JobStatus
        from rq.registry import StartedJobRegistry

        StartedJobRegistry(queue=self.queue).cleanup()  # moves the jobs of dead workers to failed
        try:
            status = Job.fetch(job_id, connection=self.connection).get_status()
        except NoSuchJobError:
            return None
        return _(WORKER_STOPPED) if status in (JobStatus.FAILED, JobStatus.STOPPED, JobStatus.CANCELED) else None

    def later(self, work: Callable[..., None], *args: Any) -> None:
        self._threads.submit(logged, work, *args)

    def close(self) -> None:
        self._threads.shutdown(wait=False, cancel_futures=True)


def run_worker(url: str) -> None:
    """Run batch jobs from the queue at ``url`` until stopped (``docpipe worker``)."""
    from redis import Redis
    from rq import Queue, Worker

    connection = Redis.from_url(url)
    worker = Worker([Queue(QUEUE_NAME, connection=connection)], connection=connection,
                    job_monitoring_interval=HEARTBEAT_SECONDS)
    worker.work(logging_level="WARNING")
