"""``/api/validate`` and ``/api/render``: the HTTP API for other systems, all or nothing.

Its answers are described in OpenAPI with their schemas (``Answer``, ``ProblemItem``), and, when the
server has a token, with the bearer scheme that carries it, so a client generator gets both right.
"""

from __future__ import annotations

import json
from typing import Annotated, Any, Literal

from fastapi import FastAPI, File, Query, UploadFile
from fastapi.openapi.utils import get_openapi
from fastapi.responses import FileResponse, JSONResponse, Response
from pydantic import BaseModel
from starlette.background import BackgroundTask
from starlette.concurrency import run_in_threadpool

from docpipe.web.site import Site, pdf_choice, read_upload
from docpipe.web.uploads import MAX_UPLOAD_BYTES
from docpipe.web.work import batch_problems, check, no_case, refused_documents, render, unpack, zip_folder

UploadField = Annotated[UploadFile, File(description="Et indtastningsark (.xlsx) eller en .zip med en "
                                                   "sagsmappe eller en mappe med flere sager")]
PdfQuery = Annotated[Literal["false", "true", "word", "all"],
                     Query(description="true/word: PDF af Word-dokumenterne; all: også af regnearkene")]


class ProblemItem(BaseModel):
    """One problem: the case, the place (file:line or sheet!cell), the field and the message, in Danish."""

    case: str
    location: str
    field: str
    message: str


class WarningItem(ProblemItem):
    """A fact that looks wrong, or a document's own limit (``document`` names it); nothing is refused."""

    document: str = ""


class Answer(BaseModel):
    """The cases of the upload, by the names their output folders get, every problem of every case and,
    from /api/validate, every warning."""

    cases: list[str]
    problems: list[ProblemItem]
    warnings: list[WarningItem] = []


API_RESPONSES: dict[int | str, dict[str, Any]] = {
    401: {"description": "Manglende eller forkert token", "model": Answer},
    413: {"model": Answer,
          "description": f"Større end {MAX_UPLOAD_BYTES // (1024 * 1024)} MB (eller zip-filen udpakket for stor)"},
    415: {"model": Answer, "description": "Hverken en Excel-projektmappe (.xlsx) eller en .zip"},
    422: {"description": "Problemer i en eller flere sager; intet er dannet", "model": Answer},
}


def add_api(app: FastAPI, site: Site) -> None:
    """``/api/validate`` and ``/api/render``: all or nothing, so a system can trust a 200."""
    uploads = site.uploads

    @app.post("/api/validate", response_model=Answer, responses=API_RESPONSES)
    async def api_validate(file: UploadField) -> JSONResponse:
        """Validate every case of the upload; 200 with the cases, or 422 with every problem."""
        data = await read_upload(file)
        _, folder = uploads.create()
        try:
            checked = await run_in_threadpool(check, data, file.filename or "", folder,
                                              site.options.uploaded_templates)
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
            unpacked = await run_in_threadpool(unpack, data, file.filename or "", folder,
                                               site.options.uploaded_templates)
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




def document_security(app: FastAPI) -> None:
    """Say in OpenAPI that the API wants ``Authorization: Bearer TOKEN`` (only for a server with a token)."""

    def schema() -> dict[str, Any]:
        if app.openapi_schema is None:
            described = get_openapi(title=app.title, version=app.version, description=app.description,
                                    routes=app.routes)
            described.setdefault("components", {})["securitySchemes"] = {
                "token": {"type": "http", "scheme": "bearer", "description": "Tokenet, serveren er startet med"}}
            described["security"] = [{"token": []}]
            app.openapi_schema = described
        return app.openapi_schema

    app.openapi = schema  # type: ignore[method-assign]
