"""Running a batch's tasks: in this process for one worker, else in a pool of forked workers."""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed

from docpipe.batch.outcome import CaseOutcome, Progress
from docpipe.batch.task import CaseTask, render_task


def run_tasks(tasks: Sequence[CaseTask], jobs: int | None, fail_fast: bool,
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


def _submitted(pool: ProcessPoolExecutor, tasks: Sequence[CaseTask]) -> set[Future[CaseOutcome]]:
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
