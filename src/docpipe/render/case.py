"""Rendering a valid Case into its deliverables, written atomically into one folder per case."""

from __future__ import annotations

from pathlib import Path

from docpipe.deliverables.registry import Deliverable, for_case, select
from docpipe.errors import DocumentRefused, DocumentsRefused
from docpipe.limits import entering
from docpipe.model import Case
from docpipe.ooxml.package import DocumentProperties
from docpipe.output.pdf import pdf_path
from docpipe.output.write import StagedWrites, case_output_dir, remove_stale_temporaries
from docpipe.render.branding import colours_for
from docpipe.render.docx import render_docx
from docpipe.render.locate import find_template
from docpipe.render.xlsx import render_xlsx


def properties(case: Case, document_kind: str) -> DocumentProperties:
    """Core properties: title, author = the organisation, the case's date, Danish."""
    return DocumentProperties(
        title=f"{document_kind}: {case.initiative.title}",
        author=case.organisation.name,
        date=case.initiative.date,
        subject=document_kind,
    )


def render_deliverable(case: Case, deliverable: Deliverable, templates: Path | None = None) -> bytes:
    """The finished file of one deliverable, as bytes, in the organisation's colour when it has one.

    Raises DocumentRefused (with file, line and field) when the case exceeds this document's own limits.
    """
    deliverable.check(case)
    template = find_template(deliverable.template_name, deliverable.kind, templates, case.template_dirs)
    document_properties = properties(case, deliverable.document_kind)
    colours = colours_for(case.organisation)
    if deliverable.kind == "docx":
        assert deliverable.build_context is not None
        return render_docx(template, deliverable.build_context(case), document_properties, colours)
    assert deliverable.fill is not None
    return render_xlsx(template, deliverable.fill, case, document_properties, colours)


def render_case(case: Case, out_dir: str | Path, deliverables: list[str] | None = None,
                templates: str | Path | None = None) -> list[Path]:
    """Render ``case`` into ``out_dir/<case>/``; returns the files written.

    Each document goes to a hidden temporary as soon as it is rendered (flushed to the disk while the
    next one renders) and all are renamed into place only when every one succeeded: when one fails,
    nothing of this case changes. A document its own limits refuse (DocumentRefused) is the exception:
    the others are written, any earlier file of the refused one is removed (it would look current),
    and DocumentsRefused then names what was written and what was refused.
    """
    chosen = for_case(case, deliverables)
    template_dir = Path(templates) if templates is not None else None
    folder = case_output_dir(out_dir, case.name)
    remove_stale_temporaries(folder)
    refused: list[DocumentRefused] = []
    with StagedWrites() as staged:
        for deliverable in chosen:
            entering(deliverable.file_name)
            try:
                staged.add(folder / deliverable.file_name, render_deliverable(case, deliverable, template_dir))
            except DocumentRefused as error:
                refused.append(error)
        _remove_not_applicable(case, folder, deliverables)
        written = staged.commit()
    _remove_stale_pdfs(written)
    if refused:
        _remove_refused(folder, chosen, refused)
        raise DocumentsRefused(case.name, written, refused)
    return written


def _remove_refused(folder: Path, chosen: list[Deliverable], refused: list[DocumentRefused]) -> None:
    """A refused document's file (and PDF) from an earlier run must not stay, looking current."""
    names = {error.document for error in refused}
    for deliverable in chosen:
        if deliverable.name in names:
            for stale in (folder / deliverable.file_name, pdf_path(folder / deliverable.file_name)):
                if stale.is_file() and not stale.is_symlink():
                    stale.unlink()


def _remove_not_applicable(case: Case, folder: Path, names: list[str] | None) -> None:
    """A deliverable the case no longer gets (its committee was removed) must not linger from a
    previous run, looking current."""
    for deliverable in select(names):
        stale = folder / deliverable.file_name
        if not deliverable.applies_to(case) and stale.is_file() and not stale.is_symlink():
            stale.unlink()


def _remove_stale_pdfs(documents: list[Path]) -> None:
    """A PDF made from an earlier version of a document must not stay beside the new one, looking
    current; a run asked for PDFs makes them again after this."""
    for document in documents:
        stale = pdf_path(document)
        if stale.is_file() and not stale.is_symlink():
            stale.unlink()

