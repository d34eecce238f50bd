"""How ``docpipe serve`` runs the app under uvicorn: slow or idle clients are dropped, and the number
of connections is bounded.

uvicorn closes an idle keep-alive connection, but waits for ever for a request's head: 300 half-sent
requests held 300 file descriptors until every normal request failed ("Too many open files"). A
connection must now send its request line and headers within ``HEAD_SECONDS``, and past
``MAX_CONNECTIONS`` a request gets 503 at once.
"""

from __future__ import annotations

import asyncio
from typing import Any

import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol

HEAD_SECONDS = 10.0
"""Time to send a request line and its headers (a person's browser needs milliseconds)."""
IDLE_SECONDS = 5
"""Time a kept-alive connection may sit idle between requests (uvicorn's own timeout)."""
MAX_CONNECTIONS = 200


def timely_protocol(head_seconds: float = HEAD_SECONDS) -> type[H11Protocol]:
    """uvicorn's HTTP/1.1 protocol, closing a connection that has not sent a request's head in time."""

    class TimelyH11Protocol(H11Protocol):
        head_deadline: asyncio.TimerHandle | None = None

        def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
            super().connection_made(transport)
            self._arm()

        def data_received(self, data: bytes) -> None:
            if self._waiting_for_a_request():
                self._arm()  # the clock runs from the first byte of the head, not from each byte
            super().data_received(data)
            if not self._waiting_for_a_request():
                self._disarm()

        def connection_lost(self, exc: Exception | None) -> None:
            self._disarm()
            super().connection_lost(exc)

        def _waiting_for_a_request(self) -> bool:
            return self.cycle is None or self.cycle.response_complete

        def _arm(self) -> None:
            if self.head_deadline is None:
                self.head_deadline = self.loop.call_later(head_seconds, self._too_slow)

        def _disarm(self) -> None:
            if self.head_deadline is not None:
                self.head_deadline.cancel()
                self.head_deadline = None

        def _too_slow(self) -> None:
            self.head_deadline = None
            if self._waiting_for_a_request():
                self.transport.close()

    return TimelyH11Protocol


def server_config(app: Any, host: str, port: int, head_seconds: float = HEAD_SECONDS,
                  max_connections: int = MAX_CONNECTIONS) -> uvicorn.Config:
    """uvicorn's settings for docpipe: the protocol above, the idle timeout, the connection limit."""
    return uvicorn.Config(app, host=host, port=port, log_level="warning", http=timely_protocol(head_seconds),
                          timeout_keep_alive=IDLE_SECONDS, limit_concurrency=max_connections)
