"""``docpipe serve``: a local web page and an HTTP API over the same library functions the CLI uses.

The page (Danish, rendered on the server with Jinja, no scripts or files from the internet) takes an
intake workbook (.xlsx) or a .zip of one case folder or a batch root. One case is checked and rendered
while the browser waits: every problem in a table, or the documents with download links and, when
LibreOffice is installed, a picture of each first page. Several cases (a batch root) are rendered off
the request path: the upload answers 303 to ``/jobs/<id>``, which refreshes itself ("N af M sager
færdige") until it shows the summary table of ``docpipe batch``. There one invalid case does not stop
the others: the valid cases' documents can be downloaded, and each invalid case shows its problems.

The API is all or nothing, for systems that act on its answer: ``POST /api/validate`` and
``POST /api/render`` (multipart field ``file``; ``?pdf=true`` or ``?pdf=all`` adds PDFs). Render answers
with a zip holding ``<case>/<deliverable>`` exactly as ``docpipe batch`` writes them, plus its
``manifest.json`` (which names the upload's files relative to the upload, never the server's folder).
When any case is invalid, no document is sent: 422 with every problem of every case,
``{"problems": [{"location", "field", "message", "case"}]}``. A valid case of which one document
exceeds that document's own limits (the one-pager's page) is sent without it: the header
``X-Docpipe-Refused`` names it and manifest.json says why. Validate also answers ``warnings``. Too
large 413; not a workbook or zip 415; a missing or wrong token 401.

Uploads live in their own folder (see docpipe.web.uploads), and so do jobs: an API request's folder is
removed once its answer is sent; a page's folder is kept ``KEEP_SECONDS`` so its downloads work, and
swept afterwards.
"""

from __future__ import annotations

import json
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import quote

import jinja2
from fastapi import FastAPI, File, Form, Query, Request, UploadFile
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.background import BackgroundTask
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from docpipe.api import (
    N_,
    PdfChoice,
    _,
    __version__,
    decimal,
    example_case_dir,
    load_case,
    ngettext,
    use_language,
    workbook_bytes,
)
from docpipe.web.guard import Guard, InLanguage
from docpipe.web.jobs import JobRunner, JobState
from docpipe.web.uploads import (
    KEEP_SECONDS,
    MAX_ENTRIES,
    MAX_RATIO,
    MAX_UNPACKED_BYTES,
    MAX_UPLOAD_BYTES,
    UploadRejected,
    UploadStore,
    too_large_message,
)
from docpipe.web.work import (
    LANGUAGE,
    RenderOptions,
    batch_problems,
    check,
    internal_error,
    no_case,
    problem,
    refused_documents,
    render,
    render_for_page,
    unpack,
    zip_folder,
)

UploadField = Annotated[UploadFile, File(description="En indtastningsprojektmappe (.xlsx) eller en .zip med en "
                                                   "sagsmappe eller en mappe med flere sager")]
PdfQuery = Annotated[Literal["false", "true", "word", "all"],
                     Query(description="true/word: PDF af Word-dokumenterne; all: også af regnearkene")]
PACKAGE = Path(__file__).resolve().parent
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
UNKNOWN_JOB = N_("There is no run at this address. It may have been deleted (that happens {minutes} minutes after "
                 "the upload), or the address is mistyped. Upload the file again.")


# --- the application --------------------------------------------------------------------------


class Site:
    """What every route needs: the upload store, the page templates, the token and the render options."""

    def __init__(self, uploads: UploadStore, token: str | None, options: RenderOptions, runner: JobRunner) -> None:
        self.uploads, self.token, self.options, self.runner = uploads, token, options, runner
        self.pages = page_templates()
        self.token_query = f"?token={quote(token)}" if token else ""

    def page(self, request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
        """A Danish page; every link on it carries the token, so a person never has to type it twice."""
        return self.pages.TemplateResponse(request, name, {"token": self.token, "token_query": self.token_query,
                                                           **context}, status_code=status)

    def results(self, request: Request, upload_id: str, filename: str, results: dict[str, Any]) -> HTMLResponse:
        """The documents of an upload (one case, or a finished job): summary, downloads, pictures, problems."""
        return self.page(request, "results.html", upload_id=upload_id, filename=filename,
                         batch=len(results["cases"]) > 1, keep_minutes=KEEP_SECONDS // 60, **results)

    def unknown_job(self, request: Request) -> HTMLResponse:
        """404 for a job id that never existed, was swept, or is not an id at all: the same words for each."""
        return self.page(request, "error.html", 404, heading=_("The run does not exist"),
                         message=_(UNKNOWN_JOB).format(minutes=KEEP_SECONDS // 60))


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


def create_app(*, templates: Path | None = None, token: str | None = None, store: UploadStore | None = None,
               jobs: int | None = None, with_previews: bool = True, max_jobs: int = 2) -> FastAPI:
    """The web application. ``templates`` replaces default document templates (as ``--templates``);
    ``token``, when given, must come with every request; ``jobs`` worker processes render a batch;
    ``max_jobs`` batch uploads render at once (more wait); ``with_previews`` makes first-page pictures
    when LibreOffice is installed."""
    uploads = store or UploadStore()
    options = RenderOptions(templates, jobs if jobs is not None else min(4, os.cpu_count() or 1), with_previews)
    site = Site(uploads, token, options, JobRunner(options, max_jobs))

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        site.runner.close()

    # no /docs or /redoc: FastAPI's pages load their scripts from a CDN; /openapi.json describes the API
    app = FastAPI(title="docpipe", version=__version__, docs_url=None, redoc_url=None, lifespan=lifespan,
                  description="Danske udvalgsdokumenter fra en sag: validér og dan dokumenterne over HTTP.")
    app.state.uploads = uploads
    app.mount("/static", StaticFiles(directory=str(PACKAGE / "static")), name="static")
    _add_error_handlers(app, site)
    _add_pages(app, site)
    _add_downloads(app, site)
    _add_api(app, site)
    app.add_middleware(Guard, store=uploads, token=token)  # before anything reads the body
    app.add_middleware(InLanguage, language=LANGUAGE)  # the outermost: the guard's refusals are Danish too
    return app


def _add_error_handlers(app: FastAPI, site: Site) -> None:
    """Every failure answers with a Danish page or a JSON problem, never a traceback."""

    @app.exception_handler(UploadRejected)
    async def rejected(request: Request, error: UploadRejected) -> Response:
        refused = problem("", error.location, "", error.message)
        if request.url.path.startswith("/api"):
            return JSONResponse({"problems": [refused]}, status_code=error.status)
        return site.page(request, "problems.html", error.status, problems=[refused], filename="")

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, error: RequestValidationError) -> Response:
        problems = [problem("", ".".join(str(part) for part in item.get("loc", ())), "", str(item.get("msg", "")))
                    for item in error.errors()]
        if request.url.path.startswith("/api"):
            return JSONResponse({"problems": problems}, status_code=422)
        return site.page(request, "problems.html", 422, problems=problems, filename="")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException) -> Response:
        message = (_("does not exist (or was deleted after {minutes} minutes)").format(minutes=KEEP_SECONDS // 60)
                   if error.status_code == 404 else str(error.detail))
        if request.url.path.startswith("/api") or request.url.path.startswith("/results"):
            return JSONResponse({"problems": [problem("", request.url.path, "", message)]},
                                status_code=error.status_code)
        if request.url.path.startswith("/jobs/") and error.status_code == 404:
            return site.unknown_job(request)
        return site.page(request, "error.html", error.status_code, message=message)

    @app.exception_handler(Exception)
    async def internal(request: Request, error: Exception) -> Response:
        # Starlette calls this from its outermost middleware, after InLanguage has let go: choose again
        with use_language(LANGUAGE):
            message = internal_error(error)
            if request.url.path.startswith("/api"):
                return JSONResponse({"problems": [problem("", "", "", message)]}, status_code=500)
            return site.page(request, "error.html", 500, message=message)


def _add_pages(app: FastAPI, site: Site) -> None:
    """The start page, the example workbooks, the upload and a batch upload's status page."""

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    async def start(request: Request) -> HTMLResponse:
        return site.page(request, "index.html", limits={
            "upload_mb": MAX_UPLOAD_BYTES // (1024 * 1024), "entries": MAX_ENTRIES,
            "unpacked_mb": MAX_UNPACKED_BYTES // (1024 * 1024), "ratio": MAX_RATIO, "keep_minutes": KEEP_SECONDS // 60})

    @app.get("/intake/blank.xlsx", include_in_schema=False)
    async def blank() -> Response:
        data = await run_in_threadpool(workbook_bytes, None)
        return Response(data, media_type=XLSX_TYPE, headers=_attachment("indtastning.xlsx"))

    @app.get("/intake/example.xlsx", include_in_schema=False)
    async def example() -> Response:
        data = await run_in_threadpool(lambda: workbook_bytes(load_case(example_case_dir())))
        return Response(data, media_type=XLSX_TYPE, headers=_attachment("eksempel-halsnaes.xlsx"))

    @app.post("/upload", include_in_schema=False)
    async def upload(request: Request, file: Annotated[UploadFile, File()], pdf: Annotated[str, Form()] = ""
                     ) -> Response:
        """One case: checked and rendered while the browser waits (a second or two). Several: a job."""
        data = await read_upload(file)
        filename = file.filename or ""
        upload_id, folder = site.uploads.create()
        try:
            unpacked = await run_in_threadpool(unpack, data, filename, folder)
        except BaseException:
            site.uploads.remove(folder)
            raise
        if len(unpacked.cases) > 1:
            await run_in_threadpool(site.runner.start, folder, unpacked, filename, pdf_choice(pdf))
            return RedirectResponse(f"/jobs/{upload_id}{site.token_query}", status_code=303)
        problems = no_case(unpacked, filename)
        if not problems:  # the case is read once, by the render: an invalid case's outcome has its problems
            results = await run_in_threadpool(render_for_page, unpacked, folder, site.options, pdf_choice(pdf))
            problems = [found for case in results["cases"] for found in case["problems"]]
        if problems:
            site.uploads.remove(folder)
            return site.page(request, "problems.html", problems=problems, filename=filename)
        return site.results(request, upload_id, filename, results)

    @app.get("/jobs/{job_id}", response_class=HTMLResponse, include_in_schema=False)
    async def job(request: Request, job_id: str) -> HTMLResponse:
        """Progress while the job runs (the page refreshes itself), the results once it is done."""
        folder = site.uploads.folder(job_id)
        state = JobState.load(folder) if folder else None
        if state is None:
            return site.unknown_job(request)
        if state.phase == "error":
            return site.page(request, "error.html", 500, message=state.error)
        if state.results is None:
            return site.page(request, "job.html", job_id=job_id, job=state, keep_minutes=KEEP_SECONDS // 60)
        return site.results(request, job_id, state.filename, state.results)


def _add_downloads(app: FastAPI, site: Site) -> None:
    """An upload's documents, their zip and their pictures, only ever from inside its own folder."""

    @app.get("/results/{upload_id}.zip", include_in_schema=False)
    async def result_zip(upload_id: str) -> Response:
        folder = site.uploads.folder(upload_id)
        if folder is None or not (folder / "out").is_dir():
            raise StarletteHTTPException(404)
        target = await run_in_threadpool(zip_folder, folder / "out", folder / "alle-dokumenter.zip")
        return FileResponse(target, media_type="application/zip", filename="dokumenter.zip")

    @app.get("/results/{upload_id}/{case}/{name}", include_in_schema=False)
    async def result_file(upload_id: str, case: str, name: str) -> Response:
        path = site.uploads.file(upload_id, "out", case, name)
        if path is None:
            raise StarletteHTTPException(404)
        return FileResponse(path, filename=name)

    @app.get("/previews/{upload_id}/{case}/{name}/side1.png", include_in_schema=False)
    async def preview_file(upload_id: str, case: str, name: str) -> Response:
        path = site.uploads.file(upload_id, "preview", case, name, "side1.png")
        if path is None:
            raise StarletteHTTPException(404)
        return FileResponse(path, media_type="image/png")


API_RESPONSES: dict[int | str, dict[str, Any]] = {
    401: {"description": "Manglende eller forkert token"},
    413: {"description": f"Større end {MAX_UPLOAD_BYTES // (1024 * 1024)} MB (eller zip-filen udpakket for stor)"},
    415: {"description": "Hverken en Excel-projektmappe (.xlsx) eller en .zip"},
    422: {"description": "Problemer: {\"problems\": [{\"location\", \"field\", \"message\", \"case\"}]}"},
}


def _add_api(app: FastAPI, site: Site) -> None:
    """``/api/validate`` and ``/api/render``: all or nothing, so a system can trust a 200."""
    uploads = site.uploads

    @app.post("/api/validate", responses=API_RESPONSES)
    async def api_validate(file: UploadField) -> JSONResponse:
        """Validate every case of the upload; 200 with the cases, or 422 with every problem."""
        data = await read_upload(file)
        _, folder = uploads.create()
        try:
            checked = await run_in_threadpool(check, data, file.filename or "", folder)
        finally:
            uploads.remove(folder)
        status = 422 if checked.problems else 200
        return JSONResponse({"cases": checked.cases, "problems": checked.problems, "warnings": checked.warnings},
                            status_code=status)

    @app.post("/api/render", responses={200: {"content": {"application/zip": {}},
                                              "description": "<sag>/<dokument> og manifest.json"}, **API_RESPONSES})
    async def api_render(file: UploadField, pdf: PdfQuery = "false") -> Response:
        """Render every case like ``docpipe batch``: a zip of ``<case>/<deliverable>`` plus manifest.json;
        nothing when any case is invalid (422 with every problem of every case)."""
        data = await read_upload(file)
        _, folder = uploads.create()
        try:
            unpacked = await run_in_threadpool(unpack, data, file.filename or "", folder)
            missing = no_case(unpacked, file.filename or "")
            if missing:
                uploads.remove(folder)
                return JSONResponse({"cases": [], "problems": missing}, status_code=422)
            # every case is read once, by the render; any invalid or failed case and nothing is sent
            result = await run_in_threadpool(render, unpacked, folder / "out", site.options, pdf_choice(pdf))
            if not all(outcome.wrote for outcome in result.outcomes):
                uploads.remove(folder)
                failed = batch_problems(result, unpacked.paths)
                return JSONResponse({"cases": unpacked.names, "problems": failed}, status_code=422)
            target = await run_in_threadpool(zip_folder, folder / "out", folder / "result.zip")
        except BaseException:
            uploads.remove(folder)
            raise
        headers = {"X-Docpipe-Cases": json.dumps(unpacked.names, ensure_ascii=True)}
        refused = refused_documents(result)
        if refused:  # the case is valid; only these documents exceeded their own limits (manifest.json says why)
            headers["X-Docpipe-Refused"] = json.dumps(refused, ensure_ascii=True)
        if result.pdf_note:
            headers["X-Docpipe-Pdf-Note"] = result.pdf_note.encode("ascii", "replace").decode()
        return FileResponse(target, media_type="application/zip", filename="dokumenter.zip", headers=headers,
                            background=BackgroundTask(uploads.remove, folder))


def _attachment(name: str) -> dict[str, str]:
    return {"Content-Disposition": f'attachment; filename="{name}"'}
