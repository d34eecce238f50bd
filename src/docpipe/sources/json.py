"""JSON reading. The values come from the json module; the line numbers from YAML's composer,
which reads JSON too, so problems in a .json case point at lines just like in a .yaml case."""

from __future__ import annotations

import json

from docpipe.errors import Problem
from docpipe.sources.document import Document
from docpipe.sources.yaml import parse_yaml


def parse_json(name: str, text: str) -> tuple[Document | None, list[Problem]]:
    """Parse ``text`` as JSON; a syntax error becomes a Problem with its line."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        return None, [Problem(name, error.lineno, "", f"not valid JSON: {error.msg} (column {error.colno})")]
    located, _ = parse_yaml(name, text)
    positions = located.positions if located is not None else {}
    return Document(name, data, positions), []
