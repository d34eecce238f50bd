"""``docpipe serve``: a local web page and an HTTP API over the same library functions the CLI uses.

The page (Danish, rendered on the server with Jinja, no scripts or files from the internet) takes an
intake workbook (.xlsx) or a .zip of one case folder or a batch root; it lists every problem, or the
documents with download links and, when LibreOffice is installed, a picture of each first page.

The API: ``POST /api/validate`` and ``POST /api/render`` (multipart field ``file``; ``?pdf=true`` or
``?pdf=all`` adds PDFs). Render answers with a zip holding ``<case>/<deliverable>`` exactly as
``docpipe batch`` writes them, plus its ``manifest.json``. Problems answer 422 with
``{"problems": [{"location", "field", "message", "case"}]}``; too large 413; not a workbook or zip 415;
a missing or wrong token 401.

Uploads live in their own folder (see docpipe.web.uploads): an API request's folder is removed once its
answer is sent; a page's folder is kept ``KEEP_SECONDS`` so its downloads work, and swept afterwards.
"""

from __future__ import annotations

import asyncio
import html
import json
import os
import secrets
import shutil
import subprocess
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import quote

from fastapi import FastAPI, File, Form, HTTPException, Query, Request, UploadFile
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.background import BackgroundTask
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from docpipe import DocpipeError, InvalidCase, __version__, load_case
from docpipe.batch import BatchResult, PdfChoice, case_key, discover_cases, run_batch
from docpipe.examples import example_case_dir
from docpipe.intake.writer import workbook_bytes
from docpipe.pdf import convert_to_pdf, find_soffice
from docpipe.web.uploads import (
    KEEP_SECONDS,
    MAX_ENTRIES,
    MAX_RATIO,
    MAX_UNPACKED_BYTES,
    MAX_UPLOAD_BYTES,
    UploadRejected,
    UploadStore,
    case_root,
    extract_archive,
    safe_stem,
    sniff_kind,
    too_large_message,
)

UploadField = Annotated[UploadFile, File(description="En indtastningsprojektmappe (.xlsx) eller en .zip med en "
                                                   "sagsmappe eller en mappe med flere sager")]
PdfQuery = Annotated[Literal["false", "true", "word", "all"],
                     Query(description="true/word: PDF af Word-dokumenterne; all: også af regnearkene")]
PACKAGE = Path(__file__).resolve().parent
MAX_BODY_BYTES = MAX_UPLOAD_BYTES + 256 * 1024
"""The whole request body: the upload plus the multipart wrapping and form fields."""
INSTALL_LIBREOFFICE = ("Billeder af forsiderne kræver LibreOffice og poppler-utils: "
                       "apt-get install libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


# --- the work, run off the event loop ---------------------------------------------------------


@dataclass
class Checked:
    """An upload unpacked and validated: its batch root, its cases and their problems."""

    root: Path
    cases: list[str]
    problems: list[dict[str, str]] = field(default_factory=list)


def unpack(data: bytes, filename: str, folder: Path) -> Path:
    """Write the upload into ``folder/input`` and return the root to run a batch over."""
    kind = sniff_kind(data, filename)
    if kind == "workbook":
        root = folder / "input"
        root.mkdir()
        (root / f"{safe_stem(filename)}.xlsx").write_bytes(data)
        return root
    extracted = folder / "input"
    extract_archive(data, extracted)
    return case_root(extracted, safe_stem(filename))


def check(data: bytes, filename: str, folder: Path) -> Checked:
    """Unpack and validate every case of an upload, collecting every problem of every case."""
    root = unpack(data, filename, folder)
    cases = discover_cases(root)
    checked = Checked(root, [case_key(case) for case in cases])
    if not cases:
        checked.problems.append(_problem("", filename, "", "der er ingen sag i filen: en sagsmappe har en "
                                         "initiative.yaml, eller upload en udfyldt Excel-projektmappe (.xlsx)"))
    for case in cases:
        name = case_key(case)
        try:
            load_case(case)
        except InvalidCase as error:
            checked.problems.extend(_problem(name, p.location, p.field, p.message) for p in error.problems)
        except DocpipeError as error:
            checked.problems.append(_problem(name, name, "", str(error)))
    return checked


def _problem(case: str, location: str, field_path: str, message: str) -> dict[str, str]:
    return {"case": case, "location": location, "field": field_path, "message": message}


def render(root: Path, out: Path, templates: Path | None, pdf: PdfChoice | None, jobs: int | None) -> BatchResult:
    """``docpipe batch ROOT --out OUT``: worker processes for several cases, one case in this thread."""
    return run_batch(root, out, jobs=jobs, templates=templates, pdf=pdf)


def batch_problems(result: BatchResult) -> list[dict[str, str]]:
    return [_problem(outcome.name, outcome.name, "", error)
            for outcome in result.outcomes if not outcome.succeeded for error in outcome.errors]


def zip_folder(folder: Path, target: Path) -> Path:
    """Every file under ``folder`` into ``target`` (sorted, paths relative to ``folder``)."""
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(p for p in folder.rglob("*") if p.is_file() and not p.is_symlink()):
            archive.write(path, path.relative_to(folder).as_posix())
    return target


def previews(out: Path, preview_dir: Path, cases: list[str]) -> dict[str, dict[str, str]]:
    """A PNG of each document's first page (LibreOffice to PDF, then ``pdftoppm``), by case and file name:
    ``{case: {file: relative png path}}``. Empty when LibreOffice or pdftoppm is missing."""
    soffice, pdftoppm = find_soffice(), shutil.which("pdftoppm")
    if soffice is None or pdftoppm is None:
        return {}
    copies: dict[Path, tuple[str, str]] = {}
    for case in cases:
        for document in sorted((out / case).glob("*")):
            if document.suffix.lower() in (".docx", ".xlsx"):
                copy = preview_dir / case / document.name / document.name
                copy.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(document, copy)
                copies[copy] = (case, document.name)
    shown: dict[str, dict[str, str]] = {}
    for copy, result in convert_to_pdf(list(copies), pdfa=False, soffice=soffice).items():
        if not isinstance(result, Path):
            continue
        prefix = copy.parent / "side1"
        done = subprocess.run([pdftoppm, "-png", "-f", "1", "-l", "1", "-r", "40", "-singlefile", str(result),
                               str(prefix)], capture_output=True, timeout=120, check=False)
        png = prefix.with_suffix(".png")
        if done.returncode == 0 and png.is_file():
            case, name = copies[copy]
            shown.setdefault(case, {})[name] = png.relative_to(preview_dir).as_posix()
    return shown


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
        from urllib.parse import parse_qs

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
        response = JSONResponse({"problems": [_problem("", "", "", message)]}, status_code=status)
    else:
        response = HTMLResponse(f"<!doctype html><html lang=\"da\"><meta charset=\"utf-8\"><title>docpipe</title>"
                                f"<p>{html.escape(message)}</p></html>", status_code=status)
    if status == 401:
        response.headers["WWW-Authenticate"] = "Bearer"
    await response(scope, receive, send)


# --- the application --------------------------------------------------------------------------


def create_app(*, templates: Path | None = None, token: str | None = None, store: UploadStore | None = None,
               jobs: int | None = None, with_previews: bool = True) -> FastAPI:
    """The web application. ``templates`` replaces default document templates (as ``--templates``);
    ``token``, when given, must come with every request; ``with_previews`` makes first-page pictures
    when LibreOffice is installed."""
    uploads = store or UploadStore()
    pages = Jinja2Templates(directory=str(PACKAGE / "templates"))
    # no /docs or /redoc: FastAPI's pages load their scripts from a CDN; /openapi.json describes the API
    app = FastAPI(title="docpipe", version=__version__, docs_url=None, redoc_url=None,
                  description="Danske udvalgsdokumenter fra en sag: validér og dan dokumenterne over HTTP.")
    app.state.uploads = uploads
    app.mount("/static", StaticFiles(directory=str(PACKAGE / "static")), name="static")
    workers = jobs if jobs is not None else min(4, os.cpu_count() or 1)

    def page(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
        query = f"?token={quote(token)}" if token else ""
        return pages.TemplateResponse(request, name, {"token": token, "token_query": query, **context},
                                      status_code=status)

    async def read_upload(file: UploadFile) -> bytes:
        data = await file.read(MAX_UPLOAD_BYTES + 1)
        if len(data) > MAX_UPLOAD_BYTES:
            raise UploadRejected(413, too_large_message())
        return data

    @app.exception_handler(UploadRejected)
    async def rejected(request: Request, error: UploadRejected) -> Response:
        problem = _problem("", error.location, "", error.message)
        if request.url.path.startswith("/api"):
            return JSONResponse({"problems": [problem]}, status_code=error.status)
        return page(request, "problems.html", error.status, problems=[problem], filename="")

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, error: RequestValidationError) -> Response:
        problems = [_problem("", ".".join(str(part) for part in item.get("loc", ())), "", str(item.get("msg", "")))
                    for item in error.errors()]
        if request.url.path.startswith("/api"):
            return JSONResponse({"problems": problems}, status_code=422)
        return page(request, "problems.html", 422, problems=problems, filename="")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException) -> Response:
        message = "findes ikke (eller er slettet efter 30 minutter)" if error.status_code == 404 else str(error.detail)
        if request.url.path.startswith("/api") or request.url.path.startswith("/results"):
            return JSONResponse({"problems": [_problem("", request.url.path, "", message)]},
                                status_code=error.status_code)
        return page(request, "error.html", error.status_code, message=message)

    @app.exception_handler(Exception)
    async def internal(request: Request, error: Exception) -> Response:
        message = f"intern fejl i docpipe ({type(error).__name__}); prøv igen, eller rapportér fejlen med filen"
        if request.url.path.startswith("/api"):
            return JSONResponse({"problems": [_problem("", "", "", message)]}, status_code=500)
        return page(request, "error.html", 500, message=message)

    # --- pages ---

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    async def start(request: Request) -> HTMLResponse:
        return page(request, "index.html", limits={
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

    @app.post("/upload", response_class=HTMLResponse, include_in_schema=False)
    async def upload(request: Request, file: Annotated[UploadFile, File()], pdf: Annotated[str, Form()] = ""
                     ) -> HTMLResponse:
        data = await read_upload(file)
        filename = file.filename or ""
        upload_id, folder = uploads.create()
        checked = await run_in_threadpool(check, data, filename, folder)
        if checked.problems:
            uploads.remove(folder)
            return page(request, "problems.html", problems=checked.problems, filename=filename)
        out = folder / "out"
        choice: PdfChoice | None = "all" if pdf == "all" else "word" if pdf else None
        result = await run_in_threadpool(render, checked.root, out, templates, choice, workers)
        shown = {}
        note = ""
        if with_previews and result.ok:
            if find_soffice() and shutil.which("pdftoppm"):
                shown = await run_in_threadpool(previews, out, folder / "preview", [o.name for o in result.outcomes])
            else:
                note = INSTALL_LIBREOFFICE
        cases = [{"name": o.name, "status": o.status, "seconds": round(o.seconds, 2), "errors": list(o.errors),
                  "first_error": o.first_error,
                  "files": [{"path": record.path, "name": Path(record.path).name, "size": record.size,
                             "preview": shown.get(o.name, {}).get(Path(record.path).name)} for record in o.files]}
                 for o in result.outcomes]
        return page(request, "results.html", upload_id=upload_id, filename=filename, cases=cases,
                    batch=len(cases) > 1, ok=result.ok, note=note, pdf_note=result.pdf_note,
                    keep_minutes=KEEP_SECONDS // 60)

    @app.get("/results/{upload_id}.zip", include_in_schema=False)
    async def result_zip(upload_id: str) -> Response:
        folder = uploads.folder(upload_id)
        if folder is None or not (folder / "out").is_dir():
            raise StarletteHTTPException(404)
        target = await run_in_threadpool(zip_folder, folder / "out", folder / "alle-dokumenter.zip")
        return FileResponse(target, media_type="application/zip", filename="dokumenter.zip")

    @app.get("/results/{upload_id}/{case}/{name}", include_in_schema=False)
    async def result_file(upload_id: str, case: str, name: str) -> Response:
        path = uploads.file(upload_id, "out", case, name)
        if path is None:
            raise StarletteHTTPException(404)
        return FileResponse(path, filename=name)

    @app.get("/previews/{upload_id}/{case}/{name}/side1.png", include_in_schema=False)
    async def preview_file(upload_id: str, case: str, name: str) -> Response:
        path = uploads.file(upload_id, "preview", case, name, "side1.png")
        if path is None:
            raise StarletteHTTPException(404)
        return FileResponse(path, media_type="image/png")

    # --- API ---

    problem_schema = {"description": "Problemer: {\"problems\": [{\"location\", \"field\", \"message\", \"case\"}]}"}
    responses: dict[int | str, dict[str, Any]] = {
        401: {"description": "Manglende eller forkert token"},
        413: {"description": f"Større end {MAX_UPLOAD_BYTES // (1024 * 1024)} MB (eller zip-filen udpakket for stor)"},
        415: {"description": "Hverken en Excel-projektmappe (.xlsx) eller en .zip"},
        422: problem_schema,
    }

    @app.post("/api/validate", responses=responses)
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
                                              "description": "<sag>/<dokument> og manifest.json"}, **responses})
    async def api_render(file: UploadField, pdf: PdfQuery = "false") -> Response:
        """Render every case like ``docpipe batch``: a zip of ``<case>/<deliverable>`` plus manifest.json."""
        data = await read_upload(file)
        _, folder = uploads.create()
        try:
            checked = await run_in_threadpool(check, data, file.filename or "", folder)
            if checked.problems:
                uploads.remove(folder)
                return JSONResponse({"cases": checked.cases, "problems": checked.problems}, status_code=422)
            choice: PdfChoice | None = None if pdf == "false" else "all" if pdf == "all" else "word"
            result = await run_in_threadpool(render, checked.root, folder / "out", templates, choice, workers)
            if not result.ok:
                uploads.remove(folder)
                return JSONResponse({"cases": checked.cases, "problems": batch_problems(result)}, status_code=422)
            target = await run_in_threadpool(zip_folder, folder / "out", folder / "result.zip")
        except BaseException:
            uploads.remove(folder)
            raise
        headers = {"X-Docpipe-Cases": json.dumps(checked.cases, ensure_ascii=True)}
        if result.pdf_note:
            headers["X-Docpipe-Pdf-Note"] = result.pdf_note.encode("ascii", "replace").decode()
        return FileResponse(target, media_type="application/zip", filename="dokumenter.zip", headers=headers,
                            background=BackgroundTask(uploads.remove, folder))

    app.add_middleware(Guard, store=uploads, token=token)  # the outermost: before anything reads the body
    return app


def _attachment(name: str) -> dict[str, str]:
    return {"Content-Disposition": f'attachment; filename="{name}"'}

