"""Writing files so that a crash never leaves half a document, and names that are safe on disk."""

from __future__ import annotations

import os
import re
import tempfile
import unicodedata
from pathlib import Path

from docpipe.errors import OutputError

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path`` and rename it into place when complete."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except OSError as error:
        if "temporary" in locals() and Path(temporary).exists():
            Path(temporary).unlink()
        raise OutputError(str(path), error.strerror or str(error)) from error


def safe_folder_name(name: str) -> str:
    """A folder name with only ASCII letters, digits, ``.``, ``-`` and ``_``: æ/ø/å become ae/oe/aa."""
    text = name.replace("æ", "ae").replace("Æ", "Ae").replace("ø", "oe").replace("Ø", "Oe")
    text = text.replace("å", "aa").replace("Å", "Aa")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = _UNSAFE.sub("-", text).strip(".-")
    return text or "case"
