"""Writing files so that a crash never leaves half a document, into folders that stay where asked.

A document is written to a hidden temporary file beside its target (``.NAME.XXXXXXXX.tmp``) and
renamed over the target only when complete: a rename within one folder is atomic, so a reader, or
a process killed at any moment, sees the old whole file or the new whole file. A temporary left by
a killed run is removed by the next write into that folder.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import tempfile
from concurrent.futures import Future, ThreadPoolExecutor
from functools import cache
from pathlib import Path
from typing import BinaryIO

from docpipe.errors import OutputError
from docpipe.i18n import N_, _
from docpipe.output.names import safe_folder_name as safe_folder_name  # re-exported: batch imports it here

_TEMPORARY = re.compile(r"^\..+\.[A-Za-z0-9_]{8}\.tmp$")  # what tempfile.mkstemp makes for us below
_REASONS = {  # translated where shown (_reason)
    errno.ENOSPC: N_("the disk is full"),
    getattr(errno, "EDQUOT", errno.ENOSPC): N_("the disk quota is used up"),
    errno.EACCES: N_("no permission to write there"),
    errno.EPERM: N_("no permission to write there"),
    errno.EROFS: N_("the disk is read-only"),
    errno.ENAMETOOLONG: N_("the name is too long for the file system"),
    errno.EISDIR: N_("a folder of that name is in the way"),
    errno.ENOTDIR: N_("a file is in the way where a folder should be"),
    errno.EEXIST: N_("a file is in the way where a folder should be"),  # from mkdir; mkstemp retries its own
}


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path`` and rename it into place when complete.

    Raises OutputError naming ``path`` (disk full, no permission ...); the temporary is removed then.
    """
    with StagedWrites(in_background=False) as staged:
        staged.add(path, data)
        staged.commit()


class StagedWrites:
    """Several files written to temporaries now and renamed into place together, or not at all.

    ``add`` writes a file's temporary at once and has it flushed to the disk (fsync) in a background
    thread, so the wait for the disk overlaps whatever the caller does next (rendering the next
    document: the flushes were a quarter of a case's time). ``commit`` waits for the flushes and
    renames every temporary over its file. Leaving the ``with`` block without committing (an error
    in a later document) removes the temporaries, and any folder ``add`` made that stayed empty:
    the files that were there before stay as they were.
    """

    def __init__(self, *, in_background: bool = True) -> None:
        self._in_background = in_background
        self._staged: list[tuple[Path, str, Future[None] | None]] = []
        self._made_folders: list[Path] = []
        self._committed = False

    def __enter__(self) -> StagedWrites:
        return self

    def __exit__(self, *exc_info: object) -> None:
        if not self._committed:
            self._discard()

    def add(self, path: Path, data: bytes) -> None:
        """Write ``data`` to a temporary beside ``path``; raises OutputError naming ``path``."""
        temporary: str | None = None
        try:
            self._make_folder(path.parent)
            handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
            stream = _opened(handle)
            try:
                stream.write(data)
                stream.flush()
            except BaseException:
                stream.close()
                raise
        except OSError as error:
            if temporary is not None:
                _remove_quietly(Path(temporary))
            raise OutputError(str(path), _reason(error)) from error
        if self._in_background:
            self._staged.append((path, temporary, _flush_pool().submit(_flush_and_close, stream)))
        else:
            self._staged.append((path, temporary, None))
            self._flush_now(path, stream)

    def commit(self) -> list[Path]:
        """Wait until every file is on the disk, then rename them all into place; returns their paths."""
        for path, _temporary, flushed in self._staged:
            if flushed is not None:
                try:
                    flushed.result()
                except OSError as error:
                    raise OutputError(str(path), _reason(error)) from error
        placed = []
        for path, temporary, _flushed in self._staged:
            try:
                os.chmod(temporary, _file_mode())  # mkstemp makes it private (0600); a document is not
                os.replace(temporary, path)
            except OSError as error:
                raise OutputError(str(path), _reason(error)) from error
            placed.append(path)
        self._committed = True
        return placed

    def _flush_now(self, path: Path, stream: BinaryIO) -> None:
        try:
            _flush_and_close(stream)
        except OSError as error:
            raise OutputError(str(path), _reason(error)) from error

    def _make_folder(self, folder: Path) -> None:
        if folder.is_dir():
            return
        missing = [parent for parent in (folder, *folder.parents) if not parent.exists()]
        folder.mkdir(parents=True, exist_ok=True)
        self._made_folders.extend(missing)  # deepest first

    def _discard(self) -> None:
        for _path, temporary, flushed in self._staged:
            if flushed is not None:
                with contextlib.suppress(OSError):
                    flushed.result()  # the file must be closed before it is removed (Windows)
            if os.path.lexists(temporary):
                _remove_quietly(Path(temporary))
        for folder in self._made_folders:
            with contextlib.suppress(OSError):
                folder.rmdir()  # only when empty


def _flush_and_close(stream: BinaryIO) -> None:
    try:
        os.fsync(stream.fileno())
    finally:
        stream.close()


_FLUSHERS: tuple[int, ThreadPoolExecutor] | None = None


def _flush_pool() -> ThreadPoolExecutor:
    """This process's flushing threads; a forked batch worker makes its own (threads do not survive a fork)."""
    global _FLUSHERS
    if _FLUSHERS is None or _FLUSHERS[0] != os.getpid():
        _FLUSHERS = (os.getpid(), ThreadPoolExecutor(max_workers=4, thread_name_prefix="docpipe-fsync"))
    return _FLUSHERS[1]


def remove_stale_temporaries(folder: Path) -> list[Path]:
    """Remove the temporaries (``.NAME.XXXXXXXX.tmp``) a killed earlier run left in ``folder``.

    Called once per folder by whoever writes a set of files into it (a case's documents, a merge):
    scanning the folder before every single write made writing many files into one folder quadratic.

    Best effort: what cannot be removed stays, and the write that follows reports any real
    problem with the folder. Returns what was removed. Two processes writing into the same
    folder at once could remove each other's temporaries; docpipe writes a case's folder from one
    process at a time.
    """
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        if _TEMPORARY.match(entry.name) and entry.is_file(follow_symlinks=False):
            path = Path(entry.path)
            if _remove_quietly(path):
                removed.append(path)
    return removed


def case_output_dir(out_dir: str | Path, case_name: str) -> Path:
    """The folder for ``case_name``'s documents: ``out_dir/<safe name>``, guaranteed inside ``out_dir``.

    The safe name alone cannot leave ``out_dir``; resolving catches a folder of that name that is a
    link to somewhere else. Raises OutputError rather than write through it.
    """
    base = Path(out_dir)
    folder = base / safe_folder_name(case_name)
    try:
        inside = folder.resolve().is_relative_to(base.resolve())
    except (OSError, RuntimeError) as error:  # RuntimeError: a symlink loop on Python < 3.13
        raise OutputError(str(folder), _("the folder cannot be checked ({reason})").format(reason=error)) from error
    if not inside:
        raise OutputError(str(folder), _("it leads outside the output folder {folder} (is it a link?); remove it or "
                                         "choose another --out").format(folder=base))
    return folder


def _opened(handle: int) -> BinaryIO:
    """The file object for ``handle``; the handle is closed when even that fails."""
    try:
        return os.fdopen(handle, "wb")
    except OSError:
        os.close(handle)
        raise


def _reason(error: OSError) -> str:
    """Plain words for the usual reasons a write fails, then the system's own (in the locale's words)."""
    plain = _REASONS.get(error.errno or 0)
    system = error.strerror or str(error)
    return f"{_(plain)} ({system})" if plain else system


def _remove_quietly(path: Path) -> bool:
    try:
        path.unlink()
    except OSError:
        return False
    return True


@cache
def _file_mode() -> int:
    """Read-write for whoever the umask allows, as for any file the user saves (umask is read once)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask
