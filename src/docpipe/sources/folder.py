"""Reading a case folder: which files make a case, and the shared folders it extends.

Each file is read by ``docpipe.sources.files`` (size, links, encoding, then YAML or JSON). A case
whose initiative.yaml says ``extends: ../_shared/...`` gets each part merged from the shared
folders and its own files (``docpipe.sources.extends``); a plain case is read as it stands.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from docpipe.errors import Problem
from docpipe.i18n import _, ngettext
from docpipe.sources.document import Document
from docpipe.sources.extends import Chain, follow_extends, merge_part
from docpipe.sources.files import EXTENSIONS, MAX_FILE_BYTES, PARTS, PartFile, decode, read_document, read_parts

__all__ = ["EXTENSIONS", "MAX_FILE_BYTES", "PARTS", "CaseSources", "decode", "read_case_folder", "read_document"]


@dataclass
class CaseSources:
    """The parsed files of one case folder, keyed by part name, and the problems met reading them.

    For a case that extends shared folders, each document is the merge of the shared files and the
    case's own; ``shared_folders`` are those folders (resolved, most specific first) and ``folders``
    maps the name of every shared file, as problems show it, to the folder it is in (a logo set in
    a shared file is looked for beside it). Both are empty for a plain case.
    """

    name: str
    folder: Path
    documents: dict[str, Document] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    shared_folders: list[Path] = field(default_factory=list)
    folders: dict[str, Path] = field(default_factory=dict)

    def folder_of(self, file_name: str) -> Path:
        """The folder holding the file shown as ``file_name``: a shared folder or the case folder."""
        return self.folders.get(file_name, self.folder)


def read_case_folder(folder: Path) -> CaseSources:
    """Read the four parts of a case; every missing, ambiguous or unreadable file is a Problem."""
    sources = CaseSources(folder.name, folder)
    if not folder.is_dir():
        sources.problems.append(Problem(str(folder), None, "", _("is not a case folder (a folder holding "
                                                                 "organisation.yaml, initiative.yaml, actors.yaml, "
                                                                 "planning.yaml)")))
        return sources
    files = read_parts(folder)
    chain = follow_extends(folder, files)
    if not chain.shared and not chain.broken:
        for part in PARTS:
            if part not in files:
                sources.problems.append(_missing(part, folder))
                continue
            sources.problems.extend(files[part].problems)
            document = files[part].document
            if document is not None:
                sources.documents[part] = document
        return sources
    _read_extended(sources, chain)
    return sources


def _read_extended(sources: CaseSources, chain: Chain) -> None:
    """Problems of every file in the chain, then (when every link held) each part merged."""
    for layer in chain.layers:
        for part_file in layer.files.values():
            sources.problems.extend(part_file.problems)
    sources.problems.extend(chain.problems)
    sources.shared_folders = [layer.folder for layer in chain.shared]
    sources.folders = {part_file.name: layer.folder for layer in chain.shared for part_file in layer.files.values()}
    if chain.broken:  # the parts cannot be known without the folder the case failed to name
        return
    for part in PARTS:
        part_files: list[PartFile] = [layer.files[part] for layer in reversed(chain.layers) if part in layer.files]
        if not part_files:
            shared = ", ".join(layer.label for layer in chain.shared)
            sources.problems.append(Problem(f"{part}.yaml", None, "", ngettext(
                "missing: the case needs {file} (or {alternative}) in {folder} or in the shared folder it extends "
                "({shared})",
                "missing: the case needs {file} (or {alternative}) in {folder} or in the shared folders it extends "
                "({shared})", len(chain.shared)).format(file=f"{part}.yaml", alternative=f"{part}.json",
                                                        folder=sources.folder, shared=shared)))
            continue
        document = merge_part(part_files, part)
        if document is not None:
            sources.documents[part] = document


def _missing(part: str, folder: Path) -> Problem:
    return Problem(f"{part}.yaml", None, "", _("missing: the case needs {file} (or {alternative}) in {folder}").format(
        file=f"{part}.yaml", alternative=f"{part}.json", folder=folder))
