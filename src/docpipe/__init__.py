"""docpipe: describe an initiative once, get its committee documents in Danish.

The public API, re-exported from ``docpipe.api`` (the one door the CLI and the web app use too)::

    from docpipe import load_case, render_case
    case = load_case("inputs/halsnaes-boern-og-unge")   # raises InvalidCase with every problem
    render_case(case, "outputs")                          # -> [Path(...kommissorium.docx), ...]
"""

from docpipe.api import (
    DELIVERABLES,
    BatchResult,
    Case,
    CaseOutcome,
    Deliverable,
    DocpipeError,
    InvalidCase,
    MergeResult,
    OutputError,
    PdfRun,
    Picture,
    Problem,
    TemplateError,
    WordTemplate,
    __version__,
    check_templates,
    convert_to_pdf,
    input_schema,
    load_case,
    make_pdfs,
    merge,
    read_rows,
    render_case,
    render_cases,
    render_deliverable,
    run_batch,
    set_language,
    use_language,
    validate_case,
)

__all__ = [
    "DELIVERABLES",
    "BatchResult",
    "Case",
    "CaseOutcome",
    "Deliverable",
    "DocpipeError",
    "InvalidCase",
    "MergeResult",
    "OutputError",
    "PdfRun",
    "Picture",
    "Problem",
    "TemplateError",
    "WordTemplate",
    "__version__",
    "check_templates",
    "convert_to_pdf",
    "input_schema",
    "load_case",
    "make_pdfs",
    "merge",
    "read_rows",
    "render_case",
    "render_cases",
    "render_deliverable",
    "run_batch",
    "set_language",
    "use_language",
    "validate_case",
]
