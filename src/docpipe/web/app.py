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
When any case is invalid, nothing is rendered: 422 with every problem of every case,
``{"problems": [{"location", "field", "message", "case"}]}``. Too large 413; not a workbook or zip 415;
a missing or wrong token 401.

Uploads live in their own folder (see docpipe.web.uploads), and so do jobs: an API request's folder is
removed once its answer is sent; a page's folder is kept ``KEEP_SECONDS`` so its downloads work, and
swept afterwards.
"""

from __future__ import annotations

import asyncio
import html
import json
import os
import secrets
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import parse_qs, quote

from fastapi import FastAPI, File, Form, HTTPException, Query, Request, UploadFile
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.background import BackgroundTask
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from docpipe import __version__, load_case
from docpipe.batch import PdfChoice
from docpipe.examples import example_case_dir
from docpipe.intake.writer import workbook_bytes
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
    RenderOptions,
    batch_problems,
    check,
    problem,
    render,
    render_for_page,
    unpack,
    validate,
    zip_folder,
)

UploadField = Annotated[UploadFile, File(description="En indtastningsprojektmappe (.xlsx) eller en .zip med en "
                                                   "sagsmappe eller en mappe med flere sager")]
PdfQuery = Annotated[Literal["false", "true", "word", "all"],
                     Query(description="true/word: PDF af Word-dokumenterne; all: også af regnearkene")]
PACKAGE = Path(__file__).resolve().parent
MAX_BODY_BYTES = MAX_UPLOAD_BYTES + 256 * 1024
"""The whole request body: the upload plus the multipart wrapping and form fields."""
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
UNKNOWN_JOB = ("Der er ingen kørsel med denne adresse. Den er måske slettet (det sker {} minutter efter "
               "uploaden), eller adressen er skrevet forkert. Upload filen igen.")


# --- the guard: token and size, before anything reads the body --------------------------------


class Guard:
    """ASGI middleware: sweeps old uploads, refuses bodies over MAX_BODY_BYTES (413, from Content-Length
    and from the bytes actually received) and, with a token, every request that does not carry it (401)."""

    def __init__(self, app: ASGIApp, store: UploadStore, token: str | None) -> None:
        self.app, self.store, self.token = app, store, token
        self.last_sweep = 0.0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if time.monotonic() - self.last_sweep > 30:
            self.last_sweep = time.monotonic()
            await run_in_threadpool(self.store.sweep)
        headers = {key.decode("latin-1").lower(): value.decode("latin-1") for key, value in scope["headers"]}
        path = str(scope.get("path", ""))
        length = headers.get("content-length", "")
        if length.isdigit() and int(length) > MAX_BODY_BYTES:
            await _refuse(scope, receive, send, 413, too_large_message(), path)
            return
        body: bytes | None = None
        if self.token is not None and not self._carries_token(headers, scope):
            body, too_large = await _read_body(receive)
            if too_large:
                await _refuse(scope, receive, send, 413, too_large_message(), path)
                return
            if not await self._form_token(scope, body):
                await _refuse(scope, receive, send, 401, "adgang kræver et gyldigt token (Authorization: Bearer "
                              "TOKEN eller ?token=TOKEN)", path)
                return
        counted = _replay(body) if body is not None else _counting(receive)
        started = False

        async def watch_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted, watch_send)
        except _BodyTooLarge:
            if not started:
                await _refuse(scope, receive, send, 413, too_large_message(), path)

    def _carries_token(self, headers: dict[str, str], scope: Scope) -> bool:
        assert self.token is not None
        scheme, _, given = headers.get("authorization", "").partition(" ")
        if scheme.lower() == "bearer" and secrets.compare_digest(given.strip().encode(), self.token.encode()):
            return True
        query = parse_qs(bytes(scope.get("query_string", b"")).decode("latin-1"))
        return any(secrets.compare_digest(value.encode(), self.token.encode()) for value in query.get("token", []))

    async def _form_token(self, scope: Scope, body: bytes) -> bool:
        assert self.token is not None
        if scope.get("method") != "POST" or not body:
            return False
        request = Request(scope, _replay(body))
        try:
            form = await request.form()
        except Exception:  # a body that is not a form carries no token
            return False
        value = form.get("token")
        return isinstance(value, str) and secrets.compare_digest(value.encode(), self.token.encode())


class _BodyTooLarge(HTTPException):
    """Raised from ``receive`` when the body grows past the limit; FastAPI passes an HTTPException on."""

    def __init__(self) -> None:
        super().__init__(413, too_large_message())


def _counting(receive: Receive) -> Receive:
    received = 0

    async def counted() -> Message:
        nonlocal received
        message = await receive()
        if message["type"] == "http.request":
            received += len(message.get("body", b""))
            if received > MAX_BODY_BYTES:
                raise _BodyTooLarge
        return message

    return counted


def _replay(body: bytes) -> Receive:
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if sent:
            await asyncio.sleep(3600)  # nothing more will come; a disconnect would, but we never wait for it
            return {"type": "http.disconnect"}
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return replay


async def _read_body(receive: Receive) -> tuple[bytes, bool]:
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] != "http.request":
            return b"".join(chunks), False
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > MAX_BODY_BYTES:
            return b"", True
        chunks.append(chunk)
        if not message.get("more_body", False):
            return b"".join(chunks), False


async def _refuse(scope: Scope, receive: Receive, send: Send, status: int, message: str, path: str) -> None:
    response: Response
    if path.startswith("/api"):
        response = JSONResponse({"problems": [problem("", "", "", message)]}, status_code=status)
    else:
        response = HTMLResponse(f"<!doctype html><html lang=\"da\"><meta charset=\"utf-8\"><title>docpipe</title>"
                                f"<p>{html.escape(message)}</p></html>", status_code=status)
    if status == 401:
        response.headers["WWW-Authenticate"] = "Bearer"
    await response(scope, receive, send)


# --- the application --------------------------------------------------------------------------


class Site:
    """What every route needs: the upload store, the page templates, the token and the render options."""

    def __init__(self, uploads: UploadStore, token: str | None, options: RenderOptions, runner: JobRunner) -> None:
        self.uploads, self.token, self.options, self.runner = uploads, token, options, runner
        self.pages = Jinja2Templates(directory=str(PACKAGE / "templates"))
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
        return self.page(request, "error.html", 404, heading="Kørslen findes ikke",
                         message=UNKNOWN_JOB.format(KEEP_SECONDS // 60))


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
    app.add_middleware(Guard, store=uploads, token=token)  # the outermost: before anything reads the body
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
        message = "findes ikke (eller er slettet efter 30 minutter)" if error.status_code == 404 else str(error.detail)
        if request.url.path.startswith("/api") or request.url.path.startswith("/results"):
            return JSONResponse({"problems": [problem("", request.url.path, "", message)]},
                                status_code=error.status_code)
        if request.url.path.startswith("/jobs/") and error.status_code == 404:
            return site.unknown_job(request)
        return site.page(request, "error.html", error.status_code, message=message)

    @app.exception_handler(Exception)
    async def internal(request: Request, error: Exception) -> Response:
        message = f"intern fejl i docpipe ({type(error).__name__}); prøv igen, eller rapportér fejlen med filen"
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
        problems = await run_in_threadpool(validate, unpacked, filename)
        if problems:
            site.uploads.remove(folder)
            return site.page(request, "problems.html", problems=problems, filename=filename)
        results = await run_in_threadpool(render_for_page, unpacked, folder, site.options, pdf_choice(pdf))
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
        return JSONResponse({"cases": checked.cases, "problems": checked.problems}, status_code=status)

    @app.post("/api/render", responses={200: {"content": {"application/zip": {}},
                                              "description": "<sag>/<dokument> og manifest.json"}, **API_RESPONSES})
    async def api_render(file: UploadField, pdf: PdfQuery = "false") -> Response:
        """Render every case like ``docpipe batch``: a zip of ``<case>/<deliverable>`` plus manifest.json;
        nothing when any case is invalid (422 with every problem of every case)."""
        data = await read_upload(file)
        _, folder = uploads.create()
        try:
            checked = await run_in_threadpool(check, data, file.filename or "", folder)
            if checked.problems:
                uploads.remove(folder)
                return JSONResponse({"cases": checked.cases, "problems": checked.problems}, status_code=422)
            result = await run_in_threadpool(render, checked.unpacked, folder / "out", site.options, pdf_choice(pdf))
            if not result.ok:
                uploads.remove(folder)
                failed = batch_problems(result, checked.unpacked.paths)
                return JSONResponse({"cases": checked.cases, "problems": failed}, status_code=422)
            target = await run_in_threadpool(zip_folder, folder / "out", folder / "result.zip")
        except BaseException:
            uploads.remove(folder)
            raise
        headers = {"X-Docpipe-Cases": json.dumps(checked.cases, ensure_ascii=True)}
        if result.pdf_note:
            headers["X-Docpipe-Pdf-Note"] = result.pdf_note.encode("ascii", "replace").decode()
        return FileResponse(target, media_type="application/zip", filename="dokumenter.zip", headers=headers,
                            background=BackgroundTask(uploads.remove, folder))


def _attachment(name: str) -> dict[str, str]:
    return {"Content-Disposition": f'attachment; filename="{name}"'}
