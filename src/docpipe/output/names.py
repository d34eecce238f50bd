"""Safe names for the files and folders docpipe makes from text someone else chose.

Names come from case folders, rows of a mail-merge list and uploaded files. Whatever the text,
the name must stay inside the folder it is put in and be one Linux, macOS and Windows all accept.
The rules every function here applies, and why:

- no path separator and none of the characters Windows reserves (``/ \\ < > : " | ? *``), so a
  name can never point outside its folder or fail to be created on Windows;
- no control or format character (line breaks, bidi overrides that could disguise an extension);
- no leading dot, dash or space (a hidden file, ``..``, a name a command takes for an option) and
  no trailing dot or space, which Windows drops, so two names would become one file;
- no Windows device name (CON, NUL, COM1, LPT¹ ..., with any extension), which Windows opens as
  a device instead of a file;
- a bounded length in UTF-8 bytes (file systems allow 255), cut between characters.

Three functions, because three kinds of name are made, each explained where it is defined:
``safe_file_name`` (documents people open), ``safe_folder_name`` (output folders of cases) and
``safe_upload_stem`` (the name of an uploaded file, which becomes a case name).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Sequence
from pathlib import PurePosixPath

MAX_NAME_BYTES = 180
"""Longest document file name stem, in UTF-8 bytes: room is left for ``-12``, ``.docx`` and the
temporary name docpipe.output.write uses while writing."""
MAX_FOLDER_NAME = 100
"""Longest case folder name (ASCII, so characters and bytes are the same)."""
MAX_UPLOAD_STEM_BYTES = 80
"""Longest name made from an uploaded file's name: it is nested in the server's work folder."""

_WINDOWS_RESERVED_CHARACTERS = frozenset('/\\<>:"|?*')
_WINDOWS_DEVICES = frozenset(["CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"]
                             + [f"{kind}{digit}" for kind in ("COM", "LPT") for digit in "0123456789¹²³"])
_LEADING = " .-"  # hidden files, "..", names taken for options
_TRAILING = " ."  # Windows drops these
_NOT_FOLDER_CHARACTERS = re.compile(r"[^A-Za-z0-9._-]+")
_NOT_UPLOAD_CHARACTERS = re.compile(r"[^\w.-]+")
_DANISH = str.maketrans({"æ": "ae", "Æ": "Ae", "ø": "oe", "Ø": "Oe", "å": "aa", "Å": "Aa", "ß": "ss"})


def is_windows_device(name: str) -> bool:
    """Whether Windows takes ``name`` for a device (``CON``, ``nul.txt``, ``COM¹``): any case, any extension."""
    return name.partition(".")[0].upper() in _WINDOWS_DEVICES


def safe_file_name(name: str, max_bytes: int = MAX_NAME_BYTES) -> str:
    """``name`` made safe as one file name in a folder (the shared rules above); may be empty.

    For documents people open, named after a row of their list: letters of every script and
    punctuation are kept (æøå included: "Halsnæs Kommune.docx" is what the reader expects, and
    every current file system stores it). Reserved characters become ``-``; control, format and
    unusual space characters one space; a device name gets ``_`` after its stem (``CON_``,
    ``nul_.tekst``); the result is NFC, so macOS and Windows spell it alike.
    """
    characters = ["-" if character in _WINDOWS_RESERVED_CHARACTERS
                  else " " if unicodedata.category(character)[0] in "CZ" else character
                  for character in unicodedata.normalize("NFC", name)]
    return _device_safe(_bounded(" ".join("".join(characters).split()), max_bytes, _LEADING, _TRAILING))


def safe_folder_name(name: str) -> str:
    """A case's output folder name: ASCII letters, digits, ``.``, ``-``, ``_``; æ/ø/å become ae/oe/aa.

    ASCII because these folders are named in scripts, URLs, zip files and batch reports, where
    anything else gets mangled. Accents are dropped (é -> e), every other run of characters
    becomes one ``-``, and no ``-`` is left at either end. A device name gets ``-case`` after its
    stem (``CON-case``, ``nul-case.txt``): ``CON-case`` is what it always was, so earlier runs'
    folders keep their names. A name with nothing left (``..``, Greek, Arabic) gets ``case-`` and
    a short digest of the name, so two such cases do not share a folder. At most MAX_FOLDER_NAME
    characters.
    """
    decomposed = unicodedata.normalize("NFKD", name.translate(_DANISH))
    text = "".join(character for character in decomposed if not unicodedata.combining(character))
    text = _device_safe(_bounded(_NOT_FOLDER_CHARACTERS.sub("-", text), MAX_FOLDER_NAME, _LEADING, _TRAILING + "-"),
                        "-case")
    return text or f"case-{hashlib.sha256(name.encode('utf-8', 'surrogatepass')).hexdigest()[:8]}"


def safe_upload_stem(filename: str, suffixes: Sequence[str] = ()) -> str:
    """The stem of an uploaded file's name, as a case name and file or folder name; may be empty.

    A name sent by a browser may carry the sender's folders (``C:\\Users\\...\\sag.zip``, either
    slash), so only its last part counts, without the first of ``suffixes`` it ends in (compared
    case-insensitively). It becomes the case's name, which the web page puts in addresses: so only
    letters, digits, ``_``, ``.`` and ``-`` are kept (any other run becomes ``-``). In a batch
    folder names starting with ``_`` (shared parts) or ``~`` (Excel's lock files ``~$``) are
    hidden, so those go from the front as well. A device name gets ``_`` after its stem.
    """
    stem = PurePosixPath(filename.replace("\\", "/")).name
    suffix = next((suffix for suffix in suffixes if stem.lower().endswith(suffix.lower())), "")
    stem = stem[: len(stem) - len(suffix)]
    text = _NOT_UPLOAD_CHARACTERS.sub("-", unicodedata.normalize("NFC", stem))
    return _device_safe(_bounded(text, MAX_UPLOAD_STEM_BYTES, _LEADING + "_~", _TRAILING + "-_"))


def _bounded(text: str, max_bytes: int, leading: str, trailing: str) -> str:
    """``text`` without ``leading`` and ``trailing`` characters at its ends, cut to ``max_bytes`` in UTF-8."""
    text = text.lstrip(leading).rstrip(trailing)
    encoded = text.encode("utf-8")
    if len(encoded) <= max_bytes:
        return text
    return encoded[:max_bytes].decode("utf-8", "ignore").lstrip(leading).rstrip(trailing)


def _device_safe(name: str, marker: str = "_") -> str:
    """``name`` with ``marker`` after its stem when Windows would take it for a device (``CON_``,
    ``nul_.tekst``): after the stem, because Windows ignores the extension (``NUL.txt`` is NUL too)."""
    if not is_windows_device(name):
        return name
    stem, dot, rest = name.partition(".")
    return f"{stem}{marker}{dot}{rest}"
