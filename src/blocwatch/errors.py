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
    └── AnalysisError               a measure cannot be computed (unknown country, no votes)
"""

from __future__ import annotations

from pathlib import Path


class BlocwatchError(Exception):
    """Base of every error blocwatch raises on purpose."""


class UsageError(BlocwatchError):
    """Bad command-line usage or API arguments."""


class InputError(BlocwatchError):
    """A document could not be read. ``str()`` names the file and the reason."""

    def __init__(self, path: str | Path, reason: str) -> None:
        self.path = str(path)
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
