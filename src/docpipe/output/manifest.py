"""The manifest a run leaves beside its output: what went in, what came out, and how each item fared.

Someone who finds a folder of 500 letters months later must be able to tell which template and which
list made them, which rows failed and why, and whether a file was changed since (each file's size
and sha256). The manifest is deterministic (sorted keys, no timestamps, no absolute paths that the
caller did not give) so that the same input gives the same manifest, and version control or a
checksum can tell a real change from a re-run. It is written atomically, like every document.

The format is shared by the commands that write many documents (``docpipe merge`` now, ``docpipe
batch`` later): one entry per unit of work, identified by ``{"row": 5}`` or ``{"case": "halsnaes"}``::

    {
      "command": "merge",
      "docpipe_version": "0.1.0",
      "entries": [{"errors": [], "files": [{"path": "2.docx", "sha256": "…", "size": 10234}],
                   "row": 2, "status": "ok"}, …],
      "inputs": {"data": {"path": "kommuner.xlsx", "sha256": "…"}, "template": {…}},
      "options": {"name": null, "pdf": false, "strict": true},
      "summary": {"failed": 0, "ok": 98, "total": 98}
    }
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from docpipe._version import __version__
from docpipe.output.write import write_atomically

MANIFEST_NAME = "manifest.json"
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")

Status = Literal["ok", "failed", "invalid", "unchanged", "partial"]
JSONScalar = str | int | float | bool | None


def sha256_bytes(data: bytes) -> str:
    """The hex sha256 of ``data``: what the manifest records to tell a file's content apart."""
    return hashlib.sha256(data).hexdigest()


def sha256_file(path: Path) -> str:
    """The hex sha256 of a file, read in blocks so a large input needs little memory."""
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@dataclass(frozen=True)
class InputRecord:
    """One input of the run (the template, the data file, a case folder's file) and its hash."""

    path: str
    sha256: str

    def to_json(self) -> dict[str, str]:
        return {"path": self.path, "sha256": self.sha256}


@dataclass(frozen=True)
class FileRecord:
    """One file the run wrote: its path relative to the output folder, its size and its sha256."""

    path: str
    size: int
    sha256: str

    @classmethod
    def of(cls, path: Path, root: Path) -> FileRecord:
        """Describe ``path`` as written now; its name is stored relative to ``root`` with ``/``."""
        data = path.read_bytes()
        return cls(path.relative_to(root).as_posix(), len(data), sha256_bytes(data))

    def to_json(self) -> dict[str, str | int]:
        return {"path": self.path, "sha256": self.sha256, "size": self.size}


@dataclass(frozen=True)
class Entry:
    """One unit of work: which one (``{"row": 5}``), whether it succeeded, its errors and its files."""

    identity: Mapping[str, str | int]
    status: Status
    errors: Sequence[str] = ()
    files: Sequence[FileRecord] = ()
    details: Mapping[str, object] = field(default_factory=dict)

    def to_json(self) -> dict[str, object]:
        data: dict[str, object] = dict(self.identity)
        data.update(self.details)
        data.update(status=self.status, errors=list(self.errors),
                    files=[record.to_json() for record in sorted(self.files, key=lambda record: record.path)])
        return data


@dataclass(frozen=True)
class Manifest:
    """Everything ``DIR/manifest.json`` holds; ``to_json`` gives the same text for the same run."""

    command: str
    version: str
    inputs: Mapping[str, InputRecord]
    entries: Sequence[Entry]
    options: Mapping[str, JSONScalar] = field(default_factory=dict)

    def to_dict(self) -> dict[str, object]:
        ok = sum(entry.status in ("ok", "unchanged") for entry in self.entries)
        return {
            "command": self.command,
            "docpipe_version": self.version,
            "inputs": {name: record.to_json() for name, record in self.inputs.items()},
            "options": dict(self.options),
            "entries": [entry.to_json() for entry in self.entries],
            "summary": {"total": len(self.entries), "ok": ok, "failed": len(self.entries) - ok},
        }

    def to_json(self) -> str:
        """Pretty, sorted, UTF-8 JSON text with a final newline: readable and diffable."""
        text = json.dumps(self.to_dict(), ensure_ascii=False, sort_keys=True, indent=2) + "\n"
        # a lone surrogate (from "\ud800" in a JSON data file) has no UTF-8 form: keep it as JSON's escape
        return _LONE_SURROGATE.sub(lambda match: f"\\u{ord(match.group()):04x}", text)

    def write(self, folder: Path, relabel: Callable[[str], str] | None = None) -> Path:
        """Write ``folder/manifest.json`` atomically and return its path; ``relabel`` rewrites its text first."""
        path = folder / MANIFEST_NAME
        text = self.to_json()
        write_atomically(path, (relabel(text) if relabel else text).encode("utf-8"))
        return path


def current_version() -> str:
    """The docpipe version a manifest records."""
    return __version__
