"""Excel rendering: the deliverable fills a template's sheets, docpipe's workbook writer writes them.

The template is prepared once per process (``WorkbookTemplate``: its sheets cut into text, its named
styles made into cell formats) and prepared again only when the file changes.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import lru_cache
from pathlib import Path

from docpipe.errors import TemplateError
from docpipe.i18n import _
from docpipe.model import Case
from docpipe.ooxml.package import DocumentProperties
from docpipe.render.locate import FileVersion, file_version
from docpipe.sheet.fill import BookFill
from docpipe.sheet.template import WorkbookTemplate


def workbook_template(path: Path) -> WorkbookTemplate:
    """The prepared template at ``path``; prepared again when the file changes (see
    docpipe.render.locate.file_version)."""
    return _prepared(file_version(path))


@lru_cache(maxsize=64)
def _prepared(version: FileVersion) -> WorkbookTemplate:
    return WorkbookTemplate(Path(version.path).resolve())


def render_xlsx(template: Path, fill: Callable[[BookFill, Case], None], case: Case,
                properties: DocumentProperties, colours: Mapping[str, str] | None = None) -> bytes:
    """The finished workbook: the template filled by ``fill``, with fixed properties and zip times.

    ``colours`` (template colour -> colour, six hex digits) rebrands the cell styles; see
    ``docpipe.sheet.styles.recolour_styles`` and docpipe.render.branding.
    """
    prepared = workbook_template(template)
    book = prepared.new_fill()
    try:
        fill(book, case)
        return prepared.render(book, properties, colours)
    except KeyError as error:
        # the deliverable relies on the template's sheets and named styles; an edited template may lack them
        raise TemplateError(template.name, _("lacks something this deliverable fills in: {missing}").format(
            missing=error)) from error
