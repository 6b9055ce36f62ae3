"""The Host header check: the server answers only requests addressed to it by name.

A page on another site can point its own domain at 127.0.0.1 (DNS rebinding) and then read a
local dashboard as "same origin"; its requests still carry that domain in the Host header.
So only loopback names, the address the server is bound to and names given with
``--allow-host`` are accepted; anything else gets a 400 with one sentence."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

LOOPBACK = frozenset({"localhost", "127.0.0.1", "::1"})


def clip(text: str, width: int = 40) -> str:
    """At most ``width`` characters of something a client sent (never echo it whole)."""
    text = "".join(ch if ch.isprintable() else "?" for ch in str(text))
    return text if len(text) <= width else f"{text[:width]}… ({len(text):,} characters)"


def host_name(header: str) -> str:
    """The host part of a Host header: ``[::1]:8000`` -> ``::1``, ``Example.org:80`` -> ``example.org``."""
    header = header.strip().lower()
    if header.startswith("["):
        return header[1:].split("]", 1)[0]
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


class HostGuard:
    """ASGI middleware: refuse HTTP requests whose Host is not this server's."""

    def __init__(self, app: Any, allowed: Iterable[str] = ()) -> None:
        self.app = app
        self.allowed = LOOPBACK | {host_name(h) for h in allowed if h and h not in ("0.0.0.0", "::")}

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        raw = dict(scope.get("headers") or []).get(b"host", b"").decode("latin-1")
        if host_name(raw) in self.allowed:
            await self.app(scope, receive, send)
            return
        body = json.dumps({"detail": f"Host {clip(raw)!r} is not this server's address: open it as "
                                     "http://127.0.0.1:PORT/ or start `blocwatch serve` with --allow-host NAME"}
                          ).encode()
        await send({"type": "http.response.start", "status": 400,
                    "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body})
