"""One case rendered in a child process that is killed when a document breaks its limits.

The web server renders what strangers upload, and with ``--allow-uploaded-templates`` their
templates too: a template is a program. Its own templates get the same treatment, since a case's
facts drive their loops. So each case of a web render runs in a forked child (forked: it inherits
the server's prepared templates, and starts in milliseconds) that

- caps its memory with ``RLIMIT_AS`` at what it had when forked plus ``memory_mb``: an allocation
  beyond fails with MemoryError, which the case's outcome reports, naming the document;
- tells the parent through a pipe which document it begins, so the parent gives each document
  ``seconds`` and, when one takes longer, kills the child and names that document;
- dies with its parent (``PR_SET_PDEATHSIG``): a server killed with ``kill -9`` leaves no child
  rendering on.

Whatever happens to the child becomes a failed CaseOutcome with a message, never an exception: the
server keeps serving, the other cases of the batch keep their documents.
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import resource
import signal
import tempfile
import time
from functools import cache
from multiprocessing.connection import Connection
from typing import Any

from docpipe.batch.outcome import CaseOutcome
from docpipe.batch.task import CaseTask, render_task
from docpipe.i18n import use_language
from docpipe.limits import MB, RenderLimits, stopped, too_much_memory, too_slow, use_limits
from docpipe.model.load import load_case
from docpipe.render.case import render_case
from docpipe.sources.example import example_case_dir

PR_SET_PDEATHSIG = 1


def die_with_parent() -> None:
    """Have the kernel kill this process when its parent dies (Linux; elsewhere nothing happens)."""
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)


@cache
def warm(templates: str | None) -> None:
    """Render the shipped example case once in this process, before its first child is forked, so every
    child inherits the templates prepared and compiled (a cold child took 0.2-0.3 s longer). Only the
    server's own templates run here; a case's uploaded ones run only in children. A failure only
    costs the warmth."""
    with contextlib.suppress(Exception), tempfile.TemporaryDirectory(prefix="docpipe-warm-") as folder:
        render_case(load_case(example_case_dir()), folder, templates=templates)


def run_limited(task: CaseTask, limits: RenderLimits) -> CaseOutcome:
    """Render ``task`` in a child within ``limits``; its outcome, or a failed one saying which limit."""
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(sender, task, limits), daemon=True)
    child.start()
    sender.close()
    try:
        with use_language(task.language):  # this thread may not speak the batch's caller's language
            return _watch(child, receiver, task, limits)
    finally:
        if child.is_alive():
            child.kill()
        child.join()
        receiver.close()


def _watch(child: Any, receiver: Connection, task: CaseTask, limits: RenderLimits) -> CaseOutcome:
    """The child's outcome, read as it reports each document begun; killed past a document's time."""
    document = task.name
    started = time.monotonic()
    deadline = started + limits.seconds
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            child.kill()
            return _failed(task, too_slow(document, limits.seconds), started)
        if not receiver.poll(min(left, 1.0)):
            if not child.is_alive() and not receiver.poll(0):  # dead, though a sibling may hold the pipe open
                return _failed(task, _death(document, child.exitcode, limits), started)
            continue
        try:
            kind, value = receiver.recv()
        except (EOFError, OSError):  # the child died without an outcome
            child.join()
            return _failed(task, _death(document, child.exitcode, limits), started)
        if kind == "document":
            document, deadline = value, time.monotonic() + limits.seconds
        else:
            outcome: CaseOutcome = value
            return outcome


def _death(document: str, code: int | None, limits: RenderLimits) -> str:
    """Why the child died: killed by the kernel for memory (SIGKILL, SIGSEGV at the cap) or otherwise."""
    if code in (-signal.SIGKILL, -signal.SIGSEGV, -signal.SIGABRT):
        return too_much_memory(document, limits.memory_mb)
    return stopped(document, f"exit code {code}")


def _failed(task: CaseTask, message: str, started: float) -> CaseOutcome:
    return CaseOutcome(task.name, task.case_dir, "failed", time.monotonic() - started, errors=(message,))


def _child(sender: Connection, task: CaseTask, limits: RenderLimits) -> None:
    """In the child: die with the parent, cap the memory, render, send the outcome."""
    die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C stops the server, which then kills this
    _cap_memory(limits.memory_mb)
    use_limits(limits, lambda document: sender.send(("document", document)))
    outcome = render_task(task)
    sender.send(("done", outcome))
    sender.close()
    os._exit(0)  # nothing of the parent's (its server, its threads' atexit work) runs in here


def _cap_memory(memory_mb: int) -> None:
    """Limit the address space to what this process has now plus ``memory_mb``."""
    with contextlib.suppress(ValueError, OSError):  # not Linux: no /proc, the time limit still holds
        with open("/proc/self/statm", encoding="ascii") as statm:
            pages = int(statm.read().split()[0])
        limit = pages * resource.getpagesize() + memory_mb * MB
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
