"""What stands in front of every route: the language of its messages; the token and the size limit,
checked before anything reads the body; and the sweep of old uploads."""

from __future__ import annotations

import asyncio
import html
import secrets
import time
from urllib.parse import parse_qs

from fastapi import HTTPException, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from docpipe.api import _, use_language
from docpipe.web.uploads import MAX_UPLOAD_BYTES, UploadStore, too_large_message
from docpipe.web.work import problem

MAX_BODY_BYTES = MAX_UPLOAD_BYTES + 256 * 1024
"""The whole request body: the upload plus the multipart wrapping and form fields."""


class InLanguage:
    """ASGI middleware: every message made while a request is handled is in ``language``, whatever the
    process's language (the CLI's ``--lang``, the locale).

    The language is a context variable (docpipe.i18n.use_language), so it reaches everything the request
    runs: the routes, the guard and FastAPI's exception handlers inside this middleware, the templates,
    and the functions run in a thread (``run_in_threadpool`` copies the context). Two things run outside
    it and choose the language themselves: the handler of unexpected errors (Starlette calls it from its
    outermost middleware) and the batch jobs' threads (docpipe.web.jobs).
    """

    def __init__(self, app: ASGIApp, language: str) -> None:
        self.app, self.language = app, language

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        with use_language(self.language):
            await self.app(scope, receive, send)


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
                await _refuse(scope, receive, send, 401, _("access requires a valid token (Authorization: Bearer "
                                                           "TOKEN or ?token=TOKEN)"), path)
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
