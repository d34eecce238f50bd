"""Reading a case folder: which files make a case, and how each is decoded."""

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
    """Decode one YAML or JSON file, refusing what is too large or not UTF-8."""
    name = path.name
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return None, [Problem(name, None, "", f"is {size // 1024} KB; input files may be at most "
                                  f"{MAX_FILE_BYTES // (1024 * 1024)} MB")]
        raw = path.read_bytes()
    except OSError as error:
        return None, [Problem(name, None, "", f"cannot be read: {error.strerror or error}")]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return None, [Problem(name, line, "", "is not saved as UTF-8 text (save it as UTF-8 in your "
                              f"editor); the first bad byte is at position {error.start}")]
    if path.suffix == ".json":
        return parse_json(name, text)
    return parse_yaml(name, text)
