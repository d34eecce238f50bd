"""Reading one input file: refused when too large, a link out of its folder or not UTF-8 text.

A file is refused before parsing when it is larger than MAX_FILE_BYTES, is a link to a file
outside its folder, or is not UTF-8 text (UTF-16/32, null bytes, Windows-1252 ...); each refusal
names the file and, where there is one, the line. A UTF-8 BOM is accepted.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from docpipe.errors import Problem
from docpipe.i18n import _, decimal
from docpipe.sources.document import Document
from docpipe.sources.json import parse_json
from docpipe.sources.yaml import parse_yaml

PARTS = ("organisation", "initiative", "actors", "planning")
EXTENSIONS = (".yaml", ".yml", ".json")
MAX_FILE_BYTES = 5 * 1024 * 1024


@dataclass
class PartFile:
    """The file of one part found in a folder: its document (None when unreadable) and its problems."""

    path: Path
    name: str
    document: Document | None
    problems: list[Problem] = field(default_factory=list)


def read_parts(folder: Path, prefix: str = "") -> dict[str, PartFile]:
    """The part files in ``folder``, keyed by part; a part with no file is absent.

    ``prefix`` goes in front of each file's name as shown to users (``_shared/policy-lab/``). Two
    files of one part (``planning.yaml`` and ``planning.json``) are a problem, and neither is read.
    """
    found: dict[str, PartFile] = {}
    for part in PARTS:
        candidates = [folder / f"{part}{ext}" for ext in EXTENSIONS if (folder / f"{part}{ext}").is_file()]
        if not candidates:
            continue
        name = prefix + candidates[0].name
        if len(candidates) > 1:
            names = [prefix + path.name for path in candidates]
            message = _("{first} and {second} both exist; keep one").format(first=", ".join(names[:-1]),
                                                                            second=names[-1])
            found[part] = PartFile(candidates[0], name, None, [Problem(name, None, "", message)])
            continue
        words = _("the shared folder {folder}").format(folder=prefix.rstrip("/")) if prefix else None
        document, problems = read_document(candidates[0], name, words)
        found[part] = PartFile(candidates[0], name, document, problems)
    return found


def read_document(path: Path, name: str | None = None,
                  folder_words: str | None = None) -> tuple[Document | None, list[Problem]]:
    """Decode one YAML or JSON file, refusing what is too large, outside its folder or not UTF-8 text.

    ``name`` is the file as problems show it (its own name by default); ``folder_words`` names its
    folder in the refusal of a link out of it (default: the case folder).
    """
    name = name or path.name
    try:
        if _links_outside(path):
            folder = folder_words or _("the case folder")
            return None, [Problem(name, None, "", _("is a link to a file outside {folder}; copy the file into the "
                                                    "folder instead").format(folder=folder))]
        raw = read_at_most(path, MAX_FILE_BYTES)
    except TooLarge as error:
        return None, [Problem(name, None, "", _("is {size} MB; input files may be at most {limit} MB (the texts of a "
                                                "case take far less: was something pasted in by mistake?)").format(
            size=decimal(error.size / (1024 * 1024)), limit=MAX_FILE_BYTES // (1024 * 1024)))]
    except (OSError, RuntimeError) as error:  # RuntimeError: a loop of links, before Python 3.13
        return None, [Problem(name, None, "", _("cannot be read: {reason}").format(
            reason=getattr(error, "strerror", None) or error))]
    text, problem = decode(name, raw)
    if text is None:
        return None, [problem] if problem else []
    if path.suffix == ".json":
        return parse_json(name, text)
    return parse_yaml(name, text)


def _links_outside(path: Path) -> bool:
    """Whether ``path`` is a link whose target lies outside the folder ``path`` is in.

    A file that is no link lies in its folder whatever links lead to the folder, so only a link
    needs both paths resolved (each resolve is a system call per part of the path).
    """
    return path.is_symlink() and not path.resolve().is_relative_to(path.parent.resolve())


class TooLarge(Exception):
    """A file over the size limit; ``size`` is what it holds (or more), for the message."""

    def __init__(self, size: int) -> None:
        super().__init__(size)
        self.size = size


def read_at_most(path: Path, limit: int) -> bytes:
    """The file's bytes; reads one byte past ``limit`` at most, so a file growing meanwhile cannot flood memory."""
    size = path.stat().st_size
    if size > limit:
        raise TooLarge(size)
    with path.open("rb") as stream:
        raw = stream.read(limit + 1)
    if len(raw) > limit:
        raise TooLarge(max(size, len(raw)))
    return raw


def decode(name: str, raw: bytes) -> tuple[str | None, Problem | None]:
    """UTF-8 text (a BOM is fine); UTF-16, null bytes and other encodings become a Problem with a line."""
    for bom, encoding in _OTHER_BOMS:
        if raw.startswith(bom):
            return None, Problem(name, None, "", _('is saved as {encoding} text; save it as UTF-8 (in Notepad: "Save '
                                                   'as", encoding "UTF-8")').format(encoding=encoding))
    nul = raw.find(b"\x00")
    if nul >= 0:
        return None, Problem(name, _line_of_byte(raw, nul), "", _("contains a null byte (U+0000) on this line, so it "
                                                                  "is not plain text: perhaps it was saved as UTF-16; "
                                                                  "save it as UTF-8 text"))
    try:
        return raw.decode("utf-8-sig"), None
    except UnicodeDecodeError as error:
        return None, _not_utf8(name, raw, error.start)


# UTF-32 first: its little-endian BOM begins with UTF-16's.
_OTHER_BOMS = ((b"\xff\xfe\x00\x00", "UTF-32"), (b"\x00\x00\xfe\xff", "UTF-32"),
               (b"\xff\xfe", "UTF-16"), (b"\xfe\xff", "UTF-16"))


def _not_utf8(name: str, raw: bytes, start: int) -> Problem:
    """Name the line and show the text just before the bad byte, and what it would be in Windows-1252."""
    line_start = max(raw.rfind(b"\n", 0, start), raw.rfind(b"\r", 0, start)) + 1
    before = raw[line_start:start].decode("utf-8", "replace")[-30:]
    where = _('the character after "{text}"').format(text=before) if before.strip() else _("the first character")
    guess = raw[start:start + 1].decode("cp1252", "replace")
    hint = (_(' (in Windows-1252 it would be "{character}")').format(character=guess)
            if guess.isprintable() and guess != "\ufffd" else "")
    return Problem(name, _line_of_byte(raw, start), "", _("is not saved as UTF-8: {where} on this line is not "
                                                          "UTF-8{hint}; save the file as UTF-8 in your editor").format(
        where=where, hint=hint))


def _line_of_byte(raw: bytes, position: int) -> int:
    """1-based line of ``raw[position]``; CR LF, LF and a lone CR each end a line, as in YAML."""
    before = raw[:position]
    return before.count(b"\n") + before.count(b"\r") - before.count(b"\r\n") + 1
