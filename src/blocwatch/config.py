"""Locations and limits, each overridable by an environment variable."""

from __future__ import annotations

import os
from pathlib import Path

#: Largest document read, in bytes (BLOCWATCH_MAX_BYTES); larger files are refused.
DEFAULT_MAX_BYTES = 50 * 1024 * 1024


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
