"""A parsed input file: its plain data plus the line of every key and list item."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

FieldPath = tuple[str | int, ...]
Position = int | str  # a 1-based line in a text file, or a cell such as "C7" in a workbook sheet


def format_field_path(path: Sequence[str | int]) -> str:
    """``('phases', 0, 'owner')`` -> ``phases[0].owner``: the way a reader of the YAML thinks of it."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


@dataclass
class Document:
    """One input file after parsing, or several merged into one (a case extending a shared folder).

    ``positions`` maps a field path to the 1-based line where that key or list item starts, so a
    problem found much later (by pydantic or a cross-reference rule) can still point at a line.
    A document read from a workbook has ``cells`` instead (``"C7"``), and its ``name``/``origins`` are sheets.
    ``origins`` maps a field path to the file that line is in, where that is not ``name``: a merged
    document knows for every value whether it came from the case's own file or a shared one.
    """

    name: str
    data: Any
    positions: dict[FieldPath, int] = field(default_factory=dict)
    origins: dict[FieldPath, str] = field(default_factory=dict)
    cells: dict[FieldPath, str] = field(default_factory=dict)

    def where(self, path: Sequence[str | int]) -> tuple[str, Position | None]:
        """File and line of the deepest known part of ``path``; a missing key points at its parent."""
        parts = tuple(path)
        while parts:
            if parts in self.cells:
                return self.origins.get(parts, self.name), self.cells[parts]
            if parts in self.positions:
                return self.origins.get(parts, self.name), self.positions[parts]
            parts = parts[:-1]
        return self.origins.get((), self.name), self.cells.get((), self.positions.get((), None))

    def line_of(self, path: Sequence[str | int]) -> Position | None:
        """Line of the deepest known part of ``path``; a missing key points at its parent."""
        return self.where(path)[1]

    def file_of(self, path: Sequence[str | int]) -> str:
        """The file (as shown to users) holding the deepest known part of ``path``."""
        return self.where(path)[0]

    def nested_under(self, key: str) -> Document:
        """The same file seen as if its data were held under ``key`` (``actors.yaml`` may be a bare list)."""
        positions = {(key, *path): line for path, line in self.positions.items()}
        origins = {(key, *path): origin for path, origin in self.origins.items()}
        cells = {(key, *path): cell for path, cell in self.cells.items()}
        if () in self.positions:
            positions[(key,)] = self.positions[()]
        if () in self.origins:
            origins[(key,)] = origins[()] = self.origins[()]
        return Document(self.name, {key: self.data}, positions, origins, cells)
