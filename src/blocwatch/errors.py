"""The exception tree. Every error a user can cause derives from BlocwatchError;
the CLI prints ``str(exc)`` as one line and never a traceback for these.

    BlocwatchError
    ├── UsageError                  bad arguments or options (exit status 2)
    ├── InputError                  a document cannot be read; carries .path
    │   ├── EmptyDocumentError
    │   ├── UnsupportedFormatError
    │   ├── DocumentTooLargeError
    │   └── DocumentDecodeError     broken, encrypted or binary-in-disguise files
    ├── StoreError                  the database
    │   ├── DatabaseLockedError     another process holds the DuckDB file
    │   ├── NotADatabaseError       a corrupt or foreign file given as --db
    │   └── SchemaVersionError      a database newer than this blocwatch
    ├── DataError                   reference or imported data fail validation
    │   └── VoteDataError           UNGA vote files (names file and line)
    ├── FetchError                  a download failed (no network, bad checksum)
    ├── AnalysisError               a measure cannot be computed (no votes, too few)
    └── UnknownCountryError         a country no data knows (a UsageError and an AnalysisError:
                                    exit status 2 in every command)
"""

from __future__ import annotations

import os
from pathlib import Path

_CONTROL = {code: f"\\x{code:02x}" for code in range(32)} | {ord("\n"): "\\n", ord("\r"): "\\r",
                                                           ord("\t"): "\\t", 127: "\\x7f"}


def printable_path(path: str | Path) -> str:
    """A file name as valid UTF-8 on one line: bytes that are not UTF-8 (``caf\\xe9.txt``, which
    Python holds as surrogates) and control characters (a newline) written as backslash
    escapes. Stored documents, failures, messages and JSON output use this form; reading
    uses the real name."""
    text = os.fsencode(path).decode("utf-8", "backslashreplace") if isinstance(path, str) else \
        os.fsencode(str(path)).decode("utf-8", "backslashreplace")
    return text.translate(_CONTROL)


class BlocwatchError(Exception):
    """Base of every error blocwatch raises on purpose."""


class UsageError(BlocwatchError):
    """Bad command-line usage or API arguments."""


class InputError(BlocwatchError):
    """A document could not be read. ``str()`` names the file and the reason."""

    def __init__(self, path: str | Path, reason: str) -> None:
        self.path = printable_path(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class EmptyDocumentError(InputError):
    pass


class UnsupportedFormatError(InputError):
    pass


class DocumentTooLargeError(InputError):
    pass


class DocumentDecodeError(InputError):
    pass


class StoreError(BlocwatchError):
    pass


class DatabaseLockedError(StoreError):
    pass


class NotADatabaseError(StoreError):
    pass


class SchemaVersionError(StoreError):
    pass


class DataError(BlocwatchError):
    pass


class VoteDataError(DataError):
    """A vote file failed validation; ``str()`` names the file and line."""


class FetchError(BlocwatchError):
    pass


class AnalysisError(BlocwatchError):
    pass


class UnknownCountryError(UsageError, AnalysisError):
    """A country name or code that matches nothing: bad usage (exit status 2) wherever it
    is given, and still an AnalysisError for code that catches those."""
