"""What preparing a Word template yields, kept on disk so that a new process need not prepare it again.

Preparing the five shipped templates (unpacking every part, rewriting docxtpl's tags into Jinja
source) costs about 20 ms, and cutting their static parts for an organisation's colours about 12 ms
more: in every ``docpipe render`` and in every batch worker, before its first document. Both are
pure functions of the template's bytes (and the colours), so their results are kept beside Jinja's
compiled code (docpipe.word.compiled), in the same private per-user folder that Jinja creates and
checks.

An entry is named by a digest of what it was made from and of the code that made it (every module
of docpipe.word, read once per process): a new docpipe, or an edited rule in a source checkout,
never reads an old entry. An entry that cannot be read is made again; a disk that cannot be written
only costs the next process the work. ``DOCPIPE_NO_TEMPLATE_CACHE`` switches this off with the
bytecode cache.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import tempfile
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import TypeVar

from docpipe._version import __version__
from docpipe.word import compiled

T = TypeVar("T")
_UNREADABLE = (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, IndexError, TypeError,
               ValueError)


def remembered(kind: str, key: bytes, make: Callable[[], T], expected: type[T]) -> T:
    """``make()``, read from the entry for (``kind``, ``key``) when there is one, else made and kept.

    ``expected`` is the type ``make`` returns: an entry holding anything else is treated as damaged.
    Whatever ``make`` raises passes through, and nothing is kept.
    """
    folder = _folder()
    if folder is None:
        return make()
    entry = folder / f"docpipe-{kind}-{_entry_digest(kind, key)}.pickle"
    with contextlib.suppress(*_UNREADABLE):
        with entry.open("rb") as stream:
            value = pickle.load(stream)
        if isinstance(value, expected):
            return value
    value = make()
    with contextlib.suppress(OSError, pickle.PicklingError):
        _keep(entry, value)
    return value


def _entry_digest(kind: str, key: bytes) -> str:
    digest = hashlib.sha256(_code_digest())
    digest.update(kind.encode() + b"\0" + key)
    return digest.hexdigest()


def _keep(entry: Path, value: object) -> None:
    """Written to a temporary and renamed: a process reading at the same time sees all or nothing.

    Not docpipe.output.write.write_atomically: that makes missing folders, and this folder must be the
    private one Jinja made and checked, or nothing is kept.
    """
    handle, temporary = tempfile.mkstemp(dir=entry.parent, prefix=f".{entry.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            pickle.dump(value, stream, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, entry)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


@cache
def _code_digest() -> bytes:
    """docpipe's version and the source of every module of docpipe.word: what an entry depends on."""
    digest = hashlib.sha256(__version__.encode())
    for module in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(module.name.encode() + b"\0" + module.read_bytes())
    return digest.digest()


def _folder() -> Path | None:
    """The bytecode cache's private folder, or None when caching is off or no such folder could be made."""
    bytecode = compiled.bytecode_cache()
    return Path(bytecode.directory) if bytecode is not None else None
