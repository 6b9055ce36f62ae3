"""`blocwatch serve`: the web dashboard and JSON API."""

from __future__ import annotations

import argparse

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

    print(f"blocwatch serve: http://{args.host}:{args.port}/ (database {args.db or config.default_db()}; "
          "Ctrl-C stops)", file=sys.stderr)
    uvicorn.run(create_app(args.db), host=args.host, port=args.port, log_level="warning")
    return 0
