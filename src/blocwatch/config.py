"""Locations and limits, each overridable by an environment variable."""

from __future__ import annotations

import os
from pathlib import Path

#: Largest document read, in bytes (BLOCWATCH_MAX_BYTES); larger files are refused.
DEFAULT_MAX_BYTES = 50 * 1024 * 1024
#: Largest HTML page parsed, in bytes (BLOCWATCH_MAX_HTML_BYTES): parsing markup takes time and
#: memory in proportion to it, and no news page comes near.
DEFAULT_MAX_HTML_BYTES = 5 * 1024 * 1024
#: Most characters of text one document may hold (BLOCWATCH_MAX_TEXT_CHARS; about 300,000 words).
DEFAULT_MAX_TEXT_CHARS = 2_000_000
#: Longest stretch of text without a sentence end or a line break (BLOCWATCH_MAX_RUN_CHARS):
#: prose never comes near; a longer run is a word list or a dump, and one "sentence" of that
#: size makes event extraction slow and memory-hungry.
DEFAULT_MAX_RUN_CHARS = 5_000


def data_dir() -> Path:
    """The user's blocwatch folder: $BLOCWATCH_HOME, else $XDG_DATA_HOME/blocwatch,
    else ~/.local/share/blocwatch."""
    if os.environ.get("BLOCWATCH_HOME"):
        return Path(os.environ["BLOCWATCH_HOME"]).expanduser()
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base).expanduser() / "blocwatch"


def default_db() -> str:
    """The database used without --db: $BLOCWATCH_DB, else <data_dir>/blocwatch.duckdb."""
    return os.environ.get("BLOCWATCH_DB") or str(data_dir() / "blocwatch.duckdb")


def max_bytes() -> int:
    value = os.environ.get("BLOCWATCH_MAX_BYTES")
    return int(value) if value else DEFAULT_MAX_BYTES


def limit(name: str, default: int) -> int:
    """The limit in environment variable ``name`` (a positive whole number), else ``default``."""
    from blocwatch.errors import UsageError

    value = os.environ.get(name)
    if not value:
        return default
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number <= 0:
        raise UsageError(f"{name}={value!r} is not a positive whole number")
    return number


def max_html_bytes() -> int:
    return limit("BLOCWATCH_MAX_HTML_BYTES", DEFAULT_MAX_HTML_BYTES)


def max_text_chars() -> int:
    return limit("BLOCWATCH_MAX_TEXT_CHARS", DEFAULT_MAX_TEXT_CHARS)


def max_run_chars() -> int:
    return limit("BLOCWATCH_MAX_RUN_CHARS", DEFAULT_MAX_RUN_CHARS)


def progress_seconds() -> float:
    """Seconds between progress lines off a terminal ($BLOCWATCH_PROGRESS_SECONDS, default 10)."""
    try:
        return max(float(os.environ.get("BLOCWATCH_PROGRESS_SECONDS", "10")), 0.1)
    except ValueError:
        return 10.0
