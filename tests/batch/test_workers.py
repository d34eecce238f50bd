"""How a parallel batch starts its worker processes."""

from __future__ import annotations

import gc
from concurrent.futures import Future
from pathlib import Path
from typing import Any

import pytest

from docpipe.batch import run_batch
from docpipe.batch.pool import _submitted
from docpipe.batch.task import CaseTask as _Task
from tests.conftest import INPUTS


class _RecordingPool:
    """Stands in for the process pool: notes whether the heap was frozen when each task was handed over."""

    def __init__(self) -> None:
        self.frozen_at_submit: list[int] = []

    def submit(self, function: Any, task: _Task) -> Future[Any]:
        self.frozen_at_submit.append(gc.get_freeze_count())
        return Future()


def _task(name: str) -> _Task:
    return _Task(name, name, "out", None, None, "sha", None)


def test_workers_are_forked_from_a_frozen_heap_which_is_unfrozen_after() -> None:
    pool = _RecordingPool()
    assert gc.get_freeze_count() == 0
    futures = _submitted(pool, [_task("a"), _task("b")])  # type: ignore[arg-type]
    assert len(futures) == 2
    assert pool.frozen_at_submit and all(count > 1000 for count in pool.frozen_at_submit)
    assert gc.get_freeze_count() == 0


def test_heap_is_unfrozen_even_when_submitting_fails() -> None:
    class _BrokenPool(_RecordingPool):
        def submit(self, function: Any, task: _Task) -> Future[Any]:
            raise RuntimeError("cannot start workers")

    with pytest.raises(RuntimeError):
        _submitted(_BrokenPool(), [_task("a")])  # type: ignore[arg-type]
    assert gc.get_freeze_count() == 0


def test_a_parallel_batch_leaves_the_heap_unfrozen(tmp_path: Path) -> None:
    result = run_batch(INPUTS, tmp_path / "out", jobs=2, deliverables=["one-pager"])
    assert result.ok and len(result.outcomes) >= 2
    assert gc.get_freeze_count() == 0
