"""`blocwatch serve`: the web dashboard and JSON API."""

from __future__ import annotations

import argparse
import socket

NAME = "serve"
HELP = "serve the dashboard (GET /) and the JSON API (/api/dyad/A/B, /openapi.json)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", help="database: DuckDB file or postgresql:// URL (default: see README)")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8000, help="port (default 8000)")


def run(args: argparse.Namespace) -> int:
    import sys

    import uvicorn

    from blocwatch import config
    from blocwatch.web.app import create_app

    sock = listen(args.host, args.port)
    port = sock.getsockname()[1]
    print(f"blocwatch serve: http://{args.host}:{port}/ (database {args.db or config.default_db()}; "
          "Ctrl-C stops)", file=sys.stderr)
    server = uvicorn.Server(uvicorn.Config(create_app(args.db), log_level="warning"))
    server.run(sockets=[sock])
    return 0


def listen(host: str, port: int) -> socket.socket:
    """A socket listening on host:port (port 0: any free port), or one clear error line:
    a port out of range is bad usage, an address that cannot be had is a failure."""
    from blocwatch.errors import BlocwatchError, UsageError

    if not 0 <= port <= 65535:
        raise UsageError(f"--port {port}: a port number is 0 ... 65535")
    try:
        family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
        sock = socket.socket(family, kind, proto)
    except OSError as exc:
        raise BlocwatchError(f"--host {host}: not an address to listen on ({exc.strerror or exc})") from None
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(2048)
    except OSError as exc:
        sock.close()
        raise BlocwatchError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    return sock
