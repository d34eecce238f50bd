"""Reading a case folder: which files make a case, and how each is decoded.

A case file is refused before parsing when it is larger than MAX_FILE_BYTES, is a link to a file
outside the case folder, or is not UTF-8 text (UTF-16/32, null bytes, Windows-1252 ...); each
refusal names the file and, where there is one, the line. A UTF-8 BOM is accepted.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from docpipe.errors import Problem
from docpipe.sources.document import Document
from docpipe.sources.json import parse_json
from docpipe.sources.yaml import parse_yaml

PARTS = ("organisation", "initiative", "actors", "planning")
EXTENSIONS = (".yaml", ".yml", ".json")
MAX_FILE_BYTES = 5 * 1024 * 1024


@dataclass
class CaseSources:
    """The parsed files of one case folder, keyed by part name, and the problems met reading them."""

    name: str
    folder: Path
    documents: dict[str, Document] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def read_case_folder(folder: Path) -> CaseSources:
    """Read the four parts of a case; every missing, ambiguous or unreadable file is a Problem."""
    sources = CaseSources(folder.name, folder)
    if not folder.is_dir():
        sources.problems.append(Problem(str(folder), None, "", "is not a case folder (a folder holding "
                                        "organisation.yaml, initiative.yaml, actors.yaml, planning.yaml)"))
        return sources
    for part in PARTS:
        candidates = [folder / f"{part}{ext}" for ext in EXTENSIONS if (folder / f"{part}{ext}").is_file()]
        if not candidates:
            sources.problems.append(Problem(f"{part}.yaml", None, "", f"missing: the case needs {part}.yaml "
                                            f"(or {part}.json) in {folder}"))
            continue
        if len(candidates) > 1:
            names = " and ".join(path.name for path in candidates)
            sources.problems.append(Problem(candidates[0].name, None, "", f"{names} both exist; keep one"))
            continue
        document, problems = read_document(candidates[0])
        sources.problems.extend(problems)
        if document is not None:
            sources.documents[part] = document
    return sources


def read_document(path: Path) -> tuple[Document | None, list[Problem]]:
    """Decode one YAML or JSON file, refusing what is too large, outside the case or not UTF-8 text."""
    name = path.name
    try:
        if not path.resolve().is_relative_to(path.parent.resolve()):
            return None, [Problem(name, None, "", "is a link to a file outside the case folder; copy the file "
                                  "into the folder instead")]
        raw = _read_at_most(path, MAX_FILE_BYTES)
    except _TooLarge as error:
        return None, [Problem(name, None, "", f"is {error.size / (1024 * 1024):.1f} MB; input files may be at "
                              f"most {MAX_FILE_BYTES // (1024 * 1024)} MB (the texts of a case take far less: was "
                              "something pasted in by mistake?)")]
    except (OSError, RuntimeError) as error:  # RuntimeError: a loop of links, before Python 3.13
        return None, [Problem(name, None, "", f"cannot be read: {getattr(error, 'strerror', None) or error}")]
    text, problem = decode(name, raw)
    if text is None:
        return None, [problem] if problem else []
    if path.suffix == ".json":
        return parse_json(name, text)
    return parse_yaml(name, text)


class _TooLarge(Exception):
    def __init__(self, size: int) -> None:
        super().__init__(size)
        self.size = size


def _read_at_most(path: Path, limit: int) -> bytes:
    """The file's bytes; reads one byte past ``limit`` at most, so a file growing meanwhile cannot flood memory."""
    size = path.stat().st_size
    if size > limit:
        raise _TooLarge(size)
    with path.open("rb") as stream:
        raw = stream.read(limit + 1)
    if len(raw) > limit:
        raise _TooLarge(max(size, len(raw)))
    return raw


def decode(name: str, raw: bytes) -> tuple[str | None, Problem | None]:
    """UTF-8 text (a BOM is fine); UTF-16, null bytes and other encodings become a Problem with a line."""
    for bom, encoding in _OTHER_BOMS:
        if raw.startswith(bom):
            return None, Problem(name, None, "", f"is saved as {encoding} text; save it as UTF-8 (in Notepad: "
                                 '"Save as", encoding "UTF-8")')
    nul = raw.find(b"\x00")
    if nul >= 0:
        return None, Problem(name, _line_of_byte(raw, nul), "", "contains a null byte (U+0000) on this line, so "
                             "it is not plain text: perhaps it was saved as UTF-16; save it as UTF-8 text")
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
    where = f'the character after "{before}"' if before.strip() else "the first character"
    guess = raw[start:start + 1].decode("cp1252", "replace")
    hint = f' (in Windows-1252 it would be "{guess}")' if guess.isprintable() and guess != "\ufffd" else ""
    return Problem(name, _line_of_byte(raw, start), "", f"is not saved as UTF-8: {where} on this line is not "
                   f"UTF-8{hint}; save the file as UTF-8 in your editor")


def _line_of_byte(raw: bytes, position: int) -> int:
    """1-based line of ``raw[position]``; CR LF, LF and a lone CR each end a line, as in YAML."""
    before = raw[:position]
    return before.count(b"\n") + before.count(b"\r") - before.count(b"\r\n") + 1
