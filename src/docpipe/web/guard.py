"""What stands in front of every route: the language of its messages; the host and origin, the token
and the size limit, all checked before anything reads the body; and the sweep of old uploads.

The token travels as a header (``Authorization: Bearer``) from API clients and as an HttpOnly,
SameSite=Strict cookie set by the login form for people: never in a URL, where it would land in
logs and browser history. A request without it is refused from its headers alone, so a stranger
cannot make the server read 20 MB first. A POST from a page of another origin is refused with or
without a token, and a Host header the server was not started for is refused: a DNS-rebinding page
then cannot reach the API through a visitor's browser.
"""

from __future__ import annotations

import html
import secrets
import time
from http.cookies import CookieError, SimpleCookie
from urllib.parse import urlsplit

from fastapi import HTTPException
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
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


TOKEN_COOKIE = "docpipe_token"
LOGIN_PATH = "/login"
MAX_LOGIN_BYTES = 4096
"""The login form holds one field; a larger body is not a login."""
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class HeadAsGet:
    """ASGI middleware: HEAD answered wherever GET is (FastAPI's routes answer GET only), with GET's
    status and headers and no body, as HTTP asks; link checkers and proxies send HEAD."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("method") != "HEAD":
            await self.app(scope, receive, send)
            return

        async def without_body(message: Message) -> None:
            if message["type"] == "http.response.body":
                if message.get("more_body", False):
                    return
                message = {"type": "http.response.body", "body": b"", "more_body": False}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, without_body)


class Guard:
    """ASGI middleware: sweeps old uploads; refuses a foreign Host (400) or a cross-origin POST (403),
    bodies over MAX_BODY_BYTES (413, from Content-Length and from the bytes actually received) and,
    with a token, every request that does not carry it (401, or the login page for a person)."""

    def __init__(self, app: ASGIApp, store: UploadStore, token: str | None,
                 allowed_hosts: frozenset[str] | None = None) -> None:
        self.app, self.store, self.token, self.allowed_hosts = app, store, token, allowed_hosts
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
        refusal = self._refusal(scope, headers, path)
        if refusal is not None:
            await _refuse(scope, receive, send, *refusal, path)
            return
        if self.token is not None and not _open_path(path) and not self._carries_token(headers):
            if path.startswith("/api") or path == "/openapi.json" or scope.get("method") not in SAFE_METHODS:
                await _refuse(scope, receive, send, 401, _("access requires a valid token (header "
                                                           "Authorization: Bearer TOKEN, or log in on the page)"), path)
            else:
                await RedirectResponse(LOGIN_PATH, status_code=303)(scope, receive, send)
            return
        started = False

        async def watch_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, _counting(receive), watch_send)
        except _BodyTooLarge:
            if not started:
                await _refuse(scope, receive, send, 413, too_large_message(), path)

    def _refusal(self, scope: Scope, headers: dict[str, str], path: str) -> tuple[int, str] | None:
        """Why the request is refused from its headers alone, or None."""
        host = headers.get("host", "")
        if self.allowed_hosts is not None and _host_name(host) not in self.allowed_hosts:
            return 400, _("this server does not answer to the host name {host}").format(host=_host_name(host) or "?")
        if scope.get("method") not in SAFE_METHODS and _cross_origin(headers, host):
            return 403, _("a form on another web site may not send files to docpipe")
        length = headers.get("content-length", "")
        limit = MAX_LOGIN_BYTES if path == LOGIN_PATH else MAX_BODY_BYTES
        if length.isdigit() and int(length) > limit:
            return 413, too_large_message()
        return None

    def _carries_token(self, headers: dict[str, str]) -> bool:
        assert self.token is not None
        scheme, _, given = headers.get("authorization", "").partition(" ")
        if scheme.lower() == "bearer" and same_secret(given.strip(), self.token):
            return True
        try:
            cookie = SimpleCookie(headers.get("cookie", ""))
        except CookieError:
            return False
        return TOKEN_COOKIE in cookie and same_secret(cookie[TOKEN_COOKIE].value, self.token)


def _open_path(path: str) -> bool:
    """The login page and the stylesheet it uses are reachable without the token."""
    return path == LOGIN_PATH or path.startswith("/static/")


def same_secret(given: str, token: str) -> bool:
    """Compared in constant time, so the time taken does not tell how much of a guess was right."""
    return secrets.compare_digest(given.encode(), token.encode())


def _host_name(host: str) -> str:
    """``example.org`` from a Host header ``example.org:8000`` (``::1`` from ``[::1]:8000``)."""
    return (urlsplit(f"//{host}").hostname or "").lower()


def _cross_origin(headers: dict[str, str], host: str) -> bool:
    """Whether a browser says the request comes from a page of another origin (API clients send no
    Origin, and are judged by their token alone)."""
    if headers.get("sec-fetch-site", "") == "cross-site":
        return True
    origin = headers.get("origin")
    if origin is None:
        return False
    return origin == "null" or urlsplit(origin).netloc.lower() != host.lower()


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


async def _refuse(scope: Scope, receive: Receive, send: Send, status: int, message: str, path: str) -> None:
    response: Response
    if path.startswith("/api"):
        response = JSONResponse({"problems": [problem("", "", "", message)]}, status_code=status)
    else:
        response = HTMLResponse(_refusal_page(message), status_code=status)
    if status == 401:
        response.headers["WWW-Authenticate"] = "Bearer"
    await response(scope, receive, send)


def _refusal_page(message: str) -> str:
    """The page of a refusal made before any route runs: in the house style, with a way back."""
    heading, back = html.escape(_("That did not work")), html.escape(_("Back to the start page"))
    return ('<!doctype html>\n<html lang="da">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f'<title>docpipe – {heading}</title>\n<link rel="stylesheet" href="/static/style.css">\n</head>\n'
            f'<body>\n<header><a class="brand" href="/">docpipe</a></header>\n<main>\n<h1>{heading}</h1>\n'
            f'<p class="bad">{html.escape(message)}</p>\n<p><a href="/">{back}</a></p>\n</main>\n</body>\n</html>')
