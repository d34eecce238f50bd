"""``redline_case``: every Word deliverable of NEW, with OLD's differences as tracked changes.

OLD is rendered with NEW's template and NEW's colours, so the two renders differ only where the
cases do. A deliverable OLD did not get (it had no committee) is all inserted. The documents are
written as ``render_case`` writes them: all of them or, after an error, none.
"""

from __future__ import annotations

from pathlib import Path

from docpipe.deliverables.registry import Deliverable, for_case
from docpipe.errors import DocumentRefused, DocumentsRefused
from docpipe.model import Case
from docpipe.model.load import load_case
from docpipe.output.write import StagedWrites, case_output_dir, remove_stale_temporaries
from docpipe.redline.document import redlined_docx
from docpipe.redline.marks import Revision
from docpipe.redline.overview import FILE_NAME as OVERVIEW
from docpipe.redline.overview import overview_docx
from docpipe.render.branding import colours_for
from docpipe.render.case import properties
from docpipe.render.docx import render_docx
from docpipe.render.locate import find_template
from docpipe.render.xlsx import render_xlsx


def redline_case(old: str | Path | Case, new: str | Path | Case, out_dir: str | Path, *,
                 deliverables: list[str] | None = None, author: str | None = None,
                 templates: str | Path | None = None) -> list[Path]:
    """Write ``out_dir/<NEW's case>/<deliverable>.docx`` for each Word deliverable of NEW (those named,
    or all), each NEW's document with OLD's differences as Word tracked changes, and ``aendringer.docx``,
    the committee's overview of what changed per document; each workbook with its changed cells
    marked and a sheet "Ændringer" (``workbook.py``); returns the files.

    OLD and NEW are case folders, intake workbooks or loaded cases (InvalidCase for an invalid one).
    ``author`` signs the changes (default: NEW's organisation's unit, else its name); their date is
    NEW's case date, so the same two cases always give the same bytes.
    """
    old_case, new_case = _loaded(old), _loaded(new)
    revision_author = author or default_author(new_case)
    template_dir = Path(templates) if templates is not None else None
    folder = case_output_dir(out_dir, new_case.name)
    remove_stale_temporaries(folder)
    named = for_case(new_case, deliverables)
    chosen = [deliverable for deliverable in named if deliverable.kind == "docx"]
    sheets = [deliverable for deliverable in named if deliverable.kind == "xlsx"]
    refused: list[DocumentRefused] = []
    with StagedWrites() as staged:
        staged.add(folder / OVERVIEW, overview_docx(old_case, new_case, named, template_dir))
        for deliverable in chosen:
            try:
                deliverable.check(new_case)
            except DocumentRefused as error:
                refused.append(error)
                continue
            revision = Revision(revision_author, new_case.initiative.date)
            staged.add(folder / deliverable.file_name,
                       redlined_deliverable(old_case, new_case, deliverable, revision, template_dir))
        for deliverable in sheets:
            staged.add(folder / deliverable.file_name,
                       redlined_workbook(old_case, new_case, deliverable, revision_author, template_dir))
        written = staged.commit()
    if refused:
        raise DocumentsRefused(new_case.name, written, refused)
    return written


def redlined_deliverable(old: Case, new: Case, deliverable: Deliverable, revision: Revision,
                         templates: Path | None = None) -> bytes:
    """One deliverable of ``new`` redlined against ``old``, both rendered with NEW's template."""
    assert deliverable.build_context is not None, "only Word deliverables are redlined"
    template = find_template(deliverable.template_name, deliverable.kind, templates, new.template_dirs)
    document_properties = properties(new, deliverable.document_kind)
    colours = colours_for(new.organisation)
    new_bytes = render_docx(template, deliverable.build_context(new), document_properties, colours)
    old_bytes = (render_docx(template, deliverable.build_context(old), document_properties, colours)
                 if deliverable.applies_to(old) else None)
    return redlined_docx(old_bytes, new_bytes, revision)


def redlined_workbook(old: Case, new: Case, deliverable: Deliverable, author: str,
                      templates: Path | None = None) -> bytes:
    """One workbook of ``new`` with its changed cells marked against ``old``, both filled into NEW's template."""
    assert deliverable.fill is not None, "only Excel deliverables are filled"
    template = find_template(deliverable.template_name, deliverable.kind, templates, new.template_dirs)
    document_properties = properties(new, deliverable.document_kind)
    colours = colours_for(new.organisation)
    new_bytes = render_xlsx(template, deliverable.fill, new, document_properties, colours)
    old_bytes = (render_xlsx(template, deliverable.fill, old, document_properties, colours)
                 if deliverable.applies_to(old) else None)
    # imported here: marking cells goes through openpyxl, which (with NumPy) would add about 0.3 s to
    # every start of the CLI and of every batch worker (tests/sheet/test_refs.py)
    from docpipe.redline.workbook import redlined_xlsx

    return redlined_xlsx(old_bytes, new_bytes, author, document_properties)


def default_author(case: Case) -> str:
    """Who signs the tracked changes when no one is named: the organisation's unit, else its name."""
    return case.organisation.unit or case.organisation.name


def _loaded(case: str | Path | Case) -> Case:
    return case if isinstance(case, Case) else load_case(case)
