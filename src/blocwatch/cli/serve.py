"""`blocwatch serve`: the web dashboard and JSON API."""

from __future__ import annotations

import argparse
import socket

NAME = "serve"
HELP = ("serve the dashboard (GET /) and the read-only JSON API (/api/assess/X/Y, /api/dyad/A/B, "
        "/openapi.json)")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", help="database to read: an existing DuckDB file or a postgresql:// URL "
                                     "(default: see README); never created or changed by the server")
    parser.add_argument("--host", default="127.0.0.1",
                        help="address to listen on (default 127.0.0.1: this machine only). --host 0.0.0.0 "
                             "(or ::) exposes the dashboard and the API, read-only and without a password, to "
                             "every machine that can reach this one: every document text and event stored in "
                             "the database; requests must still name the server (see --allow-host)")
    parser.add_argument("--port", type=int, default=8000, help="port (default 8000; 0: any free port)")
    parser.add_argument("--allow-host", action="append", default=[], metavar="NAME",
                        help="also answer requests addressed to NAME (a host name or address others use to "
                             "reach this server); by default only localhost, 127.0.0.1, [::1] and --host are "
                             "accepted, which keeps other web sites from reading the dashboard by DNS rebinding "
                             "(repeat for several names)")


def run(args: argparse.Namespace) -> int:
    import sys

    import uvicorn

    from blocwatch import config
    from blocwatch.web.app import create_app

    target = args.db or config.default_db()
    if args.db:  # without --db the default may not exist yet: the assessment then uses its built-in votes
        check_database(args.db)
    sock = listen(args.host, args.port)
    port = sock.getsockname()[1]
    print(f"blocwatch serve: http://{args.host}:{port}/ (database {target}; "
          "Ctrl-C stops)", file=sys.stderr)
    app = create_app(args.db, allowed_hosts=[args.host, *args.allow_host])
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning"))
    server.run(sockets=[sock])
    return 0


def check_database(target: str) -> None:
    """The server only reads: a DuckDB file that is not there is a mistyped --db (one line, exit
    1), never a new empty database."""
    from pathlib import Path

    from blocwatch.errors import StoreError
    from blocwatch.store.db import is_postgres_url

    if is_postgres_url(target):
        return
    path = Path(target).expanduser()
    if not path.exists():
        raise StoreError(f"--db {target}: no such database file (check the path; `blocwatch ingest` or "
                         "`blocwatch votes import` creates one)")
    if not path.is_file():
        raise StoreError(f"--db {target}: not a database file (a folder or a device)")


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
