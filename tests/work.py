"""The work and memory a piece of code takes, measured so that a busy machine cannot fail a test.

Wall-clock time depends on the machine and on what else runs on it; the number of Python function
calls made and the peak of the memory Python allocated do not. Unit tests bound these two; how fast
docpipe is lives in benchmarks/.
"""

from __future__ import annotations

import sys
import tracemalloc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from types import FrameType
from typing import Any


@dataclass
class Cost:
    calls: int = 0  # Python function calls (also those libyaml's C parser makes to build Python objects)
    peak_bytes: int = 0  # the most memory allocated at once inside the block (tracemalloc)

    @property
    def peak_megabytes(self) -> float:
        return self.peak_bytes / 1024 / 1024


@contextmanager
def measured(calls: bool = True, memory: bool = True) -> Iterator[Cost]:
    """Count the calls and trace the peak memory of the block (in this thread); read them after it.

    Counting calls slows Python down a few times and tracing memory too, so both are for blocks that
    are meant to be small: a refusal, a hostile input stopped at a limit.
    """
    cost = Cost()

    def count(frame: FrameType, event: str, arg: Any) -> None:
        if event == "call":
            cost.calls += 1

    previous = sys.getprofile()
    already_tracing = tracemalloc.is_tracing()  # e.g. python -X tracemalloc: leave it running
    if memory:
        if not already_tracing:
            tracemalloc.start()
        tracemalloc.reset_peak()
        before = tracemalloc.get_traced_memory()[0]
    if calls:
        sys.setprofile(count)
    try:
        yield cost
    finally:
        if calls:
            sys.setprofile(previous)
        if memory:
            cost.peak_bytes = tracemalloc.get_traced_memory()[1] - before
            if not already_tracing:
                tracemalloc.stop()
