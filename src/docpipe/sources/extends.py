"""Shared parts: ``extends: ../_shared/policy-lab`` in a case's initiative.yaml.

A consultant running one programme in many municipalities writes what they share once, in a shared
folder, and each case holds only its differences. The rules:

- ``extends`` names a folder relative to the folder of the file that says it. It must lie inside
  the folder that holds the case folder (the batch folder: ``inputs/`` for ``inputs/halsnaes``),
  and not be that folder itself. So a batch is self-contained (it can be zipped and moved), and a
  case cannot pull files (texts, a logo) from elsewhere on the machine: absolute paths, and paths
  or links leading out of the batch folder, are refused.
- A shared folder holds any of the four part files and optionally a logo and a ``templates/``
  folder. Its initiative.yaml may extend another shared folder: a chain of at most
  ``MAX_SHARED_FOLDERS``, without loops, each link checked against the same batch folder.
- The shared files are the base and the case's the override, key by key: mappings merge
  recursively; lists, texts, numbers replace; ``null`` replaces too (so ``budget: null`` drops an
  inherited budget). A part may come wholly from the case or wholly from a shared folder.
- Every value keeps the file and line it came from, so a problem names the file that holds the bad
  value. Shared files are shown relative to the batch folder (``_shared/policy-lab/planning.yaml``),
  the case's own as today (``planning.yaml``). A mapping present in both files (where a missing
  field is reported) is placed in the more specific file.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any

from docpipe.errors import Problem
from docpipe.i18n import _
from docpipe.sources.characters import forbidden_character_message, shorten
from docpipe.sources.document import Document, FieldPath
from docpipe.sources.files import PartFile, read_parts

EXTENDS = "extends"
MAX_SHARED_FOLDERS = 5
_EXAMPLE = '"../_shared/policy-lab"'


@dataclass
class Layer:
    """The case folder or one shared folder, with the part files found in it."""

    folder: Path
    label: str  # "" for the case folder, "_shared/policy-lab" for a shared folder
    files: dict[str, PartFile]


@dataclass
class Chain:
    """The case and the shared folders it extends, most specific first, and what went wrong on the way."""

    layers: list[Layer]
    problems: list[Problem] = field(default_factory=list)

    @property
    def broken(self) -> bool:
        return bool(self.problems)

    @property
    def shared(self) -> list[Layer]:
        return self.layers[1:]


def follow_extends(case_folder: Path, case_files: dict[str, PartFile]) -> Chain:
    """Read the shared folders the case's initiative names, link by link; ``extends`` is taken out.

    A link that cannot be followed ends the chain with a Problem at the ``extends`` that names it.
    """
    case = Layer(case_folder, "", case_files)
    chain = Chain([case])
    try:
        resolved = case_folder.resolve()
        root = resolved.parent
        seen = [resolved]
    except (OSError, RuntimeError) as error:  # pragma: no cover - the folder was just read
        chain.problems.append(Problem(str(case_folder), None, "", _("cannot be read: {reason}").format(reason=error)))
        return chain
    current = case
    while True:
        initiative = current.files.get("initiative")
        document = initiative.document if initiative else None
        if initiative is None or document is None or not isinstance(document.data, dict):
            return chain
        if EXTENDS not in document.data:
            return chain
        value = document.data[EXTENDS]
        initiative.document = without_extends(document)

        def refuse(message: str, document: Document = document) -> Chain:
            chain.problems.append(Problem(document.name, document.line_of((EXTENDS,)), EXTENDS, message))
            return chain

        target, message = resolve_shared_folder(value, current.folder, root)
        if target is None:
            return refuse(message)
        label = target.relative_to(root).as_posix()
        shown = shorten(value, 80)
        if target in seen:
            path = " -> ".join([case_folder.name, *(layer.label for layer in chain.shared), label])
            return refuse(_('"{path}" leads back to {folder}, which this case already extends ({chain}): a loop; '
                            "remove one of the extends").format(path=shown, folder=label, chain=path))
        if len(chain.shared) >= MAX_SHARED_FOLDERS:
            return refuse(_('a case may extend a chain of at most {limit} shared folders; this "{path}" would be '
                            "number {number}: let the shared folders extend fewer others").format(
                limit=MAX_SHARED_FOLDERS, path=shown, number=len(chain.shared) + 1))
        files = read_parts(target, f"{label}/")
        if not files and not (target / "templates").is_dir():
            return refuse(_('"{path}" holds none of organisation, initiative, actors, planning (.yaml, .yml or .json) '
                            "and no templates/ folder; is it the right folder?").format(path=shown))
        current = Layer(target, label, files)
        chain.layers.append(current)
        seen.append(target)


def resolve_shared_folder(value: Any, base: Path, root: Path) -> tuple[Path | None, str]:
    """The resolved folder ``value`` names relative to ``base``, or None and the sentence why not."""
    if not isinstance(value, str):
        return None, _("must be the path of a shared folder, relative to this file's folder, e.g. {example}").format(
            example=_EXAMPLE)
    text = value.strip()
    if not text:
        return None, _("is empty; write the path of the shared folder, e.g. {example}, or remove the line").format(
            example=_EXAMPLE)
    bad = forbidden_character_message(text)
    if bad:
        return None, _("is not a usable path: it {problem}").format(problem=bad)
    if len(text) > 1000:
        return None, _("is a path of {length} characters; write the shared folder's path, e.g. {example}").format(
            length=len(text), example=_EXAMPLE)
    shown = shorten(text, 80)
    if PurePosixPath(text).is_absolute() or PureWindowsPath(text).is_absolute() or PureWindowsPath(text).drive:
        return None, _('"{path}" is an absolute path; write the shared folder\'s path relative to this file\'s '
                       "folder, e.g. {example}").format(path=shown, example=_EXAMPLE)
    try:
        target = (base / text.replace("\\", "/")).resolve()
    except (OSError, RuntimeError, ValueError) as error:  # RuntimeError: a loop of links
        return None, _('"{path}" cannot be followed: {reason}').format(
            path=shown, reason=getattr(error, "strerror", None) or error)
    if target == root:
        return None, _('"{path}" names the folder that holds the case folders itself; a shared folder must sit '
                       "inside it, beside the cases, e.g. {example}").format(path=shown, example=_EXAMPLE)
    if not target.is_relative_to(root):
        return None, _('"{path}" leads outside the folder that holds the case folders ({root}); a shared folder '
                       "must sit inside it, beside the cases, e.g. {example}").format(
            path=shown, root=root.name or root, example=_EXAMPLE)
    if not target.exists():
        return None, _('"{path}" does not exist{hint}').format(path=shown, hint=_siblings(target, root))
    if not target.is_dir():
        return None, _('"{path}" is a file; extends names the folder that holds the shared files, e.g. {example}'
                       ).format(path=shown, example=_EXAMPLE)
    return target, ""


def _siblings(target: Path, root: Path) -> str:
    """``; folders in _shared: policy-lab, sundhed``: what the user may have meant."""
    parent = target.parent
    if not parent.is_dir():
        return _(" ({folder} does not exist either)").format(folder=parent.name)
    try:
        names = sorted(entry.name for entry in os.scandir(parent) if entry.is_dir() and entry.name[:1] != ".")
    except OSError:
        return ""
    if parent == root:  # beside the cases: only the shared folders are worth naming
        names = [name for name in names if name.startswith("_")]
    if not names:
        return ""
    listed = ", ".join(names[:10]) + (", ..." if len(names) > 10 else "")
    return _("; folders in {folder}: {names}").format(folder=parent.name, names=listed)


def without_extends(document: Document) -> Document:
    """``document`` with its ``extends`` line taken out: it is not a field of the initiative."""
    data = {key: value for key, value in document.data.items() if key != EXTENDS}
    positions = {path: line for path, line in document.positions.items() if path[:1] != (EXTENDS,)}
    origins = {path: name for path, name in document.origins.items() if path[:1] != (EXTENDS,)}
    return Document(document.name, data, positions, origins)


def merge_documents(base: Document, over: Document) -> Document:
    """``over`` laid on ``base``: mappings merge key by key, anything else in ``over`` replaces.

    The result is named as ``over``; every value keeps the line (and file) it came from.
    """
    positions: dict[FieldPath, int] = {}
    origins: dict[FieldPath, str] = {}

    def place(document: Document, path: FieldPath) -> None:
        if path in document.positions:
            positions[path] = document.positions[path]
            origin = document.origins.get(path, document.name)
            if origin != over.name:
                origins[path] = origin
            else:
                origins.pop(path, None)

    def take(document: Document, path: FieldPath, value: Any) -> None:
        """Every position of ``value``'s subtree at ``path`` from ``document``."""
        stack: list[tuple[FieldPath, Any]] = [(path, value)]
        while stack:
            at, item = stack.pop()
            place(document, at)
            if isinstance(item, dict):
                stack.extend(((*at, key), child) for key, child in item.items())
            elif isinstance(item, list):
                stack.extend(((*at, index), child) for index, child in enumerate(item))

    def merge(path: FieldPath, below: Any, above: Any) -> Any:
        if not (isinstance(below, dict) and isinstance(above, dict)):
            take(over, path, above)
            return above
        place(base, path)
        place(over, path)  # a mapping both files hold is placed in the more specific one
        result: dict[str, Any] = {}
        for key, value in below.items():
            if key in above:
                result[key] = merge((*path, key), value, above[key])
            else:
                take(base, (*path, key), value)
                result[key] = value
        for key, value in above.items():
            if key not in below:
                take(over, (*path, key), value)
                result[key] = value
        return result

    data = merge((), base.data, over.data)
    return Document(over.name, data, positions, origins)


def merge_part(files: list[PartFile], part: str) -> Document | None:
    """One document of ``part`` from its files, least specific first; None when one is unreadable."""
    documents = [file.document for file in files]
    if any(document is None for document in documents):
        return None
    present = [document for document in documents if document is not None]
    if len(present) == 1:
        return present[0]
    if part == "actors":  # actors.yaml may be a bare list; merge the lists as the value of actors:
        present = [document.nested_under("actors") if isinstance(document.data, list) else document
                   for document in present]
    merged = present[0]
    for document in present[1:]:
        merged = merge_documents(merged, document)
    return merged
