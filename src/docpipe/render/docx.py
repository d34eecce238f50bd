"""Word rendering: a docxtpl template filled in a sandboxed, autoescaping Jinja environment.

This is the only module that knows docxtpl. Templates are read from disk once per process and
kept as bytes; a template that refers to a name the context does not hold is an error, never an
empty spot in a committee document.
"""

from __future__ import annotations

import io
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage
from jinja2.sandbox import SandboxedEnvironment

from docpipe.deliverables.values import Picture
from docpipe.errors import TemplateError
from docpipe.output.package import DocumentProperties, normalise_package


@cache
def _template_bytes(path: Path) -> bytes:
    return path.read_bytes()


def _environment() -> SandboxedEnvironment:
    return SandboxedEnvironment(autoescape=True, undefined=jinja2.StrictUndefined, keep_trailing_newline=True)


def render_docx(template: Path, context: dict[str, Any], properties: DocumentProperties) -> bytes:
    """The finished .docx for ``context``: rendered, with core properties set, deterministic."""
    try:
        document = DocxTemplate(io.BytesIO(_template_bytes(template)))
        document.init_docx()
        prepared = _with_pictures(document, context)
        document.render(prepared, jinja_env=_environment(), autoescape=True)
    except jinja2.TemplateError as error:
        raise TemplateError(template.name, _describe(error)) from error
    buffer = io.BytesIO()
    document.save(buffer)
    return normalise_package(buffer.getvalue(), properties)


def _with_pictures(document: DocxTemplate, value: Any) -> Any:
    """The context with every Picture turned into docxtpl's InlineImage for this document."""
    if isinstance(value, Picture):
        return InlineImage(document, io.BytesIO(value.data), width=Mm(value.width_mm))
    if isinstance(value, dict):
        return {key: _with_pictures(document, item) for key, item in value.items()}
    if isinstance(value, list):
        return [_with_pictures(document, item) for item in value]
    return value


def _describe(error: jinja2.TemplateError) -> str:
    if isinstance(error, jinja2.UndefinedError):
        return f"{error.message}: the template uses a name this deliverable does not provide"
    if isinstance(error, jinja2.TemplateSyntaxError):
        return f"syntax error near line {error.lineno}: {error.message}"
    return str(error)
