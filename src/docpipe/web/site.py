"""What every route of the web face needs: the upload store, the Danish page templates, the token and
the render options, and the two small readers of a request (the upload, the PDF choice)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2
from fastapi import Request, UploadFile
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from docpipe.api import N_, PdfChoice, _, decimal, ngettext
from docpipe.web.jobs import Runner
from docpipe.web.uploads import MAX_UPLOAD_BYTES, UploadRejected, UploadStore, too_large_message
from docpipe.web.work import RenderOptions

PACKAGE = Path(__file__).resolve().parent
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
UNKNOWN_JOB = N_("There is no run at this address. It may have been deleted (that happens {minutes} minutes after "
                 "the upload), or the address is mistyped. Upload the file again.")


# --- the application --------------------------------------------------------------------------


class Site:
    """What every route needs: the upload store, the page templates, the token and the render options."""

    def __init__(self, uploads: UploadStore, token: str | None, options: RenderOptions, runner: Runner) -> None:
        self.uploads, self.token, self.options, self.runner = uploads, token, options, runner
        self.pages = page_templates()

    @property
    def keep_minutes(self) -> int:
        """The retention, as the pages state it."""
        return round(self.uploads.keep_seconds / 60)

    def page(self, request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
        """A Danish page (the token, if any, travels in the login cookie: no link carries it)."""
        return self.pages.TemplateResponse(request, name, context, status_code=status)

    def results(self, request: Request, upload_id: str, filename: str, results: dict[str, Any]) -> HTMLResponse:
        """The documents of an upload (one case, or a finished job): summary, downloads, pictures, problems."""
        return self.page(request, "results.html", upload_id=upload_id, filename=filename,
                         batch=len(results["cases"]) > 1, keep_minutes=self.keep_minutes, **results)

    def unknown_job(self, request: Request) -> HTMLResponse:
        """404 for a job id that never existed, was swept, or is not an id at all: the same words for each."""
        return self.page(request, "error.html", 404, heading=_("The run does not exist"),
                         message=_(UNKNOWN_JOB).format(minutes=self.keep_minutes))


def page_templates() -> Jinja2Templates:
    """The page templates, with Jinja's i18n extension: their texts (``{{ _("...") }}``, ``{% trans %}``)
    are looked up in docpipe's catalogue when a page is made, in the language of the request (Danish,
    see InLanguage). New-style gettext: the callables escape their values and format ``%(name)s``
    themselves; ``{% trans %}`` blocks are trimmed, as babel.cfg extracts them."""
    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(PACKAGE / "templates"),
                                     autoescape=jinja2.select_autoescape(), extensions=["jinja2.ext.i18n"])
    environment.policies["ext.i18n.trimmed"] = True
    environment.install_gettext_callables(_, ngettext, newstyle=True)  # type: ignore[attr-defined]
    environment.filters["decimal"] = decimal  # 12,3 kB and 0,12 s on a Danish page
    return Jinja2Templates(env=environment)


async def read_upload(file: UploadFile) -> bytes:
    """The uploaded file, refused (413) past the limit without reading more than one byte over it."""
    data = await file.read(MAX_UPLOAD_BYTES + 1)
    if len(data) > MAX_UPLOAD_BYTES:
        raise UploadRejected(413, too_large_message())
    return data


def pdf_choice(value: str) -> PdfChoice | None:
    """The form's and the query's PDF option: ``all`` (workbooks too), ``true``/``word``, or none."""
    return "all" if value == "all" else "word" if value in ("true", "word") else None


