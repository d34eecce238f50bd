"""Uploads for the web face: size limits, telling a workbook from a case archive, safe zip extraction,
and one private temporary folder per upload.

Limits (documented in the README and the start page):

- an upload is at most ``MAX_UPLOAD_BYTES`` (20 MB), checked against ``Content-Length`` and against the
  bytes actually read;
- a ``.zip`` holds at most ``MAX_ENTRIES`` entries that unpack to at most ``MAX_UNPACKED_BYTES`` (100 MB)
  in all, none compressed more than ``MAX_RATIO``:1 (nor the archive as a whole); no absolute paths,
  no ``..``, no symbolic links, no device files; what is written is counted again while unpacking, so
  an entry that lies about its size is stopped too;
- every upload gets its own folder named with ``secrets.token_urlsafe`` under the server's work
  folder; files are only ever served from inside that folder;
- what is shown or sent back names files relative to the upload (``kommuner.zip/halsnaes``), never by
  the server's temporary folder (UploadPaths).
"""

from __future__ import annotations

import io
import json
import os
import re
import secrets
import shutil
import stat
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Literal

from docpipe.api import _, is_case_folder, remove_orphaned_conversions, safe_upload_stem

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
MAX_ENTRIES = 500
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
MAX_RATIO = 100
KEEP_SECONDS = 30 * 60
"""How long the HTML flow keeps an upload's folder (so its downloads work) by default (``--retention``)."""

UploadKind = Literal["workbook", "archive"]
_ID = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
_CHUNK = 64 * 1024


@dataclass
class UploadRejected(Exception):
    """An upload refused before any case is read: ``status`` is the HTTP status to answer with."""

    status: int
    message: str
    location: str = ""

    def __str__(self) -> str:
        return self.message


def too_large_message() -> str:
    """The refusal of an upload over MAX_UPLOAD_BYTES, in the current language."""
    return _("the file is larger than {megabytes} MB, the limit for an upload").format(
        megabytes=MAX_UPLOAD_BYTES // (1024 * 1024))


def sniff_kind(data: bytes, filename: str) -> UploadKind:
    """A workbook (.xlsx) or a zip of case folders; anything else is refused with 415."""
    if not data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        raise UploadRejected(415, _("{name} is neither an Excel workbook (.xlsx) nor a .zip file").format(
            name=filename) if filename else _("the file is neither an Excel workbook (.xlsx) nor a .zip file"))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, ValueError, OSError):
        raise UploadRejected(415, _("{name} looks like a zip file but cannot be read").format(name=filename)
                             if filename else _("the file looks like a zip file but cannot be read")) from None
    if "xl/workbook.xml" in names or filename.lower().endswith(".xlsx"):
        return "workbook"
    return "archive"


def check_archive(archive: zipfile.ZipFile) -> list[zipfile.ZipInfo]:
    """The archive's entries when it is within every limit, else UploadRejected (413 for size, 422 for
    paths and kinds of entries)."""
    entries = archive.infolist()
    if len(entries) > MAX_ENTRIES:
        raise UploadRejected(413, _("the zip file holds {count} files; at most {limit} are allowed").format(
            count=len(entries), limit=MAX_ENTRIES))
    total = sum(entry.file_size for entry in entries)
    packed = sum(entry.compress_size for entry in entries)
    if total > MAX_UNPACKED_BYTES:
        raise UploadRejected(413, _("the zip file takes up {megabytes} MB unpacked; at most {limit} MB is allowed "
                                    "(a zip bomb?)").format(megabytes=total // (1024 * 1024),
                                                            limit=MAX_UNPACKED_BYTES // (1024 * 1024)))
    if total > MAX_RATIO * max(packed, 1) and total > 1024 * 1024:
        raise UploadRejected(413, _("the zip file is compressed more than {ratio}:1 and is refused as a possible "
                                    "zip bomb").format(ratio=MAX_RATIO))
    for entry in entries:
        name = entry.filename
        if entry.file_size > 1024 * 1024 and entry.file_size > MAX_RATIO * max(entry.compress_size, 1):
            raise UploadRejected(413, _("{name} is compressed more than {ratio}:1 and is refused as a possible zip "
                                        "bomb").format(name=name, ratio=MAX_RATIO), name)
        path = PurePosixPath(name.replace("\\", "/"))
        if name.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", name) or path.is_absolute():
            raise UploadRejected(422, _("{name} has an absolute path; the zip file may only hold relative paths"
                                        ).format(name=name), name)
        if ".." in path.parts:
            raise UploadRejected(422, _("{name} points out of the folder (..); zip files like that are refused"
                                        ).format(name=name), name)
        mode = entry.external_attr >> 16
        if stat.S_ISLNK(mode):
            raise UploadRejected(422, _("{name} is a symbolic link; links are refused").format(name=name), name)
        if stat.S_IFMT(mode) and not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
            raise UploadRejected(422, _("{name} is not an ordinary file (a device file?); it is refused").format(
                name=name), name)
    return entries


def extract_archive(data: bytes, target: Path) -> None:
    """Unpack a checked zip into ``target``, counting the bytes actually written."""
    target.mkdir(parents=True, exist_ok=True)
    root = target.resolve()
    written = 0
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for entry in check_archive(archive):
                written += _extract_entry(archive, entry, root, MAX_UNPACKED_BYTES - written)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, RuntimeError, EOFError) as error:
        raise UploadRejected(422, _("the zip file cannot be unpacked: {reason}").format(reason=error)) from None


def _extract_entry(archive: zipfile.ZipFile, entry: zipfile.ZipInfo, root: Path, room: int) -> int:
    """One entry written under ``root``; the bytes written. Every refusal names the entry as the zip
    does, never the server's folder, and a name the file system cannot hold is a 422, not a crash."""
    destination = (root / entry.filename.replace("\\", "/")).resolve()
    if not destination.is_relative_to(root):
        raise UploadRejected(422, _("{name} points out of the folder; it is refused").format(
            name=entry.filename), entry.filename)
    written = 0
    try:
        if entry.is_dir():
            destination.mkdir(parents=True, exist_ok=True)
            return 0
        destination.parent.mkdir(parents=True, exist_ok=True)
        with archive.open(entry) as source, destination.open("xb") as sink:
            while chunk := source.read(_CHUNK):
                written += len(chunk)
                if written > room:
                    raise UploadRejected(413, _("the zip file takes up more unpacked than it says; it is "
                                                "refused as a possible zip bomb"))
                sink.write(chunk)
    except FileExistsError:
        raise UploadRejected(422, _("the zip file holds the same file twice: {name}").format(
            name=entry.filename), entry.filename) from None
    except OSError as error:
        raise UploadRejected(422, _("{name} cannot be unpacked here: {reason}").format(
            name=entry.filename, reason=error.strerror or type(error).__name__), entry.filename) from None
    return written


def case_root(extracted: Path, fallback_name: str) -> Path:
    """The folder to run a batch over: a zip holding the case files at its top level becomes one case
    folder named after the zip; a zip holding only one folder (a case or a batch root) is entered
    when that folder is not a case itself."""

    if is_case_folder(extracted):
        holder = extracted.with_name(extracted.name + "-root")
        holder.mkdir()
        extracted.rename(holder / fallback_name)
        return holder
    current = extracted
    while True:
        children = [child for child in current.iterdir() if not child.name.startswith((".", "__MACOSX"))]
        if len(children) == 1 and children[0].is_dir() and not is_case_folder(children[0]):
            current = children[0]
            continue
        return current


@dataclass(frozen=True)
class UploadPaths:
    """How the server's paths of an upload are shown to the one who sent it: relative to the upload.

    The manifest, problems and error messages name files by their path on disk, which for an upload is
    an unguessable temporary folder; that path means nothing to the sender and says more about the
    server than it should. Each known folder of the upload maps to what it is in the upload (the
    uploaded file's name, then the path inside the zip). Messages name paths anywhere in their text,
    so whole texts are relabelled, not only path fields.
    """

    labels: tuple[tuple[str, str], ...] = field(default=())

    @classmethod
    def of(cls, shown: dict[Path, str]) -> UploadPaths:
        """Map each server path (also as resolved, where a link makes them differ) to its label;
        the longest first, so a folder inside another is relabelled by its own entry."""
        pairs = {str(path): label for path, label in shown.items()}
        pairs.update({str(path.resolve()): label for path, label in shown.items()})
        return cls(tuple(sorted(pairs.items(), key=lambda pair: len(pair[0]), reverse=True)))

    def text(self, text: str) -> str:
        """``text`` with every server path of the upload replaced by its label."""
        for server, label in self.labels:
            text = text.replace(server, label)
        return text

    def json_text(self, text: str) -> str:
        """The same for JSON text, where a path appears JSON-escaped (backslashes on Windows)."""
        for server, label in self.labels:
            text = text.replace(_json_escaped(server), _json_escaped(label))
        return text


def _json_escaped(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)[1:-1]


def upload_label(filename: str) -> str:
    """The uploaded file's own name (no folders of the sender's computer), for labels."""
    name = PurePosixPath(filename.replace("\\", "/")).name
    return re.sub(r"[\x00-\x1f\x7f]", "", name) or "upload"


def safe_stem(filename: str, default: str = "sag") -> str:
    """A file or folder name from an uploaded file's name: its stem with nothing path-like in it."""
    return safe_upload_stem(filename, (".xlsx", ".zip")) or default


def default_data_dir() -> Path:
    """docpipe's own folder under the user's cache (``$XDG_CACHE_HOME``, else ``~/.cache``).

    Not a fresh random temporary folder: a server killed and started again must find what the last one
    left, uploads with names, e-mails and phone numbers, to remove it once its retention is past.
    """
    cache = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(cache) / "docpipe" / "web"


TEMPLATE_CACHE = ".template-cache"
"""The compiled-template cache's folder inside the data folder (docpipe.word.compiled)."""


class UploadStore:
    """The server's data folder: one folder per upload, named by an unguessable id, removed
    ``keep_seconds`` after it was made; what is older is removed when the store opens."""

    def __init__(self, base: Path | None = None, keep_seconds: float = KEEP_SECONDS) -> None:
        self.base = Path(base) if base else default_data_dir()
        self.base.mkdir(mode=0o700, parents=True, exist_ok=True)
        self.keep_seconds = keep_seconds
        self.sweep()

    def create(self) -> tuple[str, Path]:
        upload_id = secrets.token_urlsafe(24)
        folder = self.base / upload_id
        folder.mkdir(mode=0o700)
        return upload_id, folder

    def folder(self, upload_id: str) -> Path | None:
        """The folder of a kept upload, or None (a malformed, unknown or expired id)."""
        if not _ID.match(upload_id):
            return None
        folder = (self.base / upload_id).resolve()
        if not folder.is_relative_to(self.base.resolve()) or not folder.is_dir():
            return None
        return folder

    def file(self, upload_id: str, *parts: str) -> Path | None:
        """A file inside an upload's folder, or None when it is not there or lies outside it."""
        folder = self.folder(upload_id)
        if folder is None:
            return None
        path = folder.joinpath(*parts).resolve()
        if not path.is_relative_to(folder) or not path.is_file():
            return None
        return path

    def remove(self, folder: Path) -> None:
        shutil.rmtree(folder, ignore_errors=True)

    def sweep(self, now: float | None = None) -> None:
        """Remove the uploads older than ``keep_seconds``, and the LibreOffice profiles and staging
        folders a killed server left in the temporary folder (their process is gone)."""
        remove_orphaned_conversions()
        limit = (now if now is not None else time.time()) - self.keep_seconds
        for folder in self.base.iterdir():
            if not _ID.match(folder.name):  # not an upload (the template cache): never the sweep's to remove
                continue
            try:
                if folder.is_dir() and folder.stat().st_mtime < limit:
                    shutil.rmtree(folder, ignore_errors=True)
            except OSError:
                continue
