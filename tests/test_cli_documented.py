"""Every command is documented in the README and answers --help (sqlite-utils' habit)."""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

import pytest

from blocwatch.cli.main import build_parser, command_modules

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _names() -> list[str]:
    return [m.NAME for m in command_modules()]


def test_cli_every_command_module_is_listed() -> None:
    files = {p.stem for p in (ROOT / "src" / "blocwatch" / "cli").glob("*.py")} - {"__init__", "main"}
    assert files <= set(_names()) | {"_common"}, files - set(_names())


@pytest.mark.parametrize("name", _names())
def test_cli_command_is_documented_in_readme(name: str) -> None:
    assert re.search(rf"blocwatch {re.escape(name)}\b", README), f"README does not mention `blocwatch {name}`"


@pytest.mark.parametrize("name", _names())
def test_cli_command_has_help(name: str) -> None:
    parser = build_parser()
    with pytest.raises(SystemExit) as exit_info:
        parser.parse_args([name, "--help"])
    assert exit_info.value.code == 0


def test_cli_python_dash_m_runs() -> None:
    out = subprocess.run([sys.executable, "-m", "blocwatch", "--version"], capture_output=True, text=True)
    assert out.returncode == 0 and out.stdout.startswith("blocwatch ")


def test_cli_bad_usage_exits_2() -> None:
    out = subprocess.run([sys.executable, "-m", "blocwatch", "no-such-command"], capture_output=True, text=True)
    assert out.returncode == 2


def _options(parser: argparse.ArgumentParser, prefix: str = "") -> list[tuple[str, argparse.Action]]:
    found = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                found += _options(sub, f"{prefix}{name} ")
        elif not isinstance(action, argparse._HelpAction):
            found.append((prefix + "/".join(action.option_strings or [action.dest]), action))
    return found


#: cli/assess.py is being rewritten on its own branch: its option gets help there (remove at merge).
PENDING: set[str] = set()


def test_cli_every_option_has_help() -> None:
    missing = {name for name, action in _options(build_parser()) if not (action.help or "").strip()
               and action.help is not argparse.SUPPRESS}
    assert missing <= PENDING, f"options without help text: {sorted(missing - PENDING)}"


def test_cli_issue_codes_are_explained_in_help() -> None:
    for command in (["align"], ["votes", "matrix"]):
        out = subprocess.run([sys.executable, "-m", "blocwatch", *command, "--help"], capture_output=True,
                             text=True).stdout
        text = " ".join(out.split())
        for code, words in (("me", "the Palestinian conflict"), ("nu", "nuclear weapons"),
                            ("di", "arms control and disarmament"), ("co", "colonialism"), ("hr", "human rights"),
                            ("ec", "economic development")):
            assert f"{code} = {words}" in text, (command, code)
