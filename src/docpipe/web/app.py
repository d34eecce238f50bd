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

Uploads live in their own folder in the data folder (see docpipe.web.uploads), and so do jobs: an API
request's folder is removed once its answer is sent; a page's folder is kept for the retention
(``--retention``, 30 minutes) so its downloads work, and swept afterwards, also by the next server
started on the same data folder after this one was killed.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Annotated

from fastapi import FastAPI, File, Form, Request, UploadFile
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from docpipe.api import (
    RenderLimits,
    _,
    __version__,
    example_case_dir,
    load_case,
    use_language,
    workbook_bytes,
)
from docpipe.web.guard import LOGIN_PATH, TOKEN_COOKIE, Guard, HeadAsGet, InLanguage, same_secret
from docpipe.web.http_api import add_api, document_security
from docpipe.web.jobs import JobRunner, JobState, Runner
from docpipe.web.previews import PICTURE, PREVIEWS, make_previews, wait_for_preview
from docpipe.web.queue import RqRunner
from docpipe.web.site import PACKAGE, Site, pdf_choice, read_upload
from docpipe.web.uploads import (
    KEEP_SECONDS,
    MAX_ENTRIES,
    MAX_RATIO,
    MAX_UNPACKED_BYTES,
    MAX_UPLOAD_BYTES,
    UploadRejected,
    UploadStore,
)
from docpipe.web.work import (
    LANGUAGE,
    RESULTS_ZIP,
    RenderOptions,
    internal_error,
    no_case,
    problem,
    render_for_page,
    unpack,
)

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
def create_app(*, templates: Path | None = None, token: str | None = None, store: UploadStore | None = None,
               jobs: int | None = None, with_previews: bool = True, max_jobs: int = 2,
               allowed_hosts: Iterable[str] | None = None, data_dir: Path | None = None,
               retention_seconds: float = KEEP_SECONDS, uploaded_templates: bool = False,
               queue: str | None = None, render_limits: RenderLimits | None = None) -> FastAPI:
    """The web application. ``templates`` replaces default document templates (as ``--templates``);
    ``token``, when given, must come with every request (a header, or the cookie the login page sets);
    ``jobs`` worker processes render a batch; ``max_jobs`` batch uploads render at once (more wait);
    ``with_previews`` makes first-page pictures when LibreOffice is installed; ``allowed_hosts``, when
    given, are the only host names the server answers to (``docpipe serve`` always gives them);
    ``data_dir`` (default: docpipe's folder in the user's cache) keeps each upload ``retention_seconds``;
    ``uploaded_templates`` lets a case bring its own ``templates/`` (refused by default: they run here);
    ``queue`` (``redis://...``) puts batch jobs on an RQ queue for ``docpipe worker`` processes;
    ``render_limits`` bound each document's time, memory and part size (default: docpipe.limits')."""
    if token is not None and not token.strip():
        raise ValueError("an empty token would let anyone in; give a real one or none")
    uploads = store or UploadStore(data_dir, retention_seconds)
    options = RenderOptions(templates, jobs if jobs is not None else min(4, os.cpu_count() or 1), with_previews,
                            uploaded_templates, render_limits or RenderLimits())
    runner: Runner = RqRunner(queue, options) if queue else JobRunner(options, max_jobs)
    site = Site(uploads, token, options, runner)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        sweeper = asyncio.create_task(_sweep_while_serving(uploads))
        yield
        sweeper.cancel()
        site.runner.close()

    # no /docs or /redoc: FastAPI's pages load their scripts from a CDN; /openapi.json describes the API
    app = FastAPI(title="docpipe", version=__version__, docs_url=None, redoc_url=None, lifespan=lifespan,
                  description="Danske udvalgsdokumenter fra en sag: validér og dan dokumenterne over HTTP.")
    app.state.uploads = uploads
    app.mount("/static", StaticFiles(directory=str(PACKAGE / "static")), name="static")
    _add_error_handlers(app, site)
    _add_pages(app, site)
    _add_downloads(app, site)
    add_api(app, site)
    _add_login(app, site)
    hosts = frozenset(name.lower() for name in allowed_hosts) if allowed_hosts is not None else None
    if token is not None:
        document_security(app)
    app.add_middleware(Guard, store=uploads, token=token, allowed_hosts=hosts)  # before anything reads the body
    app.add_middleware(HeadAsGet)
    app.add_middleware(InLanguage, language=LANGUAGE)  # the outermost: the guard's refusals are Danish too
    return app


async def _sweep_while_serving(uploads: UploadStore, every_seconds: float = 60) -> None:
    """Remove expired uploads even while nobody makes a request (the guard also sweeps on requests)."""
    while True:
        await asyncio.sleep(every_seconds)
        await run_in_threadpool(uploads.sweep)


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
        message = (_("does not exist (or was deleted after {minutes} minutes)").format(minutes=site.keep_minutes)
                   if error.status_code == 404 else str(error.detail))
        if request.url.path.startswith("/api"):
            return JSONResponse({"problems": [problem("", request.url.path, "", message)]},
                                status_code=error.status_code)
        if request.url.path.startswith(("/jobs/", "/results/", "/previews/")) and error.status_code == 404:
            return site.unknown_job(request)  # an expired link is followed by a person, from the results page
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
            "unpacked_mb": MAX_UNPACKED_BYTES // (1024 * 1024), "ratio": MAX_RATIO, "keep_minutes": site.keep_minutes})

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
            unpacked = await run_in_threadpool(unpack, data, filename, folder, site.options.uploaded_templates)
        except BaseException:
            site.uploads.remove(folder)
            raise
        if len(unpacked.cases) > 1:
            await run_in_threadpool(site.runner.start, folder, unpacked, filename, pdf_choice(pdf))
            return RedirectResponse(f"/jobs/{upload_id}", status_code=303)
        problems = no_case(unpacked, filename)
        if not problems:  # the case is read once, by the render: an invalid case's outcome has its problems
            results = await run_in_threadpool(render_for_page, unpacked, folder, site.options, pdf_choice(pdf),
                                              previews_later=True)
            problems = [found for case in results["cases"] for found in case["problems"]]
        if problems:
            site.uploads.remove(folder)
            return site.page(request, "problems.html", problems=problems, filename=filename)
        # kept as a finished job, so the results have an address to return to (POST, redirect, GET)
        await run_in_threadpool(JobState(filename, total=1, done=1, phase="done", results=results).save, folder)
        pictured = [case["key"] for case in results["cases"] if any(file["preview"] for file in case["files"])]
        if pictured:  # the page answers now; each picture is shown as it is made
            site.runner.later(make_previews, folder, pictured)
        return RedirectResponse(f"/jobs/{upload_id}", status_code=303)

    @app.get("/jobs/{job_id}", response_class=HTMLResponse, include_in_schema=False)
    async def job(request: Request, job_id: str) -> HTMLResponse:
        """Progress while the job runs (the page refreshes itself), the results once it is done."""
        folder = site.uploads.folder(job_id)
        state = await run_in_threadpool(current_state, site, folder) if folder else None
        if state is None:
            return site.unknown_job(request)
        if state.phase == "error":
            return site.page(request, "error.html", 500, message=state.error)
        if state.results is None:
            return site.page(request, "job.html", job_id=job_id, job=state, keep_minutes=site.keep_minutes)
        return site.results(request, job_id, state.filename, state.results)

    @app.get("/jobs/{job_id}/progress", response_class=HTMLResponse, include_in_schema=False)
    async def job_progress(request: Request, job_id: str) -> HTMLResponse:
        """The job page's progress region, for its script; ``X-Docpipe-Finished: 1`` once there is more to
        show than progress (the results, or an error), so the page loads itself again."""
        folder = site.uploads.folder(job_id)
        state = await run_in_threadpool(current_state, site, folder) if folder else None
        if state is None:
            return site.unknown_job(request)
        answer = site.page(request, "_job_progress.html", job=state)
        answer.headers["X-Docpipe-Finished"] = "1" if state.finished else "0"
        answer.headers["Cache-Control"] = "no-store"
        return answer


def current_state(site: Site, folder: Path) -> JobState | None:
    """The job in ``folder`` as its page shows it: a job whose runner says it will never finish (its
    worker died) is recorded as failed, so the page stops waiting and says why."""
    state = JobState.load(folder)
    if state is None or state.finished:
        return state
    reason = site.runner.stopped(folder.name)
    if reason:
        state.phase, state.error = "error", reason
        state.save(folder)
    return state


def _add_login(app: FastAPI, site: Site) -> None:
    """One form that turns the token into an HttpOnly, SameSite=Strict cookie, so a person types it once
    and it never appears in a URL, a link or the page's script."""

    @app.get(LOGIN_PATH, response_class=HTMLResponse, include_in_schema=False)
    async def login_form(request: Request) -> Response:
        if site.token is None:
            return RedirectResponse("/", status_code=303)
        return site.page(request, "login.html")

    @app.post(LOGIN_PATH, include_in_schema=False)
    async def login(request: Request, token: Annotated[str, Form()] = "") -> Response:
        if site.token is None:
            return RedirectResponse("/", status_code=303)
        if not same_secret(token, site.token):
            return site.page(request, "login.html", 401, wrong=True)
        answer = RedirectResponse("/", status_code=303)
        answer.set_cookie(TOKEN_COOKIE, site.token, httponly=True, samesite="strict",
                          secure=request.url.scheme == "https", path="/")
        return answer


def _add_downloads(app: FastAPI, site: Site) -> None:
    """An upload's documents, their zip and their pictures, only ever from inside its own folder."""

    @app.get("/results/{upload_id}.zip", include_in_schema=False)
    async def result_zip(upload_id: str) -> Response:
        folder = site.uploads.folder(upload_id)
        if folder is None or not (folder / RESULTS_ZIP).is_file():  # not there until the job is done
            raise StarletteHTTPException(404)
        return FileResponse(folder / RESULTS_ZIP, media_type="application/zip", filename="dokumenter.zip")

    @app.get("/results/{upload_id}/{case}/{name}", include_in_schema=False)
    async def result_file(upload_id: str, case: str, name: str) -> Response:
        path = site.uploads.file(upload_id, "out", case, name)
        if path is None:
            raise StarletteHTTPException(404)
        return FileResponse(path, filename=name)

    @app.get("/previews/{upload_id}/{case}/{name}/side1.png", include_in_schema=False)
    async def preview_file(upload_id: str, case: str, name: str) -> Response:
        folder = site.uploads.folder(upload_id)
        if folder is None:
            raise StarletteHTTPException(404)
        if not await wait_for_preview(folder, folder / PREVIEWS / case / name / PICTURE):
            raise StarletteHTTPException(404)
        path = site.uploads.file(upload_id, PREVIEWS, case, name, PICTURE)  # and never outside its folder
        if path is None:
            raise StarletteHTTPException(404)
        return FileResponse(path, media_type="image/png")


def _attachment(name: str) -> dict[str, str]:
    return {"Content-Disposition": f'attachment; filename="{name}"'}
