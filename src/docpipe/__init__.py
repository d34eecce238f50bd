"""docpipe: describe an initiative once, get its committee documents in Danish.

The public API; the CLI and any other face call only these::

    from docpipe import load_case, render_case
    case = load_case("inputs/halsnaes-boern-og-unge")   # raises InvalidCase with every problem
    render_case(case, "outputs")                          # -> [Path(...kommissorium.docx), ...]
"""

from docpipe._version import __version__
from docpipe.deliverables.registry import DELIVERABLES, Deliverable
from docpipe.errors import DocpipeError, InvalidCase, OutputError, Problem, TemplateError
from docpipe.merge import MergeResult, merge, read_rows
from docpipe.model import Case
from docpipe.model.load import load_case, validate_case
from docpipe.model.schema import input_schema
from docpipe.output.pdf import convert_to_pdf
from docpipe.render.case import render_case, render_deliverable
from docpipe.render.check import check_templates
from docpipe.word import Picture, WordTemplate

__all__ = [
    "DELIVERABLES",
    "Case",
    "Deliverable",
    "DocpipeError",
    "InvalidCase",
    "MergeResult",
    "OutputError",
    "Picture",
    "Problem",
    "TemplateError",
    "WordTemplate",
    "__version__",
    "check_templates",
    "convert_to_pdf",
    "input_schema",
    "load_case",
    "merge",
    "read_rows",
    "render_case",
    "render_deliverable",
    "validate_case",
]
