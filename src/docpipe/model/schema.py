"""The JSON Schema of the input, for editors (completion, inline errors) and for documentation."""

from __future__ import annotations

from typing import Any

from docpipe.model.parts import PART_MODELS

PARTS = PART_MODELS


EXTENDS = {
    "type": "string",
    "description": "a shared folder (e.g. ../_shared/policy-lab) whose files this case's files override key by key",
}


def _part_schema(part: str, ref_template: str | None = None) -> dict[str, Any]:
    model = PARTS[part]
    schema: dict[str, Any] = (model.model_json_schema(ref_template=ref_template) if ref_template
                              else model.model_json_schema())
    if part == "initiative":
        schema["properties"]["extends"] = EXTENDS
    return schema


def input_schema(part: str | None = None) -> dict[str, Any]:
    """The schema of one input file (``part``), or of the whole case with one property per file."""
    if part is not None:
        schema = _part_schema(part)
        if part == "actors":  # actors.yaml may also be the bare list
            schema = {"$defs": schema.pop("$defs"), "anyOf": [schema, schema["properties"]["actors"]]}
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["title"] = f"docpipe {part}.yaml"
        return schema
    definitions: dict[str, Any] = {}
    properties: dict[str, Any] = {}
    for name, model in PARTS.items():
        schema = _part_schema(name, ref_template="#/$defs/{model}")
        definitions.update(schema.pop("$defs", {}))
        definitions[model.__name__] = schema
        properties[name] = {"$ref": f"#/$defs/{model.__name__}", "description": f"the content of {name}.yaml"}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "docpipe case",
        "description": "A case folder: organisation.yaml, initiative.yaml, actors.yaml and planning.yaml.",
        "type": "object",
        "properties": properties,
        "required": list(PARTS),
        "$defs": definitions,
    }
