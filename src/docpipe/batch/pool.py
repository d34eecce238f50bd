"""Running a batch's tasks: in this process for one worker, else in a pool of forked workers."""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor, as_completed

from docpipe.batch.limited import run_limited, warm
from docpipe.batch.outcome import CaseOutcome, Progress
from docpipe.batch.task import CaseTask, render_task
from docpipe.limits import RenderLimits


def run_tasks(tasks: Sequence[CaseTask], jobs: int | None, fail_fast: bool,
               progress: Progress | None, limits: RenderLimits | None = None) -> Iterator[tuple[str, CaseOutcome]]:
    workers = jobs or os.cpu_count() or 1
    if limits is not None:
        yield from _limited(tasks, workers, fail_fast, progress, limits)
        return
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


def _limited(tasks: Sequence[CaseTask], workers: int, fail_fast: bool, progress: Progress | None,
             limits: RenderLimits) -> Iterator[tuple[str, CaseOutcome]]:
    """Each task in a child of its own (docpipe.batch.limited), ``workers`` at once: a child killed
    for a limit costs its case, never this process or the other cases."""
    if tasks:
        warm(tasks[0].templates)
    with ThreadPoolExecutor(max_workers=max(1, min(workers, len(tasks))), thread_name_prefix="docpipe-case") as pool:
        submitted = {pool.submit(run_limited, task, limits) for task in tasks}
        for future in as_completed(submitted):
            if future.cancelled():
                continue
            result = future.result()
            if progress:
                progress(result)
            yield result.name, result
            if fail_fast and not result.succeeded:
                for other in submitted:
                    other.cancel()


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
