"""Why a test is skipped: one reason, in the same words, per cause (a fresh clone without
``../shared`` or a PostgreSQL server then reports a few reasons, not dozens of wordings)."""

from __future__ import annotations

#: The shared material (real news, gold coding, UN votes) beside the clone, as CI has it.
NO_SHARED = "../shared is not beside the project (the shared corpus, gold and UN vote data; CI puts it next to the clone)"
NO_POSTGRES = "BLOCWATCH_TEST_PG is not set: PostgreSQL tests skipped"
NO_CAPSH = "cannot drop root's file powers here (no capsh)"
ROOT_READS_ANY_FILE = "root reads any file: no permission error to test"
