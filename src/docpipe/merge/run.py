"""``merge()``: every row of a list through one Word template into a folder, with a manifest.

Nothing half-done: the template, the name pattern and the data file are read and checked before
anything is written, so a broken template or an unreadable list fails at once with a message
naming the file. A manifest (``DIR/manifest.json``, see docpipe.output.manifest) records which
template and list made the folder and every file's sha256, so the output can be checked and
reproduced later.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from docpipe.errors import OutputError, TemplateError
from docpipe.i18n import _
from docpipe.merge.against import old_rows_by_key
from docpipe.merge.errors import DataError
from docpipe.merge.names import UniqueNames, compile_name_pattern
from docpipe.merge.read import parse_rows, read_data
from docpipe.merge.result import MergeResult, Progress, RowResult
from docpipe.merge.row import Against, merged_row
from docpipe.output.manifest import Entry, FileRecord, InputRecord, Manifest, current_version, sha256_bytes
from docpipe.output.pdf import PdfRun, make_pdfs
from docpipe.output.write import remove_stale_temporaries
from docpipe.word import WordTemplate


def merge(template_path: str | Path, data_path: str | Path, out_dir: str | Path, name_pattern: str | None = None,
          strict: bool = False, progress: Progress | None = None, pdf: bool = False,
          redline_against: str | Path | None = None, key: str | None = None) -> MergeResult:
    """Write one document per data row into ``out_dir`` and ``out_dir/manifest.json``.

    Raises NamePatternError, TemplateError or DataError, before anything is written, when the
    pattern, the template or the data cannot be used; OutputError when the folder or the manifest
    cannot be written. A row that fails is reported in the result and does not stop the others.
    ``pdf=True`` also converts the documents with LibreOffice when it is installed (see
    docpipe.output.pdf.make_pdfs: PDF/A-2b beside each document); when it is not, ``pdf_note`` says
    how to install it and the .docx files stand.

    ``redline_against`` (an earlier version of the list) with ``key`` (a column of both) writes each
    row's document with what changed since its old row (matched by ``key``) as Word tracked changes.
    """
    template_file, data_file, folder = Path(template_path), Path(data_path), Path(out_dir)
    pattern = compile_name_pattern(name_pattern) if name_pattern is not None else None
    template_bytes = _template_bytes(template_file)
    template = WordTemplate.from_bytes(template_bytes, template_file.name, strict=strict)
    data_bytes = read_data(data_file)
    rows = parse_rows(data_file, data_bytes)
    against = None
    if redline_against is not None:
        if not key:
            raise DataError(data_file, _("--redline-against needs --key, the column that names a row in both lists"))
        against = Against(old_rows_by_key(Path(redline_against), key, rows, data_file), key)
    _make_folder(folder)

    names = UniqueNames()
    for source in (template_file, data_file):  # never overwrite the inputs when they lie in the output folder
        if _same_folder(source.parent, folder):
            names.claim(source.name)
    results: list[RowResult] = []
    for row in rows:
        results.append(merged_row(template, row, pattern, folder, names, against))
        if progress is not None:
            progress(len(results), len(rows), results[-1])

    pdf_note = None
    if pdf:
        results, pdf_note = _with_pdfs(results)
    manifest = Manifest(
        command="merge",
        version=current_version(),
        inputs={"template": InputRecord(str(template_file), sha256_bytes(template_bytes)),
                "data": InputRecord(str(data_file), sha256_bytes(data_bytes)),
                **_against_record(redline_against)},
        entries=[Entry({"row": result.number}, result.status, [result.error] if result.error else [],
                       [FileRecord.of(path, folder) for path in result.files]) for result in results],
        options={"name": name_pattern, "strict": strict, "pdf": pdf,
                 **({"key": key} if redline_against is not None else {})},
    )
    return MergeResult(template_file, data_file, folder, tuple(results), manifest.write(folder), pdf, pdf_note)


def _against_record(path: str | Path | None) -> dict[str, InputRecord]:
    """The old list a redlining merge compared with, in the manifest beside the template and data."""
    return {} if path is None else {"redline_against": InputRecord(str(path), sha256_bytes(read_data(Path(path))))}


def _template_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise TemplateError(path.name, _("cannot be read: {reason}").format(reason=error.strerror or error)) from error


def _make_folder(folder: Path) -> None:
    """Create the output folder and remove temporaries a killed earlier run left there."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OutputError(str(folder), error.strerror or str(error)) from error
    remove_stale_temporaries(folder)


def _same_folder(first: Path, second: Path) -> bool:
    try:
        return first.resolve() == second.resolve()
    except (OSError, RuntimeError):
        return False


def _with_pdfs(results: list[RowResult]) -> tuple[list[RowResult], str | None]:
    """The results with each document's PDF added (or the row failed with LibreOffice's reason),
    and a note saying how to install LibreOffice when it is missing."""
    run = make_pdfs([result.document for result in results if result.document is not None])
    if run.note:
        return results, run.note
    return [_with_pdf(result, run) for result in results], None


def _with_pdf(result: RowResult, run: PdfRun) -> RowResult:
    if result.document in run.made:
        return dataclasses.replace(result, files=(*result.files, run.made[result.document]))
    if result.document in run.failed:
        return dataclasses.replace(result, status="failed", error=_("row {number}: PDF: {reason}").format(
            number=result.number, reason=run.failed[result.document]))
    return result
