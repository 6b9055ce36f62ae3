"""Entry point of the ``blocwatch`` command.

Each command lives in ``blocwatch.cli.<module>`` and defines ``NAME``, ``HELP``,
``add_arguments(parser)`` and ``run(args) -> int``. Heavy imports (spaCy, DuckDB,
numpy) happen inside ``run`` so that ``blocwatch --help`` stays fast."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from types import ModuleType

from blocwatch.errors import BlocwatchError, UsageError

#: Command modules, in the order ``--help`` lists them.
COMMANDS = (
    "extract",
    "text",
    "evaluate",
    "ingest",
    "events",
    "failures",
    "gdelt",
    "export",
    "votes",
    "align",
    "idealpoints",
    "serve",
    "assess",
    "train",
)


def command_modules() -> list[ModuleType]:
    modules = []
    for name in COMMANDS:
        try:
            modules.append(importlib.import_module(f"blocwatch.cli.{name}"))
        except ModuleNotFoundError as exc:
            # A command whose module is not written yet is left out; any other
            # missing import is a real error and must surface.
            if exc.name != f"blocwatch.cli.{name}":
                raise
    return modules


def build_parser() -> argparse.ArgumentParser:
    from blocwatch import __version__

    parser = argparse.ArgumentParser(
        prog="blocwatch",
        description="Is country X realigning toward country Y? Events from news, UN votes, evidence.",
    )
    parser.add_argument("--version", action="version", version=f"blocwatch {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in command_modules():
        cmd = sub.add_parser(module.NAME, help=module.HELP, description=module.HELP)
        module.add_arguments(cmd)
        cmd.set_defaults(_run=module.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "_run", None):
        parser.print_help(sys.stderr)
        return 2
    try:
        return int(args._run(args) or 0)
    except UsageError as exc:
        print(f"blocwatch {args.command}: {exc}", file=sys.stderr)
        return 2
    except BlocwatchError as exc:
        print(f"blocwatch {args.command}: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("blocwatch: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # `blocwatch events | head` closes the pipe early: not an error.
        sys.stderr.close()
        return 0


if __name__ == "__main__":
    sys.exit(main())
